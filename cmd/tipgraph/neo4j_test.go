package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tipgraph/tipgraph/graph/graphtest"
	"github.com/tipgraph/tipgraph/graph/neo4j"
	"github.com/tipgraph/tipgraph/ingest"
)

// neo4jArgs returns the global flags that point at the test server, or
// skips (fails under CI) without NEO4J_TEST_URI.
func neo4jArgs(t *testing.T) []string {
	t.Helper()
	srv := graphtest.Neo4j(t)
	return []string{"--neo4j", srv.URI, "--neo4j-user", srv.User, "--neo4j-password", srv.Password}
}

// TestNeo4jSameAsMemory: load toc2010, then summary, hubs, routes, the
// what-ifs, emerging, validate, estimate, the maps and the JSON and
// Cypher exports over Neo4j print exactly what they print in memory; a
// second load changes no count.
func TestNeo4jSameAsMemory(t *testing.T) {
	db := neo4jArgs(t)
	const name = "cli-test-toc2010"
	for range 2 {
		out, errOut, code := tipgraph(t, append(db, "load", "--name", name)...)
		if code != 0 || !strings.Contains(out, "loaded "+name+": 259 records") || !regexp.MustCompile(`deleted [0-9,]+ staged records of interrupted loads\n$`).MatchString(out) {
			t.Fatalf("load: exit %d, %q %q", code, out, errOut)
		}
	}
	t.Run("datasets", func(t *testing.T) {
		out, errOut, code := tipgraph(t, append(db, "datasets", "--format", "csv")...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		// name, records, victims (toc2010: 17,300 over 1996-2008), years,
		// loaded at, source.
		want := regexp.MustCompile(`(?m)^` + name + `,259,17300,1996-2008,20\d\d-[0-9-]+T[0-9:]+Z,builtin:toc2010$`)
		if !want.MatchString(out) {
			t.Errorf("datasets --neo4j does not list %s as loaded:\n%s", name, out)
		}
	})
	for _, args := range [][]string{
		{"summary", "--format", "json"},
		{"summary", "--year", "2006"},
		{"hubs", "--format", "json"},
		{"hubs", "--by", "pagerank", "--weight", "inverse-victims", "--format", "csv"},
		{"hubs", "--vector", "air", "--format", "csv"},
		{"hubs", "--measure", "detected", "--by", "betweenness", "--years", "2000-2008"},
		{"summary", "--form", "sexual", "--years", "2000-2008", "--format", "json"},
		{"country", "--country", "UA", "--format", "json"},
		{"country", "--country", "NG", "--year", "2006", "--top", "3"},
		{"country", "--country", "IT", "--form", "sexual", "--format", "csv"},
		{"routes", "--from", "BR", "--to", "NL", "--format", "json"},
		{"routes", "--from", "CN", "--to", "IT", "--by", "victims", "--k", "5"},
		{"routes", "--from", "NG", "--to", "IT", "--year", "2006", "--format", "json"},
		{"divert", "--remove", "RU", "--remove", "UA", "--displacement", "0.35", "--format", "json"},
		{"divert", "--each", "--year", "2006"},
		{"interdict", "--k", "2", "--format", "json"},
		{"emerging", "--format", "json"},
		{"emerging", "--own-periods", "--form", "sexual"},
		{"emerging", "--by-year", "--vector", "land", "--format", "csv"},
		{"validate"},
		{"validate", "--format", "json"},
		{"estimate", "--detected-from-data", "--measure", "derived", "--region", "Southern Europe", "--format", "json"},
		{"estimate", "--detected-from-data", "--measure", "derived", "--years", "2000-2008", "--form", "sexual"},
		// Maps and GraphML: the store's legs, the records streamed.
		{"export", "--as", "dot"},
		{"export", "--as", "dot", "--aggregate", "region", "--year", "2006"},
		{"export", "--as", "dot", "--layout", "dot", "--top", "12", "--form", "sexual"},
		{"--min-count", "40", "export", "--as", "dot", "--aggregate", "region"},
		{"export", "--as", "dot", "--min-count", "60", "--vector", "land"},
		{"export", "--as", "dot", "--remove", "RU", "--displacement", "0.5"},
		{"export", "--as", "graphml", "--min-count", "25", "--years", "2000-2008"},
		{"export", "--as", "dot", "--from", "CN", "--to", "IT"},
		{"export", "--as", "dot", "--from", "NG", "--to", "IT", "--year", "2006", "--min-count", "20"},
		{"export", "--as", "dot", "--group", "ro-unicri-01"},
		{"export", "--as", "graphml", "--group", "ro-unicri-01"},
		{"export", "--as", "graphml", "--from", "CN", "--to", "IT"},
		{"export", "--as", "csv", "--from", "NG", "--to", "IT", "--year", "2006"},
		{"export", "--as", "json", "--from", "NG", "--to", "IT"},
		{"--min-count", "30", "export", "--as", "cypher", "--from", "UA", "--to", "IT", "--name", "copy"},
		// The records as JSON: streamed, written in dataset order.
		{"export", "--as", "json"},
		{"--min-count", "30", "export", "--as", "json", "--year", "2006", "--name", "copy"},
		{"export", "--as", "json", "--year", "1990"},
		{"export", "--as", "cypher"},
		{"--min-count", "30", "export", "--as", "cypher", "--year", "2006", "--name", "copy"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			mem, _, code := tipgraph(t, append([]string{"--data", "builtin:toc2010"}, args...)...)
			if code != 0 {
				t.Fatalf("in memory: exit %d", code)
			}
			got, errOut, code := tipgraph(t, append(append(db, "--dataset", name), args...)...)
			if code != 0 {
				t.Fatalf("over Neo4j: exit %d: %s", code, errOut)
			}
			// Only the dataset name differs.
			got = strings.ReplaceAll(got, name, "toc2010")
			if got != mem {
				t.Errorf("over Neo4j:\n%s\nin memory:\n%s", got, mem)
			}
		})
	}
}

