package exports

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// MapOptions say how the route map is drawn.
type MapOptions struct {
	// Layout is "geo" (the default: countries at fixed positions from
	// their coordinates, laid out by neato with pinned nodes), or one of
	// Graphviz's "neato", "sfdp" or "dot" (positions computed by
	// Graphviz; dot takes tens of seconds on 100+ countries).
	Layout string
	// Labels is how many of the largest legs carry their victims as a
	// label (0: 10; -1: none).
	Labels int
	// Diversion, when not nil, makes a what-if map: the removed countries
	// crossed out, their legs grey and dashed, the legs of the new paths
	// highlighted with the rerouted victims.
	Diversion *routes.Diversion
}

// MapLayouts are the values of MapOptions.Layout.
var MapLayouts = []string{"geo", "neato", "sfdp", "dot"}

// Colours of the map (colour-blind safe pairs where they matter).
const (
	colOrigin      = "#F1A340"
	colTransit     = "#998EC3"
	colDestination = "#5AAE61"
	colDomestic    = "#E6D27A"
	colLand        = "#8C510A"
	colSea         = "#2166AC"
	colAir         = "#35978F"
	colUnknown     = "#7F7F7F"
	colLost        = "#B0B0B0"
	colReroute     = "#E7298A"
	colRemoved     = "#D7191C"
	colText        = "#222222"
	colMuted       = "#666666"
)

var vectorColours = [...]string{graph.VectorUnknown: colUnknown, graph.Land: colLand, graph.Sea: colSea, graph.Air: colAir}

// Sizes of the map, in inches (nodes) and points (lines, fonts).
const (
	minDiameter = 0.16
	maxDiameter = 0.85
	minPen      = 0.7
	maxPen      = 7.0
	nameSize    = 10.0
	countSize   = 8.0
)

// roleMix is the victims of the kept records by the role a country plays
// in them.
type roleMix struct {
	origin, transit, destination, domestic int
}

func (r roleMix) total() int { return r.origin + r.transit + r.destination + r.domestic }

func roleMixes(flows []*graph.Flow) map[string]*roleMix {
	m := map[string]*roleMix{}
	get := func(c string) *roleMix {
		r := m[c]
		if r == nil {
			r = &roleMix{}
			m[c] = r
		}
		return r
	}
	for _, f := range flows {
		if f.Origin == f.Destination && len(f.Via) == 0 {
			get(f.Origin).domestic += f.Victims
			continue
		}
		get(f.Origin).origin += f.Victims
		for _, v := range f.Via {
			get(v).transit += f.Victims
		}
		get(f.Destination).destination += f.Victims
	}
	return m
}

// mainVector is the vector with most victims on the leg, land, sea or air
// before unknown; unknown when no vector is known.
func mainVector(l *graph.Leg) graph.Vector {
	best, n := graph.VectorUnknown, 0
	for _, v := range []graph.Vector{graph.Land, graph.Sea, graph.Air} {
		if l.ByVector[v] > n {
			best, n = v, l.ByVector[v]
		}
	}
	return best
}

// legPen is the line width of a leg of victims v when the largest has
// vmax: the square root of the share, from minPen to maxPen points.
func legPen(v, vmax int) float64 {
	if vmax <= 0 || v <= 0 {
		return minPen
	}
	return minPen + (maxPen-minPen)*math.Sqrt(float64(v)/float64(vmax))
}

// nodeDiameter is the circle of a country through which t victims move
// when the largest has tmax: area proportional to victims.
func nodeDiameter(t, tmax int) float64 {
	if tmax <= 0 || t <= 0 {
		return minDiameter
	}
	return minDiameter + (maxDiameter-minDiameter)*math.Sqrt(float64(t)/float64(tmax))
}

