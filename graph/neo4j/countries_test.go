package neo4j

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tipgraph/tipgraph/graph"
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

// TestCountryOverridesPerDataset: a countries.csv that renames (with
// markup), moves and adds countries changes its own dataset only; the
// shared :Country node keeps the library's values, another dataset reads
// them, and re-loading or dropping the first takes its overrides away.
func TestCountryOverridesPerDataset(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	const flows = "id,origin,destination,via,vectors,victims,year,form,measure,source\n" +
		"a,NG,IT,LY,land>sea,120,2006,sexual,detected,r\nb,ZZ,IT,,,5,2006,,,r\n"
	a := readDir(t, map[string]string{"flows.csv": flows,
		"countries.csv": "code,name,region,lat,lon\nNG,<b onmouseover=x>Naija</b>,Custom region,1.5,2.5\nZZ,Zone <i>Z</i>,,,\nKZ,Kazakh <script>,,,\n"})
	b := readDir(t, map[string]string{"flows.csv": "id,origin,destination,via,vectors,victims,year,form,measure,source\n" +
		"x,NG,IT,,,7,2006,,,r\n"})
	lib, ok := ingest.LibraryCountry("NG")
	if !ok || lib.Name == a.Countries["NG"].Name {
		t.Fatalf("library NG %+v, %v", lib, ok)
	}
	if a.Countries["NG"].Name != "<b onmouseover=x>Naija</b>" || a.Countries["NG"].Lat != 1.5 {
		t.Fatalf("the reader did not apply countries.csv: %+v", a.Countries["NG"])
	}
	const nameA, nameB = "test-countries-a", "test-countries-b"
	load(t, s, a, nameA)
	load(t, s, b, nameB)
	check := func(name, code string, want graph.Country) {
		t.Helper()
		ds, err := open(t, name).Dataset(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := ds.Countries[code]; got != want {
			t.Errorf("%s reads %s as %+v, want %+v", name, code, got, want)
		}
		lg, _, err := open(t, name).LegGraph(ctx, graph.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if got := lg.Countries[code]; got != want {
			t.Errorf("%s's leg graph has %s as %+v, want %+v", name, code, got, want)
		}
	}
	check(nameA, "NG", a.Countries["NG"])
	check(nameB, "NG", lib)
	readBack(t, nameA, a)
	readBack(t, nameB, b)
	shared := func(code string) string {
		return str(one(t, s, `MATCH (c:Country {code: $code}) RETURN c.name`, map[string]any{"code": code}))
	}
	if got := shared("NG"); got != lib.Name {
		t.Errorf("the shared NG node is named %q, want the library's %q", got, lib.Name)
	}
	if got := shared("ZZ"); got != "ZZ" {
		t.Errorf("the shared ZZ node (a code the library does not know) is named %q, want its code", got)
	}

	// Re-loading A without its countries.csv: its overrides go.
	plain := readDir(t, map[string]string{"flows.csv": flows, "countries.csv": "code,name,region,lat,lon\nZZ,Zone Z,,,\n"})
	reloaded := load(t, s, plain, nameA)
	check(nameA, "NG", lib)
	check(nameA, "ZZ", graph.Country{Code: "ZZ", Name: "Zone Z"})
	if n := count(t, s, `MATCH (:Dataset {name: $dataset})-[n:NAMES]->() RETURN count(n)`, nameA); n != 1 {
		t.Errorf("%d NAMES after the re-load, want 1 (ZZ)", n)
	}
	if err := s.Drop(ctx, nameA); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, `MATCH ()-[n:NAMES {load: $dataset}]->() RETURN count(n)`, reloaded.Load); n != 0 {
		t.Errorf("%d NAMES of %s after the drop, want 0", n, nameA)
	}
	check(nameB, "NG", lib)
}

// one runs a query that returns one value.
func one(t *testing.T, s *Store, cypher string, params map[string]any) any {
	t.Helper()
	var v any
	err := s.read(context.Background(), "one", cypher, params, func(r *driver.Record) error {
		v = r.Values[0]
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}
