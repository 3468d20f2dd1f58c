package exports

import (
	"cmp"
	"math"
	"slices"
)

// Font sizes of the geographic map's labels, in points: the frame is
// 1,000 points wide, so at 1400x1000 pixels a label is 11 px or more.
const (
	geoNameSize = 11.0
	// geoCompactSize is the labels' size on a small multiple (drawn at
	// about half size).
	geoCompactSize = 20.0
	geoLegSize     = 10.5
)

// rect is an axis-aligned box in points.
type rect struct{ x0, y0, x1, y1 float64 }

func rectAt(x, y, w, h float64) rect { return rect{x - w/2, y - h/2, x + w/2, y + h/2} }

func (r rect) overlaps(o rect) bool {
	return r.x0 < o.x1 && o.x0 < r.x1 && r.y0 < o.y1 && o.y0 < r.y1
}

func (r rect) within(b rect) bool {
	return r.x0 >= b.x0 && r.y0 >= b.y0 && r.x1 <= b.x1 && r.y1 <= b.y1
}

// What a country's label shows, from nothing to all.
const (
	labelNone = iota
	labelCode
	labelName
	labelChange // the name and the what-if's transit change
	labelFull
)

// geoLabel is a country's label on the geographic map: what it shows and
// its box.
type geoLabel struct {
	kind int
	box  rect
}

// labelSize is the size in points of a country's label of the kind.
func labelSize(mc *mapCountry, kind int) (float64, float64) {
	const pad = 4
	lineH := mc.font * 1.2
	switch kind {
	case labelCode:
		return helveticaWidth(mc.short, mc.font, true) + pad, lineH + pad
	case labelName:
		return mc.nameW + pad, float64(len(mc.lines))*lineH + pad
	case labelChange:
		w := max(mc.nameW, helveticaWidth("transit "+mc.transit, mc.font, true))
		return w + pad, float64(len(mc.lines))*lineH + mc.font*1.25 + pad
	}
	w := max(mc.nameW, helveticaWidth(mc.total, mc.font, false))
	h := float64(len(mc.lines))*lineH + mc.font*1.25
	if mc.transitLine {
		w = max(w, helveticaWidth("removed, transit "+mc.transit, mc.font, true))
		h += mc.font * 1.25
	}
	return w + pad, h + pad
}

// placeLabels gives each country a label where one fits, the countries
// a what-if removes first, then the largest (ties by code): the full label (name and count), else
// the name, else the code, each tried below, above, right, left and on
// the diagonals of the circle; a label stays inside the frame,
// clear of the reserved boxes, of every label placed before and of the
// centre of every other circle. Countries never move: a label that fits nowhere is left out
// (the circle keeps its tooltip). Under a what-if, a country whose
// transit changes tries its name with the change (no count) before its
// name alone. It returns the boxes taken (reserved and placed) and how
// many countries have no label.
//
// The time complexity is O(n²) for n countries (each of a fixed number
// of candidates is checked against every circle and label).
func placeLabels(cs []*mapCountry, bounds rect, reserved []rect) ([]rect, int) {
	order := slices.Clone(cs)
	slices.SortStableFunc(order, func(a, b *mapCountry) int {
		if a.removed != b.removed {
			return map[bool]int{true: -1, false: 1}[a.removed]
		}
		if c := cmp.Compare(b.mix.total(), a.mix.total()); c != 0 {
			return c
		}
		return cmp.Compare(a.code, b.code)
	})
	cores := make([]rect, len(cs))
	for i, mc := range cs {
		k := max(mc.r*0.6, 2)
		cores[i] = rect{mc.x - k, mc.y - k, mc.x + k, mc.y + k}
	}
	placed := slices.Clone(reserved)
	free := func(mc *mapCountry, r rect) bool {
		if !r.within(bounds) {
			return false
		}
		for _, p := range placed {
			if p.overlaps(r) {
				return false
			}
		}
		for i, c := range cores {
			if cs[i] != mc && c.overlaps(r) {
				return false
			}
		}
		return true
	}
	missing := 0
	for _, mc := range order {
		mc.label = geoLabel{kind: labelNone}
		kinds := []int{labelFull, labelName, labelCode}
		if mc.transitLine {
			kinds = []int{labelFull, labelChange, labelName, labelCode}
		}
		if mc.short == "" {
			kinds = kinds[:len(kinds)-1]
		}
	search:
		for _, kind := range kinds {
			lw, lh := labelSize(mc, kind)
			for _, r := range labelCandidates(mc.x, mc.y, mc.r, lw, lh) {
				if free(mc, r) {
					mc.label = geoLabel{kind: kind, box: r}
					placed = append(placed, r)
					break search
				}
			}
		}
		if mc.label.kind == labelNone {
			missing++
		}
	}
	return placed, missing
}