// mapCountry is one country on the map.
type mapCountry struct {
	code, name string
	mix        roleMix
	d          float64 // diameter, inches
	lines      []string
	transitNew int // what-if: transit change
	removed    bool
	// total, transit and tooltip are the texts of the victims through
	// the country, of its transit change and its tooltip, under
	// MinCount.
	total, transit, tooltip string
	labelW                  float64
	labelH                  float64
}

// Map returns the DOT text of the route map of v: countries as circles
// whose area is the victims whose route starts, passes or ends there
// (over the kept records), drawn as a pie of those roles; legs as arrows
// whose width is the square root of their victims (capped, so the largest
// is maxPen points) and whose colour is their main vector; victim labels
// on the largest legs; a title, a legend and a source line. Domestic legs
// (A -> A) are in the pie, not drawn as loops. Render turns the text into
// SVG or PNG. The output is deterministic: countries by code, legs by
// victims then codes, fixed float formatting.
//
// The time complexity is O(n² + E log E) for n countries (the placement
// removes overlaps pairwise) and E legs.
func Map(v *View, mo MapOptions) ([]byte, error) {
	if mo.Layout == "" {
		mo.Layout = "geo"
	}
	if !slices.Contains(MapLayouts, mo.Layout) {
		return nil, fmt.Errorf("%w: layout %q (want %s)", ErrBadFormat, mo.Layout, strings.Join(MapLayouts, ", "))
	}
	if len(v.Codes) == 0 {
		// Graphviz draws an empty graph as an SVG of negative size.
		return nil, fmt.Errorf("%w (%s)", ErrNoRecords, v.Graph.Filter)
	}
	labels := mo.Labels
	if labels == 0 {
		labels = 10
	}
	lg := v.Graph
	div := mo.Diversion
	removed := map[string]bool{}
	transitDelta := map[string]int{}
	rerouted := map[[2]string]int{}
	if div != nil {
		for _, c := range div.Removed {
			removed[c] = true
		}
		for _, c := range div.Countries {
			transitDelta[c.Country] = int(c.Delta)
		}
		// Net change of each leg: the rerouted victims its new paths
		// bring, minus the moved, deterred or disrupted victims of the
		// old paths (a leg on both keeps them).
		for _, r := range div.Reroutes {
			for i := 0; i+1 < len(r.OldPath); i++ {
				rerouted[[2]string{r.OldPath[i], r.OldPath[i+1]}] -= int(r.Victims + r.Deterred)
			}
			for i := 0; i+1 < len(r.NewPath); i++ {
				rerouted[[2]string{r.NewPath[i], r.NewPath[i+1]}] += int(r.Victims)
			}
		}
	}

	// Countries: the ends of the legs, plus removed countries.
	mixes := roleMixes(v.Flows)
	codeSet := map[string]bool{}
	for _, c := range v.Codes {
		codeSet[c] = true
	}
	for c := range removed {
		if _, ok := lg.Index.ID(c); ok {
			codeSet[c] = true
		}
	}
	codes := sortedKeys(codeSet)

	// Legs that carry rerouted victims outside the view, drawn in the
	// what-if colour: the Top largest of them when the view is capped (a
	// large what-if reroutes over thousands of legs); the subtitle counts
	// the others, and those to countries off the map.
	var extra [][2]string
	var notDrawn, notDrawnVictims int
	if div != nil {
		inView := map[[2]string]bool{}
		for _, l := range v.Legs {
			inView[[2]string{l.From, l.To}] = true
		}
		skip := func(key [2]string) {
			notDrawn++
			notDrawnVictims += rerouted[key]
		}
		for _, key := range sortedPairs(rerouted) {
			switch {
			case rerouted[key] <= 0 || inView[key]:
			case codeSet[key[0]] && codeSet[key[1]]:
				extra = append(extra, key)
			default:
				skip(key)
			}
		}
		if top := v.Options.Top; top > 0 && len(extra) > top {
			slices.SortStableFunc(extra, func(a, b [2]string) int { return cmp.Compare(rerouted[b], rerouted[a]) })
			for _, key := range extra[top:] {
				skip(key)
			}
			extra = extra[:top]
		}
	}
	tmax := 0
	for _, c := range codes {
		if m := mixes[c]; m != nil {
			tmax = max(tmax, m.total())
		}
	}
	countries := make([]*mapCountry, len(codes))
	for i, c := range codes {
		mc := &mapCountry{code: c, name: lg.Country(c).Name, removed: removed[c], transitNew: transitDelta[c]}
		if m := mixes[c]; m != nil {
			mc.mix = *m
		}
		mc.d = nodeDiameter(mc.mix.total(), tmax)
		mc.lines = wrapName(mc.name, 16)
		w := 0.0
		for _, l := range mc.lines {
			w = max(w, textWidth(l, nameSize, true))
		}
		mc.total, mc.transit, mc.tooltip = v.count(mc.mix.total()), v.signed(mc.transitNew), v.countryTooltip(mc)
		w = max(w, textWidth(mc.total, countSize, false))
		h := float64(len(mc.lines))*nameSize*1.2/72 + countSize*1.25/72
		if div != nil && (mc.transitNew != 0 || mc.removed) {
			w = max(w, textWidth("transit -0,000", countSize, true))
			h += countSize * 1.25 / 72
		}
		mc.labelW, mc.labelH = w+0.08, h+0.04
		countries[i] = mc
	}

	// Legs: drawn thin first so thick ones lie on top; the largest get
	// labels.
	legs := slices.Clone(v.Legs)
	slices.SortStableFunc(legs, func(a, b *graph.Leg) int { return cmp.Compare(a.Victims, b.Victims) })
	vmax := 0
	for _, l := range legs {
		if l.From != l.To {
			vmax = max(vmax, l.Victims)
		}
	}
	labelled := map[*graph.Leg]bool{}
	if labels > 0 {
		n := 0
		for i := len(legs) - 1; i >= 0 && n < labels; i-- {
			if legs[i].From != legs[i].To {
				labelled[legs[i]] = true
				n++
			}
		}
	}

	w := &dotWriter{}
	w.line("digraph tipgraph {")
	gattrs := []attr{
		a("layout", "neato"), a("bgcolor", "white"), a("pad", "0.3"),
		a("fontname", "Helvetica"), a("outputorder", "edgesfirst"),
		a("labelloc", "t"), a("labeljust", "l"),
	}
	switch mo.Layout {
	case "geo":
		// Everything is placed here; Graphviz only draws (neato -n2).
		gattrs[0] = a("layout", "nop2")
	case "neato":
		gattrs = append(gattrs, a("overlap", "prism"), a("splines", "line"), a("sep", "+12"))
	case "sfdp":
		gattrs[0] = a("layout", "sfdp")
		gattrs = append(gattrs, a("overlap", "prism"), a("splines", "line"), a("sep", "+12"))
	case "dot":
		gattrs[0] = a("layout", "dot")
		gattrs = append(gattrs, a("rankdir", "LR"), a("nodesep", "0.25"), a("ranksep", "1.2"))
	}
	more := ""
	if notDrawn > 0 {
		more = fmt.Sprintf("; %s with %s rerouted victims not drawn", plural(notDrawn, "more leg"), v.count(notDrawnVictims))
	}
	gattrs = append(gattrs, ahtml("label", titleHTML(v, mo, more)))
	w.stmt("graph", gattrs...)
	w.stmt("node", a("fontname", "Helvetica"), a("fontsize", "10"), a("fontcolor", colText))
	w.stmt("edge", a("fontname", "Helvetica"), a("fontsize", "9"), a("arrowhead", "normal"))

	geo := mo.Layout == "geo"
	// With geo, every position is computed here, in points.
	at := map[string]circle{}
	var bb box
	var boxes []placeBox
	if geo {
		boxes = make([]placeBox, len(countries))
		for i, mc := range countries {
			c := lg.Country(mc.code)
			r := mc.d / 2
			boxes[i] = placeBox{Lat: c.Lat, Lon: c.Lon, W: max(mc.d, mc.labelW), Top: r, Bot: r + mc.labelH}
		}
		width := max(9, 2.3*math.Sqrt(float64(len(boxes))))
		geoPlace(boxes, width, 0.06)
		bb = emptyBox()
		for i, mc := range countries {
			b := boxes[i]
			at[mc.code] = circle{b.X * 72, b.Y * 72, mc.d / 2 * 72}
			bb.add(72*(b.X-b.W/2), 72*(b.Y-b.Bot))
			bb.add(72*(b.X+b.W/2), 72*(b.Y+b.Top))
		}
	}
	w.line("  // Countries: circle area ~ victims through the country, pie = role mix.")
	for i, mc := range countries {
		if geo {
			writeCountry(w, mc, boxes[i].X*72, boxes[i].Y*72, true)
		} else {
			writeCountry(w, mc, 0, 0, false)
		}
	}
	// edgeGeo adds the drawn curve of a leg to its attributes.
	edgeGeo := func(from, to string, pen float64, label bool, attrs []attr) []attr {
		if !geo {
			return append(attrs, af("arrowsize", arrowSize(pen), 2))
		}
		c := legCurve(at[from], at[to], pen)
		for _, p := range c.pts {
			bb.add(p[0], p[1])
		}
		attrs = append(attrs, a("pos", c.pos()))
		if label {
			attrs = append(attrs, a("lp", fmt.Sprintf("%.1f,%.1f", c.mid[0], c.mid[1])))
		}
		return attrs
	}

	w.line("  // Legs: width ~ sqrt(victims), colour = main vector; thinnest first.")
	for _, l := range legs {
		if l.From == l.To {
			continue // domestic: in the pie
		}
		key := [2]string{l.From, l.To}
		pen := legPen(l.Victims, vmax)
		col := vectorColours[mainVector(l)]
		style := "solid"
		label := ""
		if labelled[l] {
			label = v.count(l.Victims)
		}
		delta := rerouted[key]
		after := l.Victims + delta
		switch {
		case delta < 0 && after <= 0:
			col, style = colLost, "dashed"
			label = "-" + v.count(-delta)
		case delta < 0:
			col += "99"
			pen = legPen(after, vmax)
			label = "-" + v.count(-delta)
		case delta > 0:
			col = colReroute
			label = "+" + v.count(delta) + " rerouted"
			pen = legPen(after, vmax)
		case div != nil:
			col += "99" // fade the legs the what-if does not touch
		}
		attrs := []attr{af("penwidth", pen, 2), a("color", col), a("tooltip", v.legTooltip(l))}
		attrs = edgeGeo(l.From, l.To, pen, label != "", attrs)
		if style != "solid" {
			attrs = append(attrs, a("style", style))
		}
		if label != "" {
			fc := colText
			switch {
			case delta > 0:
				fc = colReroute
			case delta < 0:
				fc = colMuted
			}
			attrs = append(attrs, ahtml("label", legLabelHTML(label, fc)))
		}
		w.edge(l.From, l.To, attrs...)
	}
	// Reroutes along legs the view does not show (Top or MinCount); as on
	// the view's legs, only the largest carry a label.
	rerouteLabelled := largestPairs(extra, max(labels, 0), func(k [2]string) int { return rerouted[k] })
	for _, key := range extra {
		pen := legPen(rerouted[key], vmax)
		attrs := []attr{af("penwidth", pen, 2), a("color", colReroute)}
		if rerouteLabelled[key] {
			attrs = append(attrs, ahtml("label", legLabelHTML("+"+v.count(rerouted[key])+" rerouted", colReroute)))
		}
		w.edge(key[0], key[1], edgeGeo(key[0], key[1], pen, true, attrs)...)
	}

	legend := legendHTML(v, mo, vmax, len(labelled))
	if geo {
		// Below the map, left-aligned.
		lw, lh := legendSize(div != nil)
		lw, lh = lw*72, lh*72
		x, y := bb.x0+lw/2, bb.y0-24-lh/2
		bb.add(x-lw/2, y-lh/2)
		w.node("legend", a("shape", "plain"), ahtml("label", legend), a("pos", fmt.Sprintf("%.1f,%.1f", x, y)))
		w.stmt("graph", a("bb", fmt.Sprintf("%.1f,%.1f,%.1f,%.1f", bb.x0-4, bb.y0-4, bb.x1+4, bb.y1+4)))
	} else {
		w.node("legend", a("shape", "plain"), ahtml("label", legend))
	}
	w.line("}")
	return []byte(w.b.String()), nil
}

