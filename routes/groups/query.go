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
	// Unweighted ignores tie weights (brokers by hop counts).
	Unweighted bool
	// Remove (persons to arrest) or Disrupt (the most persons to choose,
	// KeyPlayers) ask for the Disruption of Group; they need Group and
	// exclude each other.
	Remove  []string
	Disrupt int
	// ByPeriod asks for the Timeline of Group (Query.Timeline) instead
	// of its report; it needs Group and excludes Remove and Disrupt.
	ByPeriod bool
}

// Check validates the query.
func (q *Query) Check() error {
	if q.Brokers < 0 {
		return graph.OptionErrorf("brokers", "%d: want 0 (all) or more", q.Brokers)
	}
	if q.Group != "" && strings.TrimSpace(q.Group) == "" {
		return graph.OptionErrorf("group", "empty group id")
	}
	if q.Disrupt < 0 {
		return graph.OptionErrorf("disrupt", "%d: want 1 or more persons to remove", q.Disrupt)
	}
	for _, p := range q.Remove {
		if strings.TrimSpace(p) == "" {
			return graph.OptionErrorf("remove", "empty person id")
		}
	}
	switch {
	case q.ByPeriod && strings.TrimSpace(q.Group) == "":
		return graph.OptionErrorf("by-period", "needs --group (the group whose brokers are followed)")
	case q.ByPeriod && q.Country != "":
		return graph.OptionErrorf("by-period", "follows one group (--group); --country selects groups, leave it out")
	case q.ByPeriod && (len(q.Remove) > 0 || q.Disrupt > 0):
		return graph.OptionErrorf("by-period", "give either --by-period or --remove/--disrupt, not both")
	case len(q.Remove) > 0 && q.Disrupt > 0:
		return graph.OptionErrorf("disrupt", "give either --remove or --disrupt, not both")
	case (len(q.Remove) > 0 || q.Disrupt > 0) && strings.TrimSpace(q.Group) == "":
		opt := "remove"
		if q.Disrupt > 0 {
			opt = "disrupt"
		}
		return graph.OptionErrorf(opt, "needs --group (the group whose members are removed)")
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
	// origin is the origin of each flow record by id (for Suppress),
	// made from ds when first needed: only under a privacy policy.
	origin map[string]string
	ds     *graph.Dataset
}

// Run checks the query and reports on the groups of ds it selects. An
// unknown Group is an *graph.OptionError that wraps ErrUnknown.
func (q Query) Run(ctx context.Context, ds *graph.Dataset) (*Result, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	q.Group = strings.TrimSpace(q.Group)
	opt := Options{Group: q.Group, Country: q.Country, Unweighted: q.Unweighted, Period: q.Filter.Period}
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
	if (len(q.Remove) > 0 || q.Disrupt > 0) && len(reps) == 1 {
		var remove []string
		for _, p := range q.Remove {
			remove = append(remove, strings.TrimSpace(p))
		}
		for _, mg := range MemberGraphsDuring(ds, opt.Period) {
			if mg.Group.ID != q.Group {
				continue
			}
			before := map[string]float64{}
			for _, b := range reps[0].Brokers {
				before[b.Person] = b.Betweenness
			}
			d, err := Disrupt(ctx, mg, remove, q.Disrupt, DisruptOptions{Unweighted: q.Unweighted, Top: q.Brokers, Before: before})
			if errors.Is(err, ErrUnknownPerson) {
				return nil, &graph.OptionError{Option: "remove", Err: err}
			}
			if err != nil {
				return nil, err
			}
			reps[0].Disruption = d
			break
		}
	}
	if q.Brokers > 0 {
		for i := range reps {
			if b := reps[i].Brokers; len(b) > q.Brokers {
				reps[i].Brokers = b[:q.Brokers]
			}
		}
	}
	res.Groups, res.ds = reps, ds
	if res.Shared = ingest.SharedPersons(ds); res.Shared == nil {
		res.Shared = []ingest.Shared{}
	}
	if c, ok := ds.Countries[q.Country]; ok {
		res.CountryName = c.Name
	}
	return res, nil
}

// Timeline checks the query and returns how the brokers of Group change
// over the periods of its ties (BrokersOverTime), keeping the periods
// inside the filter's period and the first Brokers brokers of each.
func (q Query) Timeline(ctx context.Context, ds *graph.Dataset) (*Timeline, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	if !q.ByPeriod {
		return nil, graph.OptionErrorf("by-period", "not asked for")
	}
	q.Group = strings.TrimSpace(q.Group)
	tl, err := BrokersOverTime(ctx, ds, q.Group, TimelineOptions{Unweighted: q.Unweighted, Top: q.Brokers, Within: q.Filter.Period})
	if errors.Is(err, ErrUnknown) {
		return nil, &graph.OptionError{Option: "group", Err: fmt.Errorf("%w (the dataset has %d groups; run groups without --group to list them)", err, len(ds.Groups))}
	}
	return tl, err
}

// complement applies complementary suppression to a group's victims and
// its victims by origin (their sum); it reports whether it hid anything.
func (r *Report) complement(s *privacy.State) bool {
	parts := make([]*graph.Count, len(r.VictimOrigins))
	for i := range r.VictimOrigins {
		parts[i] = &r.VictimOrigins[i].Count
	}
	return s.Complement(&r.Victims, parts...)
}

// Suppress hides what a hidden victim count of a group would give away.
// Its cells are each group's victims and its victims by origin (members
// by nationality are persons, not victims, and stay shown).
//
//   - Within a group: the victims are the sum of the victims by origin,
//     so one hidden origin beside a shown total hides another
//     (complementary suppression).
//   - Across groups: a flow record named by two groups counts in both,
//     and their flow lists are shown, so a hidden cell of one group could
//     be a shown cell of another minus its other records. A shown cell
//     that holds a record of another group's cell hidden as small, or
//     hidden by complement, is hidden too (the records of a cell hidden
//     by this rule only are not, so the rule does not spread along every
//     shared record); then the complements are applied again, until
//     nothing changes.
//
// Groups that share no record are only touched by their own complement.
func (r *Result) Suppress(s *privacy.State) {
	if r.origin == nil {
		r.origin = map[string]string{}
		for _, g := range r.Groups {
			for _, id := range g.Flows {
				r.origin[id] = ""
			}
		}
		if r.ds != nil {
			for i := range r.ds.Flows {
				if _, ok := r.origin[r.ds.Flows[i].ID]; ok {
					r.origin[r.ds.Flows[i].ID] = r.ds.Flows[i].Origin
				}
			}
		}
	}
	type cell struct {
		group int
		count *graph.Count
		flows []string
	}
	var cells []cell
	for gi := range r.Groups {
		g := &r.Groups[gi]
		cells = append(cells, cell{gi, &g.Victims, g.Flows})
		for oi := range g.VictimOrigins {
			var flows []string
			for _, id := range g.Flows {
				if r.origin[id] == g.VictimOrigins[oi].Country {
					flows = append(flows, id)
				}
			}
			cells = append(cells, cell{gi, &g.VictimOrigins[oi].Count, flows})
		}
	}
	shared := map[*graph.Count]bool{} // hidden for a record shared with another group
	for changed := true; changed; {
		changed = false
		hiddenIn := map[string][]int{} // record id -> groups where a cell of it is hidden
		for _, c := range cells {
			if c.count.IsHidden() && !shared[c.count] {
				for _, id := range c.flows {
					hiddenIn[id] = append(hiddenIn[id], c.group)
				}
			}
		}
	next:
		for _, c := range cells {
			if c.count.IsHidden() || *c.count == 0 {
				continue
			}
			for _, id := range c.flows {
				for _, gi := range hiddenIn[id] {
					if gi != c.group {
						s.Hide(c.count)
						shared[c.count] = true
						changed = true
						continue next
					}
				}
			}
		}
		for gi := range r.Groups {
			changed = r.Groups[gi].complement(s) || changed
		}
	}
}
