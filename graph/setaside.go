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
}

// maxSetAsideExamples is how many examples a reason keeps.
const maxSetAsideExamples = 5

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
			if len(r.Examples) < maxSetAsideExamples && example != "" {
				r.Examples = append(r.Examples, example)
			}
			return
		}
	}
	r := SetAsideReason{Reason: reason, Rows: 1, Victims: victims}
	if example != "" {
		r.Examples = []string{example}
	}
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
					if len(s.Reasons[i].Examples) < maxSetAsideExamples {
						s.Reasons[i].Examples = append(s.Reasons[i].Examples, e)
					}
				}
				found = true
				break
			}
		}
		if !found {
			s.Reasons = append(s.Reasons, SetAsideReason{r.Reason, r.Rows, r.Victims, append([]string(nil), r.Examples...)})
		}
	}
	s.Rows += o.Rows
	s.Victims += o.Victims
}
