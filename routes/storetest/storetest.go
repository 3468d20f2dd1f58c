// Package storetest is the conformance suite every graph.Store backend
// runs: a dataset written to the backend reads back the same, and every
// analysis on it gives exactly the result it gives in memory.
//
// It sits above what it runs (ingest reads its datasets, routes and
// routes/groups are its analyses); its own tests run it against every
// backend, memory always and Neo4j when NEO4J_TEST_URI is set.
package storetest

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// Backend returns a store that holds ds (under ds.Name), for one test.
type Backend func(t *testing.T, ds *graph.Dataset) graph.Store

// Datasets are the datasets the suite runs on: toc2010, the tricky one,
// and two person networks of routes/groups/testdata: the 110-person
// call-count matrix and the 24-person edge list of calls dated 2008-2011,
// three of whose ties get a weight that is no exact binary fraction, a
// period of several years, and no weight or period at all; and a GLOTIP
// table with rows set aside, censored cells, indicators and names to
// review.
func Datasets(t testing.TB) []*graph.Dataset {
	ctx := context.Background()
	_, file, _, _ := runtime.Caller(0)
	testdata := filepath.Join(filepath.Dir(file), "..", "groups", "testdata")
	var out []*graph.Dataset
	for _, src := range []string{"builtin:toc2010", filepath.Join(testdata, "wiretap110.csv"), filepath.Join(testdata, "calls.csv")} {
		ds, err := ingest.Load(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ds)
	}
	calls := out[2]
	calls.Ties[0].Weight = 0.1
	calls.Ties[1].Period = graph.Period{From: 2008, To: 2010}
	calls.Ties[2].Weight, calls.Ties[2].Period = 0, graph.Period{}
	glotip, err := ingest.ReadFlows(strings.NewReader(glotipCSV), "glotip.csv")
	if err != nil {
		t.Fatal(err)
	}
	if glotip.SetAside.Rows == 0 || glotip.Censored.Cells == 0 || len(glotip.Indicators) == 0 || len(glotip.NameMatches) == 0 {
		t.Fatalf("the GLOTIP dataset sets nothing aside (%+v), censors nothing (%+v), counts no indicator or names no match",
			glotip.SetAside, glotip.Censored)
	}
	return append(out, graphtest.Tricky(), glotip)
}

// glotipCSV is a UNODC GLOTIP table (ingest/testdata/glotip_sample.csv)
// with rows set aside (an unknown country, a negative count, a bad year,
// an empty cell, "Unknown"), censored cells, other indicators, breakdowns
// and names to review: the store keeps what the reader accounted for.
const glotipCSV = `For any queries please contact: glotip@example.org,,,,,,,,,,,,
Date: 30 November 2026,,,,,,,,,,,,
Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source
ITA,Italy,Europe,Southern Europe,Detected trafficking victims,by citizenship,Nigeria,Total,Total,2018,Counts,"1,094",Ministry of Interior
ITA,Italy,Europe,Southern Europe,Detected trafficking victims,by citizenship,Romania,Total,Total,2018,Counts,<5,Ministry of Interior
ITA,Italy,Europe,Southern Europe,Detected trafficking victims,by citizenship,Italy,Total,Total,2018,Counts,35,Ministry of Interior
ITA,Italy,Europe,Southern Europe,Detected trafficking victims,by citizenship,Nationals,Total,Total,2019,Counts,40,Ministry of Interior
ITA,Italy,Europe,Southern Europe,Detected trafficking victims,by citizenship,Other Asia,Total,Total,2018,Counts,12,Ministry of Interior
ITA,Italy,Europe,Southern Europe,Detected trafficking victims,by citizenship,Unknown,Total,Total,2018,Counts,7,Ministry of Interior
ITA,Italy,Europe,Southern Europe,Detected trafficking victims,by citizenship,Albania,Total,Total,2019,Counts,,Ministry of Interior
ITA,Italy,Europe,Southern Europe,Detected trafficking victims,by citizenship,Albania,Total,Total,2020,Counts,n.a.,Ministry of Interior
ESP,Spain,Europe,Southern Europe,Detected trafficking victims,by citizenship,Brazil,Total,Total,2019,Counts,12.0,Fiscalía General
ESP,Spain,Europe,Southern Europe,Detected trafficking victims,by citizenship,Xyzzyland,Total,Total,2019,Counts,4,Fiscalía General
ESP,Spain,Europe,Southern Europe,Detected trafficking victims,by citizenship,Paraguay,Total,Total,2020,Counts,<3,Fiscalía General
ESP,Spain,Europe,Southern Europe,Detected trafficking victims,by citizenship,Nigeria,Female,Total,2019,Counts,8,Fiscalía General
ESP,Spain,Europe,Southern Europe,Detected trafficking victims,by citizenship,Nigeria,Male,Total,2019,Counts,<5,Fiscalía General
ESP,Spain,Europe,Southern Europe,Detected trafficking victims,by citizenship,Nigeria,Total,Adults,2019,Counts,10,Fiscalía General
ESP,Spain,Europe,Southern Europe,Detected trafficking victims,by country of repatriation,Morocco,Total,Total,2019,Counts,5,Fiscalía General
ESP,Spain,Europe,Southern Europe,Detected trafficking victims,by country of repatriation,Unknown,Total,Total,2019,Counts,2,Fiscalía General
ESP,Spain,Europe,Southern Europe,Persons prosecuted,Total,Total,Total,Total,2019,Counts,150,Fiscalía General
ESP,Spain,Europe,Southern Europe,Persons convicted,Total,Total,Total,Total,2019,Counts,<5,Fiscalía General
ITA,Italy,Europe,Southern Europe,Detected trafficking victims,Total,Total,Total,Total,2018,Counts,"1,200",Ministry of Interior
ZZZ,Atlantis,,,Detected trafficking victims,by citizenship,Nigeria,Total,Total,2018,Counts,9,Survey
ITA,Italy,Europe,Southern Europe,Detected trafficking victims,by citizenship,Ukraine,Total,Total,2018,Counts,-3,Ministry of Interior
ITA,Italy,Europe,Southern Europe,Detected trafficking victims,by citizenship,Ukraine,Total,Total,20x8,Counts,6,Ministry of Interior
ESP,Spain,Europe,Southern Europe,Detected trafficking victims,by citizenship,Spain,Total,Total,2020,Counts,<5,
`

