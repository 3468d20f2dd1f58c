package ingest

import (
	"hash/maphash"
	"runtime"
	"slices"
	"sync"
)

// Duplicate ids are found once, after every source is read: the ids are
// hashed in parallel, their indices sorted by hash, and equal hashes
// compared. This replaces a map of every id, whose random accesses cost
// more than the rest of reading a large file.

// flowPos is where a record's id stands in its file.
type flowPos struct {
	file      int32 // index into reader.files
	line, col int32
}

// duplicateIDs returns a problem for every record whose id an earlier
// record (in read order) has, naming the earlier one's place. ids and pos
// cover every record read, valid or not.
//
// The ids are hashed on every core and scattered by the top bits of their
// hash into buckets of a few thousand (keeping read order within a
// bucket); each bucket is then checked on its own, in cache. Sorting a
// million entries by hash took 0.13 s on one core; this takes a fraction.
func duplicateIDs(ids []string, pos []flowPos, files []string) []*ParseError {
	n := len(ids)
	if n < 2 {
		return nil
	}
	seed := maphash.MakeSeed()
	bits := 0
	for bits < 16 && n>>bits > 4096 {
		bits++
	}
	nb := 1 << bits
	bucketOf := func(h uint64) int { return int(h >> 1 >> (63 - bits)) } // h>>64 is h in Go, hence two shifts
	workers := min(runtime.GOMAXPROCS(0), max(1, n/50_000))
	span := func(w int) (int, int) { return w * n / workers, (w + 1) * n / workers }
	hashes := make([]uint64, n)
	counts := make([][]int, workers)
	parallel(workers, func(w int) {
		c := make([]int, nb)
		lo, hi := span(w)
		for i := lo; i < hi; i++ {
			h := maphash.String(seed, ids[i])
			hashes[i] = h
			c[bucketOf(h)]++
		}
		counts[w] = c
	})
	// Bucket b holds worker 0's entries, then worker 1's...: read order.
	bounds := make([]int, nb+1)
	next := make([][]int, workers)
	for w := range next {
		next[w] = make([]int, nb)
	}
	off := 0
	for b := range nb {
		bounds[b] = off
		for w := range workers {
			next[w][b] = off
			off += counts[w][b]
		}
	}
	bounds[nb] = off
	entries := make([]entry, n)
	parallel(workers, func(w int) {
		nx := next[w]
		lo, hi := span(w)
		for i := lo; i < hi; i++ {
			h := hashes[i]
			b := bucketOf(h)
			entries[nx[b]] = entry{h, int32(i)}
			nx[b]++
		}
	})
	found := make([][]*ParseError, workers)
	parallel(workers, func(w int) {
		var table, link []int32
		for b := w; b < nb; b += workers {
			found[w], table, link = duplicatesIn(entries[bounds[b]:bounds[b+1]], ids, pos, files, found[w], table, link)
		}
	})
	var out []*ParseError
	for _, f := range found {
		out = append(out, f...)
	}
	return out
}

type entry struct {
	hash uint64
	i    int32
}

// duplicatesIn appends a problem for every entry of bucket (in read
// order) whose id an earlier entry has. A small open-addressing table of
// hashes, which stays in cache, finds the earlier entries of equal hash;
// their ids are then compared (equal hashes of different ids chain).
func duplicatesIn(bucket []entry, ids []string, pos []flowPos, files []string, out []*ParseError, table, link []int32) ([]*ParseError, []int32, []int32) {
	size := 16
	for size < 2*len(bucket) {
		size *= 2
	}
	table = slices.Grow(table[:0], size)[:size]
	for i := range table {
		table[i] = -1 // no entry
	}
	link = slices.Grow(link[:0], len(bucket))[:len(bucket)]
	mask := uint64(size - 1)
	for j, e := range bucket {
		link[j] = -1
		slot := e.hash & mask
		for ; table[slot] >= 0; slot = (slot + 1) & mask {
			k := table[slot]
			if bucket[k].hash != e.hash {
				continue
			}
			// The earliest entry with the same id is the one to name.
			first := int32(-1)
			for ; k >= 0; k = link[k] {
				if ids[bucket[k].i] == ids[e.i] {
					first = bucket[k].i
				}
			}
			if first >= 0 {
				f, p := pos[first], pos[e.i]
				out = append(out, &ParseError{
					File: files[p.file], Line: int(p.line), Column: int(p.col), Field: "id",
					Err: duplicateID(ids[e.i], srcPos{file: files[f.file], line: int(f.line)}, files[p.file]),
				})
			}
			link[j] = table[slot]
			break
		}
		table[slot] = int32(j)
	}
	return out, table, link
}

// parallel runs f(0) ... f(workers-1) at once and waits for them.
func parallel(workers int, f func(w int)) {
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(w)
		}()
	}
	wg.Wait()
}