func TestNeo4jUnreachable(t *testing.T) {
	neo4jArgs(t)
	start := time.Now()
	_, errOut, code := tipgraph(t, "--neo4j", "bolt://127.0.0.1:1", "summary")
	if code != 3 || !strings.Contains(errOut, "store unavailable") {
		t.Errorf("exit %d, stderr %q; want 3 and a clear message", code, errOut)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v, want under 10 s", d)
	}
}

func TestNeo4jWrongPassword(t *testing.T) {
	db := neo4jArgs(t)
	const pw = "wrong-password-7f3a"
	_, errOut, code := tipgraph(t, "--neo4j", db[1], "--neo4j-password", pw, "summary")
	if code != 3 || !strings.Contains(errOut, "refused the credentials") {
		t.Errorf("exit %d, stderr %q; want 3 and a clear message", code, errOut)
	}
	if strings.Contains(errOut, pw) {
		t.Errorf("the message shows the password: %s", errOut)
	}
}

func TestNeo4jMissingDataset(t *testing.T) {
	db := neo4jArgs(t)
	_, errOut, code := tipgraph(t, append(db, "--dataset", "cli-test-no-such", "hubs")...)
	if code != 2 || !strings.Contains(errOut, "cli-test-no-such") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestLoadArgs(t *testing.T) {
	tests := []struct {
		name string
		a    app
		la   loadArgs
		want string
		ok   bool
	}{
		{"builtin default", app{neo4j: neo4jFlags{uri: "bolt://x"}}, loadArgs{}, "toc2010", true},
		{"folder name", app{neo4j: neo4jFlags{uri: "bolt://x"}, data: []string{"/data/cases-2024/"}}, loadArgs{}, "cases-2024", true},
		{"file and builtin", app{neo4j: neo4jFlags{uri: "bolt://x"}, data: []string{"a.csv", "builtin:toc2010"}}, loadArgs{}, "a+toc2010", true},
		{"explicit", app{neo4j: neo4jFlags{uri: "bolt://x"}}, loadArgs{name: "team"}, "team", true},
		{"no uri", app{}, loadArgs{}, "", false},
		{"drop without name", app{neo4j: neo4jFlags{uri: "bolt://x"}}, loadArgs{drop: true}, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.la.check(&tc.a)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("got %q, %v; want %q, ok %v", got, err, tc.want, tc.ok)
			}
		})
	}
}

