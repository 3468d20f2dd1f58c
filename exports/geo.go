package exports

import (
	"cmp"
	"math"
	"slices"
)

// placeBox is one thing to place on the map: a country's circle and its
// label below it, as one rectangle around the point X, Y (inches). The
// circle's centre is at the top of the box: Top is the distance from the
// centre up to the box's top edge, the box runs down to Bottom below it.
type placeBox struct {
	Lat, Lon    float64
	W, Top, Bot float64
	X, Y        float64
}

// geoPlace gives each box a position on a canvas about width inches wide:
// an equirectangular projection of Lat/Lon with a cos(mean latitude)
// factor, fitted to the boxes, then blended with the rank order of the
// coordinates (so that dense clusters such as Europe spread out while
// west stays west and north stays north), then pushed apart until no two
// boxes overlap (with a gap of pad inches). Positions are deterministic:
// ties are broken by index, which the caller orders by country code.
//
// The time complexity is O(I·n²) for n boxes and I ≤ 400 separation
// rounds (each round compares every pair).
func geoPlace(boxes []placeBox, width, pad float64) {
	n := len(boxes)
	if n == 0 {
		return
	}
	meanLat := 0.0
	for _, b := range boxes {
		meanLat += b.Lat
	}
	meanLat /= float64(n)
	k := math.Cos(meanLat * math.Pi / 180)
	k = max(k, 0.3)
	xs := make([]float64, n)
	ys := make([]float64, n)
	for i, b := range boxes {
		xs[i] = b.Lon * k
		ys[i] = b.Lat
	}
	rx, ry := ranks(xs), ranks(ys)
	lx := normalise(xs)
	ly := normalise(ys)
	// Aspect ratio of the projected extent, kept within 0.45-0.8 so that
	// a map of one region is not a strip.
	spanX := spread(xs)
	spanY := spread(ys)
	aspect := 0.6
	if spanX > 0 {
		aspect = min(max(spanY/spanX, 0.45), 0.8)
	}
	height := width * aspect
	const blend = 0.45 // share of the rank position
	for i := range boxes {
		fx := (1-blend)*lx[i] + blend*rx[i]
		fy := (1-blend)*ly[i] + blend*ry[i]
		boxes[i].X = fx * width
		boxes[i].Y = fy * height
	}
	separate(boxes, pad)
}

// separate pushes overlapping boxes apart along the axis of least
// overlap, half each, until none overlaps or 400 rounds have run.
func separate(boxes []placeBox, pad float64) {
	n := len(boxes)
	for round := 0; round < 400; round++ {
		moved := false
		for i := 0; i < n; i++ {
			a := &boxes[i]
			for j := i + 1; j < n; j++ {
				b := &boxes[j]
				// Overlap in x: half widths.
				dx := b.X - a.X
				ox := (a.W+b.W)/2 + pad - math.Abs(dx)
				if ox <= 0 {
					continue
				}
				// Boxes run from Y+Top (up) to Y-Bot (down).
				dy := b.Y - a.Y
				var oy float64
				if dy >= 0 { // b above a
					oy = (a.Y + a.Top) - (b.Y - b.Bot) + pad
				} else {
					oy = (b.Y + b.Top) - (a.Y - a.Bot) + pad
				}
				if oy <= 0 {
					continue
				}
				moved = true
				if ox < oy {
					s := sign(dx, i, j)
					a.X -= s * ox / 2
					b.X += s * ox / 2
				} else {
					s := sign(dy, i, j)
					a.Y -= s * oy / 2
					b.Y += s * oy / 2
				}
			}
		}
		if !moved {
			return
		}
	}
}

// sign is the direction from a to b along an axis; when they coincide the
// lower index goes first (left or down).
func sign(d float64, i, j int) float64 {
	switch {
	case d > 0:
		return 1
	case d < 0:
		return -1
	case i < j:
		return 1
	}
	return -1
}

// ranks maps each value to its rank in [0, 1]; equal values share the
// mean rank.
func ranks(v []float64) []float64 {
	n := len(v)
	out := make([]float64, n)
	if n == 1 {
		out[0] = 0.5
		return out
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(v[a], v[b]) })
	for i := 0; i < n; {
		j := i
		for j+1 < n && v[idx[j+1]] == v[idx[i]] {
			j++
		}
		r := float64(i+j) / 2 / float64(n-1)
		for k := i; k <= j; k++ {
			out[idx[k]] = r
		}
		i = j + 1
	}
	return out
}

// normalise maps values linearly onto [0, 1] (0.5 when all are equal).
func normalise(v []float64) []float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	out := make([]float64, len(v))
	for i, x := range v {
		if hi > lo {
			out[i] = (x - lo) / (hi - lo)
		} else {
			out[i] = 0.5
		}
	}
	return out
}

func spread(v []float64) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	return hi - lo
}
