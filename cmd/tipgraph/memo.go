package main

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/tipgraph/tipgraph/exports"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// Bounds of serve's memo; docs/web.md lists them under "Limits".
const (
	memoMaxEntries = 64
	memoMaxBytes   = 256 << 20
	// memoStoreMaxBytes bounds the memo of serve over a store, which
	// holds no record: what it keeps is most of what the server holds.
	memoStoreMaxBytes = 96 << 20
)

// memo keeps what serve would otherwise compute again at every request
// of the map-bound interactions: the leg graph of a filter, the records
// compacted for what-ifs (routes.WhatIf) and the diversion of a set of
// removed countries. It holds at most maxEntries values and about
// maxBytes (each value's Bytes estimate), dropping the least recently
// used first; a value larger than maxBytes is computed but not kept.
// Requests for a key being computed wait for that computation instead of
// starting another. Stored values are never modified (every user of them
// reads only), so they are shared across goroutines without locks. A nil
// *memo computes every time.
type memo struct {
	// agg, when set, is the store the dataset lives in, which sums what
	// the analyses read (Neo4j): leg graphs, what-ifs, map views and the
	// records of groups come from it, not from the records.
	agg aggregator
	// version is agg's Version when the entries were computed; gen
	// counts the times they were dropped for a new one (under mu).
	version    string
	gen        int
	maxEntries int
	maxBytes   int64
	mu         sync.Mutex
	entries    map[string]*memoEntry
	lru        list.List // of *memoEntry, most recently used first
	bytes      int64
}

// memoEntry is one value, or a computation in flight while done is open.
type memoEntry struct {
	key  string
	gen  int // the memo's gen when it was asked for
	done chan struct{}
	val  any
	err  error
	size int64
	elem *list.Element // nil until stored
}

func newMemo(maxEntries int, maxBytes int64) *memo {
	return &memo{maxEntries: maxEntries, maxBytes: maxBytes, entries: map[string]*memoEntry{}}
}

// get returns the value of key, computing it with compute (value and its
// size in bytes) when it is not kept. An error is returned to the callers
// that waited for it and not kept. A caller whose computation was
// cancelled with another caller's request tries again under its own ctx.
func (m *memo) get(ctx context.Context, key string, compute func(context.Context) (any, int64, error)) (any, error) {
	if m == nil {
		v, _, err := compute(ctx)
		return v, err
	}
	for {
		m.mu.Lock()
		e, ok := m.entries[key]
		if !ok {
			e = &memoEntry{key: key, gen: m.gen, done: make(chan struct{})}
			m.entries[key] = e
			m.mu.Unlock()
			m.fill(ctx, e, compute)
			return e.val, e.err
		}
		if e.elem != nil {
			m.lru.MoveToFront(e.elem)
		}
		m.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if e.err != nil && isCancel(e.err) && ctx.Err() == nil {
			continue // the computing request went away, this one did not
		}
		return e.val, e.err
	}
}

// fill computes e and stores it (or forgets it on an error or a panic,
// which goes on up to the caller) and wakes the callers waiting for it.
func (m *memo) fill(ctx context.Context, e *memoEntry, compute func(context.Context) (any, int64, error)) {
	e.err = errors.New("memo: computation did not finish") // until it does (a panic)
	defer func() {
		m.mu.Lock()
		defer m.mu.Unlock()
		defer close(e.done)
		if e.err != nil || e.size > m.maxBytes || e.gen != m.gen {
			if m.entries[e.key] == e { // not a newer entry of the key
				delete(m.entries, e.key)
			}
			return
		}
		e.elem = m.lru.PushFront(e)
		m.bytes += e.size
		for m.lru.Len() > m.maxEntries || m.bytes > m.maxBytes {
			old := m.lru.Remove(m.lru.Back()).(*memoEntry)
			m.bytes -= old.size
			delete(m.entries, old.key)
		}
	}()
	e.val, e.size, e.err = compute(ctx)
}

// stats are the number of values kept and their estimated bytes.
func (m *memo) stats() (int, int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lru.Len(), m.bytes
}

