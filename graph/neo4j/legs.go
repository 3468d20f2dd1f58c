package neo4j

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/neo4j/model"
)

// The leg graph of an analysis is aggregated by Neo4j, not read back as
// records: unfiltered, from the LEG and TRANSIT relationships and the
// totals that load wrote; filtered, from the cells load wrote (cells.go),
// or for loads without cells by a Cypher aggregation over the flows'
// properties with the filter in its WHERE clause. Either way the client
// receives one row per leg, not one per record.

// readLegs reads the LEG relationships of $loads (byOrigin).
var readLegs = byOrigin("LEG", "r.victims", "r.records", "r.victims_land", "r.victims_sea", "r.victims_air", "r.victims_unknown", "r.years")

// byOrigin is the read of the relationships rel of $loads between
// countries one row per origin country: its code, and a list of its
// relationships, each [destination code, values...] (values read r, the
// relationship). A row a relationship cost about 30 µs of Bolt and
// driver work apiece: reading the 31,794 LEG relationships of a million
// records took 0.85-1.0 s, three quarters of `hubs` over Neo4j, and
// takes 0.23 s a row a country (the leg cells 0.70 s instead of 1.1-1.7
// s). The server holds one country's relationships at a time: a
// subquery a country, no aggregation over all of them (TestReadLegsPlan).
func byOrigin(rel string, values ...string) string {
	return `MATCH (a:Country)
CALL (a) {
  MATCH (a)-[r:` + rel + `]->(b:Country) WHERE r.load IN $loads
  RETURN collect([b.code, ` + strings.Join(values, ", ") + `]) AS rels
}
WITH a, rels WHERE size(rels) > 0
RETURN a.code, rels`
}

// eachByOrigin is the row function of a byOrigin read of n values a
// relationship (the destination's code first): it passes fn each
// relationship's origin and values.
func eachByOrigin(rel string, n int, fn func(from string, v []any) error) func(*driver.Record) error {
	return func(r *driver.Record) error {
		from := str(r.Values[0])
		for _, x := range anyList(r.Values[1]) {
			v := anyList(x)
			if len(v) != n {
				return fmt.Errorf("a %s from %s read as %d values, want %d", rel, from, len(v), n)
			}
			if err := fn(from, v); err != nil {
				return err
			}
		}
		return nil
	}
}

const (
	readTransit = `MATCH (:Dataset)-[t:TRANSIT]->(c:Country) WHERE t.load IN $loads
RETURN c.code, t.victims, t.records`

	readTotals = `MATCH (d:Dataset) WHERE d.load IN $loads
RETURN d.records, d.victims, d.domestic, d.forms, d.form_victims, d.measures, d.measure_victims, d.periods, d.sources`

	// aggregateLegs sums the legs of the flows that pass the filter
	// (WHERE is spliced in from flowFilter, values are parameters). A
	// leg whose end is not the last country of the path ends at a via:
	// its victims and records are transit of that country.
	aggregateLegs = `MATCH (f:Flow) WHERE ` + flowsOfLoads + `%s
WITH f, ` + flowPath + ` AS p
UNWIND range(0, size(p) - 2) AS i
WITH p[i] AS a, p[i + 1] AS b, i < size(p) - 2 AS via,
  coalesce(f.vectors[i], 'unknown') AS vec, f.victims AS v, [f.year_from, f.year_to] AS period
RETURN a, b, sum(v), count(*),
  sum(CASE vec WHEN 'land' THEN v ELSE 0 END), sum(CASE vec WHEN 'sea' THEN v ELSE 0 END),
  sum(CASE vec WHEN 'air' THEN v ELSE 0 END), sum(CASE vec WHEN 'unknown' THEN v ELSE 0 END),
  sum(CASE WHEN via THEN v ELSE 0 END), sum(CASE WHEN via THEN 1 ELSE 0 END), collect(DISTINCT period)`

	// datasetCountries are the countries the flows of $loads name: the
	// ends of their LEG relationships.
	datasetCountries = `MATCH (c:Country) WHERE EXISTS { MATCH (c)-[l:LEG]-(:Country) WHERE l.load IN $loads }
RETURN c.code`

	// aggregateTotals sums the flows that pass the filter by form,
	// measure, period, source and whether they are domestic.
	aggregateTotals = `MATCH (f:Flow) WHERE ` + flowsOfLoads + `%s
WITH f, ` + flowPath + ` AS p
RETURN f.form, f.measure, f.year_from, f.year_to, f.source, p[0] = p[-1], count(*), sum(f.victims)`
)