// writeCountry writes a country's circle and, with geo, its label node
// pinned below it.
func writeCountry(w *dotWriter, mc *mapCountry, x, y float64, geo bool) {
	// The code inside the circle when it fits, else nothing (a space:
	// an empty label would show the node name).
	code, codeSize := " ", min(10, mc.d*72*0.4)
	if codeSize >= 6.5 {
		code = mc.code
	}
	attrs := []attr{
		a("shape", "circle"), a("fixedsize", "true"), af("width", mc.d, 3),
		a("label", code), af("fontsize", codeSize, 1), a("color", "#404040"), a("penwidth", "0.8"),
		a("tooltip", mc.tooltip),
	}
	fill, wedged := pieColours(mc.mix)
	switch {
	case mc.removed:
		attrs = append(attrs, a("style", "filled"), a("fillcolor", "#EEEEEE"), a("color", colRemoved), a("penwidth", "2.5"),
			ahtml("label", `<FONT COLOR="`+colRemoved+`" POINT-SIZE="`+fmt.Sprintf("%.0f", max(12, mc.d*72*0.9))+`"><B>✕</B></FONT>`))
	case wedged:
		attrs = append(attrs, a("style", "wedged"), a("fillcolor", fill))
	default:
		attrs = append(attrs, a("style", "filled"), a("fillcolor", fill))
	}
	if geo {
		attrs = append(attrs, a("pos", fmt.Sprintf("%.1f,%.1f", x, y)))
	} else {
		attrs = append(attrs, ahtml("xlabel", countryLabelHTML(mc)))
	}
	w.node(mc.code, attrs...)
	if geo {
		ly := y - (mc.d/2+mc.labelH/2)*72
		w.node(mc.code+".label", a("shape", "plain"), ahtml("label", countryLabelHTML(mc)),
			a("pos", fmt.Sprintf("%.1f,%.1f", x, ly)))
	}
}

