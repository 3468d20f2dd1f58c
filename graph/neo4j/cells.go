package neo4j

import (
	"context"
	"fmt"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/neo4j/model"
)

// A filtered analysis reads the cells load wrote (model.Cells): one row per
// leg (or origin and destination) with the records summed by everything a
// filter can ask, and keeps the cells that pass the filter on the client.
// Neo4j reads no flow node.

// readLegCells and readODCells read the cells one row per origin country
// (byOrigin).
var (
	readLegCells = byOrigin("LEG_CELLS", cellValues...)
	readODCells  = byOrigin("OD_CELLS", cellValues...)
)

// cellValues are a cell relationship's values, in readCells' order.
var cellValues = []string{"r.keys", "r.victims", "r.records"}

const (
	readTotalCells = `MATCH (l:Load) WHERE l.id IN $loads
RETURN l.id, l.cells, l.total_keys, l.total_sources, l.total_victims, l.total_records`

	deleteStaleCells = `MATCH ()-[c:LEG_CELLS|OD_CELLS]->() WHERE c.load = $stale
WITH c LIMIT 2000
DELETE c
RETURN count(*) AS n`
)

// CellBatch bounds the cells one write transaction carries.
const CellBatch = 50000

// writeCells writes the leg and origin-destination cells of c under
// load, in batches of about CellBatch cells. The cells of the totals are
// set on the :Load node by the switch (model.SetTotalCells), in the
// transaction that holds the node's lock: the load has cells once it is
// visible.
func (s *Store) writeCells(ctx context.Context, c *model.CellSums, name, load string) error {
	var (
		rows   []any
		cells  int
		isLeg  bool
		failed error
	)
	flush := func() {
		if len(rows) > 0 && failed == nil {
			cypher := model.CreateODCells
			if isLeg {
				cypher = model.CreateLegCells
			}
			failed = s.exec(ctx, "write cells", map[string]any{"rows": rows, "dataset": name, "load": load}, cypher)
		}
		rows, cells = nil, 0
	}
	c.EachRow(func(leg bool, row map[string]any) {
		if leg != isLeg || cells >= CellBatch {
			flush()
			isLeg = leg
		}
		rows = append(rows, row)
		cells += len(row["keys"].([]any))
	})
	flush()
	return failed
}

// deleteCells deletes the cells of load id.
func (s *Store) deleteCells(ctx context.Context, id string) error {
	_, err := s.deleteInBatches(ctx, deleteStaleCells, map[string]any{"stale": id})
	return err
}

// cellTotals reads the cells of the totals of loads and sums those that
// pass flt. cells is false when a load wrote no cells (an earlier
// tipgraph, or a script export that left out legs); ok is false when the
// totals' cells were too many to keep (model.MaxTotalCells): the totals
// must then be summed from the records.
func (s *Store) cellTotals(ctx context.Context, loads []string, flt graph.Filter) (t graph.Totals, cells, ok bool, err error) {
	t = graph.Totals{ByForm: map[graph.Form]int{}, ByMeasure: map[graph.Measure]int{}}
	sources := map[[2]any]bool{}
	periods := map[graph.Period]bool{}
	n := 0
	cells, ok = true, true
	err = s.read(ctx, "read total cells", readTotalCells, map[string]any{"loads": model.Strings(loads)}, func(r *driver.Record) error {
		v := r.Values
		n++
		if has, _ := v[1].(bool); !has {
			cells = false
			return nil
		}
		if v[2] == nil {
			ok = false
			return nil
		}
		keys, srcs, victims, records := anyList(v[2]), anyList(v[3]), anyList(v[4]), anyList(v[5])
		if len(srcs) != len(keys) || len(victims) != len(keys) || len(records) != len(keys) {
			return fmt.Errorf("load %s: total cells of different lengths: %d keys, %d sources, %d victims, %d records", str(v[0]), len(keys), len(srcs), len(victims), len(records))
		}
		for i, k := range keys {
			c, err := cellKey(k)
			if err != nil {
				return fmt.Errorf("load %s: %w", str(v[0]), err)
			}
			if !c.Keep(flt) {
				continue
			}
			vi, re := toInt(victims[i]), toInt(records[i])
			t.Records += re
			t.Victims += vi
			t.ByForm[c.Form] += vi
			t.ByMeasure[c.Measure] += vi
			if c.Last == 1 {
				t.Domestic += re
			}
			if !c.Period.IsZero() {
				periods[c.Period] = true
			}
			if src := toInt(srcs[i]); src >= 0 {
				// Sources are indices into each load's list: the same
				// source in two datasets is one, by name (below).
				sources[[2]any{str(v[0]), src}] = true
			}
		}
		return nil
	})
	switch {
	case err != nil || !cells || n != len(loads):
		return t, false, false, err
	case !ok:
		return t, true, false, nil
	}
	t.Periods = graph.SortPeriods(mapKeys(periods))
	t.Sources, err = s.sourceNames(ctx, loads, sources)
	return t, cells, ok, err
}

