package briefing

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// timelines are the Timelines of the largest MaxTimelines groups of ds
// whose ties carry periods inside within (most members first, ties by
// id), following the TimelineTop brokers of each period, and how many
// such groups are left out.
func timelines(ctx context.Context, ds *graph.Dataset, within graph.Period) ([]*groups.Timeline, int, error) {
	var dated []*groups.MemberGraph
	for _, mg := range groups.MemberGraphs(ds) {
		if slices.ContainsFunc(groups.TiePeriods(mg), within.Contains) {
			dated = append(dated, mg)
		}
	}
	slices.SortStableFunc(dated, func(a, b *groups.MemberGraph) int {
		return cmp.Or(cmp.Compare(len(b.Members), len(a.Members)), strings.Compare(a.Group.ID, b.Group.ID))
	})
	more := max(0, len(dated)-MaxTimelines)
	var out []*groups.Timeline
	for _, mg := range dated[:len(dated)-more] {
		tl, err := groups.BrokersOverTime(ctx, ds, mg.Group.ID, groups.TimelineOptions{Top: TimelineTop, Within: within})
		if err != nil {
			return nil, 0, err
		}
		out = append(out, tl)
	}
	return out, more, nil
}

// TimelineTop is the constant TimelineTop, for the template.
func (b *Briefing) TimelineTop() int { return TimelineTop }

// brokerCell is a broker's betweenness and rank in period i, or a dash
// when they were no broker then.
func brokerCell(s groups.BrokerSeries, i int) string {
	if s.Rank[i] == 0 {
		return "–"
	}
	return fmt.Sprintf("%.3f (#%d)", s.Betweenness[i], s.Rank[i])
}

// moveText is who rose or fell, from what to what; a dash for nobody.
func moveText(m *groups.Move) string {
	if m == nil {
		return "–"
	}
	return fmt.Sprintf("%s %.3f → %.3f", m.Person, m.Before, m.After)
}
