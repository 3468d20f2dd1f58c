package groups

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/ingest"
)

// Query is the groups command's question: which groups, with the flows
// of which filter.
type Query struct {
	// Filter restricts the flows the groups operate (not their members);
	// a zero filter counts every flow.
	Filter graph.Filter
	// Group keeps only the group of this id; Country (an alpha-2 code)
	// only the groups operating there. Run trims spaces around Group.
	Group   string
	Country string
	// Brokers keeps the first Brokers brokers of each group (0: all).
	Brokers int
}

// Check validates the query.
func (q *Query) Check() error {
	if q.Brokers < 0 {
		return graph.OptionErrorf("brokers", "%d: want 0 (all) or more", q.Brokers)
	}
	if q.Group != "" && strings.TrimSpace(q.Group) == "" {
		return graph.OptionErrorf("group", "empty group id")
	}
	return nil
}

// Result is the structure of the selected groups of a dataset.
type Result struct {
	Dataset string `json:"dataset"`
	Group   string `json:"group,omitempty"`
	Country string `json:"country,omitempty"`
	// Filter is the filter of the flows, when one is given.
	Filter *graph.FilterJSON `json:"filter,omitempty"`
	Groups []Report          `json:"groups"`
	// Shared are the persons listed in more than one group of the dataset.
	Shared []ingest.Shared `json:"shared_persons"`
	// FilterText is the flows' filter in words ("" without one);
	// CountryName the name of Country.
	FilterText  string `json:"-"`
	CountryName string `json:"-"`
}

// Run checks the query and reports on the groups of ds it selects. An
// unknown Group is an *graph.OptionError that wraps ErrUnknown.
func (q Query) Run(ctx context.Context, ds *graph.Dataset) (*Result, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	q.Group = strings.TrimSpace(q.Group)
	opt := Options{Group: q.Group, Country: q.Country}
	res := &Result{Dataset: ds.Name, Group: q.Group, Country: q.Country}
	if !q.Filter.IsZero() {
		lg, err := graph.NewLegGraph(ds, q.Filter)
		if err != nil {
			return nil, err
		}
		opt.Flows = lg.Flows
		if opt.Flows == nil {
			opt.Flows = []*graph.Flow{}
		}
		j := q.Filter.JSON()
		res.Filter, res.FilterText = &j, lg.Filter.String()
	}
	reps, err := Reports(ctx, ds, opt)
	if errors.Is(err, ErrUnknown) {
		return nil, &graph.OptionError{Option: "group", Err: fmt.Errorf("%w (the dataset has %d groups; run groups without --group to list them)", err, len(ds.Groups))}
	}
	if err != nil {
		return nil, err
	}
	if q.Brokers > 0 {
		for i := range reps {
			if b := reps[i].Brokers; len(b) > q.Brokers {
				reps[i].Brokers = b[:q.Brokers]
			}
		}
	}
	res.Groups = reps
	if res.Shared = ingest.SharedPersons(ds); res.Shared == nil {
		res.Shared = []ingest.Shared{}
	}
	if c, ok := ds.Countries[q.Country]; ok {
		res.CountryName = c.Name
	}
	return res, nil
}

// Suppress: a group's victims are the sum of its victims by origin.
// (Members by nationality are persons, not victims, and stay shown.)
func (r *Report) Suppress(s *privacy.State) {
	parts := make([]*graph.Count, len(r.VictimOrigins))
	for i := range r.VictimOrigins {
		parts[i] = &r.VictimOrigins[i].Count
	}
	s.Complement(&r.Victims, parts...)
}
