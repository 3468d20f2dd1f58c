package groups

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// Timeline is how the brokers of one group change over the periods its
// ties carry (dates of an edge list are years): per period, the brokers
// that `groups --group G --years P` reports.
type Timeline struct {
	Dataset string `json:"dataset"`
	Group   string `json:"group"`
	Name    string `json:"name"`
	// Weighted says the betweenness took tie weights as strengths (as
	// Report.Weighted).
	Weighted bool `json:"weighted"`
	// Top is how many brokers of each period Brokers follow (0: every
	// broker).
	Top int `json:"top"`
	// Within is the period the periods were kept to (--years), when set.
	Within *graph.Period `json:"within,omitempty"`
	// Dated and Undated count the group's ties with and without a period;
	// undated ties count in every period.
	Dated   int `json:"dated_ties"`
	Undated int `json:"undated_ties"`
	// Periods are the distinct periods of the group's ties, by start then
	// end.
	Periods []PeriodBrokers `json:"periods"`
	// Brokers are the persons among the Top brokers of at least one
	// period, highest peak betweenness first (ties by id), with their
	// betweenness and rank in every period.
	Brokers []BrokerSeries `json:"brokers"`
}

// PeriodBrokers is the member graph of one period: its ties (distinct
// pairs), the members with a tie, how the betweenness was computed, and
// who rose and fell most since the period before (nil in the first
// period, and when nobody's betweenness went that way).
type PeriodBrokers struct {
	Period graph.Period `json:"period"`
	Ties   int          `json:"ties"`
	Active int          `json:"active_members"`
	Method string       `json:"betweenness_method"`
	Rise   *Move        `json:"rise,omitempty"`
	Fall   *Move        `json:"fall,omitempty"`
}

// Move is a member's betweenness in the period before and in this one.
type Move struct {
	Person string  `json:"person"`
	Before float64 `json:"betweenness_before"`
	After  float64 `json:"betweenness_after"`
}

// BrokerSeries is one member's betweenness in every period of a
// Timeline, their rank among that period's brokers (1 the highest, ties
// by person id; 0 when their betweenness is 0), and the change from the
// first period to the last.
type BrokerSeries struct {
	Person      string    `json:"person"`
	Betweenness []float64 `json:"betweenness"`
	Rank        []int     `json:"rank"`
	Change      float64   `json:"change"`
}

// TiePeriods are the distinct periods of mg's ties, by start then end
// (none when no tie carries one).
func TiePeriods(mg *MemberGraph) []graph.Period {
	var out []graph.Period
	for _, t := range mg.Ties {
		if !t.Period.IsZero() {
			out = append(out, t.Period)
		}
	}
	slices.SortFunc(out, func(a, b graph.Period) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To)) })
	return slices.Compact(out)
}

// TimelineOptions say how BrokersOverTime computes and keeps brokers.
type TimelineOptions struct {
	// Unweighted and Exact are as in Options; Top keeps the first Top
	// brokers of each period (0: all).
	Unweighted, Exact bool
	Top               int
	// Within, when set, keeps only the periods inside it.
	Within graph.Period
}

// BrokersOverTime returns the Timeline of group in ds: for every
// distinct period P of its ties (inside opt.Within), the betweenness of
// every member on the ties observed within P and the undated ones
// (MemberGraphsDuring), weighted as Reports weighs it, so that each
// period's brokers are those of Reports with Options.Period P. An
// unknown group is an error wrapping ErrUnknown; a group without dated
// ties has no periods.
//
// The time complexity is P times that of the group's betweenness
// (O(V·E·log V) weighted) plus O(P·(M+T)) to build the member graphs,
// for P periods.
func BrokersOverTime(ctx context.Context, ds *graph.Dataset, group string, opt TimelineOptions) (*Timeline, error) {
	mg := memberGraphOf(ds, group, graph.Period{})
	if mg == nil {
		return nil, fmt.Errorf("%w %q", ErrUnknown, group)
	}
	tl := &Timeline{Dataset: ds.Name, Group: group, Name: mg.Group.Name, Top: opt.Top, Periods: []PeriodBrokers{}, Brokers: []BrokerSeries{}}
	if !opt.Within.IsZero() {
		w := opt.Within
		tl.Within = &w
	}
	for _, t := range mg.Ties {
		if t.Period.IsZero() {
			tl.Undated++
		} else {
			tl.Dated++
		}
	}
	var periods []graph.Period
	for _, p := range TiePeriods(mg) {
		if opt.Within.Contains(p) {
			periods = append(periods, p)
		}
	}
	n := len(mg.Members)
	values := make([][]float64, len(periods)) // by period, by member
	for i, p := range periods {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pg := memberGraphOf(ds, group, p)
		weighted := pg.Weighted && !opt.Unweighted
		tl.Weighted = tl.Weighted || weighted
		bc, method, err := brokerValues(ctx, pg.Adj, pg.W, weighted, opt.Exact, 0)
		if err != nil {
			return nil, err
		}
		active := 0
		for _, l := range pg.Adj {
			if len(l) > 0 {
				active++
			}
		}
		values[i] = bc
		pb := PeriodBrokers{Period: p, Ties: pg.Edges(), Active: active, Method: method}
		if i > 0 {
			pb.Rise, pb.Fall = moves(mg, values[i-1], bc)
		}
		tl.Periods = append(tl.Periods, pb)
	}
	ranks := make([][]int, len(periods))
	follow := map[int]bool{}
	for i, bc := range values {
		order := make([]int, 0, n)
		for v, b := range bc {
			if b > 0 {
				order = append(order, v)
			}
		}
		slices.SortFunc(order, func(a, b int) int {
			return cmp.Or(cmp.Compare(bc[b], bc[a]), strings.Compare(mg.Members[a].ID, mg.Members[b].ID))
		})
		ranks[i] = make([]int, n)
		for r, v := range order {
			ranks[i][v] = r + 1
			if opt.Top == 0 || r < opt.Top {
				follow[v] = true
			}
		}
	}
	peak := make([]float64, n)
	for v := range follow {
		s := BrokerSeries{Person: mg.Members[v].ID, Betweenness: make([]float64, len(periods)), Rank: make([]int, len(periods))}
		for i := range periods {
			s.Betweenness[i], s.Rank[i] = values[i][v], ranks[i][v]
			peak[v] = max(peak[v], values[i][v])
		}
		s.Change = s.Betweenness[len(periods)-1] - s.Betweenness[0]
		tl.Brokers = append(tl.Brokers, s)
	}
	slices.SortFunc(tl.Brokers, func(a, b BrokerSeries) int {
		va, _ := mg.ID(a.Person)
		vb, _ := mg.ID(b.Person)
		return cmp.Or(cmp.Compare(peak[vb], peak[va]), strings.Compare(a.Person, b.Person))
	})
	return tl, nil
}

// moves are the members whose betweenness rose and fell most from before
// to after (ties by person id), nil when none did.
func moves(mg *MemberGraph, before, after []float64) (rise, fall *Move) {
	for v, p := range mg.Members {
		d := after[v] - before[v]
		m := &Move{p.ID, before[v], after[v]}
		if d > 0 && (rise == nil || d > rise.After-rise.Before) {
			rise = m
		}
		if d < 0 && (fall == nil || d < fall.After-fall.Before) {
			fall = m
		}
	}
	return rise, fall
}

// memberGraphOf is the member graph of group within period (nil when ds
// has no such group).
func memberGraphOf(ds *graph.Dataset, group string, period graph.Period) *MemberGraph {
	for _, mg := range MemberGraphsDuring(ds, period) {
		if mg.Group.ID == group {
			return mg
		}
	}
	return nil
}