// Run runs the conformance suite against a backend.
func Run(t *testing.T, backend Backend) {
	ctx := context.Background()
	for _, want := range Datasets(t) {
		t.Run(want.Name, func(t *testing.T) {
			st := backend(t, want)
			got, err := st.Dataset(ctx)
			if err != nil {
				t.Fatal(err)
			}
			t.Run("round trip", func(t *testing.T) { graphtest.SameDataset(t, got, want) })
			if ls, ok := st.(LegStore); ok {
				t.Run("aggregated", func(t *testing.T) { SameAggregates(t, ls, want) })
			}
			t.Run("analyses", func(t *testing.T) { SameAnalyses(t, got, want) })
			t.Run("groups", func(t *testing.T) {
				ga, err1 := groups.Reports(ctx, got, groups.Options{})
				gb, err2 := groups.Reports(ctx, want, groups.Options{})
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				same(t, "groups", ga, gb)
			})
			t.Run("what-if arrests", func(t *testing.T) { SameDisruptions(t, got, want) })
		})
	}
}

// LegStore is a backend that aggregates leg graphs and routes itself
// (Neo4j).
type LegStore interface {
	LegGraph(ctx context.Context, flt graph.Filter) (*graph.LegGraph, *graph.Dataset, error)
	Routes(ctx context.Context, flt graph.Filter, through ...string) ([]graph.Route, error)
	WhatIfRoutes(ctx context.Context, flt graph.Filter, displacement float64) ([]graph.Route, error)
	Tallies(ctx context.Context, flt graph.Filter) ([]graph.Tally, error)
	FlowsThrough(ctx context.Context, flt graph.Filter, country string) ([]*graph.Flow, error)
	MapSums(ctx context.Context, flt graph.Filter, minCount int) (*graph.MapSums, error)
}

// Filters are the filters the suite runs the analyses under: none, each
// kind alone, and combinations.
func Filters() []graph.Filter {
	air, unknown := graph.Air, graph.VectorUnknown
	sexual, labour := graph.Sexual, graph.Labour
	detected, estimated := graph.Detected, graph.Estimated
	return []graph.Filter{{}, {Period: graph.Year(2006)}, {Period: graph.Period{From: 2003, To: 2007}},
		{Vector: &air}, {Vector: &unknown}, {Form: &labour}, {Measure: &estimated},
		{Form: &sexual, Period: graph.Period{From: 2000, To: 2008}},
		{Form: &sexual, Measure: &detected, Vector: &air, Period: graph.Period{From: 1990, To: 2010}}}
}

