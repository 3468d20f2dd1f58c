package neo4j

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/neo4j/model"
)

// Routes (routes --from X --to Y) and the what-if's routes (divert,
// interdict) are the records grouped by route, with their victims. A load
// whose flows carry a route key (model.RouteKey) is read in pages: Neo4j
// seeks the load's flows in key order in the index on (load, route, seq,
// victims and the properties filters ask for), sums each route as its
// flows go by (OrderedAggregation, which holds one route at a time),
// stops after routePage routes and returns them in one row, each route
// as one text (its key and sums: one value for the driver to decode, not
// five); the next page starts after the last key. Neither side holds
// more than a page beside the routes the client keeps, and no flow node
// is read, filtered or not: the index has every value a route read sums
// or filters by. A load written before route keys is read as before: its
// flows' paths streamed and grouped on the client (the what-if), or
// grouped by a hash aggregation on the server (the routes through X and
// Y, a few).
const (
	// readRoutePage is one page of a keyed load's routes after $after
	// that pass the filter (%s, from flowFilter and throughFilter).
	// Grouping by load and route, the index's first two properties, is
	// what lets the planner aggregate in index order; ORDER BY asks for
	// that order (the pages depend on it), which the index gives without
	// a sort.
	readRoutePage = `MATCH (f:Flow) ` + useRouteIndex + ` WHERE f.load = $load AND f.route > $after` + inRouteIndex + `%s
WITH f.load AS load, f.route AS route, sum(f.victims) AS victims, count(*) AS records, min(f.seq) AS first,
  sum(toInteger(round(f.victims * $displacement, 0, 'HALF_EVEN'))) AS displaced
ORDER BY load, route
LIMIT $page
RETURN collect(route + ' ' + victims + ' ' + records + ' ' + first + ' ' + displaced)`

	// useRouteIndex makes the planner seek the route index: on a small
	// or new database its statistics can make the index on load alone
	// look cheaper (which would aggregate by hash and sort the page).
	// Until the index is online (the first load after an upgrade over
	// many older flows builds it), route reads fail with Neo4j's error.
	useRouteIndex = `USING INDEX f:Flow(load, route, seq, victims, year_from, year_to, form, measure, vectors)`

	// inRouteIndex names the other properties of the route index, so
	// that the planner seeks it and takes their values from it.
	inRouteIndex = ` AND f.seq IS NOT NULL AND f.victims IS NOT NULL AND f.year_from IS NOT NULL
  AND f.year_to IS NOT NULL AND f.form IS NOT NULL AND f.measure IS NOT NULL AND f.vectors IS NOT NULL`

	// keyedLoads says which loads wrote route keys (all their flows or
	// none), from one entry of the route index each (none for a load
	// without keys, whose flows the index leaves out).
	keyedLoads = `UNWIND $loads AS id
RETURN id, EXISTS { MATCH (f:Flow) WHERE f.load = id AND f.route IS NOT NULL` + inRouteIndex + ` }`

	// aggregateRoutes groups the flows of loads without route keys that
	// pass the filter and name every country of $codes by their route.
	aggregateRoutes = `MATCH (f:Flow) WHERE ` + flowsOfLoads + ` AND all(c IN $codes WHERE c IN f.path)%s
RETURN f.path, sum(f.victims), count(*), f.load, min(f.seq)`

	// streamWhatIf streams the path, victims and place of the flows of
	// loads without route keys that pass the filter; the client groups
	// them by route (grouping them all on the server needs memory per
	// distinct route: 256 MiB did not hold the 572,408 routes of a million
	// generated records).
	streamWhatIf = `MATCH (f:Flow) WHERE ` + flowsOfLoads + `%s
RETURN f.path, f.victims, f.load, f.seq`
)

// routePage is how many distinct routes one page of a keyed route read
// returns (about 2 MB of server memory for generated routes; a variable
// for tests).
var routePage = 10000

