package graph

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
	Reason   string   `json:"reason"`
	Rows     int      `json:"rows"`
	Victims  Count    `json:"victims"`
	Examples []string `json:"examples"`
	// exampleVictims are the victims of each example, to keep the largest.
	exampleVictims []Count
}

// maxSetAsideExamples is how many examples a reason keeps.
const maxSetAsideExamples = 5

// example keeps text, of a row with victims, if it is among the largest;
// rows seen earlier come first among equals.
func (r *SetAsideReason) example(text string, victims Count) {
	if text == "" {
		return
	}
	i := len(r.Examples)
	for i > 0 && r.victimsOf(i-1) < victims {
		i--
	}
	if i >= maxSetAsideExamples {
		return
	}
	for len(r.exampleVictims) < len(r.Examples) {
		r.exampleVictims = append(r.exampleVictims, 0)
	}
	r.Examples = append(r.Examples[:i], append([]string{text}, r.Examples[i:]...)...)
	r.exampleVictims = append(r.exampleVictims[:i], append([]Count{victims}, r.exampleVictims[i:]...)...)
	if len(r.Examples) > maxSetAsideExamples {
		r.Examples, r.exampleVictims = r.Examples[:maxSetAsideExamples], r.exampleVictims[:maxSetAsideExamples]
	}
}

func (r *SetAsideReason) victimsOf(i int) Count {
	if i < len(r.exampleVictims) {
		return r.exampleVictims[i]
	}
	return 0
}

// Add counts one set-aside row under reason, with its victims (0 when not
// known) and an example text (file:line and the offending value).
func (s *SetAside) Add(reason string, victims Count, example string) {
	s.Rows++
	s.Victims += victims
	for i := range s.Reasons {
		r := &s.Reasons[i]
		if r.Reason == reason {
			r.Rows++
			r.Victims += victims
			r.example(example, victims)
			return
		}
	}
	r := SetAsideReason{Reason: reason, Rows: 1, Victims: victims}
	r.example(example, victims)
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
				for j, e := range r.Examples {
					s.Reasons[i].example(e, r.victimsOf(j))
				}
				found = true
				break
			}
		}
		if !found {
			n := SetAsideReason{Reason: r.Reason, Rows: r.Rows, Victims: r.Victims}
			for j, e := range r.Examples {
				n.example(e, r.victimsOf(j))
			}
			s.Reasons = append(s.Reasons, n)
		}
	}
	s.Rows += o.Rows
	s.Victims += o.Victims
}
