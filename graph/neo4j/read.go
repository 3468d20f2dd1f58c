package neo4j

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/neo4j/model"
)

// flowsOfLoads keeps the flows of $loads: f.id, which every flow has,
// makes the planner seek the index on (load, id) (model.Schema).
const flowsOfLoads = `f.load IN $loads AND f.id IS NOT NULL`

// readFlowsWhere is the query that streams the flows of $loads that pass
// where (a clause starting with AND, or empty), unsorted. A flow's
// countries are its route, returned as it is (the client splits it: one
// text to decode a record, not three values and a list of lists). A flow
// an earlier tipgraph wrote without a route has them instead as origin,
// destination and vias ([seq, code] pairs): from its path list, or
// earlier still from its FROM, TO and ordered VIA relationships.
func readFlowsWhere(where string) string {
	return `MATCH (f:Flow) WHERE ` + flowsOfLoads + where + `
WITH f, CASE WHEN f.route IS NULL THEN f.path END AS p
RETURN f.id, f.dataset, f.seq,
  CASE WHEN f.route IS NOT NULL THEN null WHEN p IS NULL THEN [(f)-[:FROM]->(o:Country) | o.code][0] ELSE p[0] END,
  CASE WHEN f.route IS NOT NULL THEN null WHEN p IS NULL THEN [(f)-[:TO]->(d:Country) | d.code][0] ELSE p[-1] END,
  CASE WHEN f.route IS NOT NULL THEN null WHEN p IS NULL THEN [(f)-[v:VIA]->(c:Country) | [v.seq, c.code]]
    ELSE [i IN range(1, size(p) - 2) | [i - 1, p[i]]] END,
  f.vectors, f.victims, f.year_from, f.year_to, f.form, f.measure, f.source, f.groups, f.route`
}

// errShortRoute is a stored route of one country.
var errShortRoute = errors.New("a route names at least an origin and a destination")

// flowPath is the list of a flow's countries in route order: its route
// key split (model.RouteKey), or the path list that earlier tipgraph
// versions wrote beside (or, earlier still, instead of) the route; null
// for flows older still (FROM, TO and VIA relationships).
const flowPath = `coalesce(split(f.route, '` + model.RouteSep + `'), f.path)`

const (
	readCountries = `MATCH (c:Country) WHERE c.code IN $codes
RETURN c.code, c.name, c.region, c.lat, c.lon`

	// readNames reads the datasets' own countries, the first dataset by
	// name last (it wins where two differ).
	readNames = `MATCH (d:Dataset)-[n:NAMES]->(c:Country) WHERE n.load IN $loads
RETURN c.code, n.name, n.region, n.lat, n.lon ORDER BY d.name DESC`
)

// readAttempts bounds how often Dataset reads again when a concurrent
// re-load replaced a dataset while it was being read.
const readAttempts = 3

// ErrKeptChanging is a read that found the datasets replaced under it
// readAttempts times in a row (loads running all the while).
var ErrKeptChanging = errors.New("datasets kept changing")

// Dataset reads the configured datasets (all when none is named) back
// from the store, flows in dataset-name then load order. The flows stream
// unsorted (the server holds no more than a fetch of them at a time) and
// each goes to its place by its seq. Several datasets
// are read as one, named by their names joined with "+". Each dataset's
// record count is checked against its :Dataset node; a read that raced
// with a re-load of the same name is done again.
func (s *Store) Dataset(ctx context.Context) (*graph.Dataset, error) {
	return retryRead(s, func() (*graph.Dataset, bool, error) { return s.readOnce(ctx, nil) })
}

// EachFlow reads the configured datasets as Dataset does, but passes each
// record to a consumer instead of keeping it: the dataset it returns has
// no records. Records come unsorted; a read that raced with a re-load
// (or was cut off mid-stream) starts over, with a consumer from a new
// call of start, so only the last consumer's records are the dataset's.
func (s *Store) EachFlow(ctx context.Context, start func() func(*graph.Flow)) (*graph.Dataset, error) {
	return retryRead(s, func() (*graph.Dataset, bool, error) {
		each := start()
		return s.readOnce(ctx, func(f *graph.Flow, _ int) { each(f) })
	})
}

// EachFlowAt is EachFlow that also tells each record's place in the
// order Dataset returns them (0 to the record count less one), for
// writers that must write them in that order without holding them.
func (s *Store) EachFlowAt(ctx context.Context, start func() func(f *graph.Flow, at int)) (*graph.Dataset, error) {
	return retryRead(s, func() (*graph.Dataset, bool, error) { return s.readOnce(ctx, start()) })
}

