package graphtest

import "math/rand/v2"

// CellNetwork is the person network of the betweenness benchmarks
// (bench/personbc, which bench/compare times against NetworkX and
// python-igraph, and routes/groups' BenchmarkBetweennessFrom50k): n
// persons 0 to n-1 in cells of 50, every cell's first person tied to the
// next cell's so that the network is connected, then random ties until
// there are m, nine in ten inside a cell and one in ten to anyone; no
// self-ties, no repeats. The ties are (a, b) with a < b, in the order
// they were drawn from a fixed seed, so every caller gets the same
// network.
func CellNetwork(n, m int) [][2]int32 {
	rng := rand.New(rand.NewPCG(1, 2))
	const cell = 50
	seen := make(map[[2]int32]bool, m)
	ties := make([][2]int32, 0, m)
	add := func(a, b int32) {
		if a == b {
			return
		}
		if a > b {
			a, b = b, a
		}
		if k := [2]int32{a, b}; !seen[k] {
			seen[k] = true
			ties = append(ties, k)
		}
	}
	for c := 0; c+cell < n; c += cell {
		add(int32(c), int32(c+cell))
	}
	for len(ties) < m {
		a, b := rng.IntN(n), 0
		if rng.IntN(10) == 0 {
			b = rng.IntN(n)
		} else {
			b = min(a/cell*cell+rng.IntN(cell), n-1)
		}
		add(int32(a), int32(b))
	}
	return ties
}