// throughFilter is the WHERE clause (starting with AND) and parameter
// that keep the flows whose route key names every country of through, as
// whole codes: ">BB>" in ">BB>CX>AX>".
func throughFilter(through []string) (string, []any) {
	if len(through) == 0 {
		return "", nil
	}
	codes := make([]any, len(through))
	for i, c := range through {
		codes[i] = model.RouteSep + c + model.RouteSep
	}
	return fmt.Sprintf(" AND all(c IN $through WHERE ('%s' + f.route + '%s') CONTAINS c)", model.RouteSep, model.RouteSep), codes
}

// Routes returns the distinct routes of the configured datasets'
// records that pass flt and name every country of through, each with its
// victims and records, summed by Neo4j. Their order is not defined.
//
// Cost: on the server, a seek of each dataset's route index (O(records)
// index entries, no flow node) holding one route and one page at a time;
// on the client, one entry per route returned.
func (s *Store) Routes(ctx context.Context, flt graph.Filter, through ...string) ([]graph.Route, error) {
	return s.routes(ctx, flt, through, 0, false, victimsBound{})
}

// WhatIfRoutes returns every distinct route of the configured datasets'
// records that pass flt, with its victims, records and Displaced at
// displacement (rounded per record half to even, as routes.Divert does),
// in the order of its first record (dataset order): what
// routes.NewWhatIfOf takes.
//
// Cost: as Routes; the client holds one entry per distinct route (the
// what-if's input). A dataset loaded before route keys is streamed, one
// row per record, and grouped on the client.
func (s *Store) WhatIfRoutes(ctx context.Context, flt graph.Filter, displacement float64) ([]graph.Route, error) {
	return s.routes(ctx, flt, nil, displacement, true, victimsBound{})
}

// routes reads the routes again when a dataset was re-loaded during the
// read (its pages come from several transactions).
func (s *Store) routes(ctx context.Context, flt graph.Filter, through []string, displacement float64, whatIf bool, vb victimsBound) ([]graph.Route, error) {
	return retryRead(s, func() ([]graph.Route, bool, error) { return s.routesOnce(ctx, flt, through, displacement, whatIf, vb) })
}

// victimsBound keeps the flows whose victims a --min-count of k shows
// (victims 0 or at least k), or those it hides (graph.Hides); the zero
// value keeps every flow.
type victimsBound struct {
	k      int
	hidden bool
}

// where is the clause (starting with AND, or empty) that keeps b's
// flows, with its parameter set in p.
func (b victimsBound) where(p map[string]any) string {
	if b.k <= 1 {
		return ""
	}
	p["min_count"] = b.k
	if b.hidden {
		return " AND f.victims > 0 AND f.victims < $min_count"
	}
	return " AND NOT (f.victims > 0 AND f.victims < $min_count)"
}

func (s *Store) routesOnce(ctx context.Context, flt graph.Filter, through []string, displacement float64, whatIf bool, vb victimsBound) ([]graph.Route, bool, error) {
	active, err := s.active(ctx)
	if err != nil {
		return nil, false, err
	}
	var loads []string
	rank := map[string]int{}
	for i, d := range active {
		if !d.aggregates {
			if whatIf {
				return nil, false, fmt.Errorf("dataset %s was loaded before flows had a path: load it again", d.Name)
			}
			out, err := s.routesFromRecords(ctx, flt, through)
			return out, err == nil, err
		}
		loads = append(loads, d.Load)
		rank[d.Load] = i
	}
	keyed, err := s.keyedLoads(ctx, loads)
	if err != nil {
		return nil, false, err
	}
	var unkeyed []string
	for _, l := range loads {
		if !keyed[l] {
			unkeyed = append(unkeyed, l)
		}
	}
	// A route comes once from one keyed load: the set needs no index
	// when that is all there is.
	set := newRouteSet(len(loads) > 1 || len(unkeyed) > 0)
	for _, l := range loads {
		if !keyed[l] {
			continue
		}
		if err := s.readRoutePages(ctx, l, int64(rank[l])<<32, flt, through, displacement, vb, set); err != nil {
			return nil, false, err
		}
	}
	if len(unkeyed) > 0 {
		where, p := flowFilter(flt)
		where += vb.where(p)
		p["loads"] = model.Strings(unkeyed)
		if whatIf {
			err = s.streamRoutes(ctx, where, p, rank, displacement, set)
		} else {
			p["codes"] = model.Strings(through)
			err = s.read(ctx, "aggregate routes", fmt.Sprintf(aggregateRoutes, where), p, func(r *driver.Record) error {
				v := r.Values
				set.add(pathKey(v[0]), toInt(v[1]), toInt(v[2]), 0, int64(rank[str(v[3])])<<32|int64(toInt(v[4])))
				return nil
			})
		}
		if err != nil {
			return nil, false, err
		}
	}
	if same, err := s.unchanged(ctx, active); !same || err != nil {
		return nil, false, err
	}
	return set.list(whatIf), true, nil
}

