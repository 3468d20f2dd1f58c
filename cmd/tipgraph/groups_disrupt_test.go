package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/ingest"
)

// wiretap is the 110-person call matrix of routes/groups/testdata.
var wiretap = filepath.Join("..", "..", "routes", "groups", "testdata", "wiretap110.csv")

// disruptionJSON is the part of the groups JSON a what-if arrest adds.
type disruptionJSON struct {
	Groups []struct {
		Weighted   bool `json:"weighted"`
		Disruption *struct {
			Removed               []string   `json:"removed"`
			Fragmentation         float64    `json:"fragmentation"`
			DistanceFragmentation float64    `json:"distance_fragmentation"`
			Components            int        `json:"components"`
			LargestComponent      int        `json:"largest_component"`
			Method                string     `json:"method"`
			Brokers               []any      `json:"brokers"`
			Fragments             [][]string `json:"fragments"`
		} `json:"disruption"`
	} `json:"groups"`
}

// TestGroupsDisruptCLI: the matrix reads in one command, --disrupt and
// --remove agree, and the API gives the same document; bad options exit 2.
func TestGroupsDisruptCLI(t *testing.T) {
	out, errOut, code := tipgraph(t, "--data", wiretap, "--format", "json", "groups", "--group", "wiretap110", "--disrupt", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var chosen disruptionJSON
	if err := json.Unmarshal([]byte(out), &chosen); err != nil {
		t.Fatal(err)
	}
	d := chosen.Groups[0].Disruption
	if !chosen.Groups[0].Weighted || d == nil || len(d.Removed) != 2 || d.Fragmentation <= 0 || d.Components != len(d.Fragments) {
		t.Fatalf("disrupt 2: %+v", chosen)
	}
	args := []string{"--data", wiretap, "--format", "json", "groups", "--group", "wiretap110"}
	for _, p := range d.Removed {
		args = append(args, "--remove", p)
	}
	out, errOut, code = tipgraph(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var given disruptionJSON
	if err := json.Unmarshal([]byte(out), &given); err != nil {
		t.Fatal(err)
	}
	g := given.Groups[0].Disruption
	if g.Method != "given" || g.Fragmentation != d.Fragmentation || g.LargestComponent != d.LargestComponent || !slices.Equal(g.Removed, d.Removed) {
		t.Errorf("remove %v: %+v; disrupt gave %+v", d.Removed, g, d)
	}

	ds, err := ingest.Load(context.Background(), wiretap)
	if err != nil {
		t.Fatal(err)
	}
	ts, _ := testServerDS(t, ds, serveConfig{})
	resp, body := get(t, ts.URL+"/api/groups?group=wiretap110&remove="+d.Removed[0]+"&remove="+d.Removed[1])
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("API: %d %s", resp.StatusCode, body)
	}
	var api disruptionJSON
	if err := json.Unmarshal([]byte(body), &api); err != nil {
		t.Fatal(err)
	}
	if a := api.Groups[0].Disruption; a == nil || a.Fragmentation != g.Fragmentation || a.DistanceFragmentation != g.DistanceFragmentation {
		t.Errorf("API disruption %+v, CLI %+v", a, g)
	}
	if resp, body := get(t, ts.URL+"/api/groups?group=wiretap110&remove=nobody"); resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusNotFound {
		t.Errorf("API unknown person: %d %s", resp.StatusCode, body)
	}

	for _, bad := range [][]string{
		{"groups", "--disrupt", "2"},
		{"groups", "--group", "wiretap110", "--remove", "nobody"},
		{"groups", "--group", "wiretap110", "--remove", "n001", "--disrupt", "1"},
		{"groups", "--group", "wiretap110", "--disrupt", "-1"},
	} {
		if _, errOut, code := tipgraph(t, append([]string{"--data", wiretap}, bad...)...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d (%q), want 2 with a message", bad, code, errOut)
		}
	}
}

// calls is the 24-person network of dated calls of routes/groups/testdata.
var calls = filepath.Join("..", "..", "routes", "groups", "testdata", "calls.csv")

// TestGroupsByPeriodCLI: --by-period follows the brokers over the years
// of the calls in every format, the API gives the same bytes, --years
// keeps the periods inside it, and misuse exits 2.
func TestGroupsByPeriodCLI(t *testing.T) {
	out, errOut, code := tipgraph(t, "--data", calls, "--format", "json", "groups", "--group", "calls", "--by-period", "--brokers", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var tl struct {
		Weighted bool `json:"weighted"`
		Top      int  `json:"top"`
		Periods  []struct {
			Period string `json:"period"`
		} `json:"periods"`
		Brokers []struct {
			Person string    `json:"person"`
			Values []float64 `json:"betweenness"`
			Rank   []int     `json:"rank"`
		} `json:"brokers"`
	}
	if err := json.Unmarshal([]byte(out), &tl); err != nil {
		t.Fatal(err)
	}
	if !tl.Weighted || tl.Top != 3 || len(tl.Periods) != 4 || tl.Periods[0].Period != "2008" || len(tl.Brokers) < 3 {
		t.Fatalf("--by-period: %s", out)
	}
	for _, b := range tl.Brokers {
		if len(b.Values) != 4 || len(b.Rank) != 4 || !slices.ContainsFunc(b.Rank, func(r int) bool { return r >= 1 && r <= 3 }) {
			t.Errorf("%s: %v %v: not among the top 3 of any period", b.Person, b.Values, b.Rank)
		}
	}
	table, _, code := tipgraph(t, "--data", calls, "groups", "--group", "calls", "--by-period", "--years", "2010-2011")
	if code != 0 || !strings.Contains(table, "Brokers over time: group calls: calls; periods within 2010-2011") ||
		strings.Contains(table, "\n2009 ") || !strings.Contains(table, "\n2011 ") {
		t.Errorf("--years 2010-2011:\n%s", table)
	}

	ds, err := ingest.Load(context.Background(), calls)
	if err != nil {
		t.Fatal(err)
	}
	ts, _ := testServerDS(t, ds, serveConfig{})
	for _, tc := range []struct{ path, format string }{
		{"/api/groups?group=calls&by-period&brokers=3", "json"},
		{"/api/groups.csv?group=calls&by-period&unweighted&years=2009-2011", "csv"},
		{"/api/groups.csv?group=calls&disrupt=2", "csv"},
	} {
		cli := []string{"--data", calls, "--format", tc.format, "groups", "--group", "calls"}
		switch tc.path {
		case "/api/groups?group=calls&by-period&brokers=3":
			cli = append(cli, "--by-period", "--brokers", "3")
		case "/api/groups.csv?group=calls&by-period&unweighted&years=2009-2011":
			cli = append(cli, "--by-period", "--unweighted", "--years", "2009-2011")
		default:
			cli = append(cli, "--disrupt", "2")
		}
		want, errOut, code := tipgraph(t, cli...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", cli, code, errOut)
		}
		resp, got := get(t, ts.URL+tc.path)
		if resp.StatusCode != http.StatusOK || got != want {
			t.Errorf("%s: %d\n%s\nCLI %v:\n%s", tc.path, resp.StatusCode, got, cli, want)
		}
	}
	for _, bad := range [][]string{
		{"groups", "--by-period"},
		{"groups", "--group", "calls", "--by-period", "--remove", "p01"},
		{"groups", "--group", "calls", "--by-period", "--country", "IT"},
		{"groups", "--group", "nobody", "--by-period"},
	} {
		if _, errOut, code := tipgraph(t, append([]string{"--data", calls}, bad...)...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d (%q), want 2 with a message", bad, code, errOut)
		}
	}
}

// TestGroupsDisruptCSV: with --disrupt the CSV has one row per member of
// the 110-person network, the two removed first with their gains adding
// up to F.
func TestGroupsDisruptCSV(t *testing.T) {
	out, errOut, code := tipgraph(t, "--data", wiretap, "--format", "csv", "groups", "--group", "wiretap110", "--disrupt", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 111 || rows[0][2] != "removed" || rows[1][2] != "1" || rows[2][2] != "2" || rows[3][2] != "" {
		t.Fatalf("%d rows, first %v", len(rows), rows[:min(4, len(rows))])
	}
	g1, _ := strconv.ParseFloat(rows[1][3], 64)
	g2, _ := strconv.ParseFloat(rows[2][3], 64)
	f, _ := strconv.ParseFloat(rows[2][4], 64)
	if g1 <= 0 || math.Abs(g1+g2-f) > 1e-9 {
		t.Errorf("gains %g + %g, F %g", g1, g2, f)
	}
	for _, r := range rows[3:] {
		if r[7] == "" || r[8] == "" {
			t.Errorf("kept member %v without a fragment", r)
		}
	}
}
