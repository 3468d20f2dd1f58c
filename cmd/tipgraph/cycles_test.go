package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cycleData writes the dataset of TestCyclesOutput.
func cycleData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	flows := "origin,destination,via,victims\nBR,GF,SR,30\nGF,BR,,2\nNG,NE,,9\nNE,NG,,1\nRO,IT,,5\nRO,RO,,4\n"
	if err := os.WriteFile(filepath.Join(dir, "flows.csv"), []byte(flows), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestCyclesOutput: summary and hubs say which countries lie on a cycle of
// routes, in the table, CSV and JSON. BR > SR > GF and GF > BR close one
// cycle, NG > NE and NE > NG another; RO > IT and a domestic RO > RO none.
func TestCyclesOutput(t *testing.T) {
	dir := cycleData(t)
	out, errOut, code := tipgraph(t, "--data", dir, "summary")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if want := "countries on cycles    5 in 2 components: BR GF SR; NE NG\n"; !strings.Contains(out, want) {
		t.Errorf("summary table lacks %q:\n%s", want, out)
	}
	out, _, _ = tipgraph(t, "--data", dir, "--format", "json", "summary")
	var s struct {
		StronglyConnected struct {
			Components [][]string `json:"components"`
			Countries  int        `json:"countries_on_cycles"`
		} `json:"strongly_connected"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	if got := s.StronglyConnected; len(got.Components) != 2 || strings.Join(got.Components[1], " ") != "NE NG" || got.Countries != 5 {
		t.Errorf("summary strongly_connected: %+v", got)
	}
	out, _, _ = tipgraph(t, "--data", dir, "--format", "json", "hubs")
	var h struct {
		Hubs []struct {
			Country string `json:"country"`
			OnCycle bool   `json:"on_cycle"`
		} `json:"hubs"`
	}
	if err := json.Unmarshal([]byte(out), &h); err != nil {
		t.Fatal(err)
	}
	on := map[string]bool{}
	for _, x := range h.Hubs {
		on[x.Country] = x.OnCycle
	}
	for c, want := range map[string]bool{"BR": true, "SR": true, "GF": true, "NG": true, "NE": true, "RO": false, "IT": false} {
		if on[c] != want {
			t.Errorf("hubs: %s on_cycle %v, want %v", c, on[c], want)
		}
	}
	out, _, _ = tipgraph(t, "--data", dir, "--format", "csv", "hubs", "--top", "1")
	if want := "rank,country,name,transit,inflow,outflow,throughput,betweenness,pagerank,groups,on_cycle\n1,SR,Suriname,30,30,30,60,"; !strings.HasPrefix(out, want) || !strings.HasSuffix(out, ",0,true\n") {
		t.Errorf("hubs CSV:\n%s\nwant %s...,0,true", out, want)
	}
	out, _, _ = tipgraph(t, "--data", dir, "hubs", "--top", "1")
	if lines := strings.Split(out, "\n"); len(lines) < 4 || !strings.HasSuffix(lines[2], "CYCLE") || !strings.HasSuffix(lines[3], "yes") {
		t.Errorf("hubs table has no CYCLE column saying yes for SR:\n%s", out)
	}
}

// TestRoutesNoPathExplained: the routes table says why no path leads there.
func TestRoutesNoPathExplained(t *testing.T) {
	dir := cycleData(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--from", "NG", "--to", "SR"}, "none: no path from NG to SR in the filtered leg graph: the legs from NG lead to 1 country (NE), not SR\n"},
		{[]string{"--from", "IT", "--to", "RO"}, "none: no path from IT to RO in the filtered leg graph: no leg leads from IT to another country\n"},
		{[]string{"--from", "BR", "--to", "GF", "--via", "NG"}, "none: no path from BR to GF in the filtered leg graph: the only path from BR to GF does not pass through NG\n"},
	} {
		out, errOut, code := tipgraph(t, append([]string{"--data", dir, "routes"}, tc.args...)...)
		if code != 0 || !strings.Contains(out, tc.want) {
			t.Errorf("routes %v: exit %d %s\n%s\nwant %q", tc.args, code, errOut, out, tc.want)
		}
	}
}