// keyedLoads says which of loads wrote route keys.
func (s *Store) keyedLoads(ctx context.Context, loads []string) (map[string]bool, error) {
	keyed := map[string]bool{}
	err := s.read(ctx, "find route keys", keyedLoads, map[string]any{"loads": model.Strings(loads)}, func(r *driver.Record) error {
		keyed[str(r.Values[0])], _ = r.Values[1].(bool)
		return nil
	})
	return keyed, err
}

// readRoutePages adds the routes of keyed load that pass flt and vb and
// name every country of through to set, a page at a time; base is the load's
// place in dataset order (added to each route's first seq).
func (s *Store) readRoutePages(ctx context.Context, load string, base int64, flt graph.Filter, through []string, displacement float64, vb victimsBound, set *routeSet) error {
	where, p := flowFilter(flt)
	clause, codes := throughFilter(through)
	cypher := fmt.Sprintf(readRoutePage, where+clause+vb.where(p))
	p["load"], p["page"], p["displacement"], p["through"] = load, routePage, displacement, codes
	for after := ""; ; {
		p["after"] = after
		// The page is added once its transaction is over (the driver
		// may run a transaction again after a transient error).
		var rows []any
		err := s.read(ctx, "read routes", cypher, p, func(r *driver.Record) error {
			rows = anyList(r.Values[0])
			return nil
		})
		if err != nil {
			return err
		}
		for _, row := range rows {
			key, n, err := parseRouteRow(str(row))
			if err != nil {
				return fmt.Errorf("neo4j route row %q: %w", row, err)
			}
			set.add(key, n[0], n[1], n[3], base|int64(n[2]))
			after = key
		}
		if len(rows) < routePage {
			return nil
		}
	}
}

// parseRouteRow splits a row of readRoutePage, "NG>LY>IT 279 4 713407
// 98", into the route key and its victims, records, first seq and
// displaced victims.
func parseRouteRow(row string) (string, [4]int, error) {
	var n [4]int
	key, rest, ok := strings.Cut(row, " ")
	for i := range n {
		if !ok {
			return "", n, errors.New("too few values")
		}
		var field string
		field, rest, ok = strings.Cut(rest, " ")
		v, err := strconv.Atoi(field)
		if err != nil {
			return "", n, err
		}
		n[i] = v
	}
	if ok {
		return "", n, errors.New("too many values")
	}
	return key, n, nil
}

// streamRoutes adds the routes of the flows of $loads (without route
// keys) that pass where to set, one streamed record at a time, rounding
// each record's displaced victims.
func (s *Store) streamRoutes(ctx context.Context, where string, p map[string]any, rank map[string]int, displacement float64, set *routeSet) error {
	return s.read(ctx, "read routes", fmt.Sprintf(streamWhatIf, where), p, func(r *driver.Record) error {
		v := r.Values
		victims := toInt(v[1])
		set.add(pathKey(v[0]), victims, 1, int(math.RoundToEven(float64(victims)*displacement)), int64(rank[str(v[2])])<<32|int64(toInt(v[3])))
		return nil
	})
}

