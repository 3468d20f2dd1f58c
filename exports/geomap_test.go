package exports

import (
	"context"
	"maps"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/exports/world"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// renderedNode is a node of Graphviz's -Tdot output: its name, centre
// and size in points, and its label text.
type renderedNode struct {
	name        string
	x, y, w, h  float64
	label, font string
}

var (
	nodeStart = regexp.MustCompile(`(?m)^\t"?([^"\s\[]+)"?\s+\[`)
	attrNum   = func(key string) *regexp.Regexp { return regexp.MustCompile(`\b` + key + `=([0-9.]+)`) }
	posAttr   = regexp.MustCompile(`\bpos="([-0-9.]+),([-0-9.]+)"`)
	fontSizes = regexp.MustCompile(`POINT-SIZE="([0-9.]+)"`)
	svgSize   = regexp.MustCompile(`<svg width="([0-9.]+)pt" height="([0-9.]+)pt"`)
)

// renderedNodes reads the nodes Graphviz laid out (Render "dot"): what
// it drew, not what tipgraph estimated.
func renderedNodes(t *testing.T, dot []byte) []renderedNode {
	t.Helper()
	out, err := Render(context.Background(), dot, "dot")
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	idx := nodeStart.FindAllStringSubmatchIndex(text, -1)
	var nodes []renderedNode
	for i, m := range idx {
		end := len(text)
		if i+1 < len(idx) {
			end = idx[i+1][0]
		}
		block := text[m[1]:end]
		block = block[:strings.Index(block, "];")]
		n := renderedNode{name: text[m[2]:m[3]], label: block}
		p := posAttr.FindStringSubmatch(block)
		w := attrNum("width").FindStringSubmatch(block)
		h := attrNum("height").FindStringSubmatch(block)
		if p == nil || w == nil || h == nil {
			continue
		}
		n.x, _ = strconv.ParseFloat(p[1], 64)
		n.y, _ = strconv.ParseFloat(p[2], 64)
		n.w, _ = strconv.ParseFloat(w[1], 64)
		n.h, _ = strconv.ParseFloat(h[1], 64)
		n.w, n.h = n.w*72, n.h*72
		nodes = append(nodes, n)
	}
	return nodes
}

func isLabel(n renderedNode) bool {
	return strings.HasSuffix(n.name, ".label") || strings.HasPrefix(n.name, "leg.label.")
}

// TestMapLabelsDoNotOverlap draws the maps of issue 16's "done when" (the
// 3,400-leg one the size of the GLOTIP workbook's legs) and
// checks, on the boxes Graphviz laid out, that no two labels (country
// names and counts, leg labels) overlap, that country labels are at
// least 11 points and that most countries keep a label.
func TestMapLabelsDoNotOverlap(t *testing.T) {
	ds := toc2010(t)
	all := view(t, ds, graph.Filter{}, Options{})
	div, err := routes.Divert(context.Background(), all.Graph, routes.DivertOptions{Remove: []string{"UA"}, Displacement: 1})
	if err != nil {
		t.Fatal(err)
	}
	g200, err := Select(context.Background(), generated(t, 200, 20000, 1), Options{Top: DefaultMapLegs, EveryCountry: true})
	if err != nil {
		t.Fatal(err)
	}
	legs3400, err := Select(context.Background(), generated(t, 150, 4200, 2), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		v    *View
		mo   MapOptions
		// minLabelled is the least share of countries with a label.
		minLabelled float64
	}{
		{"toc2010", all, MapOptions{}, 0.8},
		{"toc2010 what-if UA", all, MapOptions{Diversion: div}, 0.8},
		{"200 countries", g200, MapOptions{Aggregate: "country"}, 0.5},
		{"200 countries by region", g200, MapOptions{}, 0.8},
		{"3,400 legs by region", legs3400, MapOptions{}, 0.8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dot, err := Map(tc.v, tc.mo)
			if err != nil {
				t.Fatal(err)
			}
			var labels []renderedNode
			circles := 0
			for _, n := range renderedNodes(t, dot) {
				switch {
				case isLabel(n):
					labels = append(labels, n)
				case n.name != "legend":
					circles++
				}
			}
			countryLabels := 0
			for i, a := range labels {
				if !strings.HasPrefix(a.name, "leg.") {
					countryLabels++
					for _, s := range fontSizes.FindAllStringSubmatch(a.label, -1) {
						if size, _ := strconv.ParseFloat(s[1], 64); size < 11 {
							t.Errorf("%s: font of %g points, want at least 11", a.name, size)
						}
					}
				}
				for _, b := range labels[i+1:] {
					ox := (a.w+b.w)/2 - math.Abs(a.x-b.x)
					oy := (a.h+b.h)/2 - math.Abs(a.y-b.y)
					if ox > 0.01 && oy > 0.01 {
						t.Errorf("labels %s and %s overlap by %.1f x %.1f points", a.name, b.name, ox, oy)
					}
				}
			}
			if circles == 0 || float64(countryLabels) < tc.minLabelled*float64(circles) {
				t.Errorf("%d of %d countries have a label, want at least %.0f%%", countryLabels, circles, 100*tc.minLabelled)
			}
			// Fitted into a 1400x1000 pixel window (a pt is 4/3 px), an
			// 11-point label is at least 11 pixels.
			svg, err := Render(context.Background(), dot, "svg")
			if err != nil {
				t.Fatal(err)
			}
			m := svgSize.FindSubmatch(svg)
			if m == nil {
				t.Fatal("no width and height in the SVG")
			}
			w, _ := strconv.ParseFloat(string(m[1]), 64)
			h, _ := strconv.ParseFloat(string(m[2]), 64)
			scale := min(1400/(w*4/3), 1000/(h*4/3))
			if px := 11 * 4.0 / 3 * scale; px < 11 {
				t.Errorf("a %gx%g pt map fitted to 1400x1000: labels of %.1f px", w, h, px)
			}
		})
	}
}

