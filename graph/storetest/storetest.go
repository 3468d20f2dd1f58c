// Package storetest is the conformance suite every graph.Store backend
// runs: a dataset written to the backend reads back the same, and every
// analysis on it gives exactly the result it gives in memory.
package storetest

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// Backend returns a store that holds ds (under ds.Name), for one test.
type Backend func(t *testing.T, ds *graph.Dataset) graph.Store

// Injection is a source text that must be stored and read back as text.
const Injection = "x'}) DETACH DELETE n //"

// Tricky is a small dataset of the values a backend could get wrong:
// Cypher in text, unicode, domestic and zero-victim records, no year, a
// country the ISO library does not know, per-leg vectors, groups.
func Tricky(t testing.TB) *graph.Dataset {
	const flows = "id,origin,destination,via,vectors,victims,year,form,measure,source,groups\n" +
		"inj,NG,IT,LY,land>sea,12,2006,sexual,detected,\"" + Injection + "\",g1;g2\n" +
		"uni,Côte d'Ivoire,FR,,air,3,2005-2007,labour,estimated,\"Rapport « Ouest » — p. 4\",\n" +
		"dom,RO,RO,,,0,,other,derived,,\n" +
		"zz,ZZ,ES,MA,sea,5,2008,unknown,detected,\"line1\nline2\",\n" +
		"br,BR,NL,SR>GF,air>air>,7,2006,sexual,detected,Case 12,g3\n"
	const countries = "code,name,region,lat,lon\nZZ,Unknown origin,Nowhere,0,0\n"
	// Groups: Cypher in text, a person in two groups, a group with no
	// countries and no members, a country only a member names (KZ).
	const groups = "id,name,countries,structure,source\n" +
		"g1,Réseau « Edo »,NG;IT,loose,\"" + Injection + "\"\n" +
		"g2,pair,RO,,\n" +
		"g3,,,,\n"
	const members = "group,person,role,gender,nationality,country,former_victim\n" +
		"g1,ada,recruiter,female,NG,NG,true\n" +
		"g1,bo,exploiter,,NG,IT,false\n" +
		"g1,cy,document-forger,male,KZ,,\n" +
		"g2,ada,transporter,female,NG,RO,\n" +
		"g2,dan,organiser,male,RO,RO,\n"
	const ties = "group,from,to,kind,directed\n" +
		"g1,ada,bo,recruits,\n" +
		"g1,bo,cy,associate,\n" +
		"g2,dan,ada,controls,true\n"
	ds, err := ingest.LoadFS(context.Background(), fstest.MapFS{
		"flows.csv":     {Data: []byte(flows)},
		"countries.csv": {Data: []byte(countries)},
		"groups.csv":    {Data: []byte(groups)},
		"members.csv":   {Data: []byte(members)},
		"ties.csv":      {Data: []byte(ties)},
	}, "tricky")
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// Datasets are the datasets the suite runs on.
func Datasets(t testing.TB) []*graph.Dataset {
	toc, err := ingest.Load(context.Background(), "builtin:toc2010")
	if err != nil {
		t.Fatal(err)
	}
	return []*graph.Dataset{toc, Tricky(t)}
}

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
			t.Run("round trip", func(t *testing.T) { SameDataset(t, got, want) })
			t.Run("analyses", func(t *testing.T) { SameAnalyses(t, got, want) })
			t.Run("groups", func(t *testing.T) {
				ga, err1 := groups.Reports(ctx, got, groups.Options{})
				gb, err2 := groups.Reports(ctx, want, groups.Options{})
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				same(t, "groups", ga, gb)
			})
		})
	}
}

// SameDataset fails unless got holds the same records (in order) and
// countries as want.
func SameDataset(t *testing.T, got, want *graph.Dataset) {
	t.Helper()
	if got.Name != want.Name {
		t.Errorf("name %q, want %q", got.Name, want.Name)
	}
	if len(got.Flows) != len(want.Flows) {
		t.Fatalf("%d flows, want %d", len(got.Flows), len(want.Flows))
	}
	for i := range want.Flows {
		if !reflect.DeepEqual(normal(got.Flows[i]), normal(want.Flows[i])) {
			t.Errorf("flow %d:\n got %+v\nwant %+v", i, got.Flows[i], want.Flows[i])
		}
	}
	for code, c := range want.Countries {
		if got.Countries[code] != c {
			t.Errorf("country %s: got %+v, want %+v", code, got.Countries[code], c)
		}
	}
	for _, f := range want.Flows {
		if f.Source == Injection && !slices.ContainsFunc(got.Flows, func(g graph.Flow) bool { return g.Source == Injection }) {
			t.Errorf("the source %q did not come back as text", Injection)
		}
	}
	SameGroups(t, got, want)
}

// SameGroups fails unless got holds the same groups, members and ties
// as want, in order (nil and empty country lists alike).
func SameGroups(t *testing.T, got, want *graph.Dataset) {
	t.Helper()
	if len(got.Groups) != len(want.Groups) || len(got.Members) != len(want.Members) || len(got.Ties) != len(want.Ties) {
		t.Fatalf("%d groups, %d members, %d ties; want %d, %d, %d",
			len(got.Groups), len(got.Members), len(got.Ties), len(want.Groups), len(want.Members), len(want.Ties))
	}
	for i, w := range want.Groups {
		g := got.Groups[i]
		if len(g.Countries) == 0 && len(w.Countries) == 0 {
			g.Countries = w.Countries
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("group %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	for i := range want.Members {
		if got.Members[i] != want.Members[i] {
			t.Errorf("member %d:\n got %+v\nwant %+v", i, got.Members[i], want.Members[i])
		}
	}
	for i := range want.Ties {
		if got.Ties[i] != want.Ties[i] {
			t.Errorf("tie %d:\n got %+v\nwant %+v", i, got.Ties[i], want.Ties[i])
		}
	}
}

// normal makes nil and empty slices compare equal.
func normal(f graph.Flow) graph.Flow {
	if len(f.Via) == 0 {
		f.Via = nil
	}
	if len(f.Groups) == 0 {
		f.Groups = nil
	}
	return f
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
