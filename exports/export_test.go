package exports

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func toc2010(t testing.TB) *graph.Dataset {
	t.Helper()
	ds, err := ingest.Load(context.Background(), "builtin:toc2010")
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func view(t testing.TB, ds *graph.Dataset, flt graph.Filter, opt Options) *View {
	t.Helper()
	lg, err := graph.NewLegGraph(ds, flt)
	if err != nil {
		t.Fatal(err)
	}
	v, err := Select(context.Background(), lg, opt)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// golden compares got with testdata/name.golden, or rewrites it with
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./exports -update)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\ngot  %s\nwant %s\n(go test ./exports -update rewrites it)", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s: got %d lines, want %d (go test ./exports -update rewrites it)", path, len(gl), len(wl))
	}
}

// escapes is a small dataset whose texts need escaping in every format.
func escapes(t testing.TB) *graph.Dataset {
	t.Helper()
	csv := "id,origin,destination,via,vectors,victims,year,form,measure,source,groups\n" +
		"a'1,NG,IT,LY,land>sea,20,2005-2007,sexual,estimated,\"O'Brien \\\\ \"\"quoted\"\"; line\nbreak <&> --\",g1;g'2\n" +
		"b,NG,IT,,air,5,2006,labour,detected,Case file 12: p. 3,\n" +
		"c,IT,IT,,,7,2006,,,,\n"
	ds, err := ingest.ReadFlows(strings.NewReader(csv), "escapes.csv")
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestGolden(t *testing.T) {
	ds := toc2010(t)
	all := view(t, ds, graph.Filter{}, Options{})
	ctx := context.Background()
	div, err := routes.Divert(ctx, all.Graph, routes.DivertOptions{Remove: []string{"UA"}, Displacement: 1})
	if err != nil {
		t.Fatal(err)
	}
	esc := escapes(t)
	cases := []struct {
		name string
		make func(w io.Writer) error
	}{
		{"map_toc2010.dot", func(w io.Writer) error { return writeMap(w, all, MapOptions{}) }},
		{"map_toc2010_remove_ua.dot", func(w io.Writer) error { return writeMap(w, all, MapOptions{Diversion: div}) }},
		{"map_toc2010_br_nl_2006.dot", func(w io.Writer) error {
			return writeMap(w, view(t, ds, graph.Filter{}, Options{From: "BR", To: "NL"}), MapOptions{})
		}},
		{"map_toc2010_top10_sfdp.dot", func(w io.Writer) error {
			return writeMap(w, view(t, ds, graph.Filter{}, Options{Top: 10}), MapOptions{Layout: "sfdp"})
		}},
		{"legs_toc2010.csv", func(w io.Writer) error { return LegsCSV(w, all) }},
		{"toc2010.graphml", func(w io.Writer) error { return GraphML(w, all) }},
		{"legs_mincount.csv", func(w io.Writer) error { return LegsCSV(w, view(t, ds, graph.Filter{}, Options{MinCount: 100})) }},
		{"toc2010_ng_it.cypher", func(w io.Writer) error {
			v := view(t, ds, graph.Filter{}, Options{From: "NG", To: "IT"})
			return Cypher(w, v.Dataset(ds), 0)
		}},
		{"escapes.cypher", func(w io.Writer) error { return Cypher(w, esc, 0) }},
		{"escapes.graphml", func(w io.Writer) error { return GraphML(w, view(t, esc, graph.Filter{}, Options{})) }},
		{"escapes.dot", func(w io.Writer) error { return writeMap(w, view(t, esc, graph.Filter{}, Options{}), MapOptions{}) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := c.make(&a); err != nil {
				t.Fatal(err)
			}
			if err := c.make(&b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("two runs on the same input differ")
			}
			golden(t, c.name, a.Bytes())
		})
	}
}

func writeMap(w io.Writer, v *View, mo MapOptions) error {
	dot, err := Map(v, mo)
	if err != nil {
		return err
	}
	_, err = w.Write(dot)
	return err
}

// wellFormed reads every XML token of doc.
func wellFormed(t *testing.T, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	}
}

