package groups

import (
	"math/rand/v2"
	"testing"
)

// TestExtensions: the one-search score of every single extra removal
// equals the count of components after it, on random graphs with random
// members removed.
func TestExtensions(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 2006))
	for trial := range 200 {
		n := 2 + rng.IntN(40)
		adj := make([][]int32, n)
		seen := map[[2]int]bool{}
		for range rng.IntN(2 * n) {
			a, b := rng.IntN(n), rng.IntN(n)
			if a == b || seen[[2]int{min(a, b), max(a, b)}] {
				continue
			}
			seen[[2]int{min(a, b), max(a, b)}] = true
			adj[a] = append(adj[a], int32(b))
			adj[b] = append(adj[b], int32(a))
		}
		removed := make([]bool, n)
		for v := range removed {
			removed[v] = rng.IntN(5) == 0
		}
		f := newFragmenter(adj)
		out := make([]score, n)
		f.extensions(removed, out)
		for v := range n {
			if removed[v] {
				continue
			}
			removed[v] = true
			want := f.components(removed, nil)
			removed[v] = false
			if out[v] != want {
				t.Fatalf("trial %d, n %d, remove %d: got %+v, want %+v", trial, n, v, out[v], want)
			}
		}
	}
}
