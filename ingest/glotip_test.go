package ingest_test

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/ingest/sheet"
)

const glotipSample = "testdata/glotip_sample.csv"

// glotipRow is what the reader must make of one line of glotip_sample.csv
// under --censored low: a record (origin, destination, year, victims) or
// a set-aside reason. Hand-counted from the file.
type glotipRow struct {
	line       int
	origin     string // "" when set aside
	dest, year string
	victims    int
	reason     string
	// category, when set, is a text whose class is the resolver's to say
	// (ingest/names.go): the outcome follows its Kind.
	category string
}

// glotipCitizenship are the 15 rows of the sample with Indicator =
// Detected trafficking victims, Dimension = by citizenship, Sex and Age
// Total (lines 4-14 and 23-26); the other 8 rows are not flows.
var glotipCitizenship = []glotipRow{
	{line: 4, origin: "NG", dest: "IT", year: "2018", victims: 1094}, // "1,094"
	{line: 5, origin: "RO", dest: "IT", year: "2018", victims: 1},    // <5
	{line: 6, origin: "IT", dest: "IT", year: "2018", victims: 35},   // Italy in Italy: domestic
	{line: 7, dest: "IT", year: "2019", victims: 40, category: "Nationals"},
	{line: 8, dest: "IT", year: "2018", victims: 12, category: "Other Asia"},
	{line: 9, dest: "IT", year: "2018", victims: 7, category: "Unknown"},
	{line: 10, reason: "empty value"},
	{line: 11, reason: "bad number"},                                // n.a.
	{line: 12, origin: "BR", dest: "ES", year: "2019", victims: 12}, // 12.0
	{line: 13, reason: "unresolved country name", victims: 4},       // Xyzzyland
	{line: 14, origin: "PY", dest: "ES", year: "2020", victims: 1},  // <3
	{line: 23, reason: "unresolved country name", victims: 9},       // reported by ZZZ
	{line: 24, reason: "bad number"},                                // -3
	{line: 25, reason: "bad year", victims: 6},                      // 20x8
	{line: 26, origin: "ES", dest: "ES", year: "2020", victims: 1},  // <5, no Source
}

// kindReasons is the set-aside reason of each class of category text.
var kindReasons = map[ingest.NameKind]string{
	ingest.NameAggregate:  "aggregate category",
	ingest.NameUnknown:    "unknown citizenship",
	ingest.NameAmbiguous:  "ambiguous country name",
	ingest.NameUnresolved: "unresolved country name",
}

// outcome resolves a category row through the resolver of the day.
func (r glotipRow) outcome() glotipRow {
	if r.category == "" {
		return r
	}
	res := ingest.Countries().ResolveName(r.category)
	switch res.Kind {
	case ingest.NameCountry:
		r.origin = res.Code
	case ingest.NameNationals:
		r.origin = r.dest
	default:
		r.reason = kindReasons[res.Kind]
	}
	return r
}