func TestGraphML(t *testing.T) {
	for _, ds := range []*graph.Dataset{toc2010(t), escapes(t)} {
		v := view(t, ds, graph.Filter{}, Options{})
		var b bytes.Buffer
		if err := GraphML(&b, v); err != nil {
			t.Fatal(err)
		}
		wellFormed(t, b.Bytes())
		var doc struct {
			Keys []struct {
				ID   string `xml:"id,attr"`
				For  string `xml:"for,attr"`
				Type string `xml:"type,attr"`
			} `xml:"key"`
			Graph struct {
				Nodes []struct {
					ID   string `xml:"id,attr"`
					Data []struct {
						Key string `xml:"key,attr"`
						Val string `xml:",chardata"`
					} `xml:"data"`
				} `xml:"node"`
				Edges []struct {
					Source string `xml:"source,attr"`
					Target string `xml:"target,attr"`
					Data   []struct {
						Key string `xml:"key,attr"`
						Val string `xml:",chardata"`
					} `xml:"data"`
				} `xml:"edge"`
			} `xml:"graph"`
		}
		if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		declared := map[string]string{}
		for _, k := range doc.Keys {
			declared[k.ID] = k.For
		}
		if len(doc.Graph.Nodes) != len(v.Codes) || len(doc.Graph.Edges) != len(v.Legs) {
			t.Fatalf("%d nodes, %d edges; want %d, %d", len(doc.Graph.Nodes), len(doc.Graph.Edges), len(v.Codes), len(v.Legs))
		}
		for _, n := range doc.Graph.Nodes {
			for _, d := range n.Data {
				if declared[d.Key] != "node" {
					t.Errorf("node %s: data key %q not declared for nodes", n.ID, d.Key)
				}
			}
		}
		for i, e := range doc.Graph.Edges {
			l := v.Legs[i]
			if e.Source != l.From || e.Target != l.To {
				t.Errorf("edge %d: %s->%s, want %s->%s", i, e.Source, e.Target, l.From, l.To)
			}
			for _, d := range e.Data {
				if declared[d.Key] != "edge" {
					t.Errorf("edge %d: data key %q not declared for edges", i, d.Key)
				}
			}
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	ctx := context.Background()
	for _, ds := range []*graph.Dataset{toc2010(t), escapes(t)} {
		v := view(t, ds, graph.Filter{}, Options{})
		var b bytes.Buffer
		if err := JSON(&b, v.Dataset(ds)); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "export.json")
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		back, err := ingest.Load(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(normal(back.Flows), normal(ds.Flows)) {
			t.Errorf("%s: flows differ after the round trip", ds.Name)
		}
		if !reflect.DeepEqual(back.Countries, ds.Countries) {
			t.Errorf("%s: countries differ after the round trip", ds.Name)
		}
	}
}

// normal makes nil and empty slices equal for comparison.
func normal(fs []graph.Flow) []graph.Flow {
	out := make([]graph.Flow, len(fs))
	for i, f := range fs {
		if len(f.Via) == 0 {
			f.Via = nil
		}
		if len(f.Groups) == 0 {
			f.Groups = nil
		}
		out[i] = f
	}
	return out
}

func TestSVG(t *testing.T) {
	ds := toc2010(t)
	v := view(t, ds, graph.Filter{}, Options{})
	dot, err := Map(v, MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	svg, err := Render(context.Background(), dot, "svg")
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, svg)
	for _, want := range []string{"Trafficking routes, dataset toc2010", "Countries", "Legs", "origin (route starts there)", "Netherlands", "Source: UNODC TOCTA 2010"} {
		if !bytes.Contains(svg, []byte(xmlText(want))) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if bytes.Contains(svg, []byte(`font-family="Helvetica,sans-Serif"`)) {
		t.Error("SVG keeps Graphviz's font list")
	}
}

// TestRenderConcurrent: Render serialises its calls into Graphviz.
func TestRenderConcurrent(t *testing.T) {
	dot := []byte(`digraph { layout="neato"; a -> b; b -> c }`)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = Render(context.Background(), dot, "svg")
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name, dot, format string
		want              error
	}{
		{"bad dot", "digraph { a -> ", "svg", ErrBadDOT},
		{"bad format", "digraph { a }", "gif", ErrBadFormat},
		{"bad layout", `digraph { layout="spiral"; a }`, "svg", ErrBadFormat},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Render(ctx, []byte(c.dot), c.format)
			if err == nil || !strings.Contains(err.Error(), c.want.Error()) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
}

func TestPNG(t *testing.T) {
	if _, err := exec.LookPath(RasterizerCommand); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("rsvg-convert is not installed under CI (make tools installs it)")
		}
		t.Skip("rsvg-convert not installed")
	}
	ds := toc2010(t)
	v := view(t, ds, graph.Filter{}, Options{})
	div, err := routes.Divert(context.Background(), v.Graph, routes.DivertOptions{Remove: []string{"UA"}, Displacement: 1})
	if err != nil {
		t.Fatal(err)
	}
	dot, err := Map(v, MapOptions{Diversion: div})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Render(context.Background(), dot, "png")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if r := img.Bounds(); r.Dx() < 1000 || r.Dy() < 800 {
		t.Errorf("PNG is %v", r)
	}
}

func TestCypherString(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain", `'plain'`},
		{"O'Brien", `'O\'Brien'`},
		{`back\slash`, `'back\\slash'`},
		{"two\nlines\r\t", `'two\nlines\r\t'`},
		{"nul\x00bell\x07", `'nul\u0000bell\u0007'`},
		{"Côte d’Ivoire", `'Côte d’Ivoire'`},
		{"sep\u2028x", `'sep\u2028x'`},
	}
	for _, c := range cases {
		if got := cypherString(c.in); got != c.want {
			t.Errorf("cypherString(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		in   float64
		want string
	}{{50, "50.0"}, {-12.5, "-12.5"}, {0, "0.0"}} {
		if got := cypherFloat(c.in); got != c.want {
			t.Errorf("cypherFloat(%v) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestSelect(t *testing.T) {
	ds := toc2010(t)
	ctx := context.Background()
	lg, err := graph.NewLegGraph(ds, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name             string
		opt              Options
		legs, codes      int
		flows            int
		wantErr, hasLegs bool
	}{
		{name: "all", opt: Options{}, legs: len(lg.Index.Legs), codes: lg.Index.N(), flows: len(lg.Flows)},
		{name: "top 10", opt: Options{Top: 10}, legs: 10, codes: -1, flows: len(lg.Flows)},
		{name: "from BR to NL", opt: Options{From: "BR", To: "NL"}, legs: 2, codes: 3, flows: -1},
		{name: "from only", opt: Options{From: "BR"}, wantErr: true},
		{name: "negative top", opt: Options{Top: -1}, wantErr: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := Select(ctx, lg, c.opt)
			if c.wantErr {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(v.Legs) != c.legs || (c.codes >= 0 && len(v.Codes) != c.codes) || (c.flows >= 0 && len(v.Flows) != c.flows) {
				t.Errorf("got %d legs, %d countries, %d records; want %d, %d, %d", len(v.Legs), len(v.Codes), len(v.Flows), c.legs, c.codes, c.flows)
			}
		})
	}
	// Top 10 with every country: the 10 largest legs, then each country's
	// largest (computed here by brute force), nothing else.
	v, err := Select(ctx, lg, Options{Top: 10, EveryCountry: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[*graph.Leg]bool{}
	byVictims := slices.Clone(lg.Index.Legs)
	slices.SortStableFunc(byVictims, func(a, b *graph.Leg) int { return b.Victims - a.Victims })
	for _, l := range byVictims[:10] {
		want[l] = true
	}
	for _, c := range lg.Index.Codes {
		var best *graph.Leg
		for _, l := range byVictims {
			if (l.From == c || l.To == c) && best == nil {
				best = l
			}
		}
		want[best] = true
	}
	if len(v.Legs) != len(want) || len(v.Codes) != lg.Index.N() {
		t.Errorf("every country: %d legs over %d countries, want %d over %d", len(v.Legs), len(v.Codes), len(want), lg.Index.N())
	}
	for _, l := range v.Legs {
		if !want[l] {
			t.Errorf("every country: leg %s->%s (%d) kept", l.From, l.To, l.Victims)
		}
	}
	if d := v.Describe(); !strings.Contains(d, fmt.Sprintf("%d of %d legs: the 10 largest and each country's largest", len(want), len(lg.Index.Legs))) {
		t.Errorf("describe: %q", d)
	}
	v, _ = Select(ctx, lg, Options{MinCount: 100})
	for _, l := range v.Legs {
		if l.Victims < 100 {
			t.Errorf("leg %s->%s of %d victims under MinCount 100", l.From, l.To, l.Victims)
		}
	}
	for _, f := range v.Flows {
		if f.Victims < 100 {
			t.Errorf("record %s of %d victims under MinCount 100", f.ID, f.Victims)
		}
	}
}

// TestMapCapsReroutes: a capped view draws at most Top of the legs that
// carry rerouted victims outside it, labels only the largest, and says
// how many it left out.
func TestMapCapsReroutes(t *testing.T) {
	ds := toc2010(t)
	// Closing UA reroutes its victims over RU->NL (277) and RU->IT (228).
	for _, tc := range []struct {
		top       int
		every     bool
		labels    int
		wantMore  bool
		maxLabels int
	}{
		{top: 0, labels: 0, wantMore: false, maxLabels: 2},
		{top: 1, every: true, labels: 0, wantMore: true, maxLabels: 1},
		{top: 1, every: true, labels: -1, wantMore: true, maxLabels: 0},
		// NL is not on a 3-leg map: RU->NL is counted, not dropped.
		{top: 3, labels: 0, wantMore: true, maxLabels: 1},
	} {
		v := view(t, ds, graph.Filter{}, Options{Top: tc.top, EveryCountry: tc.every})
		div, err := routes.Divert(context.Background(), v.Graph, routes.DivertOptions{Remove: []string{"UA"}, Displacement: 1})
		if err != nil {
			t.Fatal(err)
		}
		dot, err := Map(v, MapOptions{Diversion: div, Labels: tc.labels})
		if err != nil {
			t.Fatal(err)
		}
		more := strings.Contains(string(dot), "rerouted victims not drawn")
		labels := strings.Count(string(dot), " rerouted</FONT>")
		if more != tc.wantMore || labels > tc.maxLabels || (tc.top == 0 && labels != 2) {
			t.Errorf("top %d labels %d: 'more legs' %v, %d reroute labels (want %v, at most %d)", tc.top, tc.labels, more, labels, tc.wantMore, tc.maxLabels)
		}
	}
}

// View.Dataset shares the source's records when the view keeps them all,
// in order, and copies the kept ones otherwise; both hold the records
// the view keeps and the countries they name.
func TestViewDatasetShares(t *testing.T) {
	ctx := context.Background()
	src := graphtest.Synthetic(300, 12, 4)
	lg, err := graph.NewLegGraph(src, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		opt    Options
		shared bool
	}{{Options{}, true}, {Options{Top: 5}, true}, // Top thins legs, not records
		{Options{From: src.Flows[0].Origin, To: src.Flows[0].Destination}, false}, {Options{MinCount: 50}, false}} {
		v, err := Select(ctx, lg, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		ds := v.Dataset(src)
		if len(ds.Flows) != len(v.Flows) || len(ds.Flows) == 0 {
			t.Fatalf("%+v: %d records, the view keeps %d", tc.opt, len(ds.Flows), len(v.Flows))
		}
		if shared := &ds.Flows[0] == &src.Flows[0]; shared != tc.shared {
			t.Errorf("%+v: records shared %v, want %v", tc.opt, shared, tc.shared)
		}
		for i, f := range v.Flows {
			if !reflect.DeepEqual(ds.Flows[i], *f) {
				t.Fatalf("%+v: record %d is %+v, want %+v", tc.opt, i, ds.Flows[i], *f)
			}
			for _, c := range f.Path() {
				if _, ok := ds.Countries[c]; !ok {
					t.Errorf("%+v: country %s of record %s missing", tc.opt, c, f.ID)
				}
			}
		}
	}
}