// flowFilter is the WHERE clause (starting with AND) and the parameters
// that keep the flows f passing flt, as graph.Filter.Keep does.
func flowFilter(flt graph.Filter) (string, map[string]any) {
	var where []string
	p := map[string]any{}
	if !flt.Period.IsZero() {
		where = append(where, "f.year_from >= $from_year AND f.year_to <= $to_year")
		p["from_year"], p["to_year"] = flt.Period.From, flt.Period.To
	}
	if flt.Form != nil {
		where = append(where, "f.form = $form")
		p["form"] = flt.Form.String()
	}
	if flt.Measure != nil {
		where = append(where, "f.measure = $measure")
		p["measure"] = flt.Measure.String()
	}
	if flt.Vector != nil {
		where = append(where, "all(x IN f.vectors WHERE x = $vector)")
		p["vector"] = flt.Vector.String()
	}
	if len(where) == 0 {
		return "", p
	}
	return " AND " + strings.Join(where, " AND "), p
}

// LegGraph returns the leg graph of the configured datasets under flt,
// aggregated by Neo4j, and the dataset it belongs to without its records:
// name, countries, groups, members and ties. The graph's Flows hold only
// the filtered records that name a group (what groups per country need);
// its Totals come from the store. The result is what graph.NewLegGraph
// builds from Dataset under flt.
//
// Cost: unfiltered, a read of the dataset's LEG relationships (one per
// distinct leg); filtered, a read of its LEG_CELLS relationships (one per
// distinct leg, O(cells) values), or for a load without cells a scan of
// the dataset's flow nodes on the server (O(records)) that returns one
// row per leg.
func (s *Store) LegGraph(ctx context.Context, flt graph.Filter) (*graph.LegGraph, *graph.Dataset, error) {
	type read struct {
		lg *graph.LegGraph
		ds *graph.Dataset
	}
	r, err := retryRead(s, func() (read, bool, error) {
		lg, ds, complete, err := s.legGraphOnce(ctx, flt)
		return read{lg, ds}, complete, err
	})
	return r.lg, r.ds, err
}

func (s *Store) legGraphOnce(ctx context.Context, flt graph.Filter) (*graph.LegGraph, *graph.Dataset, bool, error) {
	active, err := s.active(ctx)
	if err != nil {
		return nil, nil, false, err
	}
	var loads, names []string
	stored := flt.IsZero()
	order := map[string]int{} // dataset name -> rank
	for i, d := range active {
		if !d.aggregates {
			// Loaded before flows had a path: aggregate from the records.
			ds, err := s.Dataset(ctx)
			if err != nil {
				return nil, nil, false, err
			}
			lg, err := graph.NewLegGraph(ds, flt)
			return lg, ds, err == nil, err
		}
		loads = append(loads, d.Load)
		names = append(names, d.Name)
		order[d.Name] = i
		stored = stored && d.legsComplete
	}
	ds := &graph.Dataset{Name: strings.Join(names, "+"), Countries: map[string]graph.Country{}}
	// The legs, the groups and the accounting are read at once (a
	// goroutine and a session each): on a server just started, each
	// query is planned cold (the first hubs after a start: 2.6-4.5 s
	// instead of 4.0-5.4 s).
	var (
		legs               []*graph.Leg
		transit            map[string]graph.Transit
		totals             graph.Totals
		codes              map[string]bool
		named              = map[string]bool{} // the countries of the groups
		grouped, accounted bool
	)
	err = concurrently(ctx,
		func(ctx context.Context) (err error) {
			legs, transit, totals, codes, err = s.legsOf(ctx, loads, flt, stored)
			return err
		},
		func(ctx context.Context) (err error) {
			// Groups, members and ties go on ds, their countries on named.
			grouped, err = s.readGroups(ctx, loads, ds, named)
			return err
		},
		func(ctx context.Context) (err error) {
			accounted, err = s.readAccounting(ctx, ds, active)
			return err
		})
	if err != nil || !grouped || !accounted {
		return nil, nil, false, err
	}
	maps.Copy(codes, named)
	var operated []*graph.Flow
	if len(ds.Groups) > 0 {
		where, p := flowFilter(flt)
		if operated, err = s.readFlowsInOrder(ctx, "read the flows of groups", where+" AND size(f.groups) > 0", p, loads, order); err != nil {
			return nil, nil, false, err
		}
	}
	if err := s.readCountries(ctx, ds, codes, loads); err != nil {
		return nil, nil, false, err
	}
	// The datasets read must still be the ones visible now.
	if same, err := s.unchanged(ctx, active); !same || err != nil {
		return nil, nil, false, err
	}
	lg, err := graph.NewStoredLegGraph(ds.Name, flt, ds.Countries, legs, transit, totals, operated)
	return lg, ds, err == nil, err
}

