package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
)

const header = "id,origin,destination,via,vectors,victims,year,form,measure,source,groups\n"

func TestReadFlowsValid(t *testing.T) {
	in := "\ufeff" + strings.ReplaceAll(header+
		`a,Nigeria,IT,,air,120,2006,sexual,derived,"seed, p.1",g1;g2
b,NGA,Italy,LY,land>sea,80,2005-2007,,,seed,
,BR,NL,SR,air,50,2006,labour,detected,"say ""hi""",
d,RO,RO,,,7,,other,estimated,,
`, "\n", "\r\n")
	ds, err := ReadFlows(strings.NewReader(in), "flows.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []graph.Flow{
		{ID: "a", Origin: "NG", Destination: "IT", Vectors: []graph.Vector{graph.Air}, Victims: 120, Period: graph.Year(2006),
			Form: graph.Sexual, Measure: graph.Derived, Source: "seed, p.1", Groups: []string{"g1", "g2"}},
		{ID: "b", Origin: "NG", Destination: "IT", Via: []string{"LY"}, Vectors: []graph.Vector{graph.Land, graph.Sea}, Victims: 80,
			Period: graph.Period{From: 2005, To: 2007}, Source: "seed"},
		{ID: "4", Origin: "BR", Destination: "NL", Via: []string{"SR"}, Vectors: []graph.Vector{graph.Air, graph.Air}, Victims: 50,
			Period: graph.Year(2006), Form: graph.Labour, Source: `say "hi"`},
		{ID: "d", Origin: "RO", Destination: "RO", Vectors: []graph.Vector{graph.VectorUnknown}, Victims: 7, Form: graph.OtherForm, Measure: graph.Estimated},
	}
	if !reflect.DeepEqual(ds.Flows, want) {
		t.Errorf("got\n%+v\nwant\n%+v", ds.Flows, want)
	}
	for _, code := range []string{"NG", "IT", "LY", "BR", "NL", "SR", "RO"} {
		if _, ok := ds.Countries[code]; !ok {
			t.Errorf("country %s missing", code)
		}
	}
}

// TestReadFlowsProblems checks that each bad line is reported as
// file:line:column: field: problem, and that every problem of the file is
// reported at once.
func TestReadFlowsProblems(t *testing.T) {
	tests := []struct {
		name string
		row  string
		want []string // "line:col: field" prefixes
		is   error
	}{
		{"unknown country", "x,Nigeriaxyz,IT,,,1,2006,,,,", []string{"2:3: origin"}, nil},
		{"negative victims", "x,NG,IT,,,-3,2006,,,,", []string{"2:11: victims"}, ErrBadVictims},
		{"fractional victims", "x,NG,IT,,,1.5,2006,,,,", []string{"2:11: victims"}, ErrBadVictims},
		{"missing victims", "x,NG,IT,,,,2006,,,,", []string{"2:11: victims"}, ErrRequired},
		{"bad year", "x,NG,IT,,,1,20066,,,,", []string{"2:13: year"}, graph.ErrBadPeriod},
		{"backwards range", "x,NG,IT,,,1,2007-2005,,,,", []string{"2:13: year"}, graph.ErrBadPeriod},
		{"vector count", "x,NG,IT,LY,air>sea>land,1,2006,,,,", []string{"2:12: vectors"}, ErrVectorCount},
		{"bad vector", "x,NG,IT,,boat,1,2006,,,,", []string{"2:10: vectors"}, graph.ErrBadVector},
		{"via repeats origin", "x,NG,IT,NG,,1,2006,,,,", []string{"2:9: via"}, ErrViaRepeats},
		{"via repeats itself", "x,NG,IT,LY>NE>LY,,1,2006,,,,", []string{"2:9: via"}, ErrViaRepeats},
		{"bad form", "x,NG,IT,,,1,2006,sexy,,,", []string{"2:18: form"}, graph.ErrBadForm},
		{"bad measure", "x,NG,IT,,,1,2006,,guess,,", []string{"2:19: measure"}, graph.ErrBadMeasure},
		{"field count", "x,NG,IT,,,1,2006", []string{"2:17: form: "}, ErrFieldCount},
		{"extra field", "x,NG,IT,,,1,2006,,,,,extra", []string{"2:22: wrong number"}, ErrFieldCount},
		{"several problems", "x,NG,IT,,,-1,1800,bad,,,", []string{"2:11: victims", "2:14: year", "2:19: form"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadFlows(strings.NewReader(header+tc.row+"\n"), "flows.csv")
			var errs *Errors
			if !errors.As(err, &errs) {
				t.Fatalf("got %v, want *Errors", err)
			}
			if len(errs.List) != len(tc.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(errs.List), len(tc.want), err)
			}
			for i, w := range tc.want {
				if got := errs.List[i].Error(); !strings.HasPrefix(got, "flows.csv:"+w) {
					t.Errorf("problem %d: got %q, want prefix %q", i, got, "flows.csv:"+w)
				}
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("%v is not %v", err, tc.is)
			}
		})
	}
}

func TestReadFlowsDuplicateIDs(t *testing.T) {
	_, err := ReadFlows(strings.NewReader(header+"a,NG,IT,,,1,2006,,,,\na,NG,ES,,,1,2006,,,,\n"), "flows.csv")
	if !errors.Is(err, ErrDuplicateID) || !strings.Contains(err.Error(), "flows.csv:3:1: id: duplicate id \"a\" (first on line 2)") {
		t.Errorf("got %v", err)
	}
}