// pieColours returns the wedge colours of a role mix ("c1;0.25:c2") and
// whether there is more than one role; a country with no kept record is
// white.
func pieColours(m roleMix) (string, bool) {
	t := m.total()
	if t == 0 {
		return "white", false
	}
	var parts []string
	for _, p := range []struct {
		n   int
		col string
	}{{m.origin, colOrigin}, {m.transit, colTransit}, {m.destination, colDestination}, {m.domestic, colDomestic}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%s;%.3f", p.col, float64(p.n)/float64(t)))
		}
	}
	if len(parts) == 1 {
		return strings.SplitN(parts[0], ";", 2)[0], false
	}
	return strings.Join(parts, ":"), true
}

func countryLabelHTML(mc *mapCountry) string {
	var b strings.Builder
	b.WriteString(`<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" BGCOLOR="#FFFFFFE0">`)
	name := make([]string, len(mc.lines))
	for i, l := range mc.lines {
		name[i] = esc(l)
	}
	style := ""
	if mc.removed {
		style = `<S>` + strings.Join(name, `</S><BR/><S>`) + `</S>`
	} else {
		style = strings.Join(name, `<BR/>`)
	}
	fmt.Fprintf(&b, `<TR><TD><B>%s</B></TD></TR>`, style)
	fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="%.0f" COLOR="%s">%s</FONT></TD></TR>`, countSize, colMuted, esc(mc.total))
	switch {
	case mc.removed:
		fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="%.0f" COLOR="%s"><B>removed, transit %s</B></FONT></TD></TR>`, countSize, colRemoved, esc(mc.transit))
	case mc.transitNew != 0:
		col := colReroute
		if mc.transitNew < 0 {
			col = colMuted
		}
		fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="%.0f" COLOR="%s"><B>transit %s</B></FONT></TD></TR>`, countSize, col, esc(mc.transit))
	}
	b.WriteString(`</TABLE>`)
	return b.String()
}

// signed writes a change of victims with its sign, "+<K" or "-<K" when
// MinCount hides its size.
func (v *View) signed(n int) string {
	switch {
	case n > 0:
		return "+" + v.count(n)
	case n < 0:
		return "-" + v.count(-n)
	}
	return "0"
}

func legLabelHTML(text, colour string) string {
	return fmt.Sprintf(`<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" BGCOLOR="#FFFFFFD0"><TR><TD><FONT COLOR="%s">%s</FONT></TD></TR></TABLE>`, colour, esc(text))
}