// checkGLOTIP compares a dataset read from the sample (lines shifted by
// shift) with want: every record, every set-aside row by reason and
// victims, and rows used + set aside = rows of the dimension.
func checkGLOTIP(t *testing.T, ds *graph.Dataset, want []glotipRow, shift int, file string) {
	t.Helper()
	byLine := map[int]graph.Flow{}
	for _, f := range ds.Flows {
		_, l, _ := strings.Cut(f.ID, ":")
		n, err := strconv.Atoi(l)
		if err != nil {
			t.Fatalf("record id %q: want file:line", f.ID)
		}
		byLine[n+shift] = f
	}
	reasons := map[string][2]int{} // reason -> rows, victims
	used := 0
	for _, w := range want {
		w = w.outcome()
		f, ok := byLine[w.line]
		if w.reason != "" {
			if ok {
				t.Errorf("line %d: got record %+v, want it set aside (%s)", w.line, f, w.reason)
			}
			r := reasons[w.reason]
			reasons[w.reason] = [2]int{r[0] + 1, r[1] + w.victims}
			continue
		}
		used++
		if !ok {
			t.Errorf("line %d: no record, want %s->%s %d", w.line, w.origin, w.dest, w.victims)
			continue
		}
		if f.Origin != w.origin || f.Destination != w.dest || f.Period.String() != w.year || f.Victims != w.victims ||
			f.Measure != graph.Detected || f.Form != graph.FormUnknown || f.Source == "" {
			t.Errorf("line %d: got %s->%s %s %d (%s, %s, %q), want %s->%s %s %d, detected, unknown form",
				w.line, f.Origin, f.Destination, f.Period, f.Victims, f.Measure, f.Form, f.Source, w.origin, w.dest, w.year, w.victims)
		}
	}
	if len(ds.Flows) != used {
		t.Errorf("got %d records, want %d", len(ds.Flows), used)
	}
	got := map[string][2]int{}
	for _, r := range ds.SetAside.Reasons {
		got[r.Reason] = [2]int{r.Rows, int(r.Victims)}
		for _, ex := range r.Examples {
			if !strings.HasPrefix(ex.String(), file+":") {
				t.Errorf("%s: example %q does not start with %s:line", r.Reason, ex, file)
			}
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(reasons) {
		t.Errorf("set aside (reason: [rows victims])\n got %v\nwant %v", got, reasons)
	}
	// Every row of the dimension is used or set aside.
	if used+ds.SetAside.Rows != len(want) {
		t.Errorf("rows used %d + set aside %d != %d rows of the dimension", used, ds.SetAside.Rows, len(want))
	}
}

func TestGLOTIPSample(t *testing.T) {
	ds, err := ingest.Load(context.Background(), glotipSample)
	if err != nil {
		t.Fatal(err)
	}
	checkGLOTIP(t, ds, glotipCitizenship, 0, glotipSample)
	// Rows 5, 14 and 26: <5, <3, <5, counted 1 each.
	if want := (graph.Censored{Cells: 3, Rule: "low", Victims: 3}); ds.Censored != want {
		t.Errorf("censored %+v, want %+v", ds.Censored, want)
	}
	wantInd := []graph.Indicator{
		{Indicator: "Detected trafficking victims", Dimension: "Total", Use: "other dimension", Year: 2018, Rows: 1, Value: 1200},
		{Indicator: "Detected trafficking victims", Dimension: "by citizenship", Use: "breakdown", Year: 2019, Rows: 3, Value: 18, Censored: 1},
		{Indicator: "Detected trafficking victims", Dimension: "by country of repatriation", Use: "other dimension", Year: 2019, Rows: 2, Value: 7},
		{Indicator: "Persons convicted", Dimension: "Total", Use: "other indicator", Year: 2019, Rows: 1, Censored: 1},
		{Indicator: "Persons prosecuted", Dimension: "Total", Use: "other indicator", Year: 2019, Rows: 1, Value: 150},
	}
	if !slices.Equal(ds.Indicators, wantInd) {
		t.Errorf("indicators\n got %+v\nwant %+v", ds.Indicators, wantInd)
	}
	// Every one of the 23 data rows is a record, set aside or counted.
	n := len(ds.Flows) + ds.SetAside.Rows
	for _, in := range ds.Indicators {
		n += in.Rows
	}
	if n != 23 {
		t.Errorf("%d rows accounted for, want 23", n)
	}
}

// TestGLOTIPForms: the CSV without the lines above the header and the
// workbook read as the CSV does (lines are sheet rows in the workbook).
func TestGLOTIPForms(t *testing.T) {
	data, err := os.ReadFile(glotipSample)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	lines := strings.SplitAfterN(string(data), "\n", 3)
	plain := filepath.Join(dir, "plain.csv")
	if err := os.WriteFile(plain, []byte(lines[2]), 0o644); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(dir, "data_glotip.xlsx")
	writeGLOTIPBook(t, glotipSample, book)
	for _, tc := range []struct {
		path  string
		shift int
	}{{plain, 2}, {book, 0}} {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			ds, err := ingest.Load(context.Background(), tc.path)
			if err != nil {
				t.Fatal(err)
			}
			checkGLOTIP(t, ds, glotipCitizenship, tc.shift, tc.path)
			if ds.Censored.Cells != 3 || len(ds.Indicators) != 5 {
				t.Errorf("censored %+v, %d indicators; want 3 cells and 5", ds.Censored, len(ds.Indicators))
			}
		})
	}
}

// writeGLOTIPBook writes the CSV at src as a workbook in the published
// layout: one sheet data_glotip_1, the lines above the header as rows,
// Year as a number, txtVALUE as text.
func writeGLOTIPBook(t testing.TB, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if err := sheet.Write(dst, "data_glotip_1", recs, 9); err != nil {
		t.Fatal(err)
	}
}

func TestGLOTIPCensoring(t *testing.T) {
	tests := []struct {
		rule     string
		records  int
		victims  int
		censored graph.Censored
		skipped  int
	}{
		{"low", 6, 1094 + 1 + 35 + 12 + 1 + 1, graph.Censored{Cells: 3, Rule: "low", Victims: 3}, 0},
		{"high", 6, 1094 + 4 + 35 + 12 + 2 + 4, graph.Censored{Cells: 3, Rule: "high", Victims: 10}, 0},
		{"skip", 3, 1094 + 35 + 12, graph.Censored{Cells: 3, Rule: "skip", Victims: 0}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.rule, func(t *testing.T) {
			rule, err := ingest.ParseCensoring(tc.rule)
			if err != nil {
				t.Fatal(err)
			}
			ds, err := ingest.LoadWith(context.Background(), ingest.Options{Censored: rule}, glotipSample)
			if err != nil {
				t.Fatal(err)
			}
			// The rows a newer resolver may turn into records (Nationals)
			// are left out of the count.
			victims, records := 0, 0
			for _, f := range ds.Flows {
				if !strings.HasSuffix(f.ID, ":7") {
					victims += f.Victims
					records++
				}
			}
			skipped := 0
			for _, r := range ds.SetAside.Reasons {
				if r.Reason == "censored, skipped" {
					skipped = r.Rows
				}
			}
			if records != tc.records || victims != tc.victims || ds.Censored != tc.censored || skipped != tc.skipped {
				t.Errorf("got %d records, %d victims, %+v, %d skipped; want %d, %d, %+v, %d",
					records, victims, ds.Censored, skipped, tc.records, tc.victims, tc.censored, tc.skipped)
			}
		})
	}
}

