package ingest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestDuplicateIDsMatchesMap compares duplicateIDs with a map of every id
// on ids drawn with many repeats, sizes that give one bucket and many.
func TestDuplicateIDsMatchesMap(t *testing.T) {
	for _, n := range []int{2, 7, 5_000, 300_000} {
		rng := rand.New(rand.NewPCG(uint64(n), 9))
		ids := make([]string, n)
		pos := make([]flowPos, n)
		for i := range ids {
			ids[i] = fmt.Sprint("r", rng.IntN(n*3/4+1))
			pos[i] = flowPos{file: int32(i % 2), line: int32(i + 2), col: 1}
		}
		files := []string{"a.csv", "b.csv"}
		var want []string
		first := map[string]int{}
		for i, id := range ids {
			if k, ok := first[id]; ok {
				p, f := pos[i], pos[k]
				want = append(want, fmt.Sprintf("%s:%d: %v", files[p.file], p.line, duplicateID(id, srcPos{file: files[f.file], line: int(f.line)}, files[p.file])))
				continue
			}
			first[id] = i
		}
		var got []string
		for _, e := range duplicateIDs(ids, pos, files) {
			got = append(got, fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err))
		}
		slices.Sort(got)
		slices.Sort(want)
		if len(want) == 0 && n > 2 {
			t.Fatalf("n=%d: the test drew no duplicates", n)
		}
		if !slices.Equal(got, want) {
			t.Errorf("n=%d: %d problems, want %d; first differences: %v / %v", n, len(got), len(want), head(got), head(want))
		}
	}
}

func head(s []string) []string { return s[:min(3, len(s))] }

// BenchmarkDuplicateIDs1M checks 1,000,000 distinct ids.
func BenchmarkDuplicateIDs1M(b *testing.B) {
	ids := make([]string, 1_000_000)
	pos := make([]flowPos, len(ids))
	for i := range ids {
		ids[i] = fmt.Sprint("g", i)
	}
	for b.Loop() {
		if d := duplicateIDs(ids, pos, []string{"flows.csv"}); len(d) != 0 {
			b.Fatal(d)
		}
	}
}