// TestDataWinsOverNeo4jEnv: NEO4J_URI in the environment does not stop an
// explicit --data from being read in memory.
func TestDataWinsOverNeo4jEnv(t *testing.T) {
	t.Setenv("NEO4J_URI", "bolt://127.0.0.1:1")
	if _, errOut, code := tipgraph(t, "--data", "builtin:toc2010", "summary"); code != 0 {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if _, _, code := tipgraph(t, "--neo4j", "bolt://127.0.0.1:1", "--data", "builtin:toc2010", "summary"); code != 2 {
		t.Errorf("explicit --neo4j and --data: exit %d, want 2", code)
	}
}

// TestNeo4jGroupsSameAsFiles: the 110-person call matrix and the dated
// calls, loaded into Neo4j, give byte for byte the groups output they give
// from their files: weighted brokers, --unweighted, --remove, --disrupt,
// --years and --by-period, in every format.
func TestNeo4jGroupsSameAsFiles(t *testing.T) {
	db := neo4jArgs(t)
	for _, net := range []struct {
		file, group string
		args        [][]string
	}{
		{wiretap, "wiretap110", [][]string{
			{"--format", "json", "--brokers", "0"},
			{"--unweighted", "--format", "csv"},
			{"--disrupt", "2"},
			{"--disrupt", "2", "--format", "csv"},
			{"--remove", "n001", "--remove", "n002", "--format", "json"},
		}},
		{calls, "calls", [][]string{
			{"--format", "json"},
			{"--years", "2009", "--brokers", "0"},
			{"--disrupt", "2", "--years", "2010-2011", "--format", "json"},
			{"--remove", "p03", "--format", "csv"},
			{"--by-period"},
			{"--by-period", "--format", "json", "--brokers", "0"},
			{"--by-period", "--format", "csv", "--unweighted", "--years", "2009-2011"},
		}},
	} {
		name := "cli-test-" + net.group
		if out, errOut, code := tipgraph(t, append(db, "--data", net.file, "load", "--name", name)...); code != 0 {
			t.Fatalf("load %s: exit %d, %q %q", net.file, code, out, errOut)
		}
		for _, a := range append(net.args, []string{"validate", "--format", "json"}) {
			args := append([]string{"groups", "--group", net.group}, a...)
			if a[0] == "validate" { // its shared persons, members and ties
				args = a
			}
			t.Run(name+" "+strings.Join(args, " "), func(t *testing.T) {
				want, errOut, code := tipgraph(t, append([]string{"--data", net.file}, args...)...)
				if code != 0 {
					t.Fatalf("from the file: exit %d: %s", code, errOut)
				}
				got, errOut, code := tipgraph(t, append(append(db, "--dataset", name), args...)...)
				if code != 0 {
					t.Fatalf("over Neo4j: exit %d: %s", code, errOut)
				}
				// Only the dataset name differs.
				if got = strings.ReplaceAll(got, name, net.group); got != want {
					t.Errorf("over Neo4j:\n%s\nfrom the file:\n%s", got, want)
				}
			})
		}
	}
}

// TestNeo4jSetAsideLines: a dataset with rows set aside, censored cells
// and names to review prints the same accounting over Neo4j as from its
// file.
func TestNeo4jSetAsideLines(t *testing.T) {
	db := neo4jArgs(t)
	const name, file = "cli-test-glotip", "../../ingest/testdata/glotip_sample.csv"
	if out, errOut, code := tipgraph(t, append(db, "load", "--data", file, "--name", name)...); code != 0 {
		t.Fatalf("load: exit %d, %q %q", code, out, errOut)
	}
	for _, args := range [][]string{{"summary"}, {"summary", "--format", "json"}, {"hubs"}, {"export", "--as", "json"}, {"export", "--as", "cypher"},
		{"validate", "--names"}, {"validate", "--names", "--format", "json"},
		{"estimate", "--detected-from-data"}, {"estimate", "--detected-from-data", "--region", "Southern Europe", "--format", "json"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			mem, _, code := tipgraph(t, append([]string{"--data", file}, args...)...)
			if code != 0 {
				t.Fatalf("in memory: exit %d", code)
			}
			if args[0] == "summary" && !strings.Contains(mem, "et aside") && !strings.Contains(mem, `"set_aside"`) {
				t.Fatalf("in memory, no set-aside line:\n%s", mem)
			}
			got, errOut, code := tipgraph(t, append(append(db, "--dataset", name), args...)...)
			if code != 0 {
				t.Fatalf("over Neo4j: exit %d: %s", code, errOut)
			}
			if got = strings.ReplaceAll(got, name, "glotip_sample"); got != mem {
				t.Errorf("over Neo4j:\n%s\nin memory:\n%s", got, mem)
			}
		})
	}
}