// arrowSize keeps arrowheads in proportion: Graphviz grows them with the
// line width, so thick legs get a smaller factor.
func arrowSize(pen float64) float64 {
	return min(1, 1.6/math.Sqrt(pen+1))
}

func (v *View) legTooltip(l *graph.Leg) string {
	lg := v.Graph
	vv := l.Vectors()
	parts := make([]int, len(vv))
	for i, x := range vv {
		parts[i] = x.Victims
	}
	total, texts := v.counts(l.Victims, parts...)
	vs := make([]string, len(vv))
	for i, x := range vv {
		vs[i] = fmt.Sprintf("%s %s", x.Vector, texts[i])
	}
	return fmt.Sprintf("%s to %s: %s victims, %s (%s)", lg.Country(l.From).Name, lg.Country(l.To).Name,
		total, plural(l.Records, "record"), strings.Join(vs, ", "))
}

func (v *View) countryTooltip(mc *mapCountry) string {
	m := mc.mix
	total, t := v.counts(m.total(), m.origin, m.transit, m.destination, m.domestic)
	return fmt.Sprintf("%s (%s): %s victims; origin %s, transit %s, destination %s, domestic %s",
		mc.name, mc.code, total, t[0], t[1], t[2], t[3])
}

func sortedPairs(m map[[2]string]int) [][2]string {
	out := make([][2]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b [2]string) int {
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return cmp.Compare(a[1], b[1])
	})
	return out
}

