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
	// Diversion, when not nil, makes a what-if map of the caller's
	// routes.Divert result: the removed countries crossed out, the legs
	// that lose victims grey and dashed or faded, the legs of the new paths
	// highlighted with the rerouted victims (routes.Diversion.LegChanges).
	Diversion *routes.Diversion
	// Aggregate is "auto" (or ""): a geographic map of more than
	// RegionLegs legs draws flows between UN sub-regions, with a note in
	// its title; "region" always; "country" never. What-if maps and route
	// queries are drawn by country under "auto".
	Aggregate string
	// Scale, when set, sizes circles and legs against its largest
	// country and leg instead of the map's own, so that the maps of
	// several periods compare (PeriodMaps).
	Scale *MapScale
	// Width is the geographic frame's width in points (0: 1,000; from
	// MinMapWidth to MaxMapWidth). Labels, circles and the legend keep
	// their sizes in points, so a map shown in a narrow window (the web
	// view's map pane) keeps labels readable when asked at about the
	// window's width in pixels.
	Width int
	// Compact draws a small multiple: Title is its whole title, and it
	// has no legend.
	Compact bool
	Title   string
}

// MapScale is what a map's sizes are relative to: the victims through
// the largest circle and on the widest leg that is not domestic.
type MapScale struct {
	Country, Leg int
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
	// On the geographic map, circles are sized in points within the
	// fixed-width frame; regions get larger ones.
	geoMinD    = 5.0
	geoMaxD    = 44.0
	regionMaxD = 64.0
)

// roleMix is the victims of the kept records by the role a country plays
// in them.
type roleMix struct {
	origin, transit, destination, domestic int
}

func (r roleMix) total() int { return r.origin + r.transit + r.destination + r.domestic }

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
	// On the geographic map: the circle's centre and radius in points,
	// the code shown in the circle and as the shortest label ("" for a
	// region), the width of the name in points, whether the label has a
	// what-if transit line, and the label placed.
	x, y, r     float64
	short       string
	nameW       float64
	transitLine bool
	label       geoLabel
	// font is the size in points of the label's names and counts.
	font float64
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
	regions, err := mo.byRegion(v)
	if err != nil {
		return nil, err
	}
	m := &mapDrawer{src: v, v: v, mo: mo, geo: mo.Layout == "geo", at: map[string]circle{}}
	if regions {
		m.v, m.regions = regionView(v), true
	}
	m.wi = newWhatIf(mo.Diversion)
	codes := mapCodes(m.v, m.wi)
	m.wi.offView(m.v, codes)
	// Widths are by the largest leg of the view, drawn or not.
	legs, vmax := mapLegs(m.v)
	m.vmax = vmax
	if mo.Scale != nil {
		m.vmax = mo.Scale.Leg
	}
	if mo.thinned() {
		m.v = m.wi.thin(m.v, WhatIfLegs)
		legs, _ = mapLegs(m.v)
	}
	if m.geo {
		m.fr = newFrame(v.Graph.Countries, float64(mo.Width))
	}
	m.header()
	m.countries(mapCountries(m.v, codes, m.wi, m.geo, regions, mo))
	labelled := largestLegs(legs, labels)
	m.legs(legs, labelled)
	m.reroutes(max(labels, 0))
	m.legLabelNodes()
	if !m.geo {
		m.legLabels = len(labelled)
	}
	m.legend(m.legLabels)
	m.w.line("}")
	return []byte(m.w.b.String()), nil
}

