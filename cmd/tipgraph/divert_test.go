package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestDivertBuiltin: on toc2010, closing Suriname affects the seed's
// Brazil-Suriname-Netherlands flows and says where they go.
func TestDivertBuiltin(t *testing.T) {
	out, errOut, code := tipgraph(t, "divert", "--remove", "Suriname", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res struct {
		Removed                                 []string
		Displacement                            float64
		Affected, Rerouted, Deterred, Disrupted int
		Countries                               []struct{ Country string }
		Reroutes                                []struct {
			Origin, Destination string
			OldPath             []string `json:"old_path"`
			NewPath             []string `json:"new_path"`
			Victims             int
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Removed, []string{"SR"}) || res.Displacement != 1 {
		t.Errorf("removed %v displacement %v", res.Removed, res.Displacement)
	}
	if res.Affected == 0 || res.Affected != res.Rerouted+res.Deterred+res.Disrupted {
		t.Errorf("affected %d, rerouted %d, deterred %d, disrupted %d", res.Affected, res.Rerouted, res.Deterred, res.Disrupted)
	}
	moved := 0
	for _, r := range res.Reroutes {
		moved += r.Victims
		if r.Origin != "BR" || strings.Join(r.OldPath, ">") != "BR>SR>NL" {
			t.Errorf("unexpected reroute %+v", r)
		}
		if slices.Contains(r.NewPath, "SR") {
			t.Errorf("new path through the removed country: %+v", r)
		}
	}
	if moved != res.Rerouted+res.Disrupted || len(res.Reroutes) == 0 {
		t.Errorf("reroutes %+v move %d", res.Reroutes, moved)
	}
	if !strings.Contains(out, `"new_path": null`) && res.Disrupted > 0 {
		t.Errorf("disrupted reroute without a null new_path:\n%s", out)
	}

	out, _, code = tipgraph(t, "divert", "--remove", "SR", "--displacement", "0.5", "--by", "victims")
	if code != 0 || !strings.Contains(out, "BR > SR > NL") || !strings.Contains(out, "deterred") {
		t.Errorf("table output (exit %d):\n%s", code, out)
	}
	out, _, code = tipgraph(t, "divert", "--remove", "UA", "--capacity", "1.5", "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "origin,destination,old_path,new_path") {
		t.Errorf("csv output (exit %d):\n%s", code, out)
	}
}

func TestDivertEachBuiltin(t *testing.T) {
	out, errOut, code := tipgraph(t, "divert", "--each", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res struct {
		Sweep []struct {
			Country             string
			Disrupted, Rerouted int
			Beneficiary         string
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	found := false
	for i, s := range res.Sweep {
		found = found || s.Country == "SR"
		if i > 0 && s.Disrupted > res.Sweep[i-1].Disrupted {
			t.Errorf("not ranked by disrupted: %+v", res.Sweep)
		}
	}
	if !found || len(res.Sweep) < 5 {
		t.Errorf("sweep %+v", res.Sweep)
	}
	out, _, code = tipgraph(t, "divert", "--each")
	if code != 0 || !strings.Contains(out, "MAIN BENEFICIARY") {
		t.Errorf("table (exit %d):\n%s", code, out)
	}
}

func TestInterdictBuiltin(t *testing.T) {
	out, errOut, code := tipgraph(t, "interdict", "--k", "2", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res struct {
		K         int
		Removed   []string
		Disrupted int
		Method    string
		Gains     []struct {
			Country string
			Gain    int
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.K != 2 || len(res.Removed) == 0 || len(res.Removed) > 2 || res.Disrupted <= 0 || !strings.HasPrefix(res.Method, "exact") {
		t.Errorf("interdict %+v", res)
	}
	sum := 0
	for _, g := range res.Gains {
		sum += g.Gain
	}
	if sum != res.Disrupted {
		t.Errorf("gains %+v sum to %d, want %d", res.Gains, sum, res.Disrupted)
	}
	out, _, code = tipgraph(t, "interdict", "--k", "3")
	if code != 0 || !strings.Contains(out, "Method: exact") {
		t.Errorf("table (exit %d):\n%s", code, out)
	}
}

func TestDivertArgs(t *testing.T) {
	tests := []struct {
		name string
		da   divertArgs
		ok   bool
	}{
		{"ok", divertArgs{remove: []string{"Suriname"}, displacement: 1, by: "hops", top: 20}, true},
		{"two", divertArgs{remove: []string{"SR", "GUF"}, displacement: 0.5, by: "victims"}, true},
		{"each", divertArgs{each: true, displacement: 1}, true},
		{"capacity", divertArgs{remove: []string{"SR"}, displacement: 1, capacity: 1.5}, true},
		{"nothing", divertArgs{displacement: 1}, false},
		{"each and remove", divertArgs{each: true, remove: []string{"SR"}, displacement: 1}, false},
		{"each and capacity", divertArgs{each: true, displacement: 1, capacity: 2}, false},
		{"displacement high", divertArgs{remove: []string{"SR"}, displacement: 1.5}, false},
		{"displacement negative", divertArgs{remove: []string{"SR"}, displacement: -0.1}, false},
		{"capacity negative", divertArgs{remove: []string{"SR"}, displacement: 1, capacity: -1}, false},
		{"bad by", divertArgs{remove: []string{"SR"}, displacement: 1, by: "km"}, false},
		{"bad country", divertArgs{remove: []string{"Atlantis"}, displacement: 1}, false},
		{"negative top", divertArgs{remove: []string{"SR"}, displacement: 1, top: -1}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.da.query(&filterFlags{})
			if (err == nil) != tc.ok {
				t.Errorf("err %v, want ok %v", err, tc.ok)
			}
		})
	}
}

func TestInterdictArgs(t *testing.T) {
	tests := []struct {
		name string
		ia   interdictArgs
		ok   bool
	}{
		{"ok", interdictArgs{k: 2, displacement: 1, by: "hops"}, true},
		{"victims", interdictArgs{k: 1, displacement: 0.5, by: "victims"}, true},
		{"k zero", interdictArgs{k: 0, displacement: 1}, false},
		{"bad displacement", interdictArgs{k: 2, displacement: 2}, false},
		{"bad by", interdictArgs{k: 2, displacement: 1, by: "km"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.ia.query(&filterFlags{})
			if (err == nil) != tc.ok {
				t.Errorf("err %v, want ok %v", err, tc.ok)
			}
		})
	}
}

func TestDivertExitCodes(t *testing.T) {
	for _, args := range [][]string{
		{"divert"},
		{"divert", "--remove", "Atlantis"},
		{"divert", "--remove", "SR", "--displacement", "2"},
		{"divert", "--each", "--remove", "SR"},
		{"interdict", "--k", "0"},
	} {
		if _, errOut, code := tipgraph(t, args...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}
