package neo4j

import (
	"context"
	"fmt"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tipgraph/tipgraph/graph"
)

// routeFilters are the filters the route tests run under: none, each
// kind alone and all at once.
func routeFilters() []graph.Filter {
	air, labour, detected := graph.Air, graph.Labour, graph.Detected
	return []graph.Filter{{}, {Period: graph.Period{From: 2003, To: 2006}}, {Form: &labour}, {Measure: &detected},
		{Vector: &air}, {Period: graph.Year(2005), Form: &labour, Measure: &detected, Vector: &air}}
}

// wantRoutes groups flows (in dataset order) by route, as the in-memory
// what-if does: the records that pass flt and name every country of
// through, with their victims, records and victims × displacement
// rounded half to even per record, in the order of each route's first
// record.
func wantRoutes(flows []graph.Flow, flt graph.Filter, through []string, displacement float64) []graph.Route {
	var out []graph.Route
	at := map[string]int{}
	for i := range flows {
		f := &flows[i]
		path := f.Path()
		if !flt.Keep(f) || slices.ContainsFunc(through, func(c string) bool { return !slices.Contains(path, c) }) {
			continue
		}
		k := strings.Join(path, "\x00")
		j, ok := at[k]
		if !ok {
			j = len(out)
			at[k] = j
			out = append(out, graph.Route{Path: path})
		}
		out[j].Victims += f.Victims
		out[j].Records++
		out[j].Displaced += int(math.RoundToEven(float64(f.Victims) * displacement))
	}
	return out
}

func byPath(list []graph.Route) []graph.Route {
	out := slices.Clone(list)
	slices.SortFunc(out, func(a, b graph.Route) int { return slices.Compare(a.Path, b.Path) })
	return out
}

// sameRoutes fails unless r's what-if routes and routes through two
// countries equal those of flows under every route filter, at
// displacements that round exact halves (0.5, 0.25) and others.
func sameRoutes(t *testing.T, r *Store, flows []graph.Flow) {
	t.Helper()
	ctx := context.Background()
	// Two busy countries: the first record's origin and destination.
	through := []string{flows[0].Origin, flows[0].Destination}
	for _, flt := range routeFilters() {
		for _, d := range []float64{1, 0.5, 0.25, 0.35} {
			got, err := r.WhatIfRoutes(ctx, flt, d)
			if err != nil {
				t.Fatal(err)
			}
			if want := wantRoutes(flows, flt, nil, d); !reflect.DeepEqual(got, want) {
				t.Errorf("%s, displacement %v: %d what-if routes, want %d (first %v, want %v)", flt, d, len(got), len(want), head(got), head(want))
			}
		}
		for _, codes := range [][]string{through, through[:1], through[1:]} {
			got, err := r.Routes(ctx, flt, codes...)
			if err != nil {
				t.Fatal(err)
			}
			if want := byPath(wantRoutes(flows, flt, codes, 0)); !reflect.DeepEqual(byPath(got), want) {
				t.Errorf("%s: routes through %v: %d, want %d (first %v, want %v)", flt, codes, len(got), len(want), head(byPath(got)), head(want))
			}
		}
	}
}

func head(list []graph.Route) []graph.Route { return list[:min(3, len(list))] }

// withPage runs the test with pages of n routes.
func withPage(t *testing.T, n int) {
	old := routePage
	routePage = n
	t.Cleanup(func() { routePage = old })
}

