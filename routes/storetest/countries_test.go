package storetest_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
	"github.com/tipgraph/tipgraph/graph/neo4j"
	"github.com/tipgraph/tipgraph/ingest"
)

// readDir reads a dataset directory of files (name -> content).
func readDir(t *testing.T, files map[string]string) *graph.Dataset {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ds, err := ingest.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestNeo4jCountryOverrides: a countries.csv that renames (with
// markup), moves and adds countries changes its own dataset only; the
// shared :Country node keeps the library's values, another dataset reads
// them, and re-loading or dropping the first takes its overrides away.
// (Here, not in graph/neo4j: the library is ingest's, a layer above.)
func TestNeo4jCountryOverrides(t *testing.T) {
	srv := graphtest.Neo4j(t)
	ctx := context.Background()
	open := func(datasets ...string) *neo4j.Store {
		s, err := neo4j.Open(ctx, neo4j.Config{URI: srv.URI, User: srv.User, Password: srv.Password, Datasets: datasets, Library: ingest.LibraryCountry})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close(ctx) })
		return s
	}
	s := open()
	const flows = "id,origin,destination,via,vectors,victims,year,form,measure,source\n" +
		"a,NG,IT,LY,land>sea,120,2006,sexual,detected,r\nb,ZZ,IT,,,5,2006,,,r\n"
	a := readDir(t, map[string]string{"flows.csv": flows,
		"countries.csv": "code,name,region,lat,lon\nNG,<b onmouseover=x>Naija</b>,Custom region,1.5,2.5\nZZ,Zone <i>Z</i>,,,\nKZ,Kazakh <script>,,,\n"})
	b := readDir(t, map[string]string{"flows.csv": "id,origin,destination,via,vectors,victims,year,form,measure,source\nx,NG,IT,,,7,2006,,,r\n"})
	lib, ok := ingest.LibraryCountry("NG")
	if !ok || lib.Name == a.Countries["NG"].Name || b.Countries["NG"] != lib {
		t.Fatalf("library NG %+v, %v; B's %+v", lib, ok, b.Countries["NG"])
	}
	if a.Countries["NG"].Name != "<b onmouseover=x>Naija</b>" || a.Countries["NG"].Lat != 1.5 {
		t.Fatalf("the reader did not apply countries.csv: %+v", a.Countries["NG"])
	}
	const nameA, nameB = "test-countries-a", "test-countries-b"
	load := func(ds *graph.Dataset, name string) neo4j.LoadStats {
		st, err := s.Load(ctx, ds, name, nil)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	load(a, nameA)
	load(b, nameB)
	// check reads code in dataset name, from the records and from the
	// aggregated leg graph.
	check := func(name, code string, want graph.Country) {
		t.Helper()
		st := open(name)
		ds, err := st.Dataset(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := ds.Countries[code]; got != want {
			t.Errorf("%s reads %s as %+v, want %+v", name, code, got, want)
		}
		lg, _, err := st.LegGraph(ctx, graph.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if got := lg.Countries[code]; got != want {
			t.Errorf("%s's leg graph has %s as %+v, want %+v", name, code, got, want)
		}
	}
	check(nameA, "NG", a.Countries["NG"])
	check(nameA, "KZ", a.Countries["KZ"]) // in no record
	check(nameB, "NG", lib)
	both, err := open(nameA, nameB).Dataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if both.Countries["NG"] != a.Countries["NG"] {
		t.Errorf("A and B read as one give NG %+v, want the first's (A) %+v", both.Countries["NG"], a.Countries["NG"])
	}

	drv, err := driver.NewDriverWithContext(srv.URI, driver.BasicAuth(srv.User, srv.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	query := func(cypher string, params map[string]any) any {
		t.Helper()
		res, err := driver.ExecuteQuery(ctx, drv, cypher, params, driver.EagerResultTransformer)
		if err != nil || len(res.Records) != 1 {
			t.Fatal(cypher, err)
		}
		return res.Records[0].Values[0]
	}
	shared := func(code string) any {
		return query(`MATCH (c:Country {code: $code}) RETURN c.name`, map[string]any{"code": code})
	}
	if got := shared("NG"); got != lib.Name {
		t.Errorf("the shared NG node is named %q, want the library's %q", got, lib.Name)
	}
	if got := shared("ZZ"); got != "ZZ" {
		t.Errorf("the shared ZZ node (a code the library does not know) is named %q, want its code", got)
	}

	// Re-loading A without its overrides: they go.
	plain := readDir(t, map[string]string{"flows.csv": flows, "countries.csv": "code,name,region,lat,lon\nZZ,Zone Z,,,\n"})
	reloaded := load(plain, nameA)
	check(nameA, "NG", lib)
	check(nameA, "ZZ", graph.Country{Code: "ZZ", Name: "Zone Z"})
	if err := s.Drop(ctx, nameA); err != nil {
		t.Fatal(err)
	}
	if n := query(`MATCH ()-[n:NAMES {load: $load}]->() RETURN count(n)`, map[string]any{"load": reloaded.Load}); n != int64(0) {
		t.Errorf("%v NAMES of %s after the drop, want 0", n, nameA)
	}
	check(nameB, "NG", lib)
}