// TestNeo4jReportSameAsMemory: the briefing over Neo4j reads the store's
// aggregates and streams its records once; it writes the same files as
// from the records in memory, under filters and --min-count. The dataset
// is loaded under its own name, toc2010, for the seed estimate that the
// briefing shows for that dataset alone.
func TestNeo4jReportSameAsMemory(t *testing.T) {
	db := neo4jArgs(t)
	const name = "toc2010"
	if out, errOut, code := tipgraph(t, append(db, "load", "--name", name)...); code != 0 || !strings.Contains(out, "loaded "+name+": 259 records") {
		t.Fatalf("load: exit %d, %q %q", code, out, errOut)
	}
	for _, args := range [][]string{
		{"report"},
		{"report", "--year", "2006"},
		{"--min-count", "40", "report", "--top", "5"},
		{"report", "--form", "sexual", "--years", "2000-2008"},
		{"report", "--measure", "estimated"},
		{"report", "--vector", "air"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			memDir, dbDir := filepath.Join(t.TempDir(), "mem"), filepath.Join(t.TempDir(), "db")
			if _, errOut, code := tipgraph(t, append(append([]string{"--data", "builtin:toc2010"}, args...), "-o", memDir)...); code != 0 {
				t.Fatalf("in memory: exit %d: %s", code, errOut)
			}
			if _, errOut, code := tipgraph(t, append(append(append(db, "--dataset", name), args...), "-o", dbDir)...); code != 0 {
				t.Fatalf("over Neo4j: exit %d: %s", code, errOut)
			}
			memFiles, _ := filepath.Glob(filepath.Join(memDir, "*"))
			dbFiles, _ := filepath.Glob(filepath.Join(dbDir, "*"))
			if len(memFiles) == 0 || len(memFiles) != len(dbFiles) {
				t.Fatalf("files in memory %v, over Neo4j %v", memFiles, dbFiles)
			}
			for _, f := range memFiles {
				mem, err1 := os.ReadFile(f)
				got, err2 := os.ReadFile(filepath.Join(dbDir, filepath.Base(f)))
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				if string(got) != string(mem) {
					t.Errorf("%s differs over Neo4j (%d bytes) from memory (%d bytes)", filepath.Base(f), len(got), len(mem))
				}
			}
		})
	}
}

