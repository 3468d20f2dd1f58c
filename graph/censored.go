package graph

// Censored says how the counts a source wrote as "<K" (censored for
// confidentiality: somewhere from 1 to K-1) were taken. Every output that
// shows victims says it, so an analyst can trace a total.
type Censored struct {
	// Cells is how many censored cells the records were made from (under
	// "low" and "high") or set aside for (under "skip").
	Cells int `json:"cells"`
	// Rule is how each was counted: "low" (1), "high" (K-1) or "skip"
	// (set aside, not counted).
	Rule string `json:"rule"`
	// Victims is what the rule counted for them in the records.
	Victims Count `json:"victims"`
}

// Merge adds the cells of o to c (readers of several files).
func (c *Censored) Merge(o Censored) {
	c.Cells += o.Cells
	c.Victims += o.Victims
	if c.Rule == "" {
		c.Rule = o.Rule
	}
}
