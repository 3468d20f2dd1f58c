package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/exports"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/routes"
)

func testHubs() *routes.HubsResult {
	return &routes.HubsResult{By: "transit", Weight: "hops", Dataset: "d", FilterText: "all records", Hubs: []routes.Hub{
		{Country: "RU", Name: "Russia", Transit: 505, Inflow: 505, Outflow: 2109},
		{Country: "PL", Name: "Poland", Transit: 277, Inflow: 3, Outflow: 0},
	}}
}

func TestPrintJSONExtraKeys(t *testing.T) {
	sa := &graph.SetAside{}
	sa.Add("aggregate category", 12, graph.NewSetAsideExample("f.csv:3", "TOTAL", 12))
	for _, tc := range []struct {
		k    int
		want []string
		not  []string
	}{
		{0, []string{`"set_aside": {`, `"reason": "aggregate category"`}, []string{`"suppressed"`, `"min_count"`}},
		{10, []string{`"suppressed": 1`, `"min_count": 10`, `"inflow": null`}, nil},
	} {
		var b bytes.Buffer
		if err := New(&b, JSON, privacy.Policy{K: tc.k}, Reading{SetAside: *sa}).Print(testHubs()); err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatalf("K=%d: not JSON: %v\n%s", tc.k, err, b.String())
		}
		for _, w := range tc.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("K=%d: no %s in\n%s", tc.k, w, b.String())
			}
		}
		for _, w := range tc.not {
			if strings.Contains(b.String(), w) {
				t.Errorf("K=%d: %s in\n%s", tc.k, w, b.String())
			}
		}
	}
}

func TestPrintTableFootnotes(t *testing.T) {
	sa := &graph.SetAside{}
	sa.Add("unknown citizenship", 0, nil)
	var b bytes.Buffer
	if err := New(&b, Table, privacy.Policy{K: 10}, Reading{SetAside: *sa, Censored: graph.Censored{Cells: 3, Rule: "low", Victims: 3}}).Print(testHubs()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, w := range []string{"<10", "Set aside: 1 input row not analysed: unknown citizenship 1", "Censored: 3 cells written <K (somewhere from 1 to K-1), each counted as 1 (--censored low): <10 victims", "<10: 2 counts below 10 hidden (--min-count 10)"} {
		if !strings.Contains(out, w) {
			t.Errorf("no %q in\n%s", w, out)
		}
	}
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"=cmd|' /C calc'!A0":       "'=cmd|' /C calc'!A0",
		"@SUM(A1)":                 "'@SUM(A1)",
		"+1+2":                     "'+1+2",
		"-1":                       "-1",
		"-40":                      "-40",
		"-x":                       "'-x",
		"\tx":                      "'\tx",
		"\rx":                      "'\rx",
		"Nigeria":                  "Nigeria",
		"":                         "",
	} {
		if got := exports.SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrintCSVNeutralisesFormulas(t *testing.T) {
	h := testHubs()
	h.Hubs[0].Name = "=HYPERLINK(\"http://x\")"
	var b bytes.Buffer
	if err := New(&b, CSV, privacy.Policy{}, Reading{}).Print(h); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), ",=HYPERLINK") || !strings.Contains(b.String(), `"'=HYPERLINK(""http://x"")"`) {
		t.Errorf("formula not neutralised:\n%s", b.String())
	}
}