// pathKey is the route key of a path as Neo4j returns it.
func pathKey(path any) string { return model.RouteKey(toStrings(path)) }

// routeSet gathers distinct routes, with their sums and the place of
// their first record. Routes are kept in chunks of a fixed size, so that
// half a million of them are not copied at every growth of one slice
// (append grows a large slice by a quarter: five times its final size
// allocated in all).
type routeSet struct {
	chunks [][]placedRoute
	n      int
	// index finds a route by key, when one can come twice (several
	// loads, or streamed records); nil otherwise.
	index map[string]int
	codes map[string]string // interned country codes
}

// placedRoute is a route and the place of its first record: the rank of
// its dataset << 32 | the record's seq.
type placedRoute struct {
	graph.Route
	first int64
}

const routeChunk = 1 << 14

func newRouteSet(indexed bool) *routeSet {
	rs := &routeSet{codes: map[string]string{}}
	if indexed {
		rs.index = map[string]int{}
	}
	return rs
}

func (rs *routeSet) at(i int) *placedRoute { return &rs.chunks[i/routeChunk][i%routeChunk] }

// add adds records records of the route of key with their victims and
// displaced victims; first is the place of the first of them.
func (rs *routeSet) add(key string, victims, records, displaced int, first int64) {
	i, ok := -1, false
	if rs.index != nil {
		i, ok = rs.index[key]
	}
	if !ok {
		i = rs.n
		rs.n++
		if rs.index != nil {
			rs.index[key] = i
		}
		if i%routeChunk == 0 {
			rs.chunks = append(rs.chunks, make([]placedRoute, 0, routeChunk))
		}
		c := &rs.chunks[len(rs.chunks)-1]
		*c = append(*c, placedRoute{graph.Route{Path: rs.path(key)}, math.MaxInt64})
	}
	rt := rs.at(i)
	rt.Victims += victims
	rt.Records += records
	rt.Displaced += displaced
	rt.first = min(rt.first, first)
}

// path splits key into its codes, each shared with the earlier routes'.
func (rs *routeSet) path(key string) []string {
	path := strings.Split(key, model.RouteSep)
	for j, c := range path {
		if k, ok := rs.codes[c]; ok {
			path[j] = k
		} else {
			c = strings.Clone(c)
			rs.codes[c] = c
			path[j] = c
		}
	}
	return path
}

// list returns the routes, in the order of their first record when
// ordered (else in the order they came); nil when there are none.
func (rs *routeSet) list(ordered bool) []graph.Route {
	if rs.n == 0 {
		return nil
	}
	order := make([]int32, rs.n)
	for i := range order {
		order[i] = int32(i)
	}
	if ordered {
		slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(rs.at(int(a)).first, rs.at(int(b)).first) })
	}
	out := make([]graph.Route, rs.n)
	for i, j := range order {
		out[i] = rs.at(int(j)).Route
	}
	return out
}

// routesFromRecords is Routes for datasets loaded without paths.
func (s *Store) routesFromRecords(ctx context.Context, flt graph.Filter, through []string) ([]graph.Route, error) {
	ds, err := s.Dataset(ctx)
	if err != nil {
		return nil, err
	}
	var out []graph.Route
	for i := range ds.Flows {
		f := &ds.Flows[i]
		path := f.Path()
		if flt.Keep(f) && !slices.ContainsFunc(through, func(c string) bool { return !slices.Contains(path, c) }) {
			out = append(out, graph.Route{Path: path, Victims: f.Victims, Records: 1})
		}
	}
	return out, nil
}

// FlowsThrough returns the records of the configured datasets that pass
// flt and whose route names country (as origin, transit or destination),
// in dataset order: all that routes.CountryQuery reads of the records.
//
// Cost: on the server, a scan of the datasets' flow nodes that checks
// each one's route key (about 0.5 s for 1,000,000 flows); on the
// client, one row per record returned.
func (s *Store) FlowsThrough(ctx context.Context, flt graph.Filter, country string) ([]*graph.Flow, error) {
	return retryRead(s, func() ([]*graph.Flow, bool, error) { return s.flowsThroughOnce(ctx, flt, country) })
}