// mapCountries sizes the countries of codes: circle area by the victims
// through them, labels measured for placement.
func mapCountries(v *View, codes []string, wi *whatIf, geo, regions bool, mo MapOptions) []*mapCountry {
	mixes := v.Kept.countries
	tmax := 0
	for _, c := range codes {
		if m := mixes[c]; m != nil {
			tmax = max(tmax, m.total())
		}
	}
	if mo.Scale != nil {
		tmax = mo.Scale.Country
	}
	font := geoNameSize
	if mo.Compact {
		font = geoCompactSize
	}
	countries := make([]*mapCountry, len(codes))
	for i, c := range codes {
		mc := &mapCountry{code: c, name: v.Graph.Country(c).Name, removed: wi.removed[c], transitNew: wi.transit[c], font: font}
		if m := mixes[c]; m != nil {
			mc.mix = *m
		}
		mc.d = nodeDiameter(mc.mix.total(), tmax)
		if geo {
			maxD := geoMaxD
			if regions {
				maxD = regionMaxD
			}
			mc.d = diameterPt(mc.mix.total(), tmax, maxD) / 72
		}
		if !regions {
			mc.short = c
		}
		mc.lines = wrapName(mc.name, 16)
		w := 0.0
		for _, l := range mc.lines {
			w = max(w, textWidth(l, nameSize, true))
		}
		mc.total, mc.transit, mc.tooltip = v.countryCount(c, mc.mix.total()), v.signed(mc.transitNew), v.countryTooltip(mc)
		for _, l := range mc.lines {
			mc.nameW = max(mc.nameW, helveticaWidth(l, mc.font, true))
		}
		mc.transitLine = wi.div != nil && (mc.transitNew != 0 || mc.removed)
		w = max(w, textWidth(mc.total, countSize, false))
		h := float64(len(mc.lines))*nameSize*1.2/72 + countSize*1.25/72
		if wi.div != nil && (mc.transitNew != 0 || mc.removed) {
			w = max(w, textWidth("transit -0,000", countSize, true))
			h += countSize * 1.25 / 72
		}
		mc.labelW, mc.labelH = w+0.08, h+0.04
		countries[i] = mc
	}
	return countries
}

// mapLegs are the view's legs thinnest first, so that thick ones are
// drawn on top, and the victims of the widest that is not domestic.
func mapLegs(v *View) ([]*graph.Leg, int) {
	legs := slices.Clone(v.Legs)
	slices.SortStableFunc(legs, func(a, b *graph.Leg) int { return cmp.Compare(a.Victims, b.Victims) })
	vmax := 0
	for _, l := range legs {
		if l.From != l.To {
			vmax = max(vmax, l.Victims)
		}
	}
	return legs, vmax
}

// largestLegs marks the n largest legs that are not domestic (legs sorted
// thinnest first).
func largestLegs(legs []*graph.Leg, n int) map[*graph.Leg]bool {
	out := map[*graph.Leg]bool{}
	for i := len(legs) - 1; i >= 0 && len(out) < n; i-- {
		if legs[i].From != legs[i].To {
			out[legs[i]] = true
		}
	}
	return out
}

// mapDrawer writes the DOT text of one map.
type mapDrawer struct {
	// src is the view asked for, v the one drawn (its regions when
	// regions is set).
	src, v  *View
	regions bool
	mo      MapOptions
	wi      *whatIf
	w       dotWriter
	geo     bool
	vmax    int
	// With geo, every position is computed here, in points: the frame,
	// the countries' circles, the boxes of the labels placed and the
	// bounding box of what is drawn.
	fr        frame
	at        map[string]circle
	circles   []circle
	taken     []rect
	bb        box
	legLabels int // legs that carry a label
	legText   []placedText
	early     map[[2]string]rect // what-if leg labels placed first
	unlabeled int                // countries with no label (no room)
}

