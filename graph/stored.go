package graph

import "time"

// StoredDataset describes one dataset held by a store (a team's Neo4j):
// what `datasets --neo4j` lists.
type StoredDataset struct {
	Name    string `json:"name"`
	Records int    `json:"records"`
	Victims Count  `json:"victims"`
	// FirstYear and LastYear bound the records' periods (0 when no record
	// has a period).
	FirstYear int `json:"first_year"`
	LastYear  int `json:"last_year"`
	// LoadedAt is when the dataset's current content became visible.
	LoadedAt time.Time `json:"loaded_at"`
	// Source says what the load read (its --data), empty when the load
	// did not say (datasets loaded before tipgraph recorded it).
	Source string `json:"source"`
}

// Years is the span of the records' periods ("2003-2007", "2006", or ""
// when none has a period).
func (d StoredDataset) Years() string {
	if d.FirstYear == 0 && d.LastYear == 0 {
		return ""
	}
	return Period{From: d.FirstYear, To: d.LastYear}.String()
}

// StoredDatasets is the list of a store's datasets, by name.
type StoredDatasets struct {
	// Store names the store (its address, without credentials).
	Store    string          `json:"store"`
	Datasets []StoredDataset `json:"datasets"`
}

// Span returns the first and last year of the records' periods, 0 and 0
// when no record has one.
func (ds *Dataset) Span() (first, last int) {
	for i := range ds.Flows {
		p := ds.Flows[i].Period
		if p.IsZero() {
			continue
		}
		if first == 0 || p.From < first {
			first = p.From
		}
		last = max(last, p.To)
	}
	return first, last
}

// Span returns the first and last year of the periods of flows, 0 and 0
// when none has one (Dataset.Span for a selection of records).
func Span(flows []*Flow) (first, last int) {
	for _, f := range flows {
		first, last = widen(first, last, f.Period)
	}
	return first, last
}

// TallySpan is Span of tallies.
func TallySpan(tallies []Tally) (first, last int) {
	for _, t := range tallies {
		first, last = widen(first, last, t.Period)
	}
	return first, last
}

// widen widens the span first..last (0, 0: none yet) to p, unless p is
// zero.
func widen(first, last int, p Period) (int, int) {
	if p.IsZero() {
		return first, last
	}
	if first == 0 || p.From < first {
		first = p.From
	}
	return first, max(last, p.To)
}