// labelCandidates are the boxes of a w x h label around a circle at x, y
// of radius r, in order of preference.
func labelCandidates(x, y, r, w, h float64) []rect {
	const gap = 1.5
	d := r*math.Sqrt2/2 + gap
	return []rect{
		rectAt(x, y-r-gap-h/2, w, h),
		rectAt(x, y+r+gap+h/2, w, h),
		rectAt(x+r+gap+w/2, y, w, h),
		rectAt(x-r-gap-w/2, y, w, h),
		rectAt(x+d+w/2, y-d-h/2, w, h),
		rectAt(x-d-w/2, y-d-h/2, w, h),
		rectAt(x+d+w/2, y+d+h/2, w, h),
		rectAt(x-d-w/2, y+d+h/2, w, h),
	}
}

// legLabelBox finds a place for a leg's label of text on its curve: the
// middle, else nearer one end (up to a fifth of the way), clear of the boxes
// taken and of the centre of every circle, inside bounds. ok is false when
// none is free.
func legLabelBox(c curve, text string, taken []rect, circles []circle, bounds rect) (rect, bool) {
	bw, bh := helveticaWidth(text, geoLegSize, false)+4, geoLegSize*1.25+2
	for _, t := range []float64{0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8} {
		p := c.at(t)
		r := rectAt(p[0], p[1], bw, bh)
		if !r.within(bounds) {
			continue
		}
		ok := true
		for _, o := range taken {
			if o.overlaps(r) {
				ok = false
				break
			}
		}
		for _, ci := range circles {
			if k := max(ci.r*0.6, 2); ok && r.overlaps(rect{ci.x - k, ci.y - k, ci.x + k, ci.y + k}) {
				ok = false
			}
		}
		if ok {
			return r, true
		}
	}
	return rect{}, false
}

// Advance widths of Helvetica (Adobe's AFM, thousandths of an em) for
// a-z and A-Z, regular and bold: Graphviz measures labels with these
// metrics, so the boxes placed here are the boxes it draws.
var (
	helvLower     = [26]int{556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500}
	helvUpper     = [26]int{667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611}
	helvBoldLower = [26]int{556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500}
	helvBoldUpper = [26]int{722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611}
)

// helveticaWidth is the width in points of s in Helvetica at size
// points, 4% wider for safety; letters outside a-z and A-Z (accented
// ones) count as the widest lowercase letter but m and w.
func helveticaWidth(s string, size float64, bold bool) float64 {
	lower, upper := helvLower, helvUpper
	if bold {
		lower, upper = helvBoldLower, helvBoldUpper
	}
	em := 0
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			em += lower[r-'a']
		case r >= 'A' && r <= 'Z':
			em += upper[r-'A']
		case r >= '0' && r <= '9':
			em += 556
		case r == ' ' || r == ',' || r == '.' || r == '\'':
			em += 278
		case r == '-' || r == '(' || r == ')':
			em += 333
		default:
			em += 722
		}
	}
	return float64(em) / 1000 * size * 1.04
}
