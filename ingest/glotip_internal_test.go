package ingest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
)

// TestGLOTIPNameKinds: each class of category text has its outcome,
// whatever the resolver of the day makes of the words used here.
func TestGLOTIPNameKinds(t *testing.T) {
	kinds := map[string]Resolution{
		"Italia":     {Kind: NameCountry, Code: "IT", How: "translation"},
		"Nationals":  {Kind: NameNationals},
		"Other Asia": {Kind: NameAggregate},
		"Unknown":    {Kind: NameUnknown},
		"Korea":      {Kind: NameAmbiguous, Candidates: []string{"Korea, Republic of (KR)", "Korea, Democratic People's Republic of (KP)"}},
		"Xyzzyland":  {Kind: NameUnresolved},
		"NGA":        {Kind: NameCountry, Code: "NG", How: "code"},
		"ESP":        {Kind: NameCountry, Code: "ES", How: "code"},
	}
	var b strings.Builder
	b.WriteString("Iso3_code,Category,Indicator,Dimension,Sex,Age,Year,txtVALUE\n")
	for _, cat := range []string{"Italia", "Nationals", "Other Asia", "Unknown", "Korea", "Xyzzyland"} {
		fmt.Fprintf(&b, "NGA,%s,Detected trafficking victims,by citizenship,Total,Total,2020,<5\n", cat)
		fmt.Fprintf(&b, "ESP,%s,Detected trafficking victims,by country of repatriation,Total,Total,2020,7\n", cat)
	}
	tests := []struct {
		dim     GLOTIPDimension
		records []string
		aside   map[string]int // reason -> victims
	}{
		{ByCitizenship, []string{"IT>NG 1", "NG>NG 1"}, map[string]int{
			"aggregate category": 1, "unknown citizenship": 1, "ambiguous country name": 1, "unresolved country name": 1}},
		{ByRepatriation, []string{"ES>IT 7", "ES>ES 7"}, map[string]int{
			"aggregate category": 7, "unknown citizenship": 7, "ambiguous country name": 7, "unresolved country name": 7}},
	}
	for _, tc := range tests {
		t.Run(tc.dim.String(), func(t *testing.T) {
			rd := newReader()
			rd.opts.GLOTIPDimension = tc.dim
			rd.classify = func(s string) Resolution { r := kinds[s]; r.Text = s; return r }
			rd.readSorted(func() { rd.flowsCSV(strings.NewReader(b.String()), "k.csv") })
			ds, err := rd.finish("k")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range ds.Flows {
				got = append(got, fmt.Sprintf("%s>%s %d", f.Origin, f.Destination, f.Victims))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.records) {
				t.Errorf("records %v, want %v", got, tc.records)
			}
			gotAside := map[string]int{}
			for _, r := range ds.SetAside.Reasons {
				if r.Rows != 1 {
					t.Errorf("%s: %d rows, want 1", r.Reason, r.Rows)
				}
				gotAside[r.Reason] = int(r.Victims)
			}
			if fmt.Sprint(gotAside) != fmt.Sprint(tc.aside) {
				t.Errorf("set aside %v, want %v", gotAside, tc.aside)
			}
		})
	}
}

func TestParseCount(t *testing.T) {
	tests := []struct {
		in   string
		rule Censoring
		n    graph.Count
		k    int
		ok   bool
	}{
		{"12", CensorLow, 12, 0, true},
		{"1,094", CensorLow, 1094, 0, true},
		{"1,094,000", CensorLow, 1094000, 0, true},
		{"1 094", CensorLow, 1094, 0, true},
		{"12.0", CensorLow, 12, 0, true},
		{"1,094.00", CensorLow, 1094, 0, true},
		{" 7 ", CensorLow, 7, 0, true},
		{"0", CensorLow, 0, 0, true},
		{"<5", CensorLow, 1, 5, true},
		{"<5", CensorHigh, 4, 5, true},
		{"<5", CensorSkip, 0, 5, true},
		{"< 10", CensorHigh, 9, 10, true},
		{"<2", CensorHigh, 1, 2, true},
		{"<1", CensorLow, 0, 0, false},
		{"<", CensorLow, 0, 0, false},
		{"12.5", CensorLow, 0, 0, false},
		{"1,09", CensorLow, 0, 0, false},
		{"10,94", CensorLow, 0, 0, false},
		{"1094,", CensorLow, 0, 0, false},
		{",1", CensorLow, 0, 0, false},
		{"-3", CensorLow, 0, 0, false},
		{"", CensorLow, 0, 0, false},
		{"n.a.", CensorLow, 0, 0, false},
		{".", CensorLow, 0, 0, false},
		{"99999999999999999999", CensorLow, 0, 0, false},
	}
	for _, tc := range tests {
		c, ok := parseCount(tc.in, tc.rule)
		if ok != tc.ok || (ok && (c.n != tc.n || c.censorK != tc.k)) {
			t.Errorf("parseCount(%q, %s) = %+v, %v; want n %d, K %d, %v", tc.in, tc.rule, c, ok, tc.n, tc.k, tc.ok)
		}
	}
}