// legsOf reads the legs, transit and totals of loads under flt (stored:
// flt keeps every record and every load wrote its legs), and the
// countries of the loads: the ends of their legs, and unless stored (a
// filter keeps fewer legs, not fewer countries) those of their LEG
// relationships. Its queries run at once (planned at once on a server
// just started).
func (s *Store) legsOf(ctx context.Context, loads []string, flt graph.Filter, stored bool) (legs []*graph.Leg, transit map[string]graph.Transit, totals graph.Totals, countries map[string]bool, err error) {
	var ok bool
	countries = map[string]bool{}
	var reads []func(context.Context) error
	if stored {
		reads = append(reads,
			func(ctx context.Context) (err error) {
				legs, err = s.storedLegs(ctx, loads)
				return err
			},
			func(ctx context.Context) error {
				acc := newLegAcc()
				transit = acc.transit
				return s.storedTransit(ctx, loads, acc)
			},
			func(ctx context.Context) (err error) {
				totals, ok, err = s.storedTotals(ctx, loads, true)
				return err
			})
	} else {
		reads = append(reads,
			func(ctx context.Context) (err error) {
				var cells bool
				if totals, cells, ok, err = s.cellTotals(ctx, loads, flt); err != nil {
					return err
				}
				if cells {
					legs, transit, err = s.cellLegs(ctx, loads, flt)
				} else {
					legs, transit, err = s.aggregateLegs(ctx, loads, flt)
				}
				return err
			},
			func(ctx context.Context) error {
				return s.read(ctx, "read countries", datasetCountries, map[string]any{"loads": model.Strings(loads)}, func(r *driver.Record) error {
					countries[str(r.Values[0])] = true
					return nil
				})
			})
	}
	if err = concurrently(ctx, reads...); err != nil {
		return nil, nil, totals, nil, err
	}
	if !ok {
		if totals, err = s.aggregateTotals(ctx, loads, flt); err != nil {
			return nil, nil, totals, nil, err
		}
	}
	for _, l := range legs {
		countries[l.From], countries[l.To] = true, true
	}
	return legs, transit, totals, countries, nil
}

// readFlowsInOrder reads the flows of loads that pass where (a clause
// starting with AND, with its parameters p), in dataset order: order
// ranks the datasets by name, and each dataset's flows go by seq.
func (s *Store) readFlowsInOrder(ctx context.Context, op, where string, p map[string]any, loads []string, order map[string]int) ([]*graph.Flow, error) {
	type at struct{ dataset, seq int }
	var flows []*graph.Flow
	var keys []at
	p["loads"] = model.Strings(loads)
	err := s.readFlowRows(ctx, op, readFlowsWhere(where), p, func(f graph.Flow, name string, seq int) error {
		flows = append(flows, &f)
		keys = append(keys, at{order[name], seq})
		return nil
	})
	if err != nil {
		return nil, err
	}
	idx := make([]int, len(flows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		if keys[a].dataset != keys[b].dataset {
			return keys[a].dataset - keys[b].dataset
		}
		return keys[a].seq - keys[b].seq
	})
	sorted := make([]*graph.Flow, len(idx))
	for i, j := range idx {
		sorted[i] = flows[j]
	}
	return sorted, nil
}

