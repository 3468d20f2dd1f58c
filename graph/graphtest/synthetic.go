package graphtest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/tipgraph/tipgraph/graph"
)

// Synthetic is a random dataset of n flow records over countries
// countries (at least 4), drawn from seed, shaped like real data:
// a few origins, destinations and transit countries carry most records
// (ranks fall off as 1/rank), 0 to 3 transit countries per record, years
// 2000-2010, mostly sexual exploitation, 1 to 200 victims skewed small.
// It is built without ingest (whose generator writes the same shape as
// CSV) so that backends can be loaded at scale in their own tests. The
// country codes X00, X01, ... are no ISO code: a store that shares its
// countries across datasets (Neo4j) keeps the real countries as they are.
func Synthetic(n, countries int, seed uint64) *graph.Dataset {
	countries = max(countries, 4)
	rng := rand.New(rand.NewPCG(seed, 0x73796e7468))
	ds := &graph.Dataset{Name: "synthetic", Countries: map[string]graph.Country{}, Flows: make([]graph.Flow, 0, n)}
	codes := make([]string, countries)
	for i := range codes {
		c := fmt.Sprintf("X%02d", i)
		codes[i] = c
		ds.Countries[c] = graph.Country{Code: c, Name: "Synthetic " + c, Region: "Synthetic region " + strconv.Itoa(i%10),
			Lat: float64(i%170) - 85, Lon: float64(i%359) - 179}
	}
	perm := func() []string {
		p := slices.Clone(codes)
		rng.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
		return p
	}
	origins, dests, hubs := perm(), perm(), perm()
	hubs = hubs[:max(2, countries/5)]
	zipf := func(list []string) string {
		k := int(math.Exp(rng.Float64()*math.Log(float64(len(list))+1))) - 1
		return list[min(k, len(list)-1)]
	}
	vectors := []graph.Vector{graph.Land, graph.Sea, graph.Air, graph.VectorUnknown}
	forms := []graph.Form{graph.Sexual, graph.Sexual, graph.Sexual, graph.Labour, graph.OtherForm}
	for i := range n {
		f := graph.Flow{ID: "g" + strconv.Itoa(i), Origin: zipf(origins), Destination: zipf(dests),
			Victims: int(math.Floor(math.Pow(rng.Float64(), 3)*200)) + 1, Period: graph.Year(2000 + rng.IntN(11)),
			Form: forms[rng.IntN(len(forms))], Measure: graph.Detected, Source: "synthetic"}
		for range rng.IntN(4) {
			if h := zipf(hubs); h != f.Origin && h != f.Destination && !slices.Contains(f.Via, h) {
				f.Via = append(f.Via, h)
			}
		}
		v := vectors[rng.IntN(len(vectors))]
		for range len(f.Via) + 1 {
			f.Vectors = append(f.Vectors, v)
		}
		ds.Flows = append(ds.Flows, f)
	}
	return ds
}
