package world

import "math"

// Coefficients of the Equal Earth projection.
const (
	eeA1 = 1.340264
	eeA2 = -0.081106
	eeA3 = 0.000893
	eeA4 = 0.003796
)

var eeM = math.Sqrt(3) / 2

// EqualEarth projects a point at lon, lat (degrees) with the Equal Earth
// projection of a sphere of radius 1 (Šavrič, Patterson and Jenny 2018,
// "The Equal Earth map projection", International Journal of
// Geographical Information Science 33(3)): an equal-area
// pseudocylindrical projection whose x runs from about -2.7066 to 2.7066
// and y from about -1.3174 (south pole) to 1.3174 (north pole), y up.
// The cost is constant.
func EqualEarth(lon, lat float64) (x, y float64) {
	lam := lon * math.Pi / 180
	phi := lat * math.Pi / 180
	th := math.Asin(eeM * math.Sin(phi))
	t2 := th * th
	t6 := t2 * t2 * t2
	x = 2 * math.Sqrt(3) * lam * math.Cos(th) / (3 * (9*eeA4*t6*t2 + 7*eeA3*t6 + 3*eeA2*t2 + eeA1))
	y = th * (eeA4*t6*t2 + eeA3*t6 + eeA2*t2 + eeA1)
	return x, y
}
