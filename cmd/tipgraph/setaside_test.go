package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/ingest"
)

const glotipSample = "../../ingest/testdata/glotip_sample.csv"

// setAsideJSON is the set_aside object of the JSON documents.
type setAsideJSON struct {
	Rows    int `json:"rows"`
	Victims int `json:"victims"`
	Reasons []struct {
		Reason   string                      `json:"reason"`
		Rows     int                         `json:"rows"`
		Examples []struct{ At, Text string } `json:"examples"`
	} `json:"reasons"`
}

// TestSetAsideShown: validate and summary say what was set aside and how
// censored counts were taken, in tables and JSON.
func TestSetAsideShown(t *testing.T) {
	ds, err := ingest.Load(context.Background(), glotipSample)
	if err != nil {
		t.Fatal(err)
	}
	line := fmt.Sprintf("Set aside: %d input rows (%s victims) not analysed: ", ds.SetAside.Rows, thousands(int(ds.SetAside.Victims)))
	for _, args := range [][]string{{"validate"}, {"summary"}} {
		out, errOut, code := tipgraph(t, append([]string{"--data", glotipSample}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		flat := strings.Join(strings.Fields(out), " ")
		for _, want := range []string{strings.Join(strings.Fields(line), " "), "Censored: 3 cells written <K (somewhere from 1 to K-1), each counted as 1 (--censored low): 3 victims"} {
			if !strings.Contains(flat, want) {
				t.Errorf("%v does not say %q:\n%s", args, want, out)
			}
		}
		out, errOut, code = tipgraph(t, append([]string{"--data", glotipSample, "--format", "json", "--censored", "high"}, args...)...)
		if code != 0 {
			t.Fatalf("%v json: exit %d: %s", args, code, errOut)
		}
		var doc struct {
			SetAside setAsideJSON `json:"set_aside"`
			Censored struct {
				Cells   int    `json:"cells"`
				Rule    string `json:"rule"`
				Victims int    `json:"victims"`
			} `json:"censored"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.SetAside.Rows != ds.SetAside.Rows || len(doc.SetAside.Reasons) != len(ds.SetAside.Reasons) ||
			doc.Censored.Cells != 3 || doc.Censored.Rule != "high" || doc.Censored.Victims != 10 {
			t.Errorf("%v json: %+v", args, doc)
		}
	}
	// Nothing set aside: zeros and an empty list.
	out, _, _ := tipgraph(t, "summary", "--format", "json")
	if !strings.Contains(out, `"set_aside": {
    "rows": 0,
    "victims": 0,
    "reasons": []
  }`) {
		t.Errorf("builtin summary JSON has no empty set_aside:\n%s", out)
	}
}

// TestStrictAndLenient: --strict fails on a foreign row that would be set
// aside (exit 2, every problem with file:line:col); tipgraph's own
// flows.csv fails by default, counting each problem over its rows, and is
// read with --set-aside.
func TestStrictAndLenient(t *testing.T) {
	out, _, code := tipgraph(t, "--data", glotipSample, "--strict", "validate")
	if code != 2 || !strings.Contains(out, "glotip_sample.csv:11:110: txtVALUE: bad number \"n.a.\"") {
		t.Errorf("--strict validate: exit %d\n%s", code, out)
	}
	_, errOut, code := tipgraph(t, "--data", glotipSample, "--strict", "hubs")
	if code != 2 || !strings.Contains(errOut, "glotip_sample.csv:25:98: Year: bad year") {
		t.Errorf("--strict hubs: exit %d\n%s", code, errOut)
	}
	flows := filepath.Join(t.TempDir(), "flows.csv")
	var b strings.Builder
	b.WriteString("origin,destination,victims\n")
	for i := range 3203 {
		fmt.Fprintf(&b, "NG,IT,%d\nXy,IT,2\n", i)
	}
	if err := os.WriteFile(flows, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code = tipgraph(t, "--data", flows, "validate")
	if code != 2 || !strings.Contains(out, `flows.csv:3:1: origin: unknown country "Xy"`) || !strings.Contains(out, "(and 3,202 more rows)") {
		t.Errorf("validate: exit %d\n%.500s", code, out)
	}
	out, _, code = tipgraph(t, "--data", flows, "--format", "json", "validate")
	if code != 2 || !strings.Contains(out, `"rows": 3203`) {
		t.Errorf("validate json: exit %d\n%.500s", code, out)
	}
	out, errOut, code = tipgraph(t, "--data", flows, "--set-aside", "validate")
	if code != 0 || !strings.Contains(out, "Set aside: 3,203 input rows (6,406 victims) not analysed: unresolved country name 3,203") {
		t.Errorf("--set-aside validate: exit %d %s\n%s", code, errOut, out)
	}
	for _, args := range [][]string{{"--censored", "mid"}, {"--glotip-dimension", "sex"}, {"--strict", "--set-aside"}} {
		if _, _, code := tipgraph(t, append(args, "summary")...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