func (s *Store) flowsThroughOnce(ctx context.Context, flt graph.Filter, country string) ([]*graph.Flow, bool, error) {
	active, err := s.active(ctx)
	if err != nil {
		return nil, false, err
	}
	var loads []string
	order := map[string]int{} // dataset name -> rank
	for i, d := range active {
		if !d.aggregates {
			// Loaded before flows had a route key: from the records.
			ds, err := s.Dataset(ctx)
			if err != nil {
				return nil, false, err
			}
			var out []*graph.Flow
			for i := range ds.Flows {
				if f := &ds.Flows[i]; flt.Keep(f) && slices.Contains(f.Path(), country) {
					out = append(out, f)
				}
			}
			return out, true, nil
		}
		loads = append(loads, d.Load)
		order[d.Name] = i
	}
	where, p := flowFilter(flt)
	through, codes := throughFilter([]string{country})
	p["through"] = codes
	flows, err := s.readFlowsInOrder(ctx, "read the flows through "+country, where+through, p, loads, order)
	if err != nil {
		return nil, false, err
	}
	if same, err := s.unchanged(ctx, active); !same || err != nil {
		return nil, false, err
	}
	return flows, true, nil
}

// sumSources sums the flows of $loads that pass the filter (%s) by
// citation (their source up to its first colon: one row per work cited,
// however many pages) and measure.
const sumSources = `MATCH (f:Flow) WHERE ` + flowsOfLoads + `%s
RETURN split(coalesce(f.source, ''), ':')[0], f.measure, count(*), sum(f.victims)`

// MapSums returns what a map of the configured datasets' records under
// flt sums with a --min-count of minCount (graph.MapSums): the records
// it shows and those it hides grouped by route, as Routes groups them,
// and the shown records by citation and their victims by measure. It
// returns nil, and no error, when a dataset was loaded before flows had
// a route key: the caller streams the records.
//
// Cost: the route reads of Routes, one for each side of minCount (no
// flow node read), and a scan of the flow nodes on the server that
// returns one row per citation and measure.
func (s *Store) MapSums(ctx context.Context, flt graph.Filter, minCount int) (*graph.MapSums, error) {
	return retryRead(s, func() (*graph.MapSums, bool, error) { return s.mapSumsOnce(ctx, flt, minCount) })
}

func (s *Store) mapSumsOnce(ctx context.Context, flt graph.Filter, minCount int) (*graph.MapSums, bool, error) {
	active, err := s.active(ctx)
	if err != nil {
		return nil, false, err
	}
	var loads []string
	for _, d := range active {
		if !d.aggregates {
			return nil, true, nil
		}
		loads = append(loads, d.Load)
	}
	m := &graph.MapSums{Sources: map[string]int{}, Measures: map[graph.Measure]int{}}
	for _, hidden := range []bool{false, true} {
		if hidden && minCount <= 1 {
			break
		}
		list, complete, err := s.routesOnce(ctx, flt, nil, 0, false, victimsBound{minCount, hidden})
		if err != nil || !complete {
			return nil, false, err
		}
		if hidden {
			m.Hidden = list
		} else {
			m.Shown = list
		}
	}
	where, p := flowFilter(flt)
	where += victimsBound{k: minCount}.where(p)
	p["loads"] = model.Strings(loads)
	err = s.read(ctx, "sum the sources", fmt.Sprintf(sumSources, where), p, func(r *driver.Record) error {
		v := r.Values
		measure, err := graph.ParseMeasure(str(v[1]))
		if err != nil {
			return fmt.Errorf("property measure: %w", err)
		}
		m.Sources[str(v[0])] += toInt(v[2])
		m.Measures[measure] += toInt(v[3])
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	if same, err := s.unchanged(ctx, active); !same || err != nil {
		return nil, false, err
	}
	return m, true, nil
}