var circlePos = regexp.MustCompile(`(?m)^  "([^".]+)" \[shape="circle".*pos="([-0-9.]+),([-0-9.]+)"`)

// positions are the centres of the circles of a map's DOT text.
func positions(dot []byte) map[string][2]float64 {
	out := map[string][2]float64{}
	for _, m := range circlePos.FindAllStringSubmatch(string(dot), -1) {
		x, _ := strconv.ParseFloat(m[2], 64)
		y, _ := strconv.ParseFloat(m[3], 64)
		out[m[1]] = [2]float64{x, y}
	}
	return out
}

// TestMapPositionsIgnoreFilter: a country (or region) has the same place
// on every map of the same dataset, whatever the filter and the legs
// selected, so two periods compare by eye.
func TestMapPositionsIgnoreFilter(t *testing.T) {
	ds := toc2010(t)
	p1, err := graph.ParsePeriod("2003-2007")
	if err != nil {
		t.Fatal(err)
	}
	p2, err := graph.ParsePeriod("2008")
	if err != nil {
		t.Fatal(err)
	}
	g := generated(t, 200, 20000, 1)
	lg2, err := graph.NewLegGraph(&graph.Dataset{Name: "g", Countries: g.Countries, Flows: firstFlows(g, 5000)}, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		a, b   *View
		mo     MapOptions
		common int
	}{
		{"toc2010 periods", view(t, ds, graph.Filter{Period: p1}, Options{}), view(t, ds, graph.Filter{Period: p2}, Options{}), MapOptions{}, 5},
		{"toc2010 all and top 10", view(t, ds, graph.Filter{}, Options{}), view(t, ds, graph.Filter{Period: p1}, Options{Top: 10}), MapOptions{}, 5},
		{"regions of a dataset and of its first records", mustSelect(t, g), mustSelect(t, lg2), MapOptions{Aggregate: "region"}, 15},
	} {
		t.Run(tc.name, func(t *testing.T) {
			da, err := Map(tc.a, tc.mo)
			if err != nil {
				t.Fatal(err)
			}
			db, err := Map(tc.b, tc.mo)
			if err != nil {
				t.Fatal(err)
			}
			pa, pb := positions(da), positions(db)
			common := 0
			for c, p := range pa {
				if q, ok := pb[c]; ok {
					common++
					if p != q {
						t.Errorf("%s at %v, then at %v", c, p, q)
					}
				}
			}
			if common < tc.common {
				t.Errorf("%d places in common (of %d and %d), want at least %d", common, len(pa), len(pb), tc.common)
			}
		})
	}
}