// legAcc sums legs by (from, to) across rows (several datasets, or
// nothing to sum).
type legAcc struct {
	legs    map[[2]string]*graph.Leg
	years   map[[2]string]map[int]bool
	transit map[string]graph.Transit
}

func newLegAcc() *legAcc {
	return &legAcc{legs: map[[2]string]*graph.Leg{}, years: map[[2]string]map[int]bool{}, transit: map[string]graph.Transit{}}
}

func (a *legAcc) add(from, to string, victims, records int, byVector [4]int, years []int) {
	k := [2]string{from, to}
	l := a.legs[k]
	if l == nil {
		l = &graph.Leg{From: from, To: to}
		a.legs[k] = l
		a.years[k] = map[int]bool{}
	}
	l.Victims += victims
	l.Records += records
	for v, n := range byVector {
		l.ByVector[v] += n
	}
	for _, y := range years {
		a.years[k][y] = true
	}
}

func (a *legAcc) addTransit(code string, victims, records int) {
	t := a.transit[code]
	t.Victims += victims
	t.Records += records
	a.transit[code] = t
}

func (a *legAcc) result() ([]*graph.Leg, map[string]graph.Transit) {
	legs := make([]*graph.Leg, 0, len(a.legs))
	for k, l := range a.legs {
		for y := range a.years[k] {
			l.Years = append(l.Years, y)
		}
		slices.Sort(l.Years)
		legs = append(legs, l)
	}
	return legs, a.transit
}

// storedLegs reads the LEG relationships of loads.
func (s *Store) storedLegs(ctx context.Context, loads []string) ([]*graph.Leg, error) {
	acc := newLegAcc()
	p := map[string]any{"loads": model.Strings(loads)}
	err := s.read(ctx, "read legs", readLegs, p, eachByOrigin("LEG", 8, func(from string, v []any) error {
		var years []int
		for _, y := range anyList(v[7]) {
			years = append(years, toInt(y))
		}
		// ByVector is indexed by graph.Vector: unknown, land, sea, air.
		acc.add(from, str(v[0]), toInt(v[1]), toInt(v[2]), [4]int{toInt(v[6]), toInt(v[3]), toInt(v[4]), toInt(v[5])}, years)
		return nil
	}))
	legs, _ := acc.result()
	return legs, err
}

// storedTransit adds the TRANSIT relationships of loads to acc.
func (s *Store) storedTransit(ctx context.Context, loads []string, acc *legAcc) error {
	return s.read(ctx, "read transit", readTransit, map[string]any{"loads": model.Strings(loads)}, func(r *driver.Record) error {
		acc.addTransit(str(r.Values[0]), toInt(r.Values[1]), toInt(r.Values[2]))
		return nil
	})
}

// aggregateLegs has Neo4j sum the legs of the flows of loads that pass flt.
func (s *Store) aggregateLegs(ctx context.Context, loads []string, flt graph.Filter) ([]*graph.Leg, map[string]graph.Transit, error) {
	acc := newLegAcc()
	where, p := flowFilter(flt)
	p["loads"] = model.Strings(loads)
	err := s.read(ctx, "aggregate legs", fmt.Sprintf(aggregateLegs, where), p, func(r *driver.Record) error {
		v := r.Values
		var years []int
		for _, pr := range anyList(v[10]) {
			period := anyList(pr)
			if len(period) != 2 {
				continue
			}
			from, to := toInt(period[0]), toInt(period[1])
			if from == 0 && to == 0 {
				continue
			}
			for y := max(from, graph.MinYear); y <= min(to, graph.MaxYear); y++ {
				years = append(years, y)
			}
		}
		to := str(v[1])
		acc.add(str(v[0]), to, toInt(v[2]), toInt(v[3]), [4]int{toInt(v[7]), toInt(v[4]), toInt(v[5]), toInt(v[6])}, years)
		if n := toInt(v[9]); n > 0 {
			acc.addTransit(to, toInt(v[8]), n)
		}
		return nil
	})
	legs, transit := acc.result()
	return legs, transit, err
}

