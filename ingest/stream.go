package ingest

import (
	"context"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// streamBatch is how many records a reading goroutine hands over at once:
// few enough that the batch (168 bytes a record) is still in the core's
// cache when the worker adds it.
const streamBatch = 128

// Stream reads the datasets at paths as LoadWith does, checking them
// alike, but hands the records to workers in batches instead of keeping
// them: each reading goroutine calls newWorker once and gives the function
// it returns batches of records in read order within the batch, seq
// ordering the batches of the whole read (graph.LegBuilder.Worker is such
// a function). A worker must not keep a batch or its Via lists, which are
// reused. The dataset returned has no Flows.
//
// The read is cut into parts, numbered from 0 in read order by seq>>32;
// a part's records are seq, seq+1, ... from part<<32, handed over by one
// goroutine in order, and after its last batch that goroutine calls its
// worker with a nil batch at the seq that follows (an empty part gets
// only that call). So a worker that waits for the parts before its own to
// end can number every record by its place in the whole read.
//
// A large flows.csv is then never held as records: memory grows with the
// file's bytes and its ids (kept for the duplicate check), not with a
// record per row. streamed is false when the records could not be
// streamed exactly (a quoting problem sent a file to the sequential
// reader after part of it was handed over; the victims add up to over
// graph.MaxVictims, which Load reports at the record where it happens):
// the datasets were then read again with LoadWith, ds holds the records,
// and what the workers were given must be dropped.
func (r *Resolver) Stream(ctx context.Context, opts Options, newWorker func() func(seq int64, flows []graph.Flow), paths ...string) (ds *graph.Dataset, streamed bool, err error) {
	if len(paths) == 0 {
		paths = []string{"builtin:" + DefaultBuiltin}
	}
	rd := newReader()
	rd.res = r
	rd.opts = opts
	rd.sink = newWorker
	var names []string
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, false, err
		}
		name, err := rd.load(p)
		if err != nil {
			return nil, false, err
		}
		names = append(names, name)
		rd.flushChunks()
	}
	if rd.spoiled || rd.streamed > graph.MaxVictims {
		ds, err := r.load(ctx, opts, paths)
		return ds, false, err
	}
	ds, err = rd.finish(strings.Join(names, "+"))
	if err != nil {
		return nil, false, err
	}
	ds.Flows = nil
	return ds, true, nil
}

// flushChunks hands the records the readers kept as chunks (every format
// but the parallel flows.csv reader's) to a worker of the sink.
func (rd *reader) flushChunks() {
	if len(rd.chunks) == 0 {
		return
	}
	add := rd.sink()
	seq := rd.streamParts << 32
	rd.streamParts++
	for _, c := range rd.chunks {
		for _, f := range c {
			rd.streamed += graph.Count(f.Victims)
		}
		add(seq, c)
		seq += int64(len(c))
	}
	add(seq, nil)
	rd.chunks = nil
}

// streamer collects one reading goroutine's records into batches for
// the sink.
type streamer struct {
	add     func(seq int64, flows []graph.Flow)
	buf     []graph.Flow
	seq     int64
	d       *decoder
	victims graph.Count // of the current part
}

// start begins a part whose first record is seq, decoded by d.
func (st *streamer) start(seq int64, d *decoder) {
	st.seq, st.d, st.victims = seq, d, 0
}

// slot returns the batch's next record, for a decoder to fill; keep
// keeps it, drop gives it back.
func (st *streamer) slot() *graph.Flow {
	st.buf = st.buf[:len(st.buf)+1]
	return &st.buf[len(st.buf)-1]
}

func (st *streamer) drop() { st.buf = st.buf[:len(st.buf)-1] }

func (st *streamer) keep() {
	st.victims += graph.Count(st.buf[len(st.buf)-1].Victims)
	if len(st.buf) == cap(st.buf) {
		st.flush()
	}
}

// end hands the last batch of the part over, then the end of the part.
func (st *streamer) end() {
	st.flush()
	st.add(st.seq, nil)
}

// flush hands the batch over; its Via lists' block is then reused.
func (st *streamer) flush() {
	if len(st.buf) > 0 {
		st.add(st.seq, st.buf)
		st.seq += int64(len(st.buf))
		st.buf = st.buf[:0]
	}
	st.d.block = st.d.block[:0]
}
