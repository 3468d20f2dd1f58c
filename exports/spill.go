package exports

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
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
	sp, err := newSpill("json", ingest.FlowJSON)
	if err != nil {
		return err
	}
	defer sp.close()
	ds, err := sp.fill(records, flt, minCount, nil, nil)
	if err != nil {
		return err
	}
	next := sp.reader()
	return ingest.WriteJSONOf(w, keptDataset(ds, name, sp.codes), sp.kept, func(int) (any, error) {
		b, err := next()
		return json.RawMessage(b), err
	})
}

// keptDataset is ds without its records, as View.Dataset makes it for
// the records kept: named name (empty: ds's), with the countries of codes
// (those the kept records name) and ds's groups.
func keptDataset(ds *graph.Dataset, name string, codes map[string]bool) *graph.Dataset {
	sub := &graph.Dataset{Name: ds.Name, Countries: map[string]graph.Country{}, Groups: ds.Groups, Members: ds.Members, Ties: ds.Ties}
	if name != "" {
		sub.Name = name
	}
	for c := range codes {
		if cc, ok := ds.Countries[c]; ok {
			sub.Countries[c] = cc
		}
	}
	return sub
}

// spill keeps streamed records in a temporary file, each encoded as it
// arrives, with its place in the dataset, so that they can be read back
// in dataset order while only their places (16 bytes each) stay in
// memory.
type spill struct {
	what   string
	file   *os.File
	encode func(*graph.Flow) ([]byte, error)
	buf    *bufio.Writer
	places []place
	off    int64
	kept   int
	// codes are the countries the kept records name.
	codes map[string]bool
	err   error
}

type place struct {
	off int64
	n   int32 // 0: no record at this place
}

// newSpill makes a spill in a new temporary file; what names the export
// in errors.
func newSpill(what string, encode func(*graph.Flow) ([]byte, error)) (*spill, error) {
	f, err := os.CreateTemp("", "tipgraph-export-*")
	if err != nil {
		return nil, fmt.Errorf("export %s: a temporary file for the records (TMPDIR names where): %w", what, err)
	}
	return &spill{what: what, file: f, encode: encode, buf: bufio.NewWriterSize(f, 1<<20)}, nil
}

// close removes the file.
func (s *spill) close() {
	s.file.Close()
	os.Remove(s.file.Name())
}

