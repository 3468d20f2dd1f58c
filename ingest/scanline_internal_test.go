package ingest

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// naiveScan is scanLine one byte at a time (what it says of clean and
// commas matters only without a quote).
func naiveScan(line []byte) (quote, clean bool, commas []int32) {
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	clean = true
	for i, c := range line {
		switch {
		case c == '"':
			quote = true
		case c == ',':
			commas = append(commas, int32(i))
		case c < 0x20 || c > 0x7e:
			clean = false
		}
	}
	return quote, clean, append(commas, int32(len(line)))
}

// TestScanLineBytes checks the eight-bytes-at-a-time scan against the
// byte loop on random lines drawn from the bytes at its edges.
func TestScanLineBytes(t *testing.T) {
	edges := []byte{0x00, 0x09, '\r', 0x1f, ' ', '!', '"', '#', ',', '-', 'a', 0x7e, 0x7f, 0x80, 0x9f, 0xa0, 0xc3, 0xdf, 0xe0, 0xfe, 0xff}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		line := make([]byte, rng.IntN(40))
		for i := range line {
			if rng.IntN(4) == 0 {
				line[i] = edges[rng.IntN(len(edges))]
			} else {
				line[i] = byte(' ' + rng.IntN(0x5f))
			}
		}
		q, c, cm := scanLine(line, nil)
		wq, wc, wcm := naiveScan(line)
		if q != wq || (!q && (c != wc || !slices.Equal(cm, wcm))) { // a line with a quote goes to the general reader
			t.Fatalf("scanLine(%q) = %v, %v, %v; want %v, %v, %v", line, q, c, cm, wq, wc, wcm)
		}
	}
}