// storedTotals reads the totals load wrote on the :Dataset nodes of
// loads; ok is false when they cannot serve (a filter, or too many
// sources to list).
func (s *Store) storedTotals(ctx context.Context, loads []string, unfiltered bool) (graph.Totals, bool, error) {
	t := graph.Totals{ByForm: map[graph.Form]int{}, ByMeasure: map[graph.Measure]int{}}
	if !unfiltered {
		return t, false, nil
	}
	ok := true
	periods := map[graph.Period]bool{}
	sources := map[string]bool{}
	err := s.read(ctx, "read totals", readTotals, map[string]any{"loads": model.Strings(loads)}, func(r *driver.Record) error {
		v := r.Values
		t.Records += toInt(v[0])
		t.Victims += toInt(v[1])
		t.Domestic += toInt(v[2])
		if err := addNamed(t.ByForm, "form", v[3], v[4], graph.ParseForm); err != nil {
			return err
		}
		if err := addNamed(t.ByMeasure, "measure", v[5], v[6], graph.ParseMeasure); err != nil {
			return err
		}
		for _, ps := range toStrings(v[7]) {
			p, err := graph.ParsePeriod(ps)
			if err != nil {
				return fmt.Errorf("dataset totals: period %q: %w", ps, err)
			}
			periods[p] = true
		}
		if v[8] == nil {
			ok = false
		}
		for _, src := range toStrings(v[8]) {
			sources[src] = true
		}
		return nil
	})
	t.Sources = len(sources)
	t.Periods = graph.SortPeriods(mapKeys(periods))
	return t, ok, err
}

// aggregateTotals has Neo4j sum the flows of loads that pass flt.
func (s *Store) aggregateTotals(ctx context.Context, loads []string, flt graph.Filter) (graph.Totals, error) {
	t := graph.Totals{ByForm: map[graph.Form]int{}, ByMeasure: map[graph.Measure]int{}}
	periods := map[graph.Period]bool{}
	sources := map[string]bool{}
	where, p := flowFilter(flt)
	p["loads"] = model.Strings(loads)
	err := s.read(ctx, "aggregate totals", fmt.Sprintf(aggregateTotals, where), p, func(r *driver.Record) error {
		v := r.Values
		f, err := graph.ParseForm(str(v[0]))
		if err != nil {
			return fmt.Errorf("flow property form: %w", err)
		}
		m, err := graph.ParseMeasure(str(v[1]))
		if err != nil {
			return fmt.Errorf("flow property measure: %w", err)
		}
		n, victims := toInt(v[6]), toInt(v[7])
		t.Records += n
		t.Victims += victims
		t.ByForm[f] += victims
		t.ByMeasure[m] += victims
		if domestic, _ := v[5].(bool); domestic {
			t.Domestic += n
		}
		if period := (graph.Period{From: toInt(v[2]), To: toInt(v[3])}); !period.IsZero() {
			periods[period] = true
		}
		if src := str(v[4]); src != "" {
			sources[src] = true
		}
		return nil
	})
	t.Sources = len(sources)
	t.Periods = graph.SortPeriods(mapKeys(periods))
	return t, err
}

// addNamed adds the victims of parallel lists of names and values (the
// forms and form_victims of a :Dataset node) to m.
func addNamed[K comparable](m map[K]int, what string, names, values any, parse func(string) (K, error)) error {
	vals := anyList(values)
	for i, name := range toStrings(names) {
		k, err := parse(name)
		if err != nil {
			return fmt.Errorf("dataset totals: %s: %w", what, err)
		}
		if i >= len(vals) {
			return fmt.Errorf("dataset totals: %s %q has no victims", what, name)
		}
		m[k] += toInt(vals[i])
	}
	return nil
}

func anyList(v any) []any {
	l, _ := v.([]any)
	return l
}

func mapKeys[K comparable](m map[K]bool) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