// wrapName breaks a long country name at spaces into lines of about n
// characters.
func wrapName(s string, n int) []string {
	if len(s) <= n {
		return []string{s}
	}
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		if cur != "" && len(cur)+1+len(word) > n {
			lines = append(lines, cur)
			cur = word
			continue
		}
		if cur != "" {
			cur += " "
		}
		cur += word
	}
	return append(lines, cur)
}

// textWidth estimates the width in inches of s in Helvetica at size
// points (the average advance of mixed text is about 0.55 em, 0.6 bold).
func textWidth(s string, size float64, bold bool) float64 {
	em := 0.55
	if bold {
		em = 0.6
	}
	return float64(len([]rune(s))) * size * em / 72
}

// SourceLine is the distinct citations of the records up to their first
// colon ("UNODC TOCTA 2010 ch.2.1"), at most two, and the measure mix.
func SourceLine(flows []*graph.Flow) string {
	measures := map[graph.Measure]int{}
	total := 0
	for _, f := range flows {
		measures[f.Measure] += f.Victims
		total += f.Victims
	}
	src := Citations(flows)
	var ms []string
	for _, m := range []graph.Measure{graph.Detected, graph.Estimated, graph.Derived} {
		if measures[m] > 0 && total > 0 {
			ms = append(ms, fmt.Sprintf("%s %.0f%%", m, 100*float64(measures[m])/float64(total)))
		}
	}
	line := "Source: " + src + " (" + plural(len(flows), "record") + ")"
	if len(ms) > 0 {
		line += "; counts " + strings.Join(ms, ", ")
	}
	return line
}