func isCancel(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// filterKey identifies a filter in the memo's keys.
func filterKey(flt graph.Filter) string { return fmt.Sprintf("%+v", flt.JSON()) }

// memoized is m.get with compute's value typed: compute returns the value
// and its size in bytes.
func memoized[T any](ctx context.Context, m *memo, key string, compute func(context.Context) (T, int64, error)) (T, error) {
	v, err := m.get(ctx, key, func(ctx context.Context) (any, int64, error) { return compute(ctx) })
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}

// sync drops what the memo keeps when its store's data changed (a load
// or drop of one of its datasets) since it was kept: every request over
// a store starts with it. Computations in flight finish for the requests
// that asked for them, and are not kept.
func (m *memo) sync(ctx context.Context) error {
	agg := m.store()
	if agg == nil {
		return nil
	}
	v, err := agg.Version(ctx)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if v != m.version {
		m.version = v
		m.gen++
		m.entries = map[string]*memoEntry{}
		m.lru.Init()
		m.bytes = 0
	}
	return nil
}

// aggregator is a store that sums what every analysis reads itself
// (Neo4j): serve reads it at each request instead of holding the records.
type aggregator interface {
	legStore
	tallyStore
	routeStore
	whatIfStore
	throughStore
	EachFlow(ctx context.Context, start func() func(*graph.Flow)) (*graph.Dataset, error)
	Version(ctx context.Context) (string, error)
}

// store is the memo's aggregating store, nil when the memo is nil or
// the records are held.
func (m *memo) store() aggregator {
	if m == nil {
		return nil
	}
	return m.agg
}

// legs is a leg graph and the dataset it is of.
type legs struct {
	lg *graph.LegGraph
	ds *graph.Dataset
}

// legsOf is graph.NewLegGraph(ds, flt), or the store's leg graph under
// flt and its dataset without records, kept by filter.
func (m *memo) legsOf(ctx context.Context, ds *graph.Dataset, flt graph.Filter) (legs, error) {
	return memoized(ctx, m, "legs "+filterKey(flt), func(ctx context.Context) (legs, int64, error) {
		if agg := m.store(); agg != nil {
			lg, sds, err := agg.LegGraph(ctx, flt)
			if err != nil {
				return legs{}, 0, err
			}
			return legs{lg, sds}, lg.Bytes(), nil
		}
		lg, err := graph.NewLegGraph(ds, flt)
		if err != nil {
			return legs{}, 0, err
		}
		return legs{lg, ds}, lg.Bytes(), nil
	})
}

// legGraph is the leg graph of legsOf.
func (m *memo) legGraph(ctx context.Context, ds *graph.Dataset, flt graph.Filter) (*graph.LegGraph, error) {
	l, err := m.legsOf(ctx, ds, flt)
	return l.lg, err
}

// dataset is the store's dataset without its records (name, countries,
// groups, what the readers set aside), from the unfiltered leg graph's
// read (kept with it).
func (m *memo) dataset(ctx context.Context) (*graph.Dataset, error) {
	l, err := m.legsOf(ctx, nil, graph.Filter{})
	return l.ds, err
}

// whatIf is routes.NewWhatIf(lg, displacement, c), the records compacted
// for every what-if of lg's filter at that displacement and cost (the
// diversions, divert --each, interdict), or routes.NewWhatIfOf the
// store's routes. lg must be the memo's leg graph of its filter.
func (m *memo) whatIf(ctx context.Context, lg *graph.LegGraph, displacement float64, c routes.Cost) (*routes.WhatIf, error) {
	return memoized(ctx, m, whatIfKey(lg, displacement, c), func(ctx context.Context) (*routes.WhatIf, int64, error) {
		var w *routes.WhatIf
		var err error
		if agg := m.store(); agg != nil {
			var list []graph.Route
			if list, err = agg.WhatIfRoutes(ctx, lg.Filter, displacement); err == nil {
				w, err = routes.NewWhatIfOf(lg, list, displacement, c)
			}
		} else {
			w, err = routes.NewWhatIf(lg, displacement, c)
		}
		if err != nil {
			return nil, 0, err
		}
		return w, w.Bytes(), nil
	})
}

// whatIfKey is the memo's key of a what-if.
func whatIfKey(lg *graph.LegGraph, displacement float64, c routes.Cost) string {
	return fmt.Sprintf("whatif %s displacement=%v by=%s", filterKey(lg.Filter), displacement, c)
}

// diversion is routes.Divert(ctx, lg, o), kept by lg's filter and o, over
// the memo's what-if of the same filter, displacement and cost. lg must
// be the memo's leg graph of its filter.
func (m *memo) diversion(ctx context.Context, lg *graph.LegGraph, o routes.DivertOptions) (*routes.Diversion, error) {
	remove := slices.Sorted(slices.Values(o.Remove))
	key := fmt.Sprintf("divert %s capacity=%v remove=%s", whatIfKey(lg, o.Displacement, o.Cost), o.Capacity, strings.Join(remove, ","))
	return memoized(ctx, m, key, func(ctx context.Context) (*routes.Diversion, int64, error) {
		w, err := m.whatIf(ctx, lg, o.Displacement, o.Cost)
		if err != nil {
			return nil, 0, err
		}
		div, err := w.Divert(ctx, o.Remove, o.Capacity)
		if err != nil {
			return nil, 0, err
		}
		return div, div.Bytes(), nil
	})
}

// view is the map view of the store's records under lg's filter with
// opt (storeView: from the store's sums by route, or one read of every
// record), kept by filter and options. lg must be the memo's leg graph
// of its filter.
func (m *memo) view(ctx context.Context, lg *graph.LegGraph, opt exports.Options) (*exports.View, error) {
	key := fmt.Sprintf("view %s %+v", filterKey(lg.Filter), opt)
	return memoized(ctx, m, key, func(ctx context.Context) (*exports.View, int64, error) {
		v, err := storeView(ctx, m.store(), lg, opt)
		if err != nil {
			return nil, 0, err
		}
		return v, v.Bytes(), nil
	})
}

// through is lg, the store's leg graph of its filter, with, as its
// records, those through from (the store's FlowsThrough; not kept):
// every observed route from from to another country passes through it,
// so the routes between two countries need no other record.
func (m *memo) through(ctx context.Context, lg *graph.LegGraph, from string) (*graph.LegGraph, error) {
	flows, err := m.store().FlowsThrough(ctx, lg.Filter, from)
	if err != nil {
		return nil, err
	}
	through := *lg
	through.Flows = flows
	return &through, nil
}

// groupData is ds with the records that name a group, from the store's
// unfiltered leg graph (as app.groupData), kept: what the groups
// analyses and diagrams read. Without a store it is ds.
func (m *memo) groupData(ctx context.Context, ds *graph.Dataset) (*graph.Dataset, error) {
	if m.store() == nil {
		return ds, nil
	}
	return memoized(ctx, m, "groups", func(ctx context.Context) (*graph.Dataset, int64, error) {
		lg, err := m.legGraph(ctx, ds, graph.Filter{})
		if err != nil {
			return nil, 0, err
		}
		sub := withRecords(ds, lg.Flows)
		return sub, lg.Bytes(), nil
	})
}
