package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tipgraph runs the CLI in-process and returns stdout, stderr and the exit
// code main would use.
func tipgraph(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	code := exitCode(err, &errOut)
	return out.String(), errOut.String(), code
}

func TestHubsBuiltin(t *testing.T) {
	out, errOut, code := tipgraph(t, "hubs", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res struct {
		By   string `json:"by"`
		Hubs []struct {
			Country     string  `json:"country"`
			Name        string  `json:"name"`
			Transit     int     `json:"transit"`
			Inflow      int     `json:"inflow"`
			Outflow     int     `json:"outflow"`
			Betweenness float64 `json:"betweenness"`
			PageRank    float64 `json:"pagerank"`
		} `json:"hubs"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.By != "transit" || len(res.Hubs) < 25 {
		t.Fatalf("by %q, %d hubs", res.By, len(res.Hubs))
	}
	var pr float64
	for i, h := range res.Hubs {
		pr += h.PageRank
		if i > 0 && h.Transit > res.Hubs[i-1].Transit {
			t.Errorf("not sorted by transit at %d: %v", i, h)
		}
	}
	if pr < 0.999999 || pr > 1.000001 {
		t.Errorf("pagerank sums to %v", pr)
	}
	// The seed's transit countries carry transit volume.
	top := map[string]bool{}
	for _, h := range res.Hubs[:8] {
		top[h.Country] = h.Transit > 0
	}
	for _, c := range []string{"SR", "RU", "UA"} {
		if !top[c] {
			t.Errorf("%s not among the top transit hubs: %+v", c, res.Hubs[:8])
		}
	}
}

func TestSummaryBuiltin(t *testing.T) {
	out, errOut, code := tipgraph(t, "summary", "--format", "json", "--year", "2006")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var s struct {
		Countries, Records, Legs, Victims, Sources int
		Periods                                    []string
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	// The seed: 7,300 victims detected in West and Central Europe in 2006.
	if s.Victims != 7300 {
		t.Errorf("2006 victims %d, want 7300", s.Victims)
	}
	out, _, _ = tipgraph(t, "summary", "--format", "json")
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	if s.Countries < 25 || s.Records < 40 || len(s.Periods) < 3 || s.Sources == 0 {
		t.Errorf("summary too small: %+v", s)
	}
}

func TestRoutesBuiltin(t *testing.T) {
	out, errOut, code := tipgraph(t, "routes", "--from", "Brazil", "--to", "NLD", "--format", "json", "--k", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res struct {
		From, To string
		Observed []struct {
			Path    []string
			Victims int
			Records int
		}
		Paths []struct {
			Path []string
			Hops int
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.From != "BR" || res.To != "NL" {
		t.Errorf("from %s to %s", res.From, res.To)
	}
	viaSR := false
	for _, o := range res.Observed {
		if strings.Join(o.Path, ">") == "BR>SR>NL" && o.Victims > 0 {
			viaSR = true
		}
	}
	if !viaSR {
		t.Errorf("the seed's Brazil-Suriname-Netherlands route is missing: %+v", res.Observed)
	}
	if len(res.Paths) == 0 || len(res.Paths) > 2 {
		t.Fatalf("paths %+v, want 1 or 2", res.Paths)
	}
	for i := 1; i < len(res.Paths); i++ {
		if res.Paths[i].Hops < res.Paths[i-1].Hops {
			t.Errorf("paths not in hop order: %+v", res.Paths)
		}
	}
}

// TestBadData: validate lists every bad line as file:line:col: field:
// problem and exits 2; hubs refuses to run on the same data.
func TestBadData(t *testing.T) {
	dir := t.TempDir()
	csv := "id,origin,destination,via,vectors,victims,year,form,measure,source,groups\n" +
		"a,NG,IT,,air,10,2006,sexual,,,\n" +
		"b,Nigeriaxyz,IT,,air,10,2006,sexual,,,\n" +
		"c,NG,IT,LY,air>sea>land,10,2006,sexual,,,\n" +
		"d,NG,IT,,,-5,2006,sexual,,,\n" +
		"a,NG,ES,,,5,2006-2004,,,,\n"
	if err := os.WriteFile(filepath.Join(dir, "flows.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "flows.csv")
	out, _, code := tipgraph(t, "--data", dir, "validate")
	if code != 2 {
		t.Errorf("validate exit %d, want 2", code)
	}
	for _, want := range []string{
		file + ":3:3: origin: unknown country \"Nigeriaxyz\"",
		file + ":4:12: vectors: vectors do not match the legs",
		file + ":5:11: victims: victims must be a whole number",
		file + ":6:1: id: duplicate id \"a\"",
		file + ":6:13: year: bad period",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("validate output lacks %q:\n%s", want, out)
		}
	}
	out, errOut, code := tipgraph(t, "--data", dir, "hubs")
	if code != 2 || out != "" || !strings.Contains(errOut, "Nigeriaxyz") {
		t.Errorf("hubs on bad data: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"datasets"}, 0},
		{[]string{"validate"}, 0},
		{[]string{"hubs", "--by", "size"}, 2},
		{[]string{"hubs", "--year", "20x6"}, 2},
		{[]string{"routes", "--from", "NG"}, 2},
		{[]string{"routes", "--from", "Atlantis", "--to", "IT"}, 2},
		{[]string{"--format", "xml", "summary"}, 2},
		{[]string{"--data", "builtin:nope", "summary"}, 2},
		{[]string{"summary", "extra"}, 2},
		{[]string{"summary", "--nope"}, 2},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			_, errOut, code := tipgraph(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, errOut)
			}
			if tc.code != 0 && errOut == "" {
				t.Errorf("no message on stderr")
			}
		})
	}
}

func TestRoutesArgs(t *testing.T) {
	tests := []struct {
		name string
		ra   routesArgs
		ok   bool
	}{
		{"ok", routesArgs{from: "NG", to: "Italy", k: 3, by: "hops"}, true},
		{"victims", routesArgs{from: "NG", to: "IT", k: 1, by: "victims", via: []string{"Libya"}}, true},
		{"no to", routesArgs{from: "NG", k: 3}, false},
		{"k zero", routesArgs{from: "NG", to: "IT", k: 0}, false},
		{"bad by", routesArgs{from: "NG", to: "IT", k: 3, by: "speed"}, false},
		{"bad via", routesArgs{from: "NG", to: "IT", k: 3, via: []string{"Mordor"}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.ra.query(&filterFlags{})
			if (err == nil) != tc.ok {
				t.Errorf("err %v, want ok %v", err, tc.ok)
			}
		})
	}
}

func TestHubsArgs(t *testing.T) {
	tests := []struct {
		name string
		ha   hubsArgs
		ok   bool
	}{
		{"default", hubsArgs{by: "transit", weight: "hops"}, true},
		{"pagerank", hubsArgs{by: "pagerank", weight: "inverse-victims", top: 5}, true},
		{"negative top", hubsArgs{top: -1}, false},
		{"bad weight", hubsArgs{weight: "km"}, false},
		{"bad by", hubsArgs{by: "size"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.ha.query(&filterFlags{})
			if (err == nil) != tc.ok {
				t.Errorf("err %v, want ok %v", err, tc.ok)
			}
		})
	}
}
