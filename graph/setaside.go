package graph

import "strconv"

// SetAside accounts for the input rows a reader did not turn into records:
// how many, their victims where known, and why. Nothing an analyst brings is
// dropped silently: every output carries this next to its results.
type SetAside struct {
	Rows    int              `json:"rows"`
	Victims Count            `json:"victims"`
	Reasons []SetAsideReason `json:"reasons"`
}

// SetAsideReason is one reason rows were set aside, with the largest
// examples (by victims, then by file position).
type SetAsideReason struct {
	Reason   string            `json:"reason"`
	Rows     int               `json:"rows"`
	Victims  Count             `json:"victims"`
	Examples []SetAsideExample `json:"examples"`
}

// SetAsideExample is one row set aside: where it is, the offending value,
// and its victims when known (a Count, so --min-count hides it like any
// other).
type SetAsideExample struct {
	// At is file:line.
	At   string `json:"at"`
	Text string `json:"text"`
	// Victims is nil when the row's count is not known.
	Victims *Count `json:"victims"`
}

// NewSetAsideExample is the example of the row at (file:line) holding
// text, with its victims.
func NewSetAsideExample(at, text string, victims Count) *SetAsideExample {
	return &SetAsideExample{At: at, Text: text, Victims: &victims}
}

// String is "file:line: text (victims)".
func (e SetAsideExample) String() string {
	return e.Format(func(c Count) string { return strconv.FormatInt(int64(c), 10) })
}

// Format writes the example with num writing its victims.
func (e SetAsideExample) Format(num func(Count) string) string {
	s := e.At + ": " + e.Text
	if e.Victims != nil {
		s += " (" + num(*e.Victims) + ")"
	}
	return s
}

func (e SetAsideExample) victims() Count {
	if e.Victims == nil || e.Victims.IsHidden() {
		return 0
	}
	return *e.Victims
}

// maxSetAsideExamples is how many examples a reason keeps.
const maxSetAsideExamples = 5

// example keeps ex if it is among the largest; rows seen earlier come
// first among equals.
func (r *SetAsideReason) example(ex *SetAsideExample) {
	if ex == nil {
		return
	}
	i := len(r.Examples)
	for i > 0 && r.Examples[i-1].victims() < ex.victims() {
		i--
	}
	if i >= maxSetAsideExamples {
		return
	}
	r.Examples = append(r.Examples[:i], append([]SetAsideExample{*ex}, r.Examples[i:]...)...)
	if len(r.Examples) > maxSetAsideExamples {
		r.Examples = r.Examples[:maxSetAsideExamples]
	}
}

// Add counts one set-aside row under reason, with its victims (0 when not
// known) and an example (nil: none).
func (s *SetAside) Add(reason string, victims Count, example *SetAsideExample) {
	s.Rows++
	s.Victims += victims
	for i := range s.Reasons {
		r := &s.Reasons[i]
		if r.Reason == reason {
			r.Rows++
			r.Victims += victims
			r.example(example)
			return
		}
	}
	r := SetAsideReason{Reason: reason, Rows: 1, Victims: victims}
	r.example(example)
	s.Reasons = append(s.Reasons, r)
}

// Merge adds the rows of o to s.
func (s *SetAside) Merge(o SetAside) {
	for _, r := range o.Reasons {
		found := false
		for i := range s.Reasons {
			if s.Reasons[i].Reason == r.Reason {
				s.Reasons[i].Rows += r.Rows
				s.Reasons[i].Victims += r.Victims
				for _, e := range r.Examples {
					s.Reasons[i].example(&e)
				}
				found = true
				break
			}
		}
		if !found {
			n := SetAsideReason{Reason: r.Reason, Rows: r.Rows, Victims: r.Victims}
			for _, e := range r.Examples {
				n.example(&e)
			}
			s.Reasons = append(s.Reasons, n)
		}
	}
	s.Rows += o.Rows
	s.Victims += o.Victims
}