// SameAggregates fails unless the leg graphs the store aggregates equal
// those built from want's records under every filter, in legs, transit
// and totals, and unless summary, hubs (every metric, both betweenness
// weights, groups per country) and routes (observed routes from the
// store's grouped routes, k paths) and what-ifs (divert, divert --each,
// interdict, at two displacements, with and without capacities) give the
// same results, the store's what-if routes are graph.RoutesOf the
// records, and its tallies graph.Tallies, on which emerging gives what
// it gives on the records, and country profiles from the store's records
// through each country are those from every record, and a map's sums
// by route are graphtest.MapSumsOf the records.
func SameAggregates(t *testing.T, st LegStore, want *graph.Dataset) {
	ctx := context.Background()
	for _, flt := range Filters() {
		t.Run(strings.ReplaceAll(flt.String(), " ", "_"), func(t *testing.T) {
			a, ds, err := st.LegGraph(ctx, flt)
			if err != nil {
				t.Fatal(err)
			}
			graphtest.SameAccounting(t, ds, want)
			b, err := graph.NewLegGraph(want, flt)
			if err != nil {
				t.Fatal(err)
			}
			same(t, "codes", a.Index.Codes, b.Index.Codes)
			same(t, "legs", a.Index.Legs, b.Index.Legs)
			same(t, "transit", a.Index.Transit, b.Index.Transit)
			same(t, "victims", a.Victims(), b.Victims())
			same(t, "summary", routes.Summarize(a), routes.Summarize(b))
			for _, by := range routes.HubMetrics {
				for _, c := range []routes.Cost{routes.ByHops, routes.ByVictims} {
					q := routes.HubsQuery{Filter: flt, By: by, Cost: c}
					ha, err1 := q.RunGraph(ctx, a, ds)
					hb, err2 := q.Run(ctx, want)
					if err1 != nil || err2 != nil {
						t.Fatal(err1, err2)
					}
					same(t, "hubs by "+string(by)+", "+c.String(), ha, hb)
				}
			}
			codes := b.Index.Codes
			for i := 0; i < len(codes); i += max(1, len(codes)/5) {
				for j := len(codes) - 1; j >= 0; j -= max(1, len(codes)/4) {
					q := routes.RoutesQuery{Filter: flt, From: codes[i], To: codes[j], K: 4, Cost: routes.ByVictims}
					list, err := st.Routes(ctx, flt, q.From, q.To)
					if err != nil {
						t.Fatal(err)
					}
					ra, err1 := q.RunGraph(ctx, a, list)
					rb, err2 := q.Run(ctx, want)
					if err1 != nil || err2 != nil {
						t.Fatal(err1, err2)
					}
					same(t, "routes "+q.From+"-"+q.To, ra, rb)
				}
			}
			// A map's sums by route, on both sides of a --min-count.
			for _, k := range []int{0, 40} {
				got, err := st.MapSums(ctx, flt, k)
				if err != nil {
					t.Fatal(err)
				}
				want := graphtest.MapSumsOf(b.Flows, k)
				for _, m := range []*graph.MapSums{got, want} {
					for _, list := range []*[]graph.Route{&m.Shown, &m.Hidden} {
						if *list == nil {
							*list = []graph.Route{} // none, however written
						}
						slices.SortFunc(*list, func(x, y graph.Route) int { return slices.Compare(x.Path, y.Path) })
					}
				}
				same(t, fmt.Sprintf("map sums, min count %d, shown routes", k), got.Shown, want.Shown)
				same(t, fmt.Sprintf("map sums, min count %d, hidden routes", k), got.Hidden, want.Hidden)
				same(t, fmt.Sprintf("map sums, min count %d, sources", k), got.Sources, want.Sources)
				same(t, fmt.Sprintf("map sums, min count %d, measures", k), got.Measures, want.Measures)
			}
			// Country profiles from the records through each country.
			for i := 0; i < len(codes); i += max(1, len(codes)/6) {
				q := routes.CountryQuery{Filter: flt, Country: codes[i], Top: 5}
				flows, err := st.FlowsThrough(ctx, flt, q.Country)
				if err != nil {
					t.Fatal(err)
				}
				ca, err1 := q.RunGraph(ctx, a, ds, flows)
				cb, err2 := q.Run(ctx, want)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				same(t, "country "+q.Country, ca, cb)
			}
			// Emerging: default periods, each destination's own, by
			// year, by region and over all destinations.
			tallies, err := st.Tallies(ctx, flt)
			if err != nil {
				t.Fatal(err)
			}
			sorted := slices.Clone(tallies)
			graph.SortTallies(sorted)
			if want := graph.Tallies(b.Flows); len(sorted)+len(want) > 0 { // nil or empty: none
				same(t, "tallies", sorted, want)
			}
			for _, opt := range []routes.EmergingOptions{{}, {OwnPeriods: true}, {ByYear: true, Foreign: true},
				{By: routes.ByRegion, MinCount: 3}, {By: routes.Overall, Exact: routes.TestMidP}} {
				q := routes.EmergingQuery{Filter: flt, EmergingOptions: opt}
				ea, err1 := q.RunGraph(ctx, a, tallies)
				eb, err2 := q.Run(ctx, want)
				same(t, "emerging errors", fmt.Sprint(err1), fmt.Sprint(err2))
				same(t, fmt.Sprintf("emerging %+v", opt), ea, eb)
			}
			// What-ifs: every transit country alone (--each), and the two
			// largest removed at once, at full and partial displacement
			// (rounded per record), with and without leg capacities.
			top := routes.TransitVolume(b)
			var remove []string
			for _, h := range mustHubs(t, b) {
				if top[h.Country] > 0 && len(remove) < 2 {
					remove = append(remove, h.Country)
				}
			}
			for _, d := range []float64{1, 0.35} {
				list, err := st.WhatIfRoutes(ctx, flt, d)
				if err != nil {
					t.Fatal(err)
				}
				// The routes themselves, in the order of their first
				// record, as graph.RoutesOf groups the records.
				same(t, fmt.Sprintf("what-if routes at displacement %v", d), list, graph.RoutesOf(b.Flows, d))
				for _, q := range DivertQueries(flt, remove, d) {
					da, err1 := q.RunGraph(ctx, a, list)
					db, err2 := q.Run(ctx, want)
					same(t, "divert errors", fmt.Sprint(err1), fmt.Sprint(err2))
					same(t, fmt.Sprintf("divert %v each=%v displacement %v capacity %v", q.Remove, q.Each, d, q.Capacity), da, db)
				}
				iq := routes.InterdictQuery{Filter: flt, InterdictOptions: routes.InterdictOptions{K: 2, Displacement: d}}
				ia, err1 := iq.RunGraph(ctx, a, list)
				ib, err2 := iq.Run(ctx, want)
				same(t, "interdict errors", fmt.Sprint(err1), fmt.Sprint(err2))
				same(t, fmt.Sprintf("interdict 2 displacement %v", d), ia, ib)
			}
		})
	}
}