func TestGLOTIPRepatriation(t *testing.T) {
	ds, err := ingest.LoadWith(context.Background(), ingest.Options{GLOTIPDimension: ingest.ByRepatriation}, glotipSample)
	if err != nil {
		t.Fatal(err)
	}
	// Lines 18 and 19: Spain repatriated 5 victims to Morocco, 2 to an
	// unknown country. Never the citizenship rows.
	want := []glotipRow{
		{line: 18, origin: "ES", dest: "MA", year: "2019", victims: 5},
		{line: 19, dest: "ES", year: "2019", victims: 2, category: "Unknown"},
	}
	if res := ingest.Countries().ResolveName("Unknown"); res.Kind == ingest.NameCountry || res.Kind == ingest.NameNationals {
		t.Fatalf("Unknown resolves to %+v", res)
	}
	checkGLOTIP(t, ds, want, 0, glotipSample)
	rows := 0
	for _, in := range ds.Indicators {
		if in.Dimension == "by citizenship" {
			rows += in.Rows
			if in.Use != "other dimension" {
				t.Errorf("%+v: want use other dimension", in)
			}
		}
	}
	if rows != 18 { // 15 totals and 3 breakdowns
		t.Errorf("%d citizenship rows counted, want 18", rows)
	}
}

// TestGLOTIPStrict: under --strict every row that would be set aside is a
// problem naming file, line, column and field; nothing is returned.
func TestGLOTIPStrict(t *testing.T) {
	ds, err := ingest.LoadWith(context.Background(), ingest.Options{Strict: true}, glotipSample)
	var e *ingest.Errors
	if ds != nil || !errors.As(err, &e) {
		t.Fatalf("got %v, %v; want problems", ds, err)
	}
	wantLines := []int{}
	for _, w := range glotipCitizenship {
		if w.outcome().reason != "" {
			wantLines = append(wantLines, w.line)
		}
	}
	var gotLines []int
	for _, pe := range e.List {
		gotLines = append(gotLines, pe.Line)
		var sa *ingest.SetAsideError
		if pe.File != glotipSample || pe.Column == 0 || pe.Field == "" || !errors.As(err, &sa) {
			t.Errorf("problem %v: want file, line, column, field and a SetAsideError", pe)
		}
	}
	if !slices.Equal(gotLines, wantLines) {
		t.Errorf("problems on lines %v, want %v\n%v", gotLines, wantLines, err)
	}
	for _, want := range []string{
		glotipSample + `:10:`, `: txtVALUE: empty value`,
		glotipSample + `:11:`, `: txtVALUE: bad number "n.a." (set aside without --strict)`,
		glotipSample + `:23:1: Iso3_code: unresolved country name "ZZZ"`,
		glotipSample + `:25:`, `: Year: bad year "20x8"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("problems do not say %q:\n%v", want, err)
		}
	}
}

func TestGLOTIPHeaderProblems(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no header", "a,b\n1,2\n", "g.csv:1: no GLOTIP header"},
		{"missing column", "Iso3_code,Country,Indicator,Dimension,Category,Sex,Age,txtVALUE\nITA,Italy,x,y,z,Total,Total,1\n", "g.csv:1: Year: required column missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ingest.ReadFlows(strings.NewReader(tc.in), "g.csv")
			if tc.name == "no header" {
				// Not sniffed as GLOTIP: the flows reader refuses it.
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func FuzzReadGLOTIP(f *testing.F) {
	data, err := os.ReadFile(glotipSample)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("Iso3_code,Category,Indicator,Dimension,Sex,Age,Year,txtVALUE\nNGA,Italy,Detected trafficking victims,by citizenship,Total,Total,2020,< 5\n"))
	f.Add([]byte("x\n\"Iso3_code\",txtVALUE,Indicator,Dimension,Category,Sex,Age,Year\nESP,\"1 094.00\",Detected trafficking victims,By Citizenship,Brazil,total,TOTAL,2019\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range []ingest.Options{{}, {Censored: ingest.CensorHigh, GLOTIPDimension: ingest.ByRepatriation}} {
			ds, err := ingest.ReadFlowsWith(strings.NewReader(string(data)), "g.csv", opts)
			if err != nil {
				continue
			}
			sum := graph.Count(0)
			for _, fl := range ds.Flows {
				if fl.Victims < 0 || fl.Origin == "" || fl.Destination == "" {
					t.Fatalf("bad record %+v", fl)
				}
				sum += graph.Count(fl.Victims)
			}
			if ds.Censored.Victims > sum || ds.SetAside.Rows < 0 {
				t.Fatalf("censored %+v of %d victims", ds.Censored, sum)
			}
			n := 0
			for _, r := range ds.SetAside.Reasons {
				n += r.Rows
			}
			if n != ds.SetAside.Rows {
				t.Fatalf("set aside %d rows, reasons add up to %d", ds.SetAside.Rows, n)
			}
		}
	})
}