// unchanged says whether the datasets visible now are still active, the
// same loads (a read that began with active is then consistent).
func (s *Store) unchanged(ctx context.Context, active []DatasetInfo) (bool, error) {
	now, err := s.active(ctx)
	if err != nil {
		return false, err
	}
	return slices.EqualFunc(now, active, func(a, b DatasetInfo) bool { return a.Load == b.Load }), nil
}

// retryRead runs once until it reads datasets that did not change during
// the read (its bool), readAttempts times at most. A read the driver
// would have restarted mid-stream (ErrReadRestarted) is started over too,
// with once's fresh sums.
func retryRead[T any](s *Store, once func() (T, bool, error)) (T, error) {
	for attempt := 1; ; attempt++ {
		v, complete, err := once()
		restarted := errors.Is(err, ErrReadRestarted)
		if restarted && attempt < readAttempts {
			continue
		}
		if err != nil || complete {
			return v, err
		}
		if attempt == readAttempts {
			var zero T
			return zero, fmt.Errorf("neo4j read at %s: %w during %d reads", redact(s.cfg.URI), ErrKeptChanging, readAttempts)
		}
	}
}

// readOnce reads the datasets once: their records into the dataset, or
// to each (with their places in the dataset) when it is not nil.
func (s *Store) readOnce(ctx context.Context, each func(f *graph.Flow, at int)) (*graph.Dataset, bool, error) {
	active, err := s.active(ctx)
	if err != nil {
		return nil, false, err
	}
	var loads, names []string
	want := map[string]int{}
	offset := map[string]int{}
	total := 0
	for _, d := range active {
		loads = append(loads, d.Load)
		names = append(names, d.Name)
		want[d.Name] = d.Records
		offset[d.Name] = total
		total += d.Records
	}
	ds := &graph.Dataset{Name: strings.Join(names, "+"), Countries: map[string]graph.Country{}}
	if each == nil {
		ds.Flows = make([]graph.Flow, total)
	}
	got := map[string]int{}
	codes := map[string]bool{}
	raced := false
	err = s.readFlowRows(ctx, "read flows", readFlowsWhere(""), map[string]any{"loads": loads}, func(f graph.Flow, name string, seq int) error {
		if seq < 0 || seq >= want[name] {
			raced = true // not the load the :Dataset node counted
			return nil
		}
		got[name]++
		for _, c := range f.Path() {
			codes[c] = true
		}
		if each != nil {
			each(&f, offset[name]+seq)
		} else {
			ds.Flows[offset[name]+seq] = f
		}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	if raced {
		return nil, false, nil
	}
	for name, n := range want {
		if got[name] != n {
			return nil, false, nil
		}
	}
	if complete, err := s.readGroups(ctx, loads, ds, codes); err != nil || !complete {
		return nil, false, err
	}
	if err := s.readCountries(ctx, ds, codes, loads); err != nil {
		return nil, false, err
	}
	complete, err := s.readAccounting(ctx, ds, active)
	if err != nil || !complete {
		return nil, false, err
	}
	return ds, true, nil
}

// readAccounting sets what the datasets of active set aside, censored,
// counted as indicators and matched for review on ds, added up in
// dataset order as the reader adds up several files. It reads them from
// the :Dataset nodes of active's loads; false when one of those loads is
// no longer a dataset's (a re-load replaced it: the caller reads again).
func (s *Store) readAccounting(ctx context.Context, ds *graph.Dataset, active []DatasetInfo) (bool, error) {
	loads := make([]string, len(active))
	for i, d := range active {
		loads[i] = d.Load
	}
	texts := map[string]map[string]string{}
	err := s.read(ctx, "read accounting", `MATCH (d:Dataset) WHERE d.load IN $loads
RETURN d.load, d.set_aside, d.censored, d.indicators, d.name_matches`, map[string]any{"loads": model.Strings(loads)},
		func(r *driver.Record) error {
			v := r.Values
			texts[str(v[0])] = map[string]string{"set_aside": str(v[1]), "censored": str(v[2]), "indicators": str(v[3]), "name_matches": str(v[4])}
			return nil
		})
	if err != nil {
		return false, err
	}
	for i, d := range active {
		text, ok := texts[d.Load]
		if !ok {
			return false, nil
		}
		one := &graph.Dataset{}
		if err := model.ReadAccounting(one, text); err != nil {
			return false, fmt.Errorf("dataset %s: %w", d.Name, err)
		}
		if i == 0 {
			ds.SetAside, ds.Censored, ds.Indicators, ds.NameMatches = one.SetAside, one.Censored, one.Indicators, one.NameMatches
			continue
		}
		ds.SetAside.Merge(one.SetAside)
		ds.Censored.Merge(one.Censored)
		ds.Indicators = append(ds.Indicators, one.Indicators...)
		ds.NameMatches = append(ds.NameMatches, one.NameMatches...)
	}
	return true, nil
}

// readFlowRows runs a query of readFlowsWhere and passes each flow to fn
// with its dataset and seq.
//
// Country codes, sources and group ids repeat from record to record: each
// distinct text is kept once (the first 100,000), so that a million
// records held (the commands that read them all) do not hold a copy of
// each per record.
func (s *Store) readFlowRows(ctx context.Context, op, cypher string, params map[string]any, fn func(f graph.Flow, dataset string, seq int) error) error {
	seen := map[string]string{}
	intern := func(v any) string {
		t := str(v)
		if c, ok := seen[t]; ok {
			return c
		}
		if len(seen) < 100_000 {
			seen[t] = t
		}
		return t
	}
	return s.read(ctx, op, cypher, params, func(r *driver.Record) error {
		v := r.Values
		f := graph.Flow{
			ID:      str(v[0]),
			Victims: toInt(v[7]),
			Period:  graph.Period{From: toInt(v[8]), To: toInt(v[9])},
			Source:  intern(v[12]),
		}
		if groups, _ := v[13].([]any); len(groups) > 0 {
			f.Groups = make([]string, len(groups))
			for i, g := range groups {
				f.Groups[i] = intern(g)
			}
		}
		// A value tipgraph did not write (another program changed the
		// store) names its dataset, flow and property.
		bad := func(prop string, err error) error {
			return fmt.Errorf("dataset %s, flow %s, property %s: %w", str(v[1]), f.ID, prop, err)
		}
		if route := str(v[14]); route != "" {
			codes := strings.Split(route, model.RouteSep)
			if len(codes) < 2 {
				return bad("route", fmt.Errorf("%q: %w", route, errShortRoute))
			}
			f.Origin, f.Destination = intern(codes[0]), intern(codes[len(codes)-1])
			for _, c := range codes[1 : len(codes)-1] {
				f.Via = append(f.Via, intern(c))
			}
		} else {
			f.Origin, f.Destination, f.Via = intern(v[3]), intern(v[4]), viaCodes(v[5], intern)
		}
		for _, name := range toStrings(v[6]) {
			vec, err := graph.ParseVector(name)
			if err != nil {
				return bad("vectors", err)
			}
			f.Vectors = append(f.Vectors, vec)
		}
		var err error
		if f.Form, err = graph.ParseForm(str(v[10])); err != nil {
			return bad("form", err)
		}
		if f.Measure, err = graph.ParseMeasure(str(v[11])); err != nil {
			return bad("measure", err)
		}
		return fn(f, str(v[1]), toInt(v[2]))
	})
}

// readCountries reads the countries of codes into ds.Countries: the
// shared values, then those the datasets of loads wrote as their own
// (NAMES), which also add the countries of theirs that no flow names.
// Several datasets read as one take, for a country two of them name
// differently, the values of the first by name.
func (s *Store) readCountries(ctx context.Context, ds *graph.Dataset, codes map[string]bool, loads []string) error {
	list := make([]any, 0, len(codes))
	for c := range codes {
		list = append(list, c)
	}
	// Both at once (queries planned at once on a server just started);
	// the datasets' own values are applied last.
	var shared, own []graph.Country
	country := func(to *[]graph.Country) func(r *driver.Record) error {
		return func(r *driver.Record) error {
			v := r.Values
			c := graph.Country{Code: str(v[0]), Name: str(v[1]), Region: str(v[2])}
			c.Lat, _ = v[3].(float64)
			c.Lon, _ = v[4].(float64)
			*to = append(*to, c)
			return nil
		}
	}
	err := concurrently(ctx,
		func(ctx context.Context) error {
			return s.read(ctx, "read countries", readCountries, map[string]any{"codes": list}, country(&shared))
		},
		func(ctx context.Context) error {
			return s.read(ctx, "read the datasets' countries", readNames, map[string]any{"loads": model.Strings(loads)}, country(&own))
		})
	for _, c := range slices.Concat(shared, own) {
		ds.Countries[c.Code] = c
	}
	return err
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// viaCodes orders [[seq, code], ...] pairs by seq, each code through
// intern.
func viaCodes(v any, intern func(any) string) []string {
	pairs, _ := v.([]any)
	if len(pairs) == 0 {
		return nil
	}
	type sc struct {
		seq  int
		code string
	}
	list := make([]sc, 0, len(pairs))
	for _, p := range pairs {
		pair, _ := p.([]any)
		if len(pair) == 2 {
			list = append(list, sc{toInt(pair[0]), intern(pair[1])})
		}
	}
	slices.SortFunc(list, func(a, b sc) int { return a.seq - b.seq })
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = x.code
	}
	return out
}