func mustHubs(t *testing.T, lg *graph.LegGraph) []routes.Hub {
	t.Helper()
	h, err := routes.Hubs(context.Background(), lg, routes.ByTransit, routes.ByHops)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// SameDisruptions runs groups --disrupt 2 and --remove (the group's
// first member by id, and its top broker with the second member), weighted
// and --unweighted, and, when the group's ties carry periods, within the
// first and last year of them, on every group of three or more members of
// both datasets, and fails on any difference in the brokers or the
// disruption; a group with dated ties also gives the same brokers over
// time (--by-period, weighted and not).
func SameDisruptions(t *testing.T, got, want *graph.Dataset) {
	t.Helper()
	ctx := context.Background()
	n := 0
	for _, mg := range groups.MemberGraphs(want) {
		if len(mg.Members) < 3 {
			continue
		}
		n++
		top := mg.Members[0].ID // the top broker, when there is one
		if b := mustBrokers(t, want, mg.Group.ID); len(b) > 0 {
			top = b[0].Person
		}
		periods := []graph.Period{{}}
		if ps := groups.TiePeriods(mg); len(ps) > 0 {
			periods = append(periods, graph.Year(ps[0].From), graph.Year(ps[len(ps)-1].To))
		}
		if len(periods) > 1 {
			for _, unweighted := range []bool{false, true} {
				q := groups.Query{Group: mg.Group.ID, ByPeriod: true, Unweighted: unweighted}
				a, err1 := q.Timeline(ctx, got)
				b, err2 := q.Timeline(ctx, want)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				same(t, "brokers over time of "+mg.Group.ID, a, b)
			}
		}
		var queries []groups.Query
		for _, p := range periods {
			for _, unweighted := range []bool{false, true} {
				queries = append(queries,
					groups.Query{Group: mg.Group.ID, Disrupt: 2, Unweighted: unweighted, Filter: graph.Filter{Period: p}},
					groups.Query{Group: mg.Group.ID, Remove: []string{mg.Members[0].ID}, Unweighted: unweighted, Filter: graph.Filter{Period: p}},
					groups.Query{Group: mg.Group.ID, Remove: []string{top, mg.Members[1].ID}, Unweighted: unweighted, Filter: graph.Filter{Period: p}})
			}
		}
		for _, q := range queries {
			a, err1 := q.Run(ctx, got)
			b, err2 := q.Run(ctx, want)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if a.Groups[0].Disruption == nil {
				t.Fatalf("%s: no disruption", mg.Group.ID)
			}
			same(t, "brokers of "+mg.Group.ID, a.Groups[0].Brokers, b.Groups[0].Brokers)
			same(t, "disruption of "+mg.Group.ID, a.Groups[0].Disruption, b.Groups[0].Disruption)
		}
	}
	if n == 0 && len(want.Groups) > 0 {
		t.Logf("%s: no group of three or more members", want.Name)
	}
}

// mustBrokers are the weighted brokers of group in ds.
func mustBrokers(t *testing.T, ds *graph.Dataset, group string) []groups.Broker {
	t.Helper()
	reps, err := groups.Reports(context.Background(), ds, groups.Options{Group: group})
	if err != nil {
		t.Fatal(err)
	}
	return reps[0].Brokers
}

// SameAnalyses runs summary, hubs (every metric, both betweenness
// weights), observed routes and k paths on both datasets under several
// filters and fails on any difference.
func SameAnalyses(t *testing.T, got, want *graph.Dataset) {
	t.Helper()
	ctx := context.Background()
	air, sexual := graph.Air, graph.Sexual
	filters := []graph.Filter{{}, {Period: graph.Year(2006)}, {Vector: &air}, {Form: &sexual, Period: graph.Period{From: 2000, To: 2008}}}
	for _, flt := range filters {
		t.Run(strings.ReplaceAll(flt.String(), " ", "_"), func(t *testing.T) {
			a, err := graph.NewLegGraph(got, flt)
			if err != nil {
				t.Fatal(err)
			}
			b, err := graph.NewLegGraph(want, flt)
			if err != nil {
				t.Fatal(err)
			}
			same(t, "summary", routes.Summarize(a), routes.Summarize(b))
			same(t, "groups per country", groups.PerCountry(got, a.Flows), groups.PerCountry(want, b.Flows))
			for _, c := range []routes.Cost{routes.ByHops, routes.ByVictims} {
				ha, err1 := routes.Hubs(ctx, a, routes.ByPageRank, c)
				hb, err2 := routes.Hubs(ctx, b, routes.ByPageRank, c)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				same(t, "hubs by "+c.String(), ha, hb)
			}
			codes := b.Index.Codes
			for i := 0; i < len(codes); i += max(1, len(codes)/6) {
				for j := len(codes) - 1; j >= 0; j -= max(1, len(codes)/5) {
					from, to := codes[i], codes[j]
					same(t, "observed "+from+"-"+to, routes.ObservedRoutes(a, from, to), routes.ObservedRoutes(b, from, to))
					pa, ea := routes.KPaths(ctx, a.Index, from, to, 4, routes.ByVictims)
					pb, eb := routes.KPaths(ctx, b.Index, from, to, 4, routes.ByVictims)
					same(t, "paths "+from+"-"+to, pa, pb)
					same(t, "path error "+from+"-"+to, ea, eb)
				}
			}
		})
	}
}

func same(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s differs:\n got %+v\nwant %+v", what, got, want)
	}
}

// DivertQueries are the what-ifs the suite compares under filter flt and
// displacement d: the sweep of every transit country, and, when remove
// names countries, their removal by victims and with capacities.
func DivertQueries(flt graph.Filter, remove []string, d float64) []routes.DivertQuery {
	qs := []routes.DivertQuery{{Filter: flt, Each: true, DivertOptions: routes.DivertOptions{Displacement: d}}}
	if len(remove) == 0 {
		return qs
	}
	return append(qs,
		routes.DivertQuery{Filter: flt, DivertOptions: routes.DivertOptions{Remove: remove, Displacement: d, Cost: routes.ByVictims}},
		routes.DivertQuery{Filter: flt, DivertOptions: routes.DivertOptions{Remove: remove, Displacement: d, Capacity: 1.5}})
}