// header writes the graph's attributes for the layout, with the title,
// and the defaults of nodes and edges.
func (m *mapDrawer) header() {
	m.w.line("digraph tipgraph {")
	gattrs := []attr{
		a("layout", "neato"), a("bgcolor", "white"), a("pad", "0.3"),
		a("fontname", "Helvetica"), a("outputorder", "edgesfirst"),
		a("labelloc", "t"), a("labeljust", "l"),
	}
	switch m.mo.Layout {
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
	if n := m.wi.notDrawn; n > 0 {
		more = fmt.Sprintf("; %s with %s rerouted victims not drawn", plural(n, "more leg"), m.v.count(m.wi.notDrawnVictims))
	}
	note := ""
	if n := m.wi.merged; n > 0 {
		note = fmt.Sprintf("Drawn: the %s legs the what-if changes most, then the largest; %s with %s victims merged into the circles, not drawn (--aggregate country draws them)",
			Thousands(WhatIfLegs), plural(n, "smaller leg"), m.v.count(m.wi.mergedVictims))
	}
	if m.regions {
		why := fmt.Sprintf("above %d legs; --aggregate country draws countries", RegionLegs)
		if m.mo.Aggregate == "region" {
			why = "--aggregate region"
		}
		note = fmt.Sprintf("Flows between %s: the %s legs of %s countries merged by UN sub-region (%s)",
			plural(len(m.v.Codes), "region"), Thousands(len(m.src.Legs)), Thousands(len(m.src.Codes)), why)
	}
	title := titleHTML(m.src, m.mo, more, note)
	if m.mo.Compact {
		title = fmt.Sprintf(`<FONT POINT-SIZE="22"><B>%s</B></FONT><BR ALIGN="LEFT"/>`, esc(m.mo.Title))
	}
	gattrs = append(gattrs, ahtml("label", title))
	m.w.stmt("graph", gattrs...)
	if m.geo {
		m.w.line("  // The base map: Natural Earth 1:110m outlines in the Equal Earth projection.")
		m.w.stmt("graph", a("_background", m.fr.background(m.src.Graph.Countries)))
	}
	m.w.stmt("node", a("fontname", "Helvetica"), a("fontsize", "10"), a("fontcolor", colText))
	m.w.stmt("edge", a("fontname", "Helvetica"), a("fontsize", "9"), a("arrowhead", "normal"))
}

// countries places the countries (with geo) and writes them.
func (m *mapDrawer) countries(countries []*mapCountry) {
	m.w.line("  // Countries: circle area ~ victims through the country, pie = role mix.")
	if !m.geo {
		for _, mc := range countries {
			writeCountry(&m.w, mc)
		}
		return
	}
	var places map[string][2]float64
	if m.regions {
		places = regionPlaces(m.src.Graph, m.fr)
	}
	for _, mc := range countries {
		if m.regions {
			p := places[mc.code]
			mc.x, mc.y = p[0], p[1]
		} else {
			c := m.v.Graph.Country(mc.code)
			mc.x, mc.y = m.fr.at(c.Lat, c.Lon)
		}
		mc.r = mc.d * 72 / 2
		m.at[mc.code] = circle{mc.x, mc.y, mc.r}
		m.circles = append(m.circles, m.at[mc.code])
	}
	m.whatIfLabels()
	m.taken, m.unlabeled = placeLabels(countries, m.fr.bounds(), m.taken)
	m.bb = emptyBox()
	m.bb.add(0, m.fr.oy)
	m.bb.add(m.fr.w, m.fr.oy+m.fr.h)
	// Largest first, so that small circles stay visible on top; then
	// the labels over every circle.
	order := slices.Clone(countries)
	slices.SortStableFunc(order, func(a, b *mapCountry) int { return cmp.Compare(b.d, a.d) })
	for _, mc := range order {
		writeGeoCountry(&m.w, mc)
	}
	for _, mc := range countries {
		if mc.label.kind == labelNone {
			continue
		}
		b := mc.label.box
		m.w.node(mc.code+".label", a("shape", "plain"), ahtml("label", geoLabelHTML(mc)),
			a("pos", fmt.Sprintf("%.1f,%.1f", (b.x0+b.x1)/2, (b.y0+b.y1)/2)))
	}
}

// whatIfLabels places, before the countries' labels, the labels of the
// view's legs that a what-if changes, largest change first: they are
// what the what-if map is about.
func (m *mapDrawer) whatIfLabels() {
	if m.wi.div == nil {
		return
	}
	m.early = map[[2]string]rect{}
	var keys [][2]string
	for _, l := range m.v.Legs {
		if k := [2]string{l.From, l.To}; l.From != l.To && m.wi.legs[k] != 0 {
			keys = append(keys, k)
		}
	}
	size := func(k [2]string) int { return max(m.wi.legs[k], -m.wi.legs[k]) }
	slices.SortStableFunc(keys, func(a, b [2]string) int { return cmp.Compare(size(b), size(a)) })
	for _, k := range keys {
		l := m.v.Legs[slices.IndexFunc(m.v.Legs, func(l *graph.Leg) bool { return l.From == k[0] && l.To == k[1] })]
		s := m.legStyle(l, "")
		if r, ok := m.placeLegLabel(k[0], k[1], s.pen, s.label); ok {
			m.early[k] = r
		}
	}
}

// edgeGeo adds the drawn curve of a leg to its attributes.
func (m *mapDrawer) edgeGeo(from, to string, pen float64, attrs []attr) []attr {
	if !m.geo {
		return append(attrs, af("arrowsize", arrowSize(pen), 2))
	}
	c := legCurve(m.at[from], m.at[to], pen)
	return append(attrs, a("pos", c.pos()), af("arrowsize", geoArrowSize(pen), 2))
}

// placeLegLabel finds a place for a leg's label on the geographic map
// and takes it (ok false when there is none).
func (m *mapDrawer) placeLegLabel(from, to string, pen float64, text string) (rect, bool) {
	r, ok := legLabelBox(legCurve(m.at[from], m.at[to], pen), text, m.taken, m.circles, m.fr.bounds())
	if ok {
		m.taken = append(m.taken, r)
		m.legLabels++
	}
	return r, ok
}

// legLabel adds a leg's label: to the edge for the layouts of Graphviz,
// as a node drawn after every leg (so that no leg covers it) at its
// place r for the geographic map.
func (m *mapDrawer) legLabel(attrs []attr, html string, r rect) []attr {
	if !m.geo {
		return append(attrs, ahtml("label", html))
	}
	m.legText = append(m.legText, placedText{r, html})
	return attrs
}

// placedText is a leg's label on the geographic map.
type placedText struct {
	box  rect
	html string
}

// legLabelNodes writes the labels of the geographic map's legs.
func (m *mapDrawer) legLabelNodes() {
	for i, t := range m.legText {
		m.w.node(fmt.Sprintf("leg.label.%d", i), a("shape", "plain"), ahtml("label", t.html),
			a("pos", fmt.Sprintf("%.1f,%.1f", (t.box.x0+t.box.x1)/2, (t.box.y0+t.box.y1)/2)))
	}
}

// casing writes, under a leg of a geographic map at least 2.5 points
// wide, a white line a little wider than it, so that crossing legs stay
// apart (thinner legs go without: on a map of thousands of legs the
// casings would double Graphviz's work for lines no one can tell apart).
func (m *mapDrawer) casing(from, to string, pen float64) {
	if !m.geo || pen < 2.5 {
		return
	}
	c := legCurve(m.at[from], m.at[to], pen)
	m.w.edge(from, to, af("penwidth", pen+2, 2), a("color", "#FFFFFFB0"), a("dir", "none"), a("pos", c.body()))
}

// legs writes the view's legs but the domestic ones (in the pie); the
// labelled ones carry their victims, or their change under the what-if.
// On a geographic map a leg has a white casing and fades with its size,
// and its label is drawn only where it fits, the labels of the legs a
// what-if changes placed first, then the largest.
func (m *mapDrawer) legs(legs []*graph.Leg, labelled map[*graph.Leg]bool) {
	m.w.line("  // Legs: width ~ sqrt(victims), colour = main vector; thinnest first.")
	styles := make([]legStyle, len(legs))
	var withLabel []int
	for i, l := range legs {
		label := ""
		if labelled[l] {
			label = m.v.count(l.Victims)
		}
		styles[i] = m.legStyle(l, label)
		if m.geo && len(styles[i].colour) == 7 {
			styles[i].colour += fade(l.Victims, m.vmax)
		}
		if l.From != l.To && styles[i].label != "" {
			withLabel = append(withLabel, i)
		}
	}
	places := map[int]rect{}
	if m.geo {
		changed := func(i int) int {
			d := m.wi.legs[[2]string{legs[i].From, legs[i].To}]
			return max(d, -d)
		}
		slices.SortStableFunc(withLabel, func(i, j int) int {
			if c := cmp.Compare(changed(j), changed(i)); c != 0 {
				return c
			}
			return cmp.Compare(legs[j].Victims, legs[i].Victims)
		})
		for _, i := range withLabel {
			if r, ok := m.early[[2]string{legs[i].From, legs[i].To}]; ok {
				places[i] = r
				continue
			}
			if r, ok := m.placeLegLabel(legs[i].From, legs[i].To, styles[i].pen, styles[i].label); ok {
				places[i] = r
			}
		}
	}
	for i, l := range legs {
		if l.From == l.To {
			continue // domestic: in the pie
		}
		s := styles[i]
		m.casing(l.From, l.To, s.pen)
		attrs := []attr{af("penwidth", s.pen, 2), a("color", s.colour), a("tooltip", m.v.legTooltip(l))}
		attrs = m.edgeGeo(l.From, l.To, s.pen, attrs)
		if s.dashed {
			attrs = append(attrs, a("style", "dashed"))
		}
		if r, ok := places[i]; s.label != "" && (ok || !m.geo) {
			attrs = m.legLabel(attrs, legLabelHTML(s.label, s.labelColour), r)
		}
		m.w.edge(l.From, l.To, attrs...)
	}
}

// fade is the alpha of a leg's colour on the geographic map: small legs
// fade (from 0x40 for the smallest to 0xE6 for the largest, by the square
// root of the share of the largest).
func fade(v, vmax int) string {
	share := 0.0
	if vmax > 0 {
		share = math.Sqrt(float64(max(v, 0)) / float64(vmax))
	}
	return fmt.Sprintf("%02X", int(0x40+(0xE6-0x40)*min(share, 1)))
}

// legStyle is how a leg is drawn.
type legStyle struct {
	pen                 float64
	colour, labelColour string
	dashed              bool
	label               string
}

// legStyle draws a leg by its victims and main vector; under a what-if,
// a leg that loses every victim grey and dashed, one that loses some
// faded, one that takes rerouted victims in the what-if colour, and the
// others faded. label is the leg's victims when it carries them.
func (m *mapDrawer) legStyle(l *graph.Leg, label string) legStyle {
	s := legStyle{pen: legPen(l.Victims, m.vmax), colour: vectorColours[mainVector(l)], labelColour: colText, label: label}
	delta := m.wi.legs[[2]string{l.From, l.To}]
	after := l.Victims + delta
	switch {
	case delta < 0 && after <= 0:
		s.colour, s.dashed = colLost, true
		s.label = "-" + m.v.count(-delta)
	case delta < 0:
		s.colour += "99"
		s.pen = legPen(after, m.vmax)
		s.label = "-" + m.v.count(-delta)
	case delta > 0:
		s.colour = colReroute
		s.label = "+" + m.v.count(delta) + " rerouted"
		s.pen = legPen(after, m.vmax)
	case m.wi.div != nil:
		s.colour += "99" // fade the legs the what-if does not touch
	}
	switch {
	case delta > 0:
		s.labelColour = colReroute
	case delta < 0:
		s.labelColour = colMuted
	}
	return s
}

// reroutes writes the legs that take rerouted victims outside the view
// (Top or MinCount); as on the view's legs, only the labels largest
// carry a label.
func (m *mapDrawer) reroutes(labels int) {
	rerouted := m.wi.legs
	labelled := largestPairs(m.wi.extra, labels, func(k [2]string) int { return rerouted[k] })
	for _, key := range m.wi.extra {
		pen := legPen(rerouted[key], m.vmax)
		attrs := []attr{af("penwidth", pen, 2), a("color", colReroute)}
		text := ""
		if labelled[key] {
			text = "+" + m.v.count(rerouted[key]) + " rerouted"
		}
		m.casing(key[0], key[1], pen)
		attrs = m.edgeGeo(key[0], key[1], pen, attrs)
		if text != "" {
			r, ok := rect{}, !m.geo
			if m.geo {
				r, ok = m.placeLegLabel(key[0], key[1], pen, text)
			}
			if ok {
				attrs = m.legLabel(attrs, legLabelHTML(text, colReroute), r)
			}
		}
		m.w.edge(key[0], key[1], attrs...)
	}
}

// legend writes the legend, with geo below the map, left-aligned, and
// then the bounding box.
func (m *mapDrawer) legend(labelled int) {
	legend := legendHTML(m.v, m.mo, m.vmax, labelled, m.regions, m.unlabeled)
	if !m.geo {
		m.w.node("legend", a("shape", "plain"), ahtml("label", legend))
		return
	}
	if !m.mo.Compact {
		lw, lh := legendSize(m.wi.div != nil)
		lw, lh = lw*72, lh*72
		x, y := m.bb.x0+lw/2, m.bb.y0-24-lh/2
		m.bb.add(x-lw/2, y-lh/2)
		m.w.node("legend", a("shape", "plain"), ahtml("label", legend), a("pos", fmt.Sprintf("%.1f,%.1f", x, y)))
	}
	m.w.stmt("graph", a("bb", fmt.Sprintf("%.1f,%.1f,%.1f,%.1f", m.bb.x0-4, m.bb.y0-4, m.bb.x1+4, m.bb.y1+4)))
}

// countryAttrs are the attributes of a country's circle of diameter d
// inches: its pie, or a cross when it is removed.
func countryAttrs(mc *mapCountry, codeSize float64) []attr {
	// The code inside the circle when it fits, else nothing (a space:
	// an empty label would show the node name).
	code := " "
	if codeSize >= 6.5 && mc.short != "" {
		code = mc.short
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
	return attrs
}

// writeCountry writes a country's circle with its label beside it, for
// the layouts of Graphviz.
func writeCountry(w *dotWriter, mc *mapCountry) {
	attrs := countryAttrs(mc, min(10, mc.d*72*0.4))
	w.node(mc.code, append(attrs, ahtml("xlabel", countryLabelHTML(mc)))...)
}

// writeGeoCountry writes a country's circle at its place on the
// geographic map (its label is a node of its own).
func writeGeoCountry(w *dotWriter, mc *mapCountry) {
	codeSize := min(10, mc.d*72*0.36)
	if codeSize < 9 {
		codeSize = 0 // too small to read: no code
	}
	attrs := countryAttrs(mc, codeSize)
	w.node(mc.code, append(attrs, a("pos", fmt.Sprintf("%.1f,%.1f", mc.x, mc.y)))...)
}

// geoLabelHTML is a country's label on the geographic map, as placed:
// the code, the name, or the name with its count (and what-if transit).
func geoLabelHTML(mc *mapCountry) string {
	size := fmt.Sprintf("%.1f", mc.font)
	if mc.label.kind == labelCode {
		return fmt.Sprintf(`<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" BGCOLOR="#FFFFFFC0"><TR><TD><FONT POINT-SIZE="%s"><B>%s</B></FONT></TD></TR></TABLE>`, size, esc(mc.short))
	}
	full := *mc
	switch mc.label.kind {
	case labelName:
		full.total, full.transitLine = "", false
	case labelChange:
		full.total, full.short = "", ""
	}
	return labelTable(&full, mc.font, mc.font, "#FFFFFFC0")
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
	full := *mc
	full.transitLine = mc.removed || mc.transitNew != 0
	return labelTable(&full, nameSize, countSize, "#FFFFFFE0")
}

// labelTable is the HTML table of a country's label: its name, its
// count unless empty, and its transit change when transitLine is set.
func labelTable(mc *mapCountry, nameAt, countAt float64, bg string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" BGCOLOR="%s">`, bg)
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
	fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="%g"><B>%s</B></FONT></TD></TR>`, nameAt, style)
	if mc.total != "" {
		fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="%g" COLOR="%s">%s</FONT></TD></TR>`, countAt, colMuted, esc(mc.total))
	}
	switch {
	case !mc.transitLine:
	case mc.removed && mc.short == "" && mc.total == "":
		// The short form of the geographic map (labelChange): the
		// struck name and the cross say removed.
		fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="%g" COLOR="%s"><B>transit %s</B></FONT></TD></TR>`, countAt, colRemoved, esc(mc.transit))
	case mc.removed:
		fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="%g" COLOR="%s"><B>removed, transit %s</B></FONT></TD></TR>`, countAt, colRemoved, esc(mc.transit))
	case mc.transitNew != 0:
		col := colReroute
		if mc.transitNew < 0 {
			col = colMuted
		}
		fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="%g" COLOR="%s"><B>transit %s</B></FONT></TD></TR>`, countAt, col, esc(mc.transit))
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

// diameterPt is the circle in points of t victims when the largest has
// tmax, from geoMinD to maxD points, area proportional to victims.
func diameterPt(t, tmax int, maxD float64) float64 {
	if tmax <= 0 || t <= 0 {
		return geoMinD
	}
	return geoMinD + (maxD-geoMinD)*math.Sqrt(float64(t)/float64(tmax))
}

// geoArrowSize keeps the arrowheads of the geographic map small: enough
// to show the direction, not to clutter.
func geoArrowSize(pen float64) float64 {
	return min(0.6, 1.0/math.Sqrt(pen+1))
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
	k := Thousands(v.Options.MinCount)
	if m.total() == 0 && v.Kept.hiddenAt[mc.code] {
		return fmt.Sprintf("%s (%s): victims hidden (every record under %s)", mc.name, mc.code, k)
	}
	total, t := v.counts(m.total(), m.origin, m.transit, m.destination, m.domestic)
	more := ""
	if v.Kept.hiddenAt[mc.code] {
		more = "; records under " + k + " not counted"
	}
	return fmt.Sprintf("%s (%s): %s victims; origin %s, transit %s, destination %s, domestic %s%s",
		mc.name, mc.code, total, t[0], t[1], t[2], t[3], more)
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
	return keptOf(nil, 0, flows).sourceLine()
}

// Citations counts records by citation as they stream by (Add); String
// is the distinct citations up to their first colon, the two most
// frequent, then how many more.
type Citations map[string]int

// Add counts f's citation.
func (c Citations) Add(f *graph.Flow) { c[Citation(f.Source)]++ }

func (c Citations) String() string { return citations(c) }

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
