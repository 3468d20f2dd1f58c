// Package model is tipgraph's Neo4j model: the Cypher statements that
// write a dataset and the rows they take. The store (graph/neo4j) runs them
// with parameters; the script export (exports.Cypher) writes the same
// statements with their parameters as literals, so that both build the
// same graph from one text.
//
//	(:Country {code, name, region, lat, lon})
//	(:Load {id, dataset, started_at, records, groups, members, ties})
//	(:Flow {id, dataset, load, seq, route, victims, year_from, year_to, vectors, form, measure, source, groups})
//	(:Group {id, name, countries, structure, source, dataset, load, seq})
//	(:Person {id, dataset, load, gender, nationality, former_victim})
//	(:Person)-[:MEMBER_OF {role, gender, nationality, country, former_victim, seq}]->(:Group)
//	(:Person)-[:TIE {group, kind, directed, weight, year_from, year_to, seq}]->(:Person)
//	(:Group)-[:OPERATES]->(:Flow)
//	(:Country)-[:LEG {dataset, load, victims, records, vectors, victims_land, victims_sea, victims_air, victims_unknown, years}]->(:Country)
//	(:Dataset {name, load, records, victims, first_year, last_year, source, loaded_at,
//	  domestic, forms, form_victims, measures, measure_victims, periods, sources, legs_complete,
//	  set_aside, censored, indicators, name_matches})
//	(:Dataset)-[:TRANSIT {load, victims, records}]->(:Country)
//	(:Dataset)-[:NAMES {load, name, region, lat, lon}]->(:Country)
//	(:Country)-[:LEG_CELLS {dataset, load, keys, victims, records}]->(:Country)
//	(:Country)-[:OD_CELLS {dataset, load, keys, victims, records}]->(:Country)
//
// A :Country node is shared by every dataset and holds the built-in
// library's values (ingest.LibraryCountry); a code the library does not
// know holds only its code, as its name. What a dataset says of each of
// its countries (the library's values, or its countries.csv's renaming,
// moving or adding one) is on its NAMES relationships, written and
// deleted with the dataset and read back only for it, so that no
// dataset's text reaches another's output, and a dataset reads back its
// countries as loaded whatever the shared node holds.
//
// Flows, groups and persons are written under a load id; the :Dataset node
// names the load readers see, and the LEG and TRANSIT relationships belong
// to it. A flow's route is its countries in route order (origin, vias,
// destination) as one string (RouteKey: NG>LY>IT), so that legs
// aggregate from flow properties alone; a flow has no relationship to a
// country (its countries are codes in its route). After load and before
// the properties a route read sums and filters by, it makes up the index
// the route reads follow in key order. Flows of earlier tipgraph versions
// have the same countries as a path list, or (earlier still) as FROM, TO
// and ordered VIA relationships to :Country nodes, which readers still
// read. A flow naming no group has no groups property. LEG, TRANSIT and
// the totals on :Dataset (victims by form and measure,
// periods, distinct sources when there are at most MaxSources) are what
// an unfiltered analysis reads instead of the records; legs_complete is
// false when a script export left out legs (--min-count). The cells
// (cells.go) are what a filtered analysis reads instead of the records.
// set_aside,
// censored, indicators and name_matches are what the reader accounted
// for beside the records (graph.Dataset's fields of those names), as
// JSON text (Accounting).
//
// A tie's weight is graph.Tie.Weight as read, absent when the data gave
// none (it counts as 1), and its period year_from-year_to, absent when not
// said.
//
// A person listed in two groups of a dataset is one :Person node with two
// MEMBER_OF relationships; what members.csv says of them per group lives
// on MEMBER_OF (the :Person node carries the first listing, for browsing).
package model

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// Schema is created with IF NOT EXISTS, so it can run before every load.
var Schema = []string{
	`CREATE CONSTRAINT tipgraph_country_code IF NOT EXISTS FOR (c:Country) REQUIRE c.code IS UNIQUE`,
	`CREATE CONSTRAINT tipgraph_dataset_name IF NOT EXISTS FOR (d:Dataset) REQUIRE d.name IS UNIQUE`,
	`CREATE CONSTRAINT tipgraph_load_id IF NOT EXISTS FOR (l:Load) REQUIRE l.id IS UNIQUE`,
	// Flows are found by load through the (load, id) index below (a
	// query asks for f.id IS NOT NULL too: every flow has an id); an
	// index on load alone was one more index to update for every record
	// loaded.
	`DROP INDEX tipgraph_flow_load IF EXISTS`,
	`CREATE INDEX tipgraph_load_dataset IF NOT EXISTS FOR (l:Load) ON (l.dataset)`,
	`CREATE INDEX tipgraph_group_load IF NOT EXISTS FOR (g:Group) ON (g.load)`,
	`CREATE INDEX tipgraph_group_load_id IF NOT EXISTS FOR (g:Group) ON (g.load, g.id)`,
	`CREATE INDEX tipgraph_person_load IF NOT EXISTS FOR (p:Person) ON (p.load)`,
	`CREATE INDEX tipgraph_person_load_id IF NOT EXISTS FOR (p:Person) ON (p.load, p.id)`,
	`CREATE INDEX tipgraph_flow_load_id IF NOT EXISTS FOR (f:Flow) ON (f.load, f.id)`,
	// Route reads seek a load's flows in route key order and find
	// everything they sum and filter by in the index too, so that Neo4j
	// sums each route as its flows go by (OrderedAggregation) without
	// reading the flow nodes.
	`CREATE INDEX tipgraph_flow_route IF NOT EXISTS FOR (f:Flow) ON (f.load, f.route, f.seq, f.victims, f.year_from, f.year_to, f.form, f.measure, f.vectors)`,
	`CREATE INDEX tipgraph_leg_cells_load IF NOT EXISTS FOR ()-[c:LEG_CELLS]-() ON (c.load)`,
	`CREATE INDEX tipgraph_od_cells_load IF NOT EXISTS FOR ()-[c:OD_CELLS]-() ON (c.load)`,
}

