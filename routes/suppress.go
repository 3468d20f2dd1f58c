package routes

import (
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
)

// Suppress hides what the diversion's hidden counts would give away:
// a transit change's before, after and delta go together (any two give
// the third); affected = rerouted + deterred + disrupted; the reroutes'
// victims add up to rerouted + disrupted and their deterred to deterred.
func (d *Diversion) Suppress(s *privacy.State) {
	for i := range d.Countries {
		c := &d.Countries[i]
		s.HideAllIfAny(&c.TransitBefore, &c.TransitAfter, &c.Delta)
	}
	s.Complement(&d.Affected, &d.Rerouted, &d.Deterred, &d.Disrupted)
	moved := make([]*graph.Count, len(d.Reroutes))
	deterred := make([]*graph.Count, len(d.Reroutes))
	for i := range d.Reroutes {
		moved[i], deterred[i] = &d.Reroutes[i].Victims, &d.Reroutes[i].Deterred
	}
	s.ComplementSum([]*graph.Count{&d.Rerouted, &d.Disrupted}, moved)
	s.Complement(&d.Deterred, deterred...)
	s.Complement(&d.Disrupted, &d.DisruptedByCapacity)
}

// Suppress: affected = rerouted + deterred + disrupted.
func (e *SweepEntry) Suppress(s *privacy.State) {
	s.Complement(&e.Affected, &e.Rerouted, &e.Deterred, &e.Disrupted)
}

// Suppress: affected = rerouted + deterred + disrupted, and the gains are
// differences of running totals that add up to the disrupted victims;
// when any gain or running total is hidden, all of them are.
func (in *Interdiction) Suppress(s *privacy.State) {
	s.Complement(&in.Affected, &in.Rerouted, &in.Deterred, &in.Disrupted)
	var cs []*graph.Count
	for i := range in.Gains {
		cs = append(cs, &in.Gains[i].Gain, &in.Gains[i].Disrupted)
	}
	if s.HideAllIfAny(cs...) {
		parts := make([]*graph.Count, len(in.Gains))
		for i := range in.Gains {
			parts[i] = &in.Gains[i].Gain
		}
		s.Complement(&in.Disrupted, parts...)
	}
}