// The routes of a dataset with route keys, read in pages of 7 routes (so
// that routes meet page ends), are those of its records under every
// filter; so are they from a load without keys (an earlier tipgraph's),
// and from two datasets read together, one with keys and one without,
// where a route of both is summed and ordered by its first record in
// dataset (name) order.
func TestRoutesPaged(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	withPage(t, 7)
	a, b := synthetic(1500, 21), synthetic(800, 22)
	for i := range a.Flows {
		if i%3 == 0 {
			a.Flows[i].Measure = graph.Estimated
		}
		if i%10 == 0 {
			a.Flows[i].Vectors, a.Flows[i].Period = nil, graph.Period{} // no vector, no period
		}
	}
	stA := load(t, s, a, "routes-a")
	stB := load(t, s, b, "routes-b")
	t.Cleanup(func() { s.Drop(ctx, "routes-a"); s.Drop(ctx, "routes-b") })
	if n := count(t, s, `MATCH (f:Flow {dataset: $dataset}) WHERE f.route IS NULL RETURN count(f)`, "routes-a"); n != 0 {
		t.Fatalf("%d flows without a route key", n)
	}
	t.Run("keyed", func(t *testing.T) { sameRoutes(t, open(t, "routes-a"), a.Flows) })
	// b as an earlier tipgraph wrote it: its countries in a path list, no
	// route keys.
	if err := s.exec(ctx, "remove keys", map[string]any{"load": stB.Load}, `MATCH (f:Flow {load: $load}) SET f.path = split(f.route, '>') REMOVE f.route`); err != nil {
		t.Fatal(err)
	}
	t.Run("without keys", func(t *testing.T) { sameRoutes(t, open(t, "routes-b"), b.Flows) })
	t.Run("two datasets", func(t *testing.T) {
		sameRoutes(t, open(t, "routes-a", "routes-b"), append(slices.Clone(a.Flows), b.Flows...))
	})
	keyed, err := s.keyedLoads(ctx, []string{stA.Load, stB.Load})
	if err != nil || !keyed[stA.Load] || keyed[stB.Load] {
		t.Errorf("keyed loads %v (%v), want only %s", keyed, err, stA.Load)
	}
}

// The page query runs in the index's order: Neo4j seeks the route index,
// sums each route as its flows go by (OrderedAggregation) and holds no
// more than a page (the only eager operator collects the page after
// LIMIT); nothing sorts, scans a label or buffers all rows, under every
// filter, with and without countries to pass through.
func TestRoutePlan(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	ds := synthetic(300, 23)
	st := load(t, s, ds, "routes-plan")
	t.Cleanup(func() { s.Drop(ctx, "routes-plan") })
	for _, flt := range routeFilters() {
		for _, through := range [][]string{nil, {ds.Flows[0].Origin, ds.Flows[0].Destination}} {
			where, p := flowFilter(flt)
			clause, codes := throughFilter(through)
			p["load"], p["after"], p["page"], p["displacement"], p["through"] = st.Load, "", routePage, 0.5, codes
			plan := explain(t, s, fmt.Sprintf(readRoutePage, where+clause), p)
			ops := walkPlan(plan, "", func(op, parent string, p planNode) {
				switch {
				case op == "EagerAggregation" && len(p.Children) == 1 && p.Children[0].Op == "Limit":
				case op == "NodeIndexSeek" && !strings.Contains(p.Details, "f:Flow(load, route, seq, victims, year_from, year_to, form, measure, vectors)"):
					t.Errorf("%s through %v: seeks %v, not the route index", flt, through, p.Details)
				case slices.Contains([]string{"Sort", "PartialSort", "Top", "Eager", "EagerAggregation", "NodeByLabelScan", "AllNodesScan", "Distinct"}, op):
					t.Errorf("%s through %v: %s under %s", flt, through, op, parent)
				}
			})
			if !slices.Contains(ops, "OrderedAggregation") || !slices.Contains(ops, "NodeIndexSeek") {
				t.Errorf("%s through %v: plan %v, want an OrderedAggregation over a NodeIndexSeek", flt, through, ops)
			}
		}
	}
}

// planNode is one operator of a query plan: its name without the
// runtime's "@neo4j", its Details argument and its children.
type planNode struct {
	Op       string
	Details  string
	Children []planNode
}

// walkPlan calls visit with every operator of p and its parent's, top
// down, and returns the names.
func walkPlan(p planNode, parent string, visit func(op, parent string, p planNode)) []string {
	visit(p.Op, parent, p)
	ops := []string{p.Op}
	for _, c := range p.Children {
		ops = append(ops, walkPlan(c, p.Op, visit)...)
	}
	return ops
}

