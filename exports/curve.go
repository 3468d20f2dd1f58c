package exports

import (
	"fmt"
	"math"
	"strings"
)

// circle is a country on the geographic map, in points.
type circle struct{ x, y, r float64 }

// box is a bounding box in points.
type box struct{ x0, y0, x1, y1 float64 }

func emptyBox() box { return box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

func (b *box) add(x, y float64) {
	b.x0, b.y0 = min(b.x0, x), min(b.y0, y)
	b.x1, b.y1 = max(b.x1, x), max(b.y1, y)
}

// curve is a leg drawn as one cubic Bézier from the tail circle's edge to
// the base of the arrowhead, whose tip touches the head circle.
type curve struct {
	tip [2]float64
	pts [4][2]float64
	mid [2]float64
}

// bend is how far a leg bows out, as a share of its length: a leg bows
// to its left, so A -> B and B -> A bow apart instead of overlapping.
const bend = 0.16

// legCurve draws the leg from p to q with line width pen (points): a
// quadratic curve whose control point lies bend x length to the left of
// the middle, clipped to both circles, with an arrowhead of 3.5 + 0.9 x pen
// points (Graphviz draws it from the curve's end to the tip). mid is the
// curve's middle, where a label goes.
func legCurve(p, q circle, pen float64) curve {
	dx, dy := q.x-p.x, q.y-p.y
	l := math.Hypot(dx, dy)
	if l < 1e-9 {
		dx, dy, l = 1, 0, 1
	}
	// Left normal of p -> q.
	nx, ny := -dy/l, dx/l
	cx := (p.x+q.x)/2 + nx*bend*l
	cy := (p.y+q.y)/2 + ny*bend*l
	unit := func(x, y float64) (float64, float64) {
		n := math.Hypot(x, y)
		if n < 1e-9 {
			return 0, 0
		}
		return x / n, y / n
	}
	ux, uy := unit(cx-p.x, cy-p.y)
	s := [2]float64{p.x + ux*p.r, p.y + uy*p.r}
	vx, vy := unit(cx-q.x, cy-q.y)
	tip := [2]float64{q.x + vx*q.r, q.y + vy*q.r}
	arrow := min(3.5+0.9*pen, 0.35*l)
	e := [2]float64{tip[0] + vx*arrow, tip[1] + vy*arrow}
	// The quadratic s, c, e as a cubic.
	c1 := [2]float64{s[0] + 2.0/3*(cx-s[0]), s[1] + 2.0/3*(cy-s[1])}
	c2 := [2]float64{e[0] + 2.0/3*(cx-e[0]), e[1] + 2.0/3*(cy-e[1])}
	mid := [2]float64{0.25*s[0] + 0.5*cx + 0.25*e[0], 0.25*s[1] + 0.5*cy + 0.25*e[1]}
	return curve{tip: tip, pts: [4][2]float64{s, c1, c2, e}, mid: mid}
}

// pos writes the curve as a Graphviz edge pos: "e,tip start c1 c2 end".
func (c curve) pos() string {
	var b strings.Builder
	fmt.Fprintf(&b, "e,%.1f,%.1f", c.tip[0], c.tip[1])
	for _, p := range c.pts {
		fmt.Fprintf(&b, " %.1f,%.1f", p[0], p[1])
	}
	return b.String()
}

// at is the point of the curve at t in [0, 1].
func (c curve) at(t float64) [2]float64 {
	u := 1 - t
	var p [2]float64
	for i := range p {
		p[i] = u*u*u*c.pts[0][i] + 3*u*u*t*c.pts[1][i] + 3*u*t*t*c.pts[2][i] + t*t*t*c.pts[3][i]
	}
	return p
}

// body writes the curve without its arrowhead, as a Graphviz edge pos.
func (c curve) body() string {
	var b strings.Builder
	for i, p := range c.pts {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%.1f,%.1f", p[0], p[1])
	}
	return b.String()
}
