package neo4j

import (
	"context"
	"sync"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/neo4j/model"
)

// Reader reads a dataset the way ingest.Resolver.Stream does: it hands
// the records to workers that newWorker returns, in batches whose seq
// says their part (seq>>32) and place in it, each part's batches in
// order, ended by a nil batch, and returns the dataset without its Flows.
// When streamed is false the records could not be streamed: ds holds
// them, and what the workers were given is to be dropped.
type Reader func(ctx context.Context, newWorker func() func(seq int64, flows []graph.Flow)) (ds *graph.Dataset, streamed bool, err error)

// Held is the Reader of a dataset whose records are in memory.
func Held(ds *graph.Dataset) Reader {
	return func(_ context.Context, newWorker func() func(seq int64, flows []graph.Flow)) (*graph.Dataset, bool, error) {
		add := newWorker()
		for lo := 0; lo < len(ds.Flows); lo += heldBatch {
			add(int64(lo), ds.Flows[lo:min(lo+heldBatch, len(ds.Flows))])
		}
		add(int64(len(ds.Flows)), nil)
		out := *ds
		out.Flows = nil
		return &out, true, nil
	}
}

// heldBatch is how many held records Held hands over at once.
const heldBatch = 1024

// flowStream writes the flows of one load as a Reader hands them over,
// and sums on the way what the switch needs of them (legs, transit,
// totals, cells, span, the groups they name), so that no record is kept.
// Reading goroutines take turns by part: a batch waits until every
// earlier part has ended, so each record gets its place in the whole
// read as seq, and rows go to the writers (Writers transactions of
// BatchSize rows at a time) in read order.
type flowStream struct {
	s          *Store
	ctx        context.Context
	cancel     context.CancelFunc
	name, load string
	progress   func(done, total int)
	batches    chan []any // rows
	writers    sync.WaitGroup
	errMu      sync.Mutex
	err        error
	written    int // under errMu
	mu         sync.Mutex
	turn       *sync.Cond
	part       int64 // the part whose batches are taken now
	failed     bool
	records    int
	rows       []any // not yet sent
	sums       *model.RecordSums
}

func (s *Store) newFlowStream(ctx context.Context, name, load string, progress func(done, total int)) *flowStream {
	fs := &flowStream{s: s, name: name, load: load, progress: progress, batches: make(chan []any), sums: model.NewRecordSums()}
	fs.ctx, fs.cancel = context.WithCancel(ctx)
	fs.turn = sync.NewCond(&fs.mu)
	for range Writers {
		fs.writers.Add(1)
		go fs.write()
	}
	return fs
}

// write is one writer: it writes batches of rows until there are none.
func (fs *flowStream) write() {
	defer fs.writers.Done()
	for rows := range fs.batches {
		err := fs.s.writeBatch(fs.ctx, rows, fs.name, fs.load)
		fs.errMu.Lock()
		if err != nil {
			fs.fail(err)
		} else {
			fs.written += len(rows)
			if fs.progress != nil {
				fs.progress(fs.written, 0)
			}
		}
		fs.errMu.Unlock()
	}
}

// fail records the first error and stops the writers; call it with errMu.
func (fs *flowStream) fail(err error) {
	if fs.err == nil {
		fs.err = err
	}
	fs.cancel()
}

// stop marks the stream failed and wakes the goroutines waiting for their
// turn, which then return at once; call it with mu held.
func (fs *flowStream) stop() {
	fs.failed = true
	fs.turn.Broadcast()
}

// add is the function the Reader hands its batches to; every reading
// goroutine shares it, taking turns by part.
func (fs *flowStream) add(seq int64, flows []graph.Flow) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for !fs.failed && fs.ctx.Err() == nil && seq>>32 != fs.part {
		fs.turn.Wait()
	}
	if fs.failed || fs.ctx.Err() != nil {
		fs.stop()
		return
	}
	if flows == nil { // the part ended
		fs.part++
		fs.turn.Broadcast()
		return
	}
	fs.sums.Add(flows, fs.records)
	fs.rows = append(fs.rows, model.FlowRows(flows, fs.records)...)
	fs.records += len(flows)
	for len(fs.rows) >= BatchSize {
		if !fs.send(fs.rows[:BatchSize:BatchSize]) {
			fs.stop()
			return
		}
		fs.rows = append([]any(nil), fs.rows[BatchSize:]...)
	}
}

// send hands rows to a writer; false when the load is failing.
func (fs *flowStream) send(rows []any) bool {
	select {
	case fs.batches <- rows:
		return true
	case <-fs.ctx.Done():
		return false
	}
}

// finish writes the rows left once the Reader returned, waits for the
// writers and returns the first error. read is the Reader's error.
func (fs *flowStream) finish(read error) error {
	fs.mu.Lock()
	if read == nil && !fs.failed && len(fs.rows) > 0 {
		fs.send(fs.rows)
	}
	fs.rows = nil
	fs.mu.Unlock()
	close(fs.batches)
	fs.writers.Wait()
	defer fs.cancel()
	if read != nil {
		return read
	}
	if fs.err != nil {
		return fs.err
	}
	return fs.ctx.Err()
}

// writeOperates writes the OPERATES relationships of the records, in
// batches of BatchSize.
func (s *Store) writeOperates(ctx context.Context, sums *model.RecordSums, name, load string) error {
	return sums.EachOperates(BatchSize, func(rows []any) error {
		return s.exec(ctx, "write operates", map[string]any{"rows": rows, "dataset": name, "load": load}, model.CreateOperates)
	})
}
