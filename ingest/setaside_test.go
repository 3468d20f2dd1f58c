package ingest_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
)

// nativeRows is a flows.csv of n copies of five rows: a good one, a
// censored one (<5), one naming an unknown country, one with a bad count
// and one with too few fields. Above about 20,000 copies the body passes 1 MB and the parallel
// reader reads it.
func nativeRows(n int) string {
	var b strings.Builder
	b.WriteString("id,origin,destination,via,vectors,victims,year,form,measure,source,groups\n")
	for i := range n {
		fmt.Fprintf(&b, "a%d,NG,IT,LY,land>sea,10,2006,sexual,detected,a source,\n", i)
		fmt.Fprintf(&b, "b%d,BR,NL,,air,<5,2006,,,,\n", i)
		fmt.Fprintf(&b, "c%d,Xy,IT,,,3,2006,,,,\n", i)
		fmt.Fprintf(&b, "d%d,RO,IT,,,many,2006,,,,\n", i)
		fmt.Fprintf(&b, "e%d,RO,IT,,,2,2006\n", i)
	}
	return b.String()
}

// TestNativeCensoredAndSetAside: tipgraph's own flows.csv reads "<K" under
// every rule, fails on a bad row by default and sets it aside with
// --set-aside, in the sequential and the parallel reader.
func TestNativeCensoredAndSetAside(t *testing.T) {
	for _, n := range []int{3, 30_000} {
		in := nativeRows(n)
		_, err := ingest.ReadFlows(strings.NewReader(in), "flows.csv")
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf(`flows.csv:4:4: origin: unknown country "Xy"`)) ||
			!strings.Contains(err.Error(), fmt.Sprintf("(and %s more rows)", thousandsText(n-1))) {
			t.Errorf("%d: default is strict: got %.300v", n, err)
		}
		for _, tc := range []struct {
			rule    ingest.Censoring
			victims int // a good row and a censored one
			aside   map[string]int
		}{
			{ingest.CensorLow, 11, map[string]int{"unresolved country name": n, "bad number": n, "wrong number of fields": n}},
			{ingest.CensorHigh, 14, map[string]int{"unresolved country name": n, "bad number": n, "wrong number of fields": n}},
			{ingest.CensorSkip, 10, map[string]int{"unresolved country name": n, "bad number": n, "censored, skipped": n, "wrong number of fields": n}},
		} {
			ds, err := ingest.ReadFlowsWith(strings.NewReader(in), "flows.csv", ingest.Options{Censored: tc.rule, SetAside: true})
			if err != nil {
				t.Fatalf("%d %s: %v", n, tc.rule, err)
			}
			victims := 0
			for _, f := range ds.Flows {
				victims += f.Victims
			}
			// RO is named only by rows set aside, and so are BR and NL
			// under skip.
			want := "[BR IT LY NG NL]"
			if tc.rule == ingest.CensorSkip {
				want = "[IT LY NG]"
			}
			if got := fmt.Sprint(slices.Sorted(maps.Keys(ds.Countries))); got != want {
				t.Errorf("%d %s: countries %v, want %v", n, tc.rule, got, want)
			}
			got := map[string]int{}
			for _, r := range ds.SetAside.Reasons {
				got[r.Reason] = r.Rows
			}
			cens := tc.victims - 10
			if tc.rule == ingest.CensorSkip {
				cens = 0
			}
			wantC := graph.Censored{Cells: n, Rule: tc.rule.String(), Victims: graph.Count(n * cens)}
			if victims != n*tc.victims || fmt.Sprint(got) != fmt.Sprint(tc.aside) || ds.Censored != wantC ||
				len(ds.Flows)+ds.SetAside.Rows != 5*n {
				t.Errorf("%d %s: %d victims, set aside %v, %+v; want %d, %v, %+v", n, tc.rule, victims, got, ds.Censored,
					n*tc.victims, tc.aside, wantC)
			}
		}
	}
	// The examples say where and what.
	ds, err := ingest.ReadFlowsWith(strings.NewReader(nativeRows(1)), "flows.csv", ingest.Options{SetAside: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`flows.csv:4: origin: unknown country "Xy"`, `flows.csv:5: victims: victims must be a whole number >= 0, got "many"`,
		`flows.csv:6: 7 fields, header has 11`}
	if len(ds.SetAside.Reasons) != len(want) {
		t.Fatalf("reasons %+v, want %d", ds.SetAside.Reasons, len(want))
	}
	for i, r := range ds.SetAside.Reasons {
		if len(r.Examples) != 1 || !strings.HasPrefix(r.Examples[0].String(), want[i]) {
			t.Errorf("%s: examples %q, want %q", r.Reason, r.Examples, want[i])
		}
	}
	// --censored skip without --set-aside: the censored row's countries
	// are not the dataset's.
	ds, err = ingest.ReadFlowsWith(strings.NewReader("origin,destination,victims\nBR,NL,<5\nNG,IT,3\n"), "f.csv", ingest.Options{Censored: ingest.CensorSkip})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Countries) != 2 || ds.SetAside.Rows != 1 {
		t.Errorf("skip: countries %v, %d set aside; want NG IT and 1", ds.Countries, ds.SetAside.Rows)
	}
	// --strict with --censored skip: the censored row is a problem too.
	_, err = ingest.ReadFlowsWith(strings.NewReader("origin,destination,victims\nBR,NL,<5\n"), "f.csv", ingest.Options{Strict: true, Censored: ingest.CensorSkip})
	if err == nil || !strings.Contains(err.Error(), `f.csv:2:7: victims: censored, skipped "<5"`) {
		t.Errorf("strict skip: got %v", err)
	}
}

func thousandsText(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
