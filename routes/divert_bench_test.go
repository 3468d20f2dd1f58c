package routes_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// synthetic1M builds the leg graph of 1,000,000 flow records over 200
// countries (synthetic codes AA..HR): origins and destinations drawn with
// a few dominant ones (weights 1/rank), 0-3 transit countries from a pool
// of 60 (also skewed), deterministic.
func synthetic1M(b *testing.B) *graph.LegGraph {
	b.Helper()
	const n, records, transitPool = 200, 1_000_000, 60
	codes := make([]string, n)
	for i := range codes {
		codes[i] = string(rune('A'+i/26)) + string(rune('A'+i%26))
	}
	rng := rand.New(rand.NewPCG(2010, 4))
	// skewed picks index i with probability about 1/(i+1) over [0, m).
	cum := func(m int) []float64 {
		c := make([]float64, m)
		s := 0.0
		for i := range c {
			s += 1 / float64(i+1)
			c[i] = s
		}
		return c
	}
	pick := func(c []float64) int {
		x := rng.Float64() * c[len(c)-1]
		lo, hi := 0, len(c)-1
		for lo < hi {
			mid := (lo + hi) / 2
			if c[mid] < x {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		return lo
	}
	all, pool := cum(n), cum(transitPool)
	origins, dests, transits := rng.Perm(n), rng.Perm(n), rng.Perm(n)[:transitPool]
	vec := []graph.Vector{graph.Air, graph.Land, graph.Sea, graph.Air}
	viaBuf := make([]string, 0, 2*records)
	ds := &graph.Dataset{Name: "synthetic1M", Flows: make([]graph.Flow, records)}
	for i := range ds.Flows {
		o := codes[origins[pick(all)]]
		d := codes[dests[pick(all)]]
		start := len(viaBuf)
		for range rng.IntN(4) {
			viaBuf = append(viaBuf, codes[transits[pick(pool)]])
		}
		via := viaBuf[start:len(viaBuf):len(viaBuf)]
		ds.Flows[i] = graph.Flow{
			Origin: o, Destination: d, Via: via, Vectors: vec[:len(via)+1],
			Victims: 1 + rng.IntN(50), Period: graph.Year(2000 + rng.IntN(10)),
		}
	}
	lg, err := graph.NewLegGraph(ds, graph.Filter{})
	if err != nil {
		b.Fatal(err)
	}
	return lg
}

// topTransit returns the country with the most transit volume.
func topTransit(lg *graph.LegGraph) string {
	best, v := "", -1
	for c, t := range routes.TransitVolume(lg) {
		if t > v || (t == v && c < best) {
			best, v = c, t
		}
	}
	return best
}

func BenchmarkDivert1M(b *testing.B) {
	lg := synthetic1M(b)
	b.Logf("%d records, %d countries, %d legs", len(lg.Flows), lg.Index.N(), len(lg.Index.Legs))
	opt := routes.DivertOptions{Remove: []string{topTransit(lg)}, Displacement: 0.5, Cost: routes.ByVictims}
	for b.Loop() {
		if _, err := routes.Divert(context.Background(), lg, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDivertEach1M sweeps the transit countries with new paths by
// 1/victims (Dijkstra's trees) and by hops, the CLI's default (the
// breadth-first hop trees of hoptree.go).
func BenchmarkDivertEach1M(b *testing.B) {
	lg := synthetic1M(b)
	for _, c := range []routes.Cost{routes.ByVictims, routes.ByHops} {
		b.Run(c.String(), func(b *testing.B) {
			opt := routes.DivertOptions{Displacement: 0.5, Cost: c}
			for b.Loop() {
				if _, err := routes.DivertEach(context.Background(), lg, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDivertEachRecords1M is BenchmarkDivertEach1M on a leg graph
// built without its records (graph.LegBuilder, the routes given back one
// by one), as divert --each on --data runs: the what-if plan is built
// from the records inside the timer here, as it is there.
func BenchmarkDivertEachRecords1M(b *testing.B) {
	full := synthetic1M(b)
	lb := graph.NewLegBuilder(graph.Filter{}).KeepRoutes()
	add := lb.Worker()
	flows := make([]graph.Flow, 0, 1024)
	for i, f := range full.Flows {
		if flows = append(flows, *f); len(flows) == cap(flows) || i == len(full.Flows)-1 {
			add(int64(i+1-len(flows)), flows)
			flows = flows[:0]
		}
	}
	lg := lb.Graph(full.Dataset, full.Countries)
	q := routes.DivertQuery{Each: true, DivertOptions: routes.DivertOptions{Displacement: 0.5, Cost: routes.ByVictims}}
	for b.Loop() {
		if _, err := q.RunRecords(context.Background(), lg, lb.Routes); err != nil {
			b.Fatal(err)
		}
	}
}