// TestNeo4jServeSameAsMemory: serve over Neo4j holds no record and reads
// the store at each request (leg graphs, routes, tallies, the records
// through a country, a stream of the records for a map's sums); every
// endpoint answers as serve over the records in memory, twice (the second
// from the memo).
func TestNeo4jServeSameAsMemory(t *testing.T) {
	db := neo4jArgs(t)
	const name = "toc2010" // its own name: the answers name the dataset
	if out, errOut, code := tipgraph(t, append(db, "load", "--name", name)...); code != 0 || !strings.Contains(out, "loaded "+name+": 259 records") {
		t.Fatalf("load: exit %d, %q %q", code, out, errOut)
	}
	ctx := context.Background()
	srv := graphtest.Neo4j(t)
	st, err := neo4j.Open(ctx, neo4j.Config{URI: srv.URI, User: srv.User, Password: srv.Password, Datasets: []string{name}, Library: ingest.LibraryCountry})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(ctx) })
	mem, err := ingest.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	serve := func(minCount int) (memURL, dbURL string) {
		h, err := newStoreServer(ctx, st, serveConfig{loopback: true}, minCount, log.New(io.Discard, "", 0))
		if err != nil {
			t.Fatal(err)
		}
		if h.ds.Flows != nil {
			t.Fatalf("serve over Neo4j holds %d records", len(h.ds.Flows))
		}
		m, err := newServer(mem, serveConfig{loopback: true}, minCount, log.New(io.Discard, "", 0))
		if err != nil {
			t.Fatal(err)
		}
		dbServer, memServer := httptest.NewServer(h), httptest.NewServer(m)
		t.Cleanup(dbServer.Close)
		t.Cleanup(memServer.Close)
		return memServer.URL, dbServer.URL
	}
	paths := []string{"/api/summary", "/api/hubs?by=betweenness", "/api/country?country=UA", "/api/groups?country=RO",
		"/api/map.svg", "/api/map.svg?from=CN&to=IT", "/api/map.svg?group=ro-unicri-01", "/api/estimate?detected-from-data&measure=derived"}
	for _, c := range serveCases {
		paths = append(paths, c.path)
	}
	for _, minCount := range []int{0, 40} {
		memURL, dbURL := serve(minCount)
		for _, p := range paths {
			t.Run(fmt.Sprintf("min-count %d %s", minCount, p), func(t *testing.T) {
				_, want := get(t, memURL+p)
				for range 2 {
					resp, got := get(t, dbURL+p)
					if resp.StatusCode != http.StatusOK {
						t.Fatalf("status %d: %s", resp.StatusCode, got)
					}
					if got != want {
						t.Fatalf("over Neo4j:\n%.400q\nin memory:\n%.400q", got, want)
					}
				}
			})
		}
	}
}

// TestNeo4jServeSeesLoads: serve over Neo4j keeps leg graphs and map
// views between requests, and a load that replaces its dataset (another
// analyst's, while it runs) drops them: the next answers are the new
// data's, as a server started on it gives them.
func TestNeo4jServeSeesLoads(t *testing.T) {
	db := neo4jArgs(t)
	const name = "cli-test-serve-loads"
	load := func(data string) {
		t.Helper()
		if out, errOut, code := tipgraph(t, append(append(db, "--data", data), "load", "--name", name)...); code != 0 {
			t.Fatalf("load %s: exit %d, %q %q", data, code, out, errOut)
		}
	}
	load("builtin:toc2010")
	ctx := context.Background()
	srv := graphtest.Neo4j(t)
	open := func() *httptest.Server {
		st, err := neo4j.Open(ctx, neo4j.Config{URI: srv.URI, User: srv.User, Password: srv.Password, Datasets: []string{name}, Library: ingest.LibraryCountry})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close(ctx) })
		h, err := newStoreServer(ctx, st, serveConfig{loopback: true}, 0, log.New(io.Discard, "", 0))
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(h)
		t.Cleanup(ts.Close)
		return ts
	}
	running := open()
	paths := []string{"/api/summary", "/api/hubs", "/api/map.svg", "/api/country?country=IT"}
	before := map[string]string{}
	for _, p := range paths {
		resp, body := get(t, running.URL+p)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %s", p, resp.StatusCode, body)
		}
		before[p] = body
	}
	load("../../ingest/testdata/glotip_sample.csv")
	fresh := open() // a server started on the new data
	for _, p := range paths {
		_, want := get(t, fresh.URL+p)
		_, got := get(t, running.URL+p)
		if got != want {
			t.Errorf("%s after the load:\n%.300q\nwant (a new server's):\n%.300q", p, got, want)
		}
		if got == before[p] {
			t.Errorf("%s: the same answer before and after the load", p)
		}
	}
	if _, body := get(t, running.URL+"/api/summary"); !strings.Contains(body, `"records": 7`) {
		t.Errorf("summary after loading the 7 GLOTIP records: %.300s", body)
	}
}
