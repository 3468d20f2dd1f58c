package exports

import (
	"fmt"
	"math"

	"github.com/tipgraph/tipgraph/graph"
)

// RegionLegs is the number of legs above which a geographic map draws
// flows between UN sub-regions unless MapOptions.Aggregate says
// otherwise: past a few hundred legs a map of countries is a tangle.
const RegionLegs = 300

// Values of MapOptions.Aggregate.
var Aggregates = []string{"auto", "country", "region"}

// byRegion says whether the map of v aggregates to regions: "region"
// always (but not a what-if, drawn by country), "country" never, "auto"
// (or "") for a geographic map of more than RegionLegs legs that is not a
// what-if nor a route query.
func (mo MapOptions) byRegion(v *View) (bool, error) {
	switch mo.Aggregate {
	case "region":
		if mo.Diversion != nil {
			return false, fmt.Errorf("%w: a what-if map is drawn by country (aggregate region)", ErrBadOptions)
		}
		return true, nil
	case "country":
		return false, nil
	case "", "auto":
		return mo.Layout == "geo" && mo.Diversion == nil && v.Options.From == "" && len(v.Legs) > RegionLegs, nil
	}
	return false, fmt.Errorf("%w: aggregate %q (want auto, country or region)", ErrBadOptions, mo.Aggregate)
}

// regionOf is a country's region (its UN M49 sub-region unless the
// dataset says otherwise), or the country itself when it has none.
func regionOf(lg *graph.LegGraph, c string) string {
	if r := lg.Country(c).Region; r != "" {
		return r
	}
	return c
}

// regionView is v with countries merged into their regions: a leg
// between two regions is the sum of the view's legs between their
// countries (victims, records, vectors), legs within a region are
// domestic to it, and each record's route runs through the regions of
// its countries (consecutive repeats merged). The regions are the
// "countries" of the returned view, keyed and named by region.
//
// The time complexity is O(E log E + R) for E legs and R records.
func regionView(v *View) *View {
	lg := v.Graph
	reg := func(c string) string { return regionOf(lg, c) }
	countries := map[string]graph.Country{}
	for _, c := range v.Codes {
		r := reg(c)
		countries[r] = graph.Country{Code: r, Name: r}
	}
	sums := map[[2]string]*graph.Leg{}
	for _, l := range v.Legs {
		k := [2]string{reg(l.From), reg(l.To)}
		s := sums[k]
		if s == nil {
			s = &graph.Leg{From: k[0], To: k[1]}
			sums[k] = s
		}
		s.Victims += l.Victims
		s.Records += l.Records
		for i, n := range l.ByVector {
			s.ByVector[i] += n
		}
	}
	legs := make([]*graph.Leg, 0, len(sums))
	for _, k := range sortedPairs(legsAsCounts(sums)) {
		legs = append(legs, sums[k])
	}
	rlg := &graph.LegGraph{Dataset: lg.Dataset, Filter: lg.Filter, Countries: countries}
	codes := sortedKeys(countries)
	k := v.Kept.byRegion()
	return &View{Graph: rlg, Options: v.Options, Legs: legs, Codes: codes, Kept: k,
		TotalLegs: v.TotalLegs, HiddenLegs: v.HiddenLegs}
}

func legsAsCounts(m map[[2]string]*graph.Leg) map[[2]string]int {
	out := make(map[[2]string]int, len(m))
	for k, l := range m {
		out[k] = l.Victims
	}
	return out
}

// regionPlaces is where each region of the dataset sits on the frame:
// at its medoid, the country of the region (among all of the dataset's,
// whatever the filter) with the least sum of great-circle distances to
// the others (ties: the first code), so that a region that spans the
// antimeridian (Polynesia) sits at one of its countries, not halfway
// round the world.
//
// The time complexity is O(n²) for n countries.
func regionPlaces(lg *graph.LegGraph, f frame) map[string][2]float64 {
	members := map[string][]graph.Country{}
	for _, code := range sortedKeys(lg.Countries) {
		c := lg.Countries[code]
		if c.Lat == 0 && c.Lon == 0 {
			continue
		}
		r := regionOf(lg, code)
		members[r] = append(members[r], c)
	}
	out := make(map[string][2]float64, len(members))
	for r, cs := range members {
		best, bestSum := 0, math.Inf(1)
		for i, a := range cs {
			sum := 0.0
			for _, b := range cs {
				sum += greatCircle(a.Lat, a.Lon, b.Lat, b.Lon)
			}
			if sum < bestSum {
				best, bestSum = i, sum
			}
		}
		x, y := f.at(cs[best].Lat, cs[best].Lon)
		out[r] = [2]float64{x, y}
	}
	return out
}

// greatCircle is the angle in radians between two points (haversine).
func greatCircle(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * math.Asin(math.Sqrt(min(h, 1)))
}
