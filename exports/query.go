package exports

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// MapQuery is a route map: the records under Filter, the legs Options
// select, drawn with MapOptions, as a what-if when Divert is set, in
// Format (dot, svg or png). The export command and the API's map.svg and
// map.png both run it.
type MapQuery struct {
	Filter  graph.Filter
	Options Options
	Map     MapOptions
	// Divert, when set, draws the what-if of removing its countries.
	Divert *routes.DivertOptions
	Format string
}

// Check validates the query.
func (q *MapQuery) Check() error {
	if !slices.Contains([]string{"dot", "svg", "png"}, q.Format) {
		return &routes.OptionError{Option: "as", Err: fmt.Errorf("%q: a map is dot, svg or png", q.Format)}
	}
	if !slices.Contains(MapLayouts, q.Map.Layout) {
		return &routes.OptionError{Option: "layout", Err: fmt.Errorf("%q: want one of %v", q.Map.Layout, MapLayouts)}
	}
	if q.Map.Aggregate != "" && !slices.Contains(Aggregates, q.Map.Aggregate) {
		return &routes.OptionError{Option: "aggregate", Err: fmt.Errorf("%q: want one of %v", q.Map.Aggregate, Aggregates)}
	}
	if w := q.Map.Width; w != 0 && (w < MinMapWidth || w > MaxMapWidth) {
		return &routes.OptionError{Option: "width", Err: fmt.Errorf("%d: want 0 (1,000) or %d to %d points", w, MinMapWidth, MaxMapWidth)}
	}
	if q.Map.Labels < -1 {
		return &routes.OptionError{Option: "labels", Err: fmt.Errorf("%d: want -1 (none), 0 (default 10) or more", q.Map.Labels)}
	}
	if q.Options.Top < 0 {
		return &routes.OptionError{Option: "top", Err: fmt.Errorf("%d: want 0 (all legs) or more", q.Options.Top)}
	}
	if q.Options.K < 1 {
		return &routes.OptionError{Option: "k", Err: fmt.Errorf("%d: want at least 1", q.Options.K)}
	}
	if (q.Options.From == "") != (q.Options.To == "") {
		return &routes.OptionError{Option: "from", Err: fmt.Errorf("give both from and to, or neither")}
	}
	return nil
}

// DrawView draws the map of view, the view Select, SelectStream or
// SelectSums made of the leg graph under q.Filter with q.Options, and
// div, the diversion of q.Divert on that leg graph (nil without
// q.Divert): the CLI computes both for one map, serve keeps them between
// maps. Neither is modified. ErrNoRecords when no record passes the
// filter.
func (q MapQuery) DrawView(ctx context.Context, view *View, div *routes.Diversion) ([]byte, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	if (q.Divert == nil) != (div == nil) {
		return nil, fmt.Errorf("%w: a diversion is drawn with Divert set, and only then", ErrBadOptions)
	}
	mo := q.Map
	mo.Diversion = div
	dot, err := Map(view, mo)
	if err != nil || q.Format == "dot" {
		return dot, err
	}
	return Render(ctx, dot, q.Format)
}

// GroupDiagram draws the network of the trafficker group id of ds in
// format (dot, svg, png or graphml); with remove (person ids), the
// what-if of their arrest: they are crossed out and the fragments left
// drawn in different colours (GroupDOT). groups.ErrUnknown when ds has no
// such group; an unknown person is a *graph.OptionError.
func GroupDiagram(ctx context.Context, ds *graph.Dataset, id, format string, remove ...string) ([]byte, error) {
	res, err := groups.Query{Group: id, Remove: remove}.Run(ctx, ds)
	if err != nil {
		return nil, err
	}
	reps := res.Groups
	// groups.Reports found the group, so it is among the member graphs.
	all := groups.MemberGraphs(ds)
	mg := all[slices.IndexFunc(all, func(m *groups.MemberGraph) bool { return m.Group.ID == id })]
	if format == "graphml" {
		var b bytes.Buffer
		err := GroupGraphML(&b, mg, &reps[0])
		return b.Bytes(), err
	}
	dot := GroupDOT(ds, mg, &reps[0])
	if format == "dot" {
		return dot, nil
	}
	return Render(ctx, dot, format)
}