// Citations is the distinct citations of the records up to their first
// colon, the two most frequent, then how many more.
func Citations(flows []*graph.Flow) string {
	cites := map[string]int{}
	for _, f := range flows {
		s, _, _ := strings.Cut(f.Source, ":")
		if s = strings.TrimSpace(s); s == "" {
			s = "no source given"
		}
		cites[s]++
	}
	keys := sortedKeys(cites)
	slices.SortStableFunc(keys, func(a, b string) int { return cmp.Compare(cites[b], cites[a]) })
	src := strings.Join(keys[:min(2, len(keys))], "; ")
	if len(keys) > 2 {
		src += fmt.Sprintf(" and %d more", len(keys)-2)
	}
	return src
}

// largestPairs marks the k keys of the largest size (ties: the earlier).
func largestPairs(keys [][2]string, k int, size func([2]string) int) map[[2]string]bool {
	bySize := slices.Clone(keys)
	slices.SortStableFunc(bySize, func(a, b [2]string) int { return cmp.Compare(size(b), size(a)) })
	out := map[[2]string]bool{}
	for _, key := range bySize[:min(k, len(bySize))] {
		out[key] = true
	}
	return out
}

// titleHTML is the map's title block; more ends the what-if line.
func titleHTML(v *View, mo MapOptions, more string) string {
	lg := v.Graph
	title := "Trafficking routes, dataset " + lg.Dataset
	if mo.Diversion != nil {
		names := make([]string, len(mo.Diversion.Removed))
		for i, c := range mo.Diversion.Removed {
			names[i] = lg.Country(c).Name
		}
		title = "What if " + strings.Join(names, " and ") + " closed to transit? Dataset " + lg.Dataset
	}
	victims := 0
	for _, f := range v.Flows {
		victims += f.Victims
	}
	sub := fmt.Sprintf("%s; %s victims in %s; %s", lg.Filter, v.count(victims), plural(len(v.Flows), "record"), v.Describe())
	var b strings.Builder
	fmt.Fprintf(&b, `<FONT POINT-SIZE="20"><B>%s</B></FONT><BR ALIGN="LEFT"/>`, esc(title))
	fmt.Fprintf(&b, `<FONT POINT-SIZE="11">%s</FONT><BR ALIGN="LEFT"/>`, esc(sub))
	if d := mo.Diversion; d != nil {
		affected, parts := v.counts(int(d.Affected), int(d.Rerouted), int(d.Deterred), int(d.Disrupted))
		fmt.Fprintf(&b, `<FONT POINT-SIZE="11" COLOR="%s">Displacement %g, new routes by %s: %s affected, %s rerouted, %s deterred, %s disrupted%s</FONT><BR ALIGN="LEFT"/>`,
			colReroute, d.Displacement, d.By, esc(affected), esc(parts[0]), esc(parts[1]), esc(parts[2]), esc(more))
	}
	fmt.Fprintf(&b, `<FONT POINT-SIZE="9" COLOR="%s">%s</FONT><BR ALIGN="LEFT"/>`, colMuted, esc(SourceLine(v.Flows)))
	return b.String()
}

// legendSize is the legend's approximate size in inches.
func legendSize(whatIf bool) (float64, float64) {
	if whatIf {
		return 10.5, 1.45
	}
	return 7.5, 1.45
}

func swatch(col string) string {
	return fmt.Sprintf(`<TD FIXEDSIZE="TRUE" WIDTH="12" HEIGHT="12" BGCOLOR="%s"> </TD>`, col)
}