func mustSelect(t *testing.T, lg *graph.LegGraph) *View {
	t.Helper()
	v, err := Select(context.Background(), lg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// firstFlows are the first n records of lg as values.
func firstFlows(lg *graph.LegGraph, n int) []graph.Flow {
	out := make([]graph.Flow, 0, n)
	for _, f := range lg.Flows[:n] {
		out = append(out, *f)
	}
	return out
}

// TestMapCountryAtItsPlace: on the geographic map a country's circle is
// at the Equal Earth projection of its coordinates, inside the frame,
// in the same order west to east and south to north.
func TestMapCountryAtItsPlace(t *testing.T) {
	v := view(t, toc2010(t), graph.Filter{}, Options{})
	dot, err := Map(v, MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pos := positions(dot)
	f := newFrame(v.Graph.Countries, 0)
	for _, pair := range [][2]string{{"CO", "NG"}, {"NG", "IT"}, {"IT", "RU"}, {"ES", "TR"}} {
		west, east := pos[pair[0]], pos[pair[1]]
		if west[0] >= east[0] {
			t.Errorf("%s (x %.1f) is not west of %s (x %.1f)", pair[0], west[0], pair[1], east[0])
		}
	}
	if pos["NG"][1] >= pos["IT"][1] || pos["IT"][1] >= pos["NL"][1] {
		t.Errorf("south to north NG, IT, NL: y %.1f, %.1f, %.1f", pos["NG"][1], pos["IT"][1], pos["NL"][1])
	}
	// Two countries' distance on the map is the projection's, scaled.
	it, ru := v.Graph.Country("IT"), v.Graph.Country("RU")
	x1, y1 := world.EqualEarth(it.Lon, it.Lat)
	x2, y2 := world.EqualEarth(ru.Lon, ru.Lat)
	want := math.Hypot(x2-x1, y2-y1) * f.scale
	got := math.Hypot(pos["RU"][0]-pos["IT"][0], pos["RU"][1]-pos["IT"][1])
	if math.Abs(got-want) > 0.2 {
		t.Errorf("Italy to Russia: %.1f points on the map, want %.1f", got, want)
	}
	b := f.bounds()
	for c, p := range pos {
		if p[0] < b.x0 || p[0] > b.x1 || p[1] < b.y0 || p[1] > b.y1 {
			t.Errorf("%s at %v, outside the frame %+v", c, p, b)
		}
	}
}

// TestRegionView: a region leg is the sum of the country legs between
// the two regions, computed here from the leg graph directly.
func TestRegionView(t *testing.T) {
	v := view(t, toc2010(t), graph.Filter{}, Options{})
	rv := regionView(v)
	want := map[[2]string]int{}
	total := 0
	for _, l := range v.Graph.Index.Legs {
		from, to := v.Graph.Country(l.From).Region, v.Graph.Country(l.To).Region
		want[[2]string{from, to}] += l.Victims
		total += l.Victims
	}
	got := 0
	for _, l := range rv.Legs {
		got += l.Victims
		if w := want[[2]string{l.From, l.To}]; l.Victims != w {
			t.Errorf("%s -> %s: %d victims, want %d", l.From, l.To, l.Victims, w)
		}
	}
	if got != total || len(rv.Legs) != len(want) {
		t.Errorf("%d region legs of %d victims, want %d of %d", len(rv.Legs), got, len(want), total)
	}
	// Eastern Europe -> Western Europe holds UA -> NL's victims.
	if want[[2]string{"Eastern Europe", "Western Europe"}] == 0 {
		t.Errorf("no leg from Eastern to Western Europe: %v", rv.Codes)
	}
}

// TestClipRect: a square half out of the frame is cut at the frame's
// edge (hand-computed).
func TestClipRect(t *testing.T) {
	got := clipRect([][2]float64{{-5, 2}, {5, 2}, {5, 8}, {-5, 8}}, 10, 6)
	want := [][2]float64{{0, 2}, {5, 2}, {5, 6}, {0, 6}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for _, p := range want {
		found := false
		for _, q := range got {
			found = found || (math.Abs(p[0]-q[0]) < 1e-9 && math.Abs(p[1]-q[1]) < 1e-9)
		}
		if !found {
			t.Errorf("got %v, want the points %v", got, want)
		}
	}
	if out := clipRect([][2]float64{{20, 20}, {30, 20}, {30, 30}}, 10, 6); len(out) != 0 {
		t.Errorf("a triangle outside the frame: %v, want nothing", out)
	}
}

// TestMapWidth: a narrower frame (MapOptions.Width, the web view's map
// pane) keeps every country at its place scaled to the width, and the
// labels at their size in points, so that they read larger when the map
// is shown at the width's pixels; widths out of bounds are refused.
func TestMapWidth(t *testing.T) {
	v := view(t, toc2010(t), graph.Filter{}, Options{})
	wide, err := Map(v, MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	narrow, err := Map(v, MapOptions{Width: 700})
	if err != nil {
		t.Fatal(err)
	}
	pw, pn := positions(wide), positions(narrow)
	if len(pw) == 0 || len(pw) != len(pn) {
		t.Fatalf("%d countries on the wide map, %d on the narrow one", len(pw), len(pn))
	}
	for c, w := range pw {
		if n := pn[c]; math.Abs(n[0]-0.7*w[0]) > 0.5 {
			t.Errorf("%s at x %.1f on the 700 pt map, want %.1f (0.7 of %.1f)", c, n[0], 0.7*w[0], w[0])
		}
	}
	sizes := func(dot string) map[string]bool {
		out := map[string]bool{}
		for _, s := range fontSizes.FindAllStringSubmatch(dot, -1) {
			out[s[1]] = true
		}
		return out
	}
	if sw, sn := sizes(string(wide)), sizes(string(narrow)); len(sw) == 0 || !maps.Equal(sw, sn) {
		t.Errorf("font sizes %v on the wide map, %v on the narrow one", sw, sn)
	}
	for _, w := range []int{-1, MinMapWidth - 1, MaxMapWidth + 1} {
		q := MapQuery{Format: "svg", Map: MapOptions{Layout: "geo", Width: w}}
		if err := q.Check(); err == nil || !strings.Contains(err.Error(), "width") {
			t.Errorf("width %d: %v, want an error naming width", w, err)
		}
	}
}