// fill spills the records records streams that pass flt and MinCount
// (those of 1 to minCount-1 victims left out), handing each also to
// also when not nil, and returns the dataset records returns. A stream
// that starts over drops what was spilled and calls begin (when not
// nil) again; begin is called before the stream too, for one that never
// starts.
func (s *spill) fill(records PlacedRecords, flt graph.Filter, minCount int, begin func(), also func(*graph.Flow, int)) (*graph.Dataset, error) {
	start := func() {
		s.reset()
		if begin != nil {
			begin()
		}
	}
	start()
	ds, err := records(func() func(*graph.Flow, int) {
		start()
		return func(f *graph.Flow, at int) {
			if !flt.Keep(f) || graph.Hides(minCount, f.Victims) || !s.add(f, at) {
				return
			}
			s.codes[f.Origin], s.codes[f.Destination] = true, true
			for _, c := range f.Via {
				s.codes[c] = true
			}
			if also != nil {
				also(f, at)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return ds, s.flush()
}

// reset drops what was spilled (a stream that starts over).
func (s *spill) reset() {
	s.places, s.off, s.kept, s.codes, s.err = s.places[:0], 0, 0, map[string]bool{}, nil
	s.buf.Reset(s.file)
	if _, s.err = s.file.Seek(0, io.SeekStart); s.err == nil {
		s.err = s.file.Truncate(0)
	}
}

// add writes f, the record at place at; false after an error (flush
// returns it).
func (s *spill) add(f *graph.Flow, at int) bool {
	if s.err != nil {
		return false
	}
	b, err := s.encode(f)
	if err == nil && len(b) == 0 {
		err = fmt.Errorf("record %s encodes to nothing", f.ID)
	}
	if err == nil {
		_, err = s.buf.Write(b)
	}
	if err != nil {
		s.err = err
		return false
	}
	for at >= len(s.places) {
		s.places = append(s.places, place{})
	}
	s.places[at] = place{s.off, int32(len(b))}
	s.off += int64(len(b))
	s.kept++
	return true
}

// flush ends the writing: the first error of the spill, if any.
func (s *spill) flush() error {
	if s.err == nil {
		s.err = s.buf.Flush()
	}
	if s.err != nil {
		return fmt.Errorf("export %s: writing the records to %s: %w", s.what, s.file.Name(), s.err)
	}
	return nil
}

// reader returns the spilled records' bytes one call at a time, in
// place order (kept calls in all), in a buffer the next call reuses.
func (s *spill) reader() func() ([]byte, error) {
	next := 0
	var b []byte
	return func() ([]byte, error) {
		for next < len(s.places) && s.places[next].n == 0 {
			next++
		}
		if next == len(s.places) {
			return nil, fmt.Errorf("export %s: no more records in %s", s.what, s.file.Name())
		}
		p := s.places[next]
		next++
		if cap(b) < int(p.n) {
			b = make([]byte, p.n)
		}
		b = b[:p.n]
		if _, err := s.file.ReadAt(b, p.off); err != nil {
			return nil, fmt.Errorf("export %s: reading the records back from %s: %w", s.what, s.file.Name(), err)
		}
		return b, nil
	}
}

// encodeFlow is f in a compact binary form, for a spill: its strings
// length-prefixed, its numbers as varints (decodeFlow reads it back).
func encodeFlow(f *graph.Flow) ([]byte, error) {
	b := make([]byte, 0, 48+len(f.ID)+len(f.Source))
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	strs := func(l []string) {
		b = binary.AppendUvarint(b, uint64(len(l)))
		for _, s := range l {
			str(s)
		}
	}
	str(f.ID)
	str(f.Origin)
	str(f.Destination)
	strs(f.Via)
	b = binary.AppendUvarint(b, uint64(len(f.Vectors)))
	for _, v := range f.Vectors {
		b = append(b, byte(v))
	}
	b = binary.AppendVarint(b, int64(f.Victims))
	b = binary.AppendVarint(b, int64(f.Period.From))
	b = binary.AppendVarint(b, int64(f.Period.To))
	b = append(b, byte(f.Form), byte(f.Measure))
	str(f.Source)
	strs(f.Groups)
	return b, nil
}

var errShortRecord = errors.New("a spilled record does not read back")

// decodeFlow reads back a record encodeFlow wrote.
func decodeFlow(b []byte) (graph.Flow, error) {
	var f graph.Flow
	bad := false
	uvarint := func() uint64 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return v
	}
	varint := func() int {
		v, n := binary.Varint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return int(v)
	}
	str := func() string {
		n := uvarint()
		if bad || n > uint64(len(b)) {
			bad = true
			return ""
		}
		s := string(b[:n])
		b = b[n:]
		return s
	}
	strs := func() []string {
		n := uvarint()
		if bad || n > uint64(len(b)) {
			bad = true
			return nil
		}
		var l []string
		for range n {
			l = append(l, str())
		}
		return l
	}
	oneByte := func() byte {
		if len(b) == 0 {
			bad = true
			return 0
		}
		v := b[0]
		b = b[1:]
		return v
	}
	f.ID, f.Origin, f.Destination, f.Via = str(), str(), str(), strs()
	if n := uvarint(); !bad && n <= uint64(len(b)) {
		f.Vectors = make([]graph.Vector, n)
		for i := range f.Vectors {
			f.Vectors[i] = graph.Vector(oneByte())
		}
	} else {
		bad = true
	}
	f.Victims = varint()
	f.Period.From, f.Period.To = varint(), varint()
	f.Form, f.Measure = graph.Form(oneByte()), graph.Measure(oneByte())
	f.Source, f.Groups = str(), strs()
	if bad || len(b) != 0 {
		return graph.Flow{}, errShortRecord
	}
	return f, nil
}