func line(col string, h int, dashed bool) string {
	if dashed {
		return fmt.Sprintf(`<TD FIXEDSIZE="TRUE" WIDTH="28" HEIGHT="%d"><FONT COLOR="%s"><B>- - -</B></FONT></TD>`, max(h, 12), col)
	}
	return fmt.Sprintf(`<TD FIXEDSIZE="TRUE" WIDTH="28" HEIGHT="%d" BGCOLOR="%s"> </TD>`, h, col)
}

func legendHTML(v *View, mo MapOptions, vmax, labelled int) string {
	var b strings.Builder
	b.WriteString(`<TABLE BORDER="1" COLOR="#BBBBBB" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2" BGCOLOR="#FFFFFF">`)
	b.WriteString(`<TR>`)
	// Countries.
	b.WriteString(`<TD VALIGN="TOP"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1">`)
	b.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Countries</B></TD></TR>`)
	b.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT">circle area ~ victims whose route starts,</TD></TR>`)
	b.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT">passes or ends there; pie = share by role:</TD></TR>`)
	for _, r := range []struct{ col, text string }{
		{colOrigin, "origin (route starts there)"},
		{colTransit, "transit (a via country of the route)"},
		{colDestination, "destination (route ends there)"},
		{colDomestic, "domestic (origin = destination)"},
	} {
		fmt.Fprintf(&b, `<TR>%s<TD ALIGN="LEFT">%s</TD></TR>`, swatch(r.col), esc(r.text))
	}
	b.WriteString(`</TABLE></TD>`)
	// Legs.
	b.WriteString(`<TD VALIGN="TOP"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1">`)
	b.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legs</B></TD></TR>`)
	fmt.Fprintf(&b, `<TR><TD COLSPAN="2" ALIGN="LEFT">width ~ √victims (widest: %s)</TD></TR>`, esc(v.count(vmax)))
	b.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT">colour = vector with most victims</TD></TR>`)
	for _, r := range []struct {
		col, text string
	}{{colLand, "land"}, {colSea, "sea"}, {colAir, "air"}, {colUnknown, "unknown"}} {
		fmt.Fprintf(&b, `<TR>%s<TD ALIGN="LEFT">%s</TD></TR>`, line(r.col, 4, false), r.text)
	}
	b.WriteString(`</TABLE></TD>`)
	// Notes and what-if.
	b.WriteString(`<TD VALIGN="TOP"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1">`)
	if mo.Diversion != nil {
		fmt.Fprintf(&b, `<TR><TD COLSPAN="2" ALIGN="LEFT"><B>What if</B></TD></TR>`)
		fmt.Fprintf(&b, `<TR><TD><FONT COLOR="%s"><B>✕</B></FONT></TD><TD ALIGN="LEFT">removed country (closed to transit)</TD></TR>`, colRemoved)
		fmt.Fprintf(&b, `<TR>%s<TD ALIGN="LEFT">lost leg: no victims left (-victims lost)</TD></TR>`, line(colLost, 4, true))
		fmt.Fprintf(&b, `<TR>%s<TD ALIGN="LEFT">leg taking rerouted victims (+victims)</TD></TR>`, line(colReroute, 4, false))
		fmt.Fprintf(&b, `<TR><TD></TD><TD ALIGN="LEFT">other legs faded; -N: victims a leg loses</TD></TR>`)
	}
	b.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Numbers</B></TD></TR>`)
	if labelled > 0 {
		fmt.Fprintf(&b, `<TR><TD COLSPAN="2" ALIGN="LEFT">on the %d largest legs: victims</TD></TR>`, labelled)
	}
	b.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT">under a country: victims through it</TD></TR>`)
	b.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT">domestic legs are in the pie, not drawn</TD></TR>`)
	if v.Options.MinCount > 1 {
		fmt.Fprintf(&b, `<TR><TD COLSPAN="2" ALIGN="LEFT">counts under %d hidden</TD></TR>`, v.Options.MinCount)
	}
	b.WriteString(`</TABLE></TD>`)
	b.WriteString(`</TR></TABLE>`)
	return b.String()
}