// sourceNames counts the distinct names of sources (load id, index into
// the load's :Dataset sources list).
func (s *Store) sourceNames(ctx context.Context, loads []string, sources map[[2]any]bool) (int, error) {
	names := map[string]bool{}
	err := s.read(ctx, "read sources", `MATCH (d:Dataset) WHERE d.load IN $loads RETURN d.load, d.sources`,
		map[string]any{"loads": model.Strings(loads)}, func(r *driver.Record) error {
			for i, name := range toStrings(r.Values[1]) {
				if sources[[2]any{str(r.Values[0]), i}] {
					names[name] = true
				}
			}
			return nil
		})
	return len(names), err
}

// cellLegs reads the leg cells of loads and sums those that pass flt
// into legs and transit.
func (s *Store) cellLegs(ctx context.Context, loads []string, flt graph.Filter) ([]*graph.Leg, map[string]graph.Transit, error) {
	acc := newLegAcc()
	err := s.readCells(ctx, readLegCells, loads, flt, func(from, to string, c model.Cell, victims, records int) {
		var byVector [4]int
		byVector[c.Leg] = victims
		acc.add(from, to, victims, records, byVector, periodYears(c.Period))
		if c.Last == 1 {
			acc.addTransit(to, victims, records)
		}
	})
	legs, transit := acc.result()
	return legs, transit, err
}

// readCells runs a read of cells (rows of from and a list of [to, keys,
// victims, records]) and passes each cell that passes flt to fn.
func (s *Store) readCells(ctx context.Context, cypher string, loads []string, flt graph.Filter, fn func(from, to string, c model.Cell, victims, records int)) error {
	return s.read(ctx, "read cells", cypher, map[string]any{"loads": model.Strings(loads)}, eachByOrigin("cell relationship", 4, func(from string, v []any) error {
		to := str(v[0])
		keys, victims, records := anyList(v[1]), anyList(v[2]), anyList(v[3])
		if len(victims) != len(keys) || len(records) != len(keys) {
			return fmt.Errorf("cells of %s-%s of different lengths: %d keys, %d victims, %d records", from, to, len(keys), len(victims), len(records))
		}
		for i, k := range keys {
			c, err := cellKey(k)
			if err != nil {
				return fmt.Errorf("cells of %s-%s: %w", from, to, err)
			}
			if c.Keep(flt) {
				fn(from, to, c, toInt(victims[i]), toInt(records[i]))
			}
		}
		return nil
	}))
}

// periodYears lists the years p covers (none when p is zero), as a leg's
// Years counts them.
func periodYears(p graph.Period) []int {
	if p.IsZero() {
		return nil
	}
	var years []int
	for y := max(p.From, graph.MinYear); y <= min(p.To, graph.MaxYear); y++ {
		years = append(years, y)
	}
	return years
}

// Tallies returns the configured datasets' records that pass flt, summed
// by origin, destination and period (graph.Tallies), from the
// origin-destination cells load wrote: one row per origin and
// destination. Datasets loaded without cells are read as records.
func (s *Store) Tallies(ctx context.Context, flt graph.Filter) ([]graph.Tally, error) {
	return retryRead(s, func() ([]graph.Tally, bool, error) { return s.talliesOnce(ctx, flt) })
}

func (s *Store) talliesOnce(ctx context.Context, flt graph.Filter) ([]graph.Tally, bool, error) {
	active, err := s.active(ctx)
	if err != nil {
		return nil, false, err
	}
	loads := make([]string, len(active))
	for i, d := range active {
		loads[i] = d.Load
	}
	n := 0
	err = s.read(ctx, "read cells", `MATCH (l:Load) WHERE l.id IN $loads AND l.cells RETURN count(l)`,
		map[string]any{"loads": model.Strings(loads)}, func(r *driver.Record) error {
			n = toInt(r.Values[0])
			return nil
		})
	if err != nil {
		return nil, false, err
	}
	if n != len(loads) {
		// Loaded without cells: from the records.
		ds, err := s.Dataset(ctx)
		if err != nil {
			return nil, false, err
		}
		var kept []*graph.Flow
		for i := range ds.Flows {
			if flt.Keep(&ds.Flows[i]) {
				kept = append(kept, &ds.Flows[i])
			}
		}
		return graph.Tallies(kept), true, nil
	}
	type key struct {
		o, d string
		p    graph.Period
	}
	sums := map[key]*graph.Tally{}
	err = s.readCells(ctx, readODCells, loads, flt, func(from, to string, c model.Cell, victims, records int) {
		k := key{from, to, c.Period}
		t := sums[k]
		if t == nil {
			t = &graph.Tally{Origin: from, Destination: to, Period: c.Period}
			sums[k] = t
		}
		t.Victims += victims
		t.Records += records
	})
	if err != nil {
		return nil, false, err
	}
	out := make([]graph.Tally, 0, len(sums))
	for _, t := range sums {
		out = append(out, *t)
	}
	graph.SortTallies(out)
	same, err := s.unchanged(ctx, active)
	return out, same, err
}

// cellKey is the cell of a key as Neo4j returns it: an integer, or an
// error (a key written by hand as text or null would otherwise read as
// cell 0, a valid cell).
func cellKey(k any) (model.Cell, error) {
	n, ok := k.(int64)
	if !ok {
		return model.Cell{}, fmt.Errorf("cell key %v is not an integer", k)
	}
	return model.ParseCell(n)
}
