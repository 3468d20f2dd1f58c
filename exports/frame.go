package exports

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/tipgraph/tipgraph/exports/world"
	"github.com/tipgraph/tipgraph/graph"
)

// Size of the geographic map's frame in points: a fixed width, so that
// labels keep their size whatever the data's extent, and a height from
// the extent's shape within these bounds (scaled with the width when a
// map asks for another, MapOptions.Width).
const (
	frameWidth = 1000.0
	frameHMin  = 420.0
	frameHMax  = 700.0
	// MinMapWidth and MaxMapWidth bound MapOptions.Width.
	MinMapWidth = 400
	MaxMapWidth = 4000
)

// frame is the part of the world a geographic map shows: the Equal Earth
// projection (world.EqualEarth) of the dataset's countries, scaled and
// shifted to points (y up, the frame from 0,0 to w,h).
type frame struct {
	// cx, cy is the projected point at the frame's centre; scale is
	// points per unit of the projection.
	cx, cy, scale float64
	w, h          float64
	// oy lifts the frame above the legend: every y of the map is
	// positive, so that the SVG (which writes y negated) never holds a
	// pair such as "10,127" that reads as a count.
	oy float64
}

// bounds is the frame's rectangle in points.
func (f frame) bounds() rect { return rect{0, f.oy, f.w, f.oy + f.h} }

// newFrame frames the countries of a dataset: all of them, whatever the
// filter, so that a country has the same place on every map of the same
// dataset. The extent of their coordinates gets a margin of 8% of the
// span on each side (at least about 4 degrees); the frame is 1,000 points
// wide and 420 to 700 high (width points wide and as much higher or
// lower, when width is not 0), the extent widened to fill it. Countries
// at 0, 0 (no coordinates) are left out; with none, the frame is the
// world.
func newFrame(countries map[string]graph.Country, width float64) frame {
	if width <= 0 {
		width = frameWidth
	}
	hMin, hMax := frameHMin*width/frameWidth, frameHMax*width/frameWidth
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, c := range countries {
		if c.Lat == 0 && c.Lon == 0 {
			continue
		}
		x, y := world.EqualEarth(c.Lon, c.Lat)
		x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
	}
	if x0 > x1 {
		x0, y0, x1, y1 = -2.7, -1.0, 2.7, 1.3
	}
	sx, sy := x1-x0, y1-y0
	mx, my := max(0.08*sx, 0.07), max(0.08*sy, 0.07)
	x0, x1, y0, y1 = x0-mx, x1+mx, y0-my, y1+my
	sx, sy = x1-x0, y1-y0
	f := frame{cx: (x0 + x1) / 2, cy: (y0 + y1) / 2}
	f.scale = min(width/sx, hMax/sy)
	f.w = width
	f.h = min(max(sy*f.scale, hMin), hMax)
	_, lh := legendSize(true)
	f.oy = lh*72 + 40
	return f
}

// at is the point of lat, lon on the frame.
func (f frame) at(lat, lon float64) (float64, float64) {
	x, y := world.EqualEarth(lon, lat)
	return f.w/2 + (x-f.cx)*f.scale, f.oy + f.h/2 + (y-f.cy)*f.scale
}

// Colours of the base map.
const (
	colSeaFill  = "#F2F5F9"
	colLandFill = "#E3E7EC"
	colLandData = "#D9DFE6"
	colBorder   = "#FFFFFF"
)

// projected is world.Outlines in Equal Earth units, computed once.
var projected = sync.OnceValue(func() [][][][2]float64 {
	out := world.Outlines()
	p := make([][][][2]float64, len(out))
	for i, o := range out {
		p[i] = make([][][2]float64, len(o.Rings))
		for j, r := range o.Rings {
			pr := make([][2]float64, len(r))
			for k, pt := range r {
				x, y := world.EqualEarth(pt[0], pt[1])
				pr[k] = [2]float64{x, y}
			}
			p[i][j] = pr
		}
	}
	return p
})

// background is the base map as Graphviz xdot drawing operations (the
// graph attribute _background): the sea as the frame's rectangle, then
// every country's outline clipped to the frame, the countries of the
// dataset (inData) a shade darker, white borders.
func (f frame) background(inData map[string]graph.Country) string {
	var b strings.Builder
	poly := func(pts [][2]float64) {
		fmt.Fprintf(&b, "P %d", len(pts))
		for _, p := range pts {
			fmt.Fprintf(&b, " %.1f %.1f", p[0], f.oy+p[1])
		}
		b.WriteByte(' ')
	}
	colour := func(op, c string) { fmt.Fprintf(&b, "%s %d -%s ", op, len(c), c) }
	colour("C", colSeaFill)
	colour("c", colSeaFill)
	poly([][2]float64{{0, 0}, {f.w, 0}, {f.w, f.h}, {0, f.h}})
	style := "setlinewidth(0.6)"
	fmt.Fprintf(&b, "S %d -%s ", len(style), style)
	colour("c", colBorder)
	fill := ""
	for i, o := range world.Outlines() {
		want := colLandFill
		if _, ok := inData[o.Code]; ok && o.Code != "" {
			want = colLandData
		}
		for _, r := range projected()[i] {
			pts := make([][2]float64, len(r))
			for k, p := range r {
				pts[k] = [2]float64{f.w/2 + (p[0]-f.cx)*f.scale, f.h/2 + (p[1]-f.cy)*f.scale}
			}
			pts = clipRect(pts, f.w, f.h)
			if len(pts) < 3 {
				continue
			}
			if fill != want {
				colour("C", want)
				fill = want
			}
			poly(pts)
		}
	}
	return strings.TrimSpace(b.String())
}

// clipRect clips a polygon to the rectangle 0,0 to w,h
// (Sutherland-Hodgman, one edge of the rectangle at a time).
func clipRect(pts [][2]float64, w, h float64) [][2]float64 {
	edges := []struct {
		in  func(p [2]float64) bool
		cut func(a, b [2]float64) [2]float64
	}{
		{func(p [2]float64) bool { return p[0] >= 0 }, func(a, b [2]float64) [2]float64 { return lerpX(a, b, 0) }},
		{func(p [2]float64) bool { return p[0] <= w }, func(a, b [2]float64) [2]float64 { return lerpX(a, b, w) }},
		{func(p [2]float64) bool { return p[1] >= 0 }, func(a, b [2]float64) [2]float64 { return lerpY(a, b, 0) }},
		{func(p [2]float64) bool { return p[1] <= h }, func(a, b [2]float64) [2]float64 { return lerpY(a, b, h) }},
	}
	for _, e := range edges {
		if len(pts) == 0 {
			return nil
		}
		var out [][2]float64
		prev := pts[len(pts)-1]
		for _, p := range pts {
			switch {
			case e.in(p) && !e.in(prev):
				out = append(out, e.cut(prev, p), p)
			case e.in(p):
				out = append(out, p)
			case e.in(prev):
				out = append(out, e.cut(prev, p))
			}
			prev = p
		}
		pts = out
	}
	return pts
}

func lerpX(a, b [2]float64, x float64) [2]float64 {
	t := (x - a[0]) / (b[0] - a[0])
	return [2]float64{x, a[1] + t*(b[1]-a[1])}
}

func lerpY(a, b [2]float64, y float64) [2]float64 {
	t := (y - a[1]) / (b[1] - a[1])
	return [2]float64{a[0] + t*(b[0]-a[0]), y}
}