// explain returns Neo4j's plan of cypher with params. The driver's
// Plan.Children (v5.28.4) hands out every child as the last one (it takes
// the address of the range variable, under the go 1.18 loop semantics of
// its module), which hides the left side of every Apply and join, so the
// tree is read from the plan the driver parsed, by reflection.
func explain(t *testing.T, s *Store, cypher string, params map[string]any) planNode {
	t.Helper()
	ctx := context.Background()
	sess := s.drv.NewSession(ctx, driver.SessionConfig{AccessMode: driver.AccessModeRead, DatabaseName: s.cfg.Database})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, "EXPLAIN "+cypher, params)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v := reflect.ValueOf(sum.Plan())
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct || v.Elem().NumField() != 1 {
		t.Fatalf("the driver's plan is a %s, not the wrapped plan explain reads", v.Type())
	}
	return readPlan(t, v.Elem().Field(0).Elem())
}

// readPlan reads one operator of the driver's parsed plan (a struct with
// Operator, Arguments and Children) and its children.
func readPlan(t *testing.T, v reflect.Value) planNode {
	t.Helper()
	op, args, children := v.FieldByName("Operator"), v.FieldByName("Arguments"), v.FieldByName("Children")
	if !op.IsValid() || !args.IsValid() || !children.IsValid() {
		t.Fatalf("the driver's plan %s lacks Operator, Arguments or Children", v.Type())
	}
	name, _, _ := strings.Cut(op.String(), "@")
	p := planNode{Op: name}
	if d := args.MapIndex(reflect.ValueOf("Details")); d.IsValid() {
		p.Details = fmt.Sprint(d)
	}
	for i := range children.Len() {
		p.Children = append(p.Children, readPlan(t, children.Index(i)))
	}
	return p
}

// A page row is a route key and four integers, separated by spaces.
func TestParseRouteRow(t *testing.T) {
	key, n, err := parseRouteRow("NG>LY>IT 279 4 713407 98")
	if err != nil || key != "NG>LY>IT" || n != [4]int{279, 4, 713407, 98} {
		t.Errorf("got %q %v %v", key, n, err)
	}
	for _, bad := range []string{"NG>IT", "NG>IT 1 2 3", "NG>IT 1 2 3 4 5", "NG>IT 1 x 3 4", ""} {
		if _, _, err := parseRouteRow(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// The hand query of docs/neo4j.md that sums the routes through a country
// gives tipgraph's routes through it, in index order (an
// OrderedAggregation, nothing eager or sorted).
func TestDocsRouteQuery(t *testing.T) {
	ctx := context.Background()
	doc, err := os.ReadFile("../../docs/neo4j.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(doc), "// The routes through Libya")
	block, _, _ = strings.Cut(block, ";\n")
	_, query, found := strings.Cut(block, "\nMATCH")
	if !ok || !found {
		t.Fatal("no route query in docs/neo4j.md")
	}
	ds := synthetic(2000, 24)
	s := open(t)
	load(t, s, ds, "docs-routes")
	t.Cleanup(func() { s.Drop(ctx, "docs-routes") })
	hub := ds.Flows[0].Via
	if len(hub) == 0 {
		hub = []string{ds.Flows[0].Destination}
	}
	query = strings.NewReplacer("'toc2010'", "'docs-routes'", "'>LY>'", "'>"+hub[0]+">'").Replace("MATCH" + query)
	var got []graph.Route
	err = s.read(ctx, "docs query", query, nil, func(r *driver.Record) error {
		got = append(got, graph.Route{Path: strings.Split(str(r.Values[0]), ">"), Victims: toInt(r.Values[1]), Records: toInt(r.Values[2])})
		return nil
	})
	if err != nil {
		t.Fatalf("%v in\n%s", err, query)
	}
	want := byPath(wantRoutes(ds.Flows, graph.Filter{}, hub[:1], 0))
	if !reflect.DeepEqual(byPath(got), want) || len(want) == 0 {
		t.Errorf("routes through %s: %d, want %d (first %v, want %v)", hub[0], len(got), len(want), head(byPath(got)), head(want))
	}
	ops := walkPlan(explain(t, s, query, nil), "", func(string, string, planNode) {})
	if !slices.Contains(ops, "OrderedAggregation") || slices.ContainsFunc(ops, func(op string) bool {
		return op == "EagerAggregation" || op == "Sort" || op == "Eager"
	}) {
		t.Errorf("plan %v, want an OrderedAggregation and nothing eager", ops)
	}
}
