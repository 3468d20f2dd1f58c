package ingest_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
)

// ctdc_sample.csv: 14 rows (hand-counted below), alpha-2 and alpha-3
// codes mixed, -99 and empty values, extra columns in another order, a BOM
// and a quoted comma.
func TestCTDCSample(t *testing.T) {
	ds, err := ingest.Load(context.Background(), filepath.Join("testdata", "ctdc_sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{
		"MD-MD-2018-unknown": 1, // all flags -99
		"MD-MD-2018-other":   1, // labour and sexual both set
		"NG-IT-2018-sexual":  3, // NG/IT, NGA/ITA, NG/ITA
		"PH-US-2016-labour":  2, // PH/US, PHL/USA
		"PH-US-2016-sexual":  1,
		"UA-RU-2017-sexual":  2, // UKR/RUS, UA/RU
		"UA-RU-nd-sexual":    1, // year -99
	}
	got := map[string]int{}
	var order []string
	for _, f := range ds.Flows {
		key := fmt.Sprintf("%s-%s-%s-%s", f.Origin, f.Destination, yearText(f.Period), f.Form)
		got[key] += f.Victims
		order = append(order, key)
		if f.Measure != graph.Detected || f.Source != "CTDC ctdc_sample.csv" || len(f.Via) != 0 || len(f.Vectors) != 1 {
			t.Errorf("%s: measure %s, source %q, via %v, vectors %v", key, f.Measure, f.Source, f.Via, f.Vectors)
		}
		if !strings.HasPrefix(f.ID, "ctdc_sample:") {
			t.Errorf("id %q", f.ID)
		}
	}
	if len(got) != len(want) || len(ds.Flows) != len(want) {
		t.Errorf("got %d records %v, want %v", len(ds.Flows), got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %d victims, want %d", k, got[k], v)
		}
	}
	// Rows 8 (no citizenship), 9 (no country of exploitation) and 15 (empty).
	if ds.SetAside.Rows != 3 {
		t.Errorf("set aside %d rows, want 3", ds.SetAside.Rows)
	}
	wantOrder := []string{"MD-MD-2018-unknown", "MD-MD-2018-other", "NG-IT-2018-sexual", "PH-US-2016-sexual", "PH-US-2016-labour", "UA-RU-nd-sexual", "UA-RU-2017-sexual"}
	if strings.Join(order, " ") != strings.Join(wantOrder, " ") {
		t.Errorf("order\n got %v\nwant %v", order, wantOrder)
	}
}

func yearText(p graph.Period) string {
	if p.IsZero() {
		return "nd"
	}
	return p.String()
}

func TestCTDCErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"missing column", "citizenship,CountryOfExploitation\nPH,US\n", "yearOfRegistration: required column missing"},
		{"bad country", "yearOfRegistration,citizenship,CountryOfExploitation,isSexualExploit,isForcedLabour,isOtherExploit\n2016,XQZ,US,1,0,0\n", `x.csv:2:6: citizenship: unresolved country name "XQZ"`},
		{"bad year", "yearOfRegistration,citizenship,CountryOfExploitation,isSexualExploit,isForcedLabour,isOtherExploit\n16,PH,US,1,0,0\n", `x.csv:2:1: yearOfRegistration: bad year "16"`},
		{"bad flag", "yearOfRegistration,citizenship,CountryOfExploitation,isSexualExploit,isForcedLabour,isOtherExploit\n2016,PH,US,2,0,0\n", `x.csv:2:12: isSexualExploit: bad flag "2"`},
		{"field count", "yearOfRegistration,citizenship,CountryOfExploitation\n2016,PH,US\n2016,PH\n", `x.csv:3:8: CountryOfExploitation: wrong number of fields "2 fields, header has 3"`},
		{"missing country", "yearOfRegistration,citizenship,CountryOfExploitation\n2016,PH,0\n2017,PH,0\n", `x.csv:2:9: CountryOfExploitation: missing country of exploitation "0" (set aside without --strict) (and 1 more row)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ingest.ReadFlowsWith(strings.NewReader(tc.in), "x.csv", ingest.Options{Strict: true})
			var e *ingest.Errors
			if !errors.As(err, &e) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// ctdcRows writes n CTDC rows (alpha-3 codes, about 5% without a
// citizenship) with a few extra columns.
func ctdcRows(n int) []byte {
	origins := []string{"PHL", "UKR", "MDA", "NGA", "KHM", "IDN", "BGD", "ROU", "VNM", "THA", "-99"}
	dests := []string{"USA", "RUS", "TUR", "ITA", "THA", "MYS", "ARE", "POL", "GBR", "NLD"}
	r := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.WriteString("yearOfRegistration,Datasource,gender,ageBroad,citizenship,CountryOfExploitation,isForcedLabour,isSexualExploit,isOtherExploit,typeOfLabourConcatenated\n")
	for i := 0; i < n; i++ {
		o := origins[r.IntN(len(origins))]
		if o == "-99" && r.IntN(2) == 0 {
			o = origins[0]
		}
		sex := r.IntN(2)
		fmt.Fprintf(&b, "%d,Case Management,Female,18--20,%s,%s,%d,%d,0,Domestic work\n",
			2002+r.IntN(19), o, dests[r.IntN(len(dests))], 1-sex, sex)
	}
	return b.Bytes()
}

func BenchmarkReadCTDC250k(b *testing.B) {
	data := ctdcRows(250_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		ds, err := ingest.ReadFlows(bytes.NewReader(data), "ctdc.csv")
		if err != nil {
			b.Fatal(err)
		}
		if ds.SetAside.Rows == 0 || len(ds.Flows) == 0 {
			b.Fatal("nothing read")
		}
	}
}

func FuzzReadCTDC(f *testing.F) {
	f.Add([]byte("yearOfRegistration,citizenship,CountryOfExploitation,isSexualExploit,isForcedLabour,isOtherExploit\n2016,PH,US,1,0,0\n-99,-99,US,1,0,0\n"))
	f.Add([]byte("citizenship,CountryOfExploitation,yearOfRegistration,isSexualExploit,isForcedLabour,isOtherExploit,x\nUKR,RUS,,1,1,-99,\"a,b\"\n"))
	f.Add(ctdcRows(20))
	if data, err := os.ReadFile("testdata/ctdc_2020_sample.csv"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("citizenship,CountryOfExploitation,yearOfRegistration\n0,US,2019\nPH,0,2019\nPH,US,2019\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := ingest.ReadFlows(bytes.NewReader(data), "ctdc.csv")
		if err != nil {
			return
		}
		victims := 0
		for _, fl := range ds.Flows {
			if fl.Victims < 1 || fl.Origin == "" || fl.Destination == "" {
				t.Fatalf("bad record %+v", fl)
			}
			victims += fl.Victims
		}
		// Every row is a victim of a record or set aside.
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
		if err == nil && len(recs) > 0 && victims+ds.SetAside.Rows != len(recs)-1 {
			t.Fatalf("%d rows: %d victims in records, %d set aside", len(recs)-1, victims, ds.SetAside.Rows)
		}
		strict, err := ingest.ReadFlowsWith(bytes.NewReader(data), "ctdc.csv", ingest.Options{Strict: true})
		if (err == nil) != (ds.SetAside.Rows == 0) || (err == nil && len(strict.Flows) != len(ds.Flows)) {
			t.Fatalf("strict read: %v, lenient set %d rows aside", err, ds.SetAside.Rows)
		}
	})
}

// TestCTDCCountriesFile: a CTDC file in a dataset directory resolves the
// countries its countries.csv adds, as a flows.csv there does.
func TestCTDCCountriesFile(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"countries.csv": "code,name,region,lat,lon\nZZ,Zone of unknown origin,,,\n",
		"flows.csv":     "yearOfRegistration,citizenship,CountryOfExploitation,isSexualExploit,isForcedLabour,isOtherExploit\n2016,ZZ,US,1,0,0\n2016,Zone of unknown origin,US,1,0,0\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ds, err := ingest.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Flows) != 1 || ds.Flows[0].Origin != "ZZ" || ds.Flows[0].Victims != 2 || ds.Countries["ZZ"].Name != "Zone of unknown origin" {
		t.Errorf("flows %+v, ZZ %+v", ds.Flows, ds.Countries["ZZ"])
	}
}

// TestReadersSayTheyStopped: every reader stops at MaxErrors problems in
// a file and says so.
func TestReadersSayTheyStopped(t *testing.T) {
	// Each row a problem of its own (a repeated one is counted, not listed).
	rows := func(header, row string) string {
		var b strings.Builder
		b.WriteString(header + "\n")
		for i := range ingest.MaxErrors + 50 {
			fmt.Fprintf(&b, row+"\n", i)
		}
		return b.String()
	}
	for name, read := range map[string]func() error{
		"flows": func() error {
			_, err := ingest.ReadFlows(strings.NewReader(rows("origin,destination,victims", "NG,IT,x%d")), "f.csv")
			return err
		},
		"ctdc": func() error {
			_, err := ingest.ReadFlowsWith(strings.NewReader(rows("yearOfRegistration,citizenship,CountryOfExploitation,isSexualExploit,isForcedLabour,isOtherExploit", "1%d,PH,US,1,0,0")), "c.csv", ingest.Options{Strict: true})
			return err
		},
		"captures": func() error {
			_, err := ingest.ReadCaptures(strings.NewReader(rows("A,B,count", "1,1,x%d")), "m.csv")
			return err
		},
	} {
		var e *ingest.Errors
		if err := read(); !errors.As(err, &e) || len(e.List) != ingest.MaxErrors || !e.Truncated {
			n := -1
			if e != nil {
				n = len(e.List)
			}
			t.Errorf("%s: %d problems, truncated %v (%v); want %d and truncated", name, n, e != nil && e.Truncated, err, ingest.MaxErrors)
		}
	}
}

// ctdc_2020_sample.csv is laid out as the 2020 global file: flags written
// 1.0/0.0 (and true/false), no isOtherExploit column, "0", "-99" and empty
// for a missing country. 16 rows, hand-counted below.
func TestCTDC2020Sample(t *testing.T) {
	const file = "testdata/ctdc_2020_sample.csv"
	ds, err := ingest.Load(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{
		"PH-US-2019-labour":  2, // rows 2, 3
		"PH-US-2019-sexual":  1,
		"UA-PL-2019-sexual":  1,
		"UA-PL-2019-labour":  1, // true/false
		"MD-RU-2020-other":   1, // two flags
		"MD-MD-2020-unknown": 1, // no flag read is set
		"KH-TH-nd-sexual":    1, // year -99
	}
	got := map[string]int{}
	victims := 0
	for _, f := range ds.Flows {
		got[fmt.Sprintf("%s-%s-%s-%s", f.Origin, f.Destination, yearText(f.Period), f.Form)] += f.Victims
		victims += f.Victims
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || len(ds.Flows) != len(want) {
		t.Errorf("records\n got %v\nwant %v", got, want)
	}
	wantAside := map[string]int{
		"missing citizenship":             3, // rows 9-11: 0, -99, empty
		"missing country of exploitation": 2, // rows 12, 13
		"unresolved country name":         1, // XQ
		"bad flag":                        1, // 0.5
		"bad year":                        1, // 20/20
	}
	gotAside := map[string]int{}
	for _, r := range ds.SetAside.Reasons {
		gotAside[r.Reason] = r.Rows
		if int(r.Victims) != r.Rows {
			t.Errorf("%s: %d victims for %d rows (one victim a row)", r.Reason, r.Victims, r.Rows)
		}
	}
	if fmt.Sprint(gotAside) != fmt.Sprint(wantAside) {
		t.Errorf("set aside\n got %v\nwant %v", gotAside, wantAside)
	}
	if victims+ds.SetAside.Rows != 16 {
		t.Errorf("%d victims in records + %d rows set aside, want the 16 rows", victims, ds.SetAside.Rows)
	}
	if ex := ds.SetAside.Reasons[0].Examples; len(ex) == 0 || !strings.HasPrefix(ex[0].String(), file+":9: 0 (1)") {
		t.Errorf("first example %q, want %s:9: 0 (1)", ex, file)
	}
	// --strict: the same 8 rows are problems, at their cells.
	_, err = ingest.LoadWith(context.Background(), ingest.Options{Strict: true}, file)
	var e *ingest.Errors
	if !errors.As(err, &e) {
		t.Fatalf("strict: got %v, want problems", err)
	}
	rows := 0
	for _, pe := range e.List {
		rows += 1 + pe.More
	}
	if rows != 8 || e.List[0].Line != 9 || e.List[0].Field != "citizenship" || e.List[0].Column == 0 {
		t.Errorf("strict: %d rows, first %v; want 8 rows, the first at line 9 citizenship:\n%v", rows, e.List[0], err)
	}
}

// TestCTDCRowsAccounted: every row of the older sample is a victim of a
// record or set aside.
func TestCTDCRowsAccounted(t *testing.T) {
	ds, err := ingest.Load(context.Background(), filepath.Join("testdata", "ctdc_sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	victims := 0
	for _, f := range ds.Flows {
		victims += f.Victims
	}
	if victims+ds.SetAside.Rows != 14 {
		t.Errorf("%d + %d rows set aside, want 14", victims, ds.SetAside.Rows)
	}
}

// TestCTDCFieldCount: a row of the wrong length is set aside, one victim.
func TestCTDCFieldCount(t *testing.T) {
	ds, err := ingest.ReadFlows(strings.NewReader("yearOfRegistration,citizenship,CountryOfExploitation\n2016,PH,US\n2016,PH\n2016,PH,US,x\n"), "x.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Flows) != 1 || ds.Flows[0].Victims != 1 || ds.SetAside.Rows != 2 || ds.SetAside.Reasons[0].Reason != "wrong number of fields" || ds.SetAside.Victims != 2 {
		t.Errorf("flows %+v, set aside %+v", ds.Flows, ds.SetAside)
	}
}
