package exports

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
)

// PlacedRecords streams a store's records to the consumer start returns,
// each with its place in the dataset's order, and returns the dataset
// without its records (a Neo4j store's EachFlowAt). A stream that starts
// over calls start again; only the last consumer counts.
type PlacedRecords func(start func() func(f *graph.Flow, at int)) (*graph.Dataset, error)

// JSONStream writes the JSON export of the records records streams that
// pass flt and MinCount (those of 1 to minCount-1 victims left out), as
// JSON writes View.Dataset of them: in dataset order, with the countries
// they name and the dataset's groups, under name (empty: the dataset's).
// The records come unsorted; each is written as it arrives to a
// temporary file, and copied from there in order, so that a million
// records take their places (16 bytes each) in memory, not themselves.
// An empty selection writes an empty "flows" list, as JSON does.
func JSONStream(w io.Writer, name string, flt graph.Filter, minCount int, records PlacedRecords) error {
	spill, err := os.CreateTemp("", "tipgraph-export-*.json")
	if err != nil {
		return fmt.Errorf("export json: a temporary file for the records: %w", err)
	}
	defer os.Remove(spill.Name())
	defer spill.Close()
	type place struct {
		off int64
		n   int32 // 0: no record kept at this place
	}
	var (
		places []place
		codes  map[string]bool
		buf    *bufio.Writer
		off    int64
		kept   int
		werr   error
	)
	ds, err := records(func() func(*graph.Flow, int) {
		// A new start: what an earlier one wrote is dropped.
		places, codes, off, kept, werr = places[:0], map[string]bool{}, 0, 0, nil
		if _, werr = spill.Seek(0, io.SeekStart); werr == nil {
			werr = spill.Truncate(0)
		}
		buf = bufio.NewWriterSize(spill, 1<<20)
		return func(f *graph.Flow, at int) {
			if werr != nil || !flt.Keep(f) || hides(minCount, f.Victims) {
				return
			}
			b, err := ingest.FlowJSON(f)
			if err == nil {
				_, err = buf.Write(b)
			}
			if err != nil {
				werr = err
				return
			}
			for at >= len(places) {
				places = append(places, place{})
			}
			places[at] = place{off, int32(len(b))}
			off += int64(len(b))
			kept++
			codes[f.Origin], codes[f.Destination] = true, true
			for _, c := range f.Via {
				codes[c] = true
			}
		}
	})
	if err != nil {
		return err
	}
	if werr == nil && buf != nil {
		werr = buf.Flush()
	}
	if werr != nil {
		return fmt.Errorf("export json: writing the records to %s: %w", spill.Name(), werr)
	}
	sub := &graph.Dataset{Name: ds.Name, Countries: map[string]graph.Country{}, Groups: ds.Groups, Members: ds.Members, Ties: ds.Ties}
	if name != "" {
		sub.Name = name
	}
	for c := range codes {
		if cc, ok := ds.Countries[c]; ok {
			sub.Countries[c] = cc
		}
	}
	next := 0
	var b []byte
	return ingest.WriteJSONOf(w, sub, kept, func(int) (any, error) {
		for places[next].n == 0 {
			next++
		}
		p := places[next]
		next++
		if cap(b) < int(p.n) {
			b = make([]byte, p.n)
		}
		b = b[:p.n]
		if _, err := spill.ReadAt(b, p.off); err != nil {
			return nil, fmt.Errorf("export json: reading the records back from %s: %w", spill.Name(), err)
		}
		return json.RawMessage(b), nil
	})
}