func TestReadFlowsColumns(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"unknown column", "origin,destination,victims,colour\nNG,IT,1,red\n", "flows.csv:1:28: colour: unknown column"},
		{"missing column", "origin,victims\nNG,1\n", "flows.csv:1: destination: required column missing"},
		{"empty file", "", "flows.csv:1: empty file"},
		{"bad quote", "origin,destination,victims\n\"NG,IT,1\n", "flows.csv:2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadFlows(strings.NewReader(tc.in), "flows.csv")
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got %v, want prefix %q", err, tc.want)
			}
		})
	}
	ds, err := ReadFlows(strings.NewReader("origin,destination,victims,x_note\nNG,IT,1,hello\n"), "flows.csv")
	if err != nil || len(ds.Flows) != 1 || ds.Flows[0].ID != "2" {
		t.Errorf("x_ column: got %v, %v", ds, err)
	}
}

func TestReadFlowsStopsAtMaxErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString(header)
	for i := range MaxErrors + 50 {
		fmt.Fprintf(&b, ",NG,IT,,,-%d,2006,,,,\n", i+1) // each a problem of its own
	}
	_, err := ReadFlows(strings.NewReader(b.String()), "flows.csv")
	var errs *Errors
	if !errors.As(err, &errs) || len(errs.List) != MaxErrors || !errs.Truncated {
		t.Fatalf("got %d problems (truncated %v), want %d and truncated", len(errs.List), errs.Truncated, MaxErrors)
	}
}

// TestRepeatedProblemCounted: a problem that repeats is listed once, at
// its first row, with the number of rows it occurs in; in the sequential
// and the parallel reader (a body of more than 1 MB).
func TestRepeatedProblemCounted(t *testing.T) {
	for _, rows := range []int{50, 40_000} {
		var b strings.Builder
		b.WriteString(header)
		for i := range rows {
			if i%10 == 3 {
				b.WriteString(",NG,Xy,,,1,2006,,,,\n")
			} else {
				fmt.Fprintf(&b, "r%d,NG,IT,LY>TN,land>sea>sea,%d,2006,sexual,detected,a source text,\n", i, i)
			}
		}
		_, err := ReadFlows(strings.NewReader(b.String()), "flows.csv")
		var errs *Errors
		if !errors.As(err, &errs) || len(errs.List) != 1 {
			t.Fatalf("%d rows: got %v, want one problem", rows, err)
		}
		pe := errs.List[0]
		if pe.Line != 5 || pe.More != rows/10-1 || !strings.Contains(pe.Error(), fmt.Sprintf("(and %s more rows)", thousands(int64(rows/10-1)))) {
			t.Errorf("%d rows: got line %d, more %d: %v; want line 5, more %d", rows, pe.Line, pe.More, pe, rows/10-1)
		}
	}
}

func TestReadJSON(t *testing.T) {
	csvDS, err := ReadFlows(strings.NewReader(header+`a,NG,IT,LY,land>sea,80,2005-2007,sexual,derived,seed,g1
b,BR,NL,SR,air,50,2006,,,,
`), "flows.csv")
	if err != nil {
		t.Fatal(err)
	}
	doc := `{"name": "x", "flows": [
  {"id": "a", "origin": "Nigeria", "destination": "ITA", "via": ["LY"], "vectors": "land>sea",
   "victims": 80, "year": "2005-2007", "form": "sexual", "measure": "derived", "source": "seed", "groups": ["g1"]},
  {"id": "b", "origin": "BR", "destination": "NL", "via": "SR", "vectors": ["air", "air"], "victims": 50, "year": 2006, "x_note": 1}
]}`
	jsDS, err := ReadJSON(strings.NewReader(doc), "data.json")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(jsDS.Flows, csvDS.Flows) {
		t.Errorf("JSON flows\n%+v\ndiffer from CSV flows\n%+v", jsDS.Flows, csvDS.Flows)
	}

	bad := `{"flows": [
  {"origin": "NG", "destination": "IT", "victims": 1},
  {"origin": "NG", "destination": "IT",
   "victims": -4, "colour": "red"}
]}`
	_, err = ReadJSON(strings.NewReader(bad), "data.json")
	if err == nil || !strings.Contains(err.Error(), "data.json:4:") || !strings.Contains(err.Error(), "colour: unknown column") {
		t.Errorf("got %v, want the bad object's line 4 and the unknown key", err)
	}
}

func TestLoadDirectoryWithCountries(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("countries.csv", "code,name,region,lat,lon\nNG,Nigeria,West Africa (custom),9.1,8.7\nZZ,Zone of unknown origin,,,\n")
	write("flows.csv", header+"a,NG,IT,,,5,2006,,,,\nb,ZZ,IT,,,3,2006,,,,\nc,zone of unknown origin,ES,,,2,2006,,,,\n")
	ds, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := ds.Countries["NG"]; got.Region != "West Africa (custom)" || got.Lat != 9.1 {
		t.Errorf("override not applied: %+v", got)
	}
	if ds.Flows[1].Origin != "ZZ" || ds.Flows[2].Origin != "ZZ" {
		t.Errorf("added country not used: %+v", ds.Flows)
	}
	if ds.Name != filepath.Base(dir) {
		t.Errorf("name %q", ds.Name)
	}

	// The same ids in a second source are an error naming both places.
	other := filepath.Join(t.TempDir(), "more.csv")
	if err := os.WriteFile(other, []byte(header+"b,NG,FR,,,1,2006,,,,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Load(context.Background(), dir, other)
	if !errors.Is(err, ErrDuplicateID) || !strings.Contains(err.Error(), "also at") {
		t.Errorf("got %v, want duplicate ids across sources", err)
	}
}

func TestLoadErrors(t *testing.T) {
	ctx := context.Background()
	for _, p := range []string{"builtin:nope", "/no/such/dir", "x.txt"} {
		_, err := Load(ctx, p)
		if err == nil || !IsInputError(err) {
			t.Errorf("%s: got %v, want an input error", p, err)
		}
	}
}