// The statements that write a dataset, in the order a load runs them.
// Their parameters: $rows (from the row functions below), $legs,
// $dataset (the dataset's name), $load (the load id), $records, $victims,
// $groups, $members, $ties (counts), $first_year, $last_year (the span of
// the records' periods, 0 when none) and $source (what the load read).
const (
	// MergeCountries takes the shared rows of CountryRows. With a
	// library it sets the library's values on every country (restoring a
	// node an earlier tipgraph let a dataset rewrite): for a code the
	// library does not know, the code alone. Without one (library false)
	// it only creates the nodes it lacks.
	MergeCountries = `UNWIND $rows AS r
MERGE (c:Country {code: r.code})
ON CREATE SET c.name = r.name, c.region = r.region, c.lat = r.lat, c.lon = r.lon
WITH c, r WHERE r.library
SET c.name = r.name, c.region = r.region, c.lat = r.lat, c.lon = r.lon`

	// StartLoad records a load before its flows are written; locked is
	// true when its loader holds the load's lock while it runs (tipgraph
	// load), false for the Cypher script, whose staging only the next
	// load of its dataset cleans.
	StartLoad = `CREATE (:Load {id: $load, dataset: $dataset, started_at: datetime(), records: $records, locked: $locked})`

	// CreateFlows takes FlowRows. A row is a list, its values at the
	// places of the Row* constants. Its last variable is f, one per row.
	// A flow's countries are its route's (NG>LY>IT), not relationships:
	// VIA relationships (1.4 a record in generated data) took a quarter
	// of the server's CPU in a load (BENCHMARKS.md, "Neo4j load without
	// VIA relationships"), a path list beside the route 6-13% more
	// (BENCHMARKS.md, "Shorter load ids, no empty group lists, no path
	// list"), and FROM and TO relationships to the route's ends a fifth
	// (BENCHMARKS.md, "Flows without FROM and TO relationships"). A
	// flow's origin is found by hand through the route index:
	// f.load = $load AND f.route STARTS WITH 'NG>'.
	CreateFlows = `UNWIND $rows AS r
CREATE (f:Flow {id: r[0], dataset: $dataset, load: $load, seq: r[1], route: r[2],
  victims: r[4], year_from: r[5], year_to: r[6], vectors: r[3],
  form: r[7], measure: r[8], source: r[9], groups: r[10]})`

	// CreateGroups, CreatePersons, CreateMemberships, CreateTies and
	// CreateOperates take the rows of GroupRows.
	CreateGroups = `UNWIND $rows AS r
CREATE (:Group {id: r.id, name: r.name, countries: r.countries, structure: r.structure,
  source: r.source, dataset: $dataset, load: $load, seq: r.seq})`

	CreatePersons = `UNWIND $rows AS r
CREATE (:Person {id: r.id, dataset: $dataset, load: $load, gender: r.gender,
  nationality: r.nationality, former_victim: r.former_victim})`

	CreateMemberships = `UNWIND $rows AS r
MATCH (p:Person {load: $load, id: r.person})
MATCH (g:Group {load: $load, id: r.group})
CREATE (p)-[:MEMBER_OF {role: r.role, gender: r.gender, nationality: r.nationality,
  country: r.country, former_victim: r.former_victim, seq: r.seq}]->(g)`

	CreateTies = `UNWIND $rows AS r
MATCH (a:Person {load: $load, id: r.from})
MATCH (b:Person {load: $load, id: r.to})
CREATE (a)-[:TIE {group: r.group, kind: r.kind, directed: r.directed, weight: r.weight,
  year_from: r.year_from, year_to: r.year_to, seq: r.seq}]->(b)`

	CreateOperates = `UNWIND $rows AS r
MATCH (g:Group {load: $load, id: r.group})
MATCH (f:Flow {load: $load, id: r.flow})
CREATE (g)-[:OPERATES]->(f)`

	// CountGroups records the group counts on the load, so that a reader
	// can tell a complete read from one that raced a deletion.
	CountGroups = `MATCH (l:Load {id: $load})
SET l.groups = $groups, l.members = $members, l.ties = $ties`

	// DeleteLegs, DeleteTransit, DeleteNames, CreateLegs, SwitchDataset,
	// CreateTransit and CreateNames make a load the dataset's visible
	// one; the store runs them in one transaction (Switch). CreateLegs
	// takes LegRows as $legs, SwitchDataset the totals of SwitchParams,
	// CreateTransit its $transit, CreateNames the dataset's rows of
	// CountryRows as $names.
	DeleteLegs = `MATCH (:Country)-[l:LEG {dataset: $dataset}]->(:Country) DELETE l`

	DeleteNames = `MATCH (:Dataset {name: $dataset})-[n:NAMES]->(:Country) DELETE n`

	CreateNames = `MATCH (d:Dataset {name: $dataset})
UNWIND $names AS r
MATCH (c:Country {code: r.code})
CREATE (d)-[:NAMES {load: $load, name: r.name, region: r.region, lat: r.lat, lon: r.lon}]->(c)`

	DeleteTransit = `MATCH (:Dataset {name: $dataset})-[t:TRANSIT]->(:Country) DELETE t`

	CreateTransit = `MATCH (d:Dataset {name: $dataset})
UNWIND $transit AS t
MATCH (c:Country {code: t.code})
CREATE (d)-[:TRANSIT {load: $load, victims: t.victims, records: t.records}]->(c)`

	CreateLegs = `UNWIND $legs AS l
MATCH (a:Country {code: l.from})
MATCH (b:Country {code: l.to})
CREATE (a)-[:LEG {dataset: $dataset, load: $load, victims: l.victims, records: l.records,
  vectors: l.vectors, victims_land: l.land, victims_sea: l.sea, victims_air: l.air,
  victims_unknown: l.unknown, years: l.years}]->(b)`

	// DeleteDataset hides a dataset from readers (with DeleteLegs) and
	// deletes its NAMES; its loads stay until deleted.
	DeleteDataset = `MATCH (d:Dataset {name: $dataset}) DETACH DELETE d`

	SwitchDataset = `MERGE (d:Dataset {name: $dataset})
SET d.load = $load, d.records = $records, d.victims = $victims,
  d.first_year = $first_year, d.last_year = $last_year, d.source = $source, d.loaded_at = datetime(),
  d.domestic = $domestic, d.forms = $forms, d.form_victims = $form_victims, d.measures = $measures,
  d.measure_victims = $measure_victims, d.periods = $periods, d.sources = $sources,
  d.legs_complete = $legs_complete, d.set_aside = $set_aside, d.censored = $censored,
  d.indicators = $indicators, d.name_matches = $name_matches`
)

