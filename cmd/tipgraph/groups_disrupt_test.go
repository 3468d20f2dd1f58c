package main

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"slices"
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
