package ingest

import (
	"cmp"
	"hash/maphash"
	"runtime"
	"slices"
	"sync"
)

// Duplicate ids are found once, after every source is read: the ids are
// hashed in parallel, their indices sorted by hash, and equal hashes
// compared. This replaces a map of every id, whose random accesses cost
// more than the rest of reading a large file.

// idPos is where an id was seen.
type idPos struct {
	file string
	line int
}

// flowPos is where a record's id stands in its file.
type flowPos struct {
	file      int32 // index into reader.files
	line, col int32
}

// duplicateIDs returns a problem for every record whose id an earlier
// record (in read order) has, naming the earlier one's place. ids and pos
// cover every record read, valid or not.
func duplicateIDs(ids []string, pos []flowPos, files []string) []*ParseError {
	n := len(ids)
	if n < 2 {
		return nil
	}
	seed := maphash.MakeSeed()
	type entry struct {
		hash uint64
		i    int32
	}
	entries := make([]entry, n)
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w * n / workers; i < (w+1)*n/workers; i++ {
				entries[i] = entry{maphash.String(seed, ids[i]), int32(i)}
			}
		}()
	}
	wg.Wait()
	slices.SortFunc(entries, func(a, b entry) int {
		if c := cmp.Compare(a.hash, b.hash); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	var out []*ParseError
	run := make([]int32, 0, 4)
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && entries[hi].hash == entries[lo].hash {
			hi++
		}
		if hi-lo > 1 {
			run = run[:0]
			for _, e := range entries[lo:hi] { // in read order within the run
				run = append(run, e.i)
			}
			for j, i := range run {
				for _, k := range run[:j] {
					if ids[k] == ids[i] {
						first := pos[k]
						p := pos[i]
						out = append(out, &ParseError{
							File: files[p.file], Line: int(p.line), Column: int(p.col), Field: "id",
							Err: duplicateID(ids[i], idPos{files[first.file], int(first.line)}, files[p.file]),
						})
						break
					}
				}
			}
		}
		lo = hi
	}
	return out
}
