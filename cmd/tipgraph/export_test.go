package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/exports"
)

func TestExportArgsCheck(t *testing.T) {
	none := func(string) bool { return false }
	given := func(flags ...string) func(string) bool {
		return func(f string) bool {
			for _, g := range flags {
				if f == g {
					return true
				}
			}
			return false
		}
	}
	ok := exportArgs{k: 3, by: "hops", layout: "geo", displacement: 1}
	cases := []struct {
		name    string
		mod     func(e *exportArgs)
		changed func(string) bool
		format  string
		wantErr string
	}{
		{"as svg", func(e *exportArgs) { e.as = "svg" }, none, "svg", ""},
		{"from the extension", func(e *exportArgs) { e.out = "map.PNG" }, none, "png", ""},
		{"cql extension", func(e *exportArgs) { e.out = "g.cql" }, none, "cypher", ""},
		{"no format", func(e *exportArgs) { e.out = "map.txt" }, none, "", "give --as"},
		{"unknown format", func(e *exportArgs) { e.as = "pdf" }, none, "", `--as "pdf"`},
		{"from without to", func(e *exportArgs) { e.as = "svg"; e.from = "NG" }, none, "", "both --from and --to"},
		{"bad k", func(e *exportArgs) { e.as = "svg"; e.k = 0 }, none, "", "--k: 0"},
		{"negative top", func(e *exportArgs) { e.as = "csv"; e.top = -1 }, none, "", "--top: -1"},
		{"negative min count", func(e *exportArgs) { e.as = "csv"; e.minCount = -2 }, none, "", "--min-count -2"},
		{"top with json", func(e *exportArgs) { e.as = "json"; e.top = 5 }, none, "", "exports records"},
		{"layout with csv", func(e *exportArgs) { e.as = "csv"; e.layout = "dot" }, given("layout"), "", "--layout is for maps"},
		{"remove with graphml", func(e *exportArgs) { e.as = "graphml"; e.remove = []string{"UA"} }, given("remove"), "", "--remove is for maps"},
		{"unknown layout", func(e *exportArgs) { e.as = "svg"; e.layout = "circo" }, none, "", `--layout: "circo"`},
		{"bad displacement", func(e *exportArgs) { e.as = "svg"; e.displacement = 2 }, none, "", "--displacement"},
		{"bad cost", func(e *exportArgs) { e.as = "svg"; e.by = "miles" }, none, "", "--by"},
		{"unknown country", func(e *exportArgs) { e.as = "svg"; e.remove = []string{"Atlantis"} }, none, "", "--remove"},
		{"name with svg", func(e *exportArgs) { e.as = "svg"; e.name = "x" }, given("name"), "", "--name"},
		{"empty group", func(e *exportArgs) { e.as = "svg"; e.group = " " }, given("group"), "", `--group: " ": give a group id`},
		{"group as csv", func(e *exportArgs) { e.as = "csv"; e.group = "g1" }, given("group"), "", "--group draws one group's network"},
		{"what-if", func(e *exportArgs) { e.as = "dot"; e.remove = []string{"Ukraine"} }, given("remove"), "dot", ""},
		{"routes", func(e *exportArgs) { e.as = "csv"; e.from = "Nigeria"; e.to = "ITA" }, none, "csv", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := ok
			c.mod(&e)
			p, err := e.check(c.changed)
			if c.wantErr != "" {
				var b strings.Builder
				exitCode(err, &b) // as the user reads it
				if err == nil || !strings.Contains(b.String(), c.wantErr) {
					t.Fatalf("got %v, want an error with %q", b.String(), c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.format != c.format {
				t.Errorf("format %q, want %q", p.format, c.format)
			}
		})
	}
}

func TestExportBuiltin(t *testing.T) {
	dir := t.TempDir()
	// JSON reads back with --data to the same summary.
	jsonPath := filepath.Join(dir, "toc2010.json") // --data names the dataset by its file
	if _, errOut, code := tipgraph(t, "export", "-o", jsonPath); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want, _, _ := tipgraph(t, "summary", "--format", "json")
	got, errOut, code := tipgraph(t, "--data", jsonPath, "summary", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got != want {
		t.Errorf("summary of the JSON export:\n%s\nwant\n%s", got, want)
	}

	out, errOut, code := tipgraph(t, "export", "--as", "csv", "--year", "2006", "--top", "5")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 6 || !strings.HasPrefix(lines[0], "from,to,from_name,to_name,victims,records,vectors") {
		t.Errorf("csv --top 5:\n%s", out)
	}

	svg := filepath.Join(dir, "ua.svg")
	if _, errOut, code := tipgraph(t, "export", "--remove", "UA", "-o", svg); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(svg)
	if err != nil || !strings.Contains(string(b), "What if Ukraine closed to transit?") || !strings.Contains(string(b), "rerouted") {
		t.Errorf("what-if SVG (%v): %.300s", err, b)
	}

	out, _, code = tipgraph(t, "export", "--as", "dot", "--from", "BR", "--to", "NL")
	if code != 0 || !strings.Contains(out, `"BR" -> "SR"`) || strings.Contains(out, `"RU" ->`) {
		t.Errorf("dot --from BR --to NL (exit %d):\n%.500s", code, out)
	}
	out, _, code = tipgraph(t, "export", "--as", "graphml", "--min-count", "100")
	if code != 0 || !strings.Contains(out, "<graphml") {
		t.Errorf("graphml (exit %d): %.300s", code, out)
	}
	out, _, code = tipgraph(t, "export", "--as", "cypher", "--name", "briefing")
	if code != 0 || !strings.Contains(out, "MERGE (d:Dataset {name: 'briefing'})") {
		t.Errorf("cypher (exit %d): %.300s", code, out)
	}
	if _, errOut, code := tipgraph(t, "export", "--as", "svg", "--from", "BR", "--to", "Kenya"); code == 0 {
		t.Errorf("no route BR to KE: exit 0 (%s)", errOut)
	}
	if _, errOut, code := tipgraph(t, "export", "--as", "gif"); code != 2 {
		t.Errorf("--as gif: exit %d, want 2 (%s)", code, errOut)
	}
}

// TestExportMapDefaultTop: a map of a large dataset shows the
// exports.DefaultMapLegs largest legs and each country's largest, and
// says so; --top 0 draws every leg; data exports keep every leg. The maps
// are drawn by country (--aggregate country); edges with dir=none are the
// white casings under legs.
func TestExportMapDefaultTop(t *testing.T) {
	dir := t.TempDir()
	if _, errOut, code := tipgraph(t, "generate", "--countries", "80", "--flows", "20000", "--seed", "3", "-o", dir); code != 0 {
		t.Fatalf("generate: %s", errOut)
	}
	csv, _, code := tipgraph(t, "--data", dir, "export", "--as", "csv")
	lines := strings.Split(strings.TrimSpace(csv), "\n")[1:]
	all, drawn := len(lines), 0 // drawn: not domestic (those are in the pie)
	for _, l := range lines {
		if f := strings.Split(l, ","); f[0] != f[1] {
			drawn++
		}
	}
	if code != 0 || all <= exports.DefaultMapLegs {
		t.Fatalf("the generated dataset has %d legs, want more than %d", all, exports.DefaultMapLegs)
	}
	legEdges := func(dot string) int { return strings.Count(dot, " -> ") - strings.Count(dot, `dir="none"`) }
	dot, errOut, code := tipgraph(t, "--data", dir, "export", "--as", "dot", "--aggregate", "country")
	edges := legEdges(dot)
	if code != 0 || edges < exports.DefaultMapLegs-(all-drawn) || edges > exports.DefaultMapLegs+80 ||
		!strings.Contains(dot, "the 1,000 largest") || !strings.Contains(dot, fmt.Sprintf(" of %s legs", exports.Thousands(all))) {
		t.Errorf("default map: exit %d, %d edges of %d legs: %s", code, edges, all, errOut)
	}
	dot, _, _ = tipgraph(t, "--data", dir, "export", "--as", "dot", "--top", "0", "--aggregate", "country")
	if n := legEdges(dot); n != drawn {
		t.Errorf("--top 0: %d edges, want every drawn leg, %d", n, drawn)
	}
}

// TestExportFailureKeepsFile: an export that fails leaves the file at
// its path as it was, and one that succeeds replaces it whole, readable
// by others (0644).
func TestExportFailureKeepsFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "map.svg")
	if err := os.WriteFile(out, []byte("earlier map"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, code := tipgraph(t, "export", "--as", "svg", "--from", "Atlantis", "--to", "IT", "-o", out); code != 2 {
		t.Fatalf("export from an unknown country: exit %d, want 2", code)
	}
	if b, _ := os.ReadFile(out); string(b) != "earlier map" {
		t.Fatalf("after a failed export the file holds %.40q", b)
	}
	if _, errOut, code := tipgraph(t, "export", "--as", "svg", "-o", out); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(b), "<svg") {
		t.Fatalf("after the export the file holds %.40q (%v)", b, err)
	}
	if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o644 {
		t.Fatalf("the export's mode: %v (%v), want 0644", st.Mode(), err)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*"))
	if len(left) > 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}