// Switch are the statements that make a load its dataset's visible one,
// in the order they run in one transaction.
var Switch = []string{DeleteLegs, DeleteTransit, DeleteNames, CreateLegs, SwitchDataset, CreateTransit, CreateNames}

// CountryRows lists every country of ds and every code of named (the
// countries the records name: their leg graph's Index.Codes) that
// ds.Countries lacks, so that every country of a route has its node (the
// LEG relationships and cells join them). shared are the rows
// of MergeCountries, with the values of library (ingest.LibraryCountry;
// nil knows no code): the library's country, or for a code it does not
// know the code as its name and no region or position. names are the
// rows of CreateNames: every country of ds.Countries as ds has it. Both
// are in code order.
func CountryRows(ds *graph.Dataset, named []string, library func(code string) (graph.Country, bool)) (shared, names []any) {
	codes := slices.Collect(maps.Keys(ds.Countries))
	for _, code := range named {
		if _, ok := ds.Countries[code]; !ok {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	for _, code := range codes {
		shared = append(shared, SharedCountryRow(code, library))
		if own, ok := ds.Countries[code]; ok {
			names = append(names, countryRow(own))
		}
	}
	return shared, names
}

// SharedCountryRow is the row of MergeCountries for code (CountryRows).
func SharedCountryRow(code string, library func(code string) (graph.Country, bool)) map[string]any {
	row := map[string]any{"code": code, "name": code, "region": nil, "lat": nil, "lon": nil}
	if library != nil {
		if c, ok := library(code); ok {
			row = countryRow(c)
		}
	}
	row["library"] = library != nil
	return row
}

func countryRow(c graph.Country) map[string]any {
	return map[string]any{"code": c.Code, "name": c.Name, "region": c.Region, "lat": c.Lat, "lon": c.Lon}
}

// The places of a flow row's values (CreateFlows). A row is a list and
// not a map: the server decodes no key per value, and in a load of a
// million records the keys were 15 million strings to decode and collect.
const (
	RowID = iota
	RowSeq
	RowRoute
	RowVectors
	RowVictims
	RowYearFrom
	RowYearTo
	RowForm
	RowMeasure
	RowSource
	RowGroups
	rowLen
)

// RowFields names a flow row's values, in their places.
var RowFields = []string{"id", "seq", "route", "vectors", "victims", "year_from", "year_to", "form", "measure", "source", "groups"}

// FlowRows are the rows of flows, numbered (seq) from offset. A flow
// that names no group has null groups, so that its node has no groups
// property: an empty list took a record of Neo4j's array store a flow.
func FlowRows(flows []graph.Flow, offset int) []any {
	rows := make([]any, len(flows))
	for i := range flows {
		f := &flows[i]
		vec := make([]any, len(f.Vectors))
		for j, v := range f.Vectors {
			vec[j] = v.String()
		}
		row := make([]any, rowLen)
		row[RowID], row[RowSeq], row[RowRoute], row[RowVectors] = f.ID, offset+i, RouteKey(f.Path()), vec
		row[RowVictims], row[RowYearFrom], row[RowYearTo] = f.Victims, f.Period.From, f.Period.To
		row[RowForm], row[RowMeasure], row[RowSource] = f.Form.String(), f.Measure.String(), f.Source
		if len(f.Groups) > 0 {
			row[RowGroups] = Strings(f.Groups)
		}
		rows[i] = row
	}
	return rows
}

// RouteSep separates the countries of a route key. Codes never hold it:
// the readers split a record's vias on it.
const RouteSep = ">"

// RouteKey is the route key of a record's path (graph.Flow.Path: its
// countries in route order, origin, vias, destination) joined by
// RouteSep, "NG>LY>IT". Two records have the same key when they have the
// same route, and keys sort by origin first.
func RouteKey(path []string) string { return strings.Join(path, RouteSep) }

// MaxSources bounds the distinct sources a :Dataset node lists; with
// more, readers count them from the records.
const MaxSources = 10000

// SourcesParam is $sources of SwitchDataset for the sorted distinct
// non-empty sources of the records: null when more than MaxSources.
func SourcesParam(list []string) any {
	if len(list) > MaxSources {
		return nil
	}
	return Strings(list)
}

// SwitchParams are the parameters of SwitchDataset and CreateTransit
// for the unfiltered leg graph lg of a dataset (every record) and its
// records' sources (SourcesParam; a leg graph built without keeping its
// records has none of them): the records' totals and $transit. Transit
// below minCount is left out (a script export under --min-count), which
// sets legs_complete to false unless complete says the legs are all
// written.
func SwitchParams(lg *graph.LegGraph, sources any, minCount int, complete bool) map[string]any {
	t := lg.Totals()
	var forms, formVictims, measures, measureVictims, periods []any
	for _, f := range slices.Sorted(maps.Keys(t.ByForm)) {
		forms, formVictims = append(forms, f.String()), append(formVictims, t.ByForm[f])
	}
	for _, m := range slices.Sorted(maps.Keys(t.ByMeasure)) {
		measures, measureVictims = append(measures, m.String()), append(measureVictims, t.ByMeasure[m])
	}
	for _, p := range t.Periods {
		periods = append(periods, p.String())
	}
	transit := []any{}
	for i, tr := range lg.Index.Transit {
		if tr.Records == 0 {
			continue
		}
		if tr.Victims != 0 && tr.Victims < minCount {
			complete = false
			continue
		}
		transit = append(transit, map[string]any{"code": lg.Index.Codes[i], "victims": tr.Victims, "records": tr.Records})
	}
	return map[string]any{"domestic": t.Domestic, "forms": forms, "form_victims": formVictims,
		"measures": measures, "measure_victims": measureVictims, "periods": periods, "sources": sources,
		"transit": transit, "legs_complete": complete}
}

// Accounting are the parameters $set_aside, $censored, $indicators and
// $name_matches of SwitchDataset: ds's SetAside, Censored, Indicators and
// NameMatches, each as JSON text.
func Accounting(ds *graph.Dataset) (map[string]any, error) {
	p := map[string]any{}
	for key, v := range map[string]any{"set_aside": ds.SetAside, "censored": ds.Censored, "indicators": ds.Indicators, "name_matches": ds.NameMatches} {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("dataset %s: %s: %w", ds.Name, key, err)
		}
		p[key] = string(b)
	}
	return p, nil
}

// ReadAccounting sets ds's SetAside, Censored, Indicators and
// NameMatches from the JSON texts of Accounting (by key; an absent or
// empty one, from a load before they were stored, leaves its field).
func ReadAccounting(ds *graph.Dataset, texts map[string]string) error {
	for key, dst := range map[string]any{"set_aside": &ds.SetAside, "censored": &ds.Censored, "indicators": &ds.Indicators, "name_matches": &ds.NameMatches} {
		if texts[key] == "" {
			continue
		}
		if err := json.Unmarshal([]byte(texts[key]), dst); err != nil {
			return fmt.Errorf("property %s: %w", key, err)
		}
	}
	return nil
}

// LegRows are the rows of legs.
func LegRows(legs []*graph.Leg) []any {
	rows := make([]any, len(legs))
	for i, l := range legs {
		vecs, years := []any{}, []any{}
		for _, vv := range l.Vectors() {
			vecs = append(vecs, vv.Vector.String())
		}
		for _, y := range l.Years {
			years = append(years, y)
		}
		rows[i] = map[string]any{
			"from": l.From, "to": l.To, "victims": l.Victims, "records": l.Records, "vectors": vecs, "years": years,
			"land": l.ByVector[graph.Land], "sea": l.ByVector[graph.Sea], "air": l.ByVector[graph.Air], "unknown": l.ByVector[graph.VectorUnknown],
		}
	}
	return rows
}

// Step is one statement of the group writes with all its rows.
type Step struct {
	Op, Cypher string
	Rows       []any
}

// GroupSteps are the writes of ds's groups, persons, memberships, ties and
// OPERATES relationships, in order (none when ds has no group).
func GroupSteps(ds *graph.Dataset) []Step {
	var operates []any
	for i := range ds.Flows {
		for _, g := range ds.Flows[i].Groups {
			operates = append(operates, OperatesRow(g, ds.Flows[i].ID))
		}
	}
	return GroupStepsOf(ds, operates)
}

// GroupStepsOf is GroupSteps with the OPERATES rows of ds's records given
// (OperatesRow, in record order), for records ds does not hold.
func GroupStepsOf(ds *graph.Dataset, operates []any) []Step {
	if len(ds.Groups) == 0 && len(ds.Members) == 0 {
		return nil
	}
	groups := make([]any, len(ds.Groups))
	for i, g := range ds.Groups {
		groups[i] = map[string]any{"id": g.ID, "name": g.Name, "countries": Strings(g.Countries),
			"structure": g.Structure, "source": g.Source, "seq": i}
	}
	var persons []any
	seen := map[string]bool{}
	members := make([]any, len(ds.Members))
	for i, p := range ds.Members {
		if !seen[p.ID] {
			seen[p.ID] = true
			persons = append(persons, map[string]any{"id": p.ID, "gender": p.Gender, "nationality": p.Nationality, "former_victim": p.FormerVictim})
		}
		members[i] = map[string]any{"group": p.Group, "person": p.ID, "role": string(p.Role), "gender": p.Gender,
			"nationality": p.Nationality, "country": p.Country, "former_victim": p.FormerVictim, "seq": i}
	}
	ties := make([]any, len(ds.Ties))
	for i, t := range ds.Ties {
		row := map[string]any{"group": t.Group, "from": t.From, "to": t.To, "kind": string(t.Kind), "directed": t.Directed, "seq": i}
		// A key left out reads as null, and Neo4j stores no null property.
		if t.Weight != 0 {
			row["weight"] = t.Weight
		}
		if !t.Period.IsZero() {
			row["year_from"], row["year_to"] = t.Period.From, t.Period.To
		}
		ties[i] = row
	}
	return []Step{
		{"write groups", CreateGroups, groups},
		{"write persons", CreatePersons, persons},
		{"write members", CreateMemberships, members},
		{"write ties", CreateTies, ties},
		{"write operates", CreateOperates, operates},
	}
}

// OperatesRow is the row of CreateOperates for the flow of id flow run
// by group.
func OperatesRow(group, flow string) map[string]any {
	return map[string]any{"group": group, "flow": flow}
}

// Strings converts a list of strings to the []any a parameter takes.
func Strings(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}
