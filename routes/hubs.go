package routes

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// HubMetric names a way to rank countries.
type HubMetric string

// Hub metrics, the values of hubs --by (docs/methods.md defines them).
const (
	ByTransit     HubMetric = "transit"
	ByBetweenness HubMetric = "betweenness"
	ByPageRank    HubMetric = "pagerank"
	ByInflow      HubMetric = "inflow"
	ByOutflow     HubMetric = "outflow"
	// ByThroughput ranks by inflow + outflow, for data that records no
	// transit.
	ByThroughput HubMetric = "throughput"
)

// HubMetrics lists the metrics in the order the CLI documents them.
var HubMetrics = []HubMetric{ByTransit, ByBetweenness, ByPageRank, ByInflow, ByOutflow, ByThroughput}

// ParseHubMetric checks a metric name.
func ParseHubMetric(s string) (HubMetric, error) {
	if s == "" {
		return ByTransit, nil
	}
	if slices.Contains(HubMetrics, HubMetric(s)) {
		return HubMetric(s), nil
	}
	return "", fmt.Errorf("unknown hub metric %q (want transit, betweenness, pagerank, inflow, outflow or throughput)", s)
}

// Hub is every metric of one country.
type Hub struct {
	Country string `json:"country"`
	Name    string `json:"name"`
	// Transit is the victims of the records that pass through the
	// country as a via.
	Transit graph.Count `json:"transit"`
	// Inflow and Outflow are the victims on the legs into and out of the
	// country; a domestic leg (A -> A) counts in both.
	Inflow  graph.Count `json:"inflow"`
	Outflow graph.Count `json:"outflow"`
	// Throughput is Inflow + Outflow.
	Throughput  graph.Count `json:"throughput"`
	Betweenness float64     `json:"betweenness"`
	PageRank    float64     `json:"pagerank"`
	// Groups is the number of trafficker groups operating in the country
	// (groups.PerCountry); Hubs leaves it 0, HubGroups fills it.
	Groups int `json:"groups"`
	// OnCycle says whether the country lies on a cycle of routes
	// (StronglyConnected).
	OnCycle bool `json:"on_cycle"`
}

// HubGroups sets the Groups count of every hub from ds's groups and the
// filtered records of lg (see groups.PerCountry).
func HubGroups(hubs []Hub, ds *graph.Dataset, lg *graph.LegGraph) {
	count := groups.PerCountry(ds, lg.Flows)
	for i := range hubs {
		hubs[i].Groups = count[hubs[i].Country]
	}
}

// Hubs computes every metric for every country of the leg graph and sorts
// them by the chosen metric (descending, ties by country code).
// Betweenness uses leg lengths c (hops, or 1/victims).
// OnCycle comes from StronglyConnected.
// The time complexity is that of Betweenness.
func Hubs(ctx context.Context, lg *graph.LegGraph, by HubMetric, c Cost) ([]Hub, error) {
	ix := lg.Index
	// The library's map-heavy search runs beside the metrics, on the core
	// PageRank leaves idle.
	found := make(chan *Cycles, 1)
	go func() { found <- StronglyConnected(lg) }()
	bc, err := Betweenness(ctx, ix, c)
	if err != nil {
		return nil, err
	}
	pr, err := PageRank(ctx, ix)
	if err != nil {
		return nil, err
	}
	cycles := <-found
	hubs := make([]Hub, ix.N())
	for i, code := range ix.Codes {
		h := &hubs[i]
		h.Country, h.Name = code, lg.Country(code).Name
		h.Transit = graph.Count(ix.Transit[i].Victims)
		h.Betweenness, h.PageRank = bc[i], pr[i]
		h.OnCycle = cycles.OnCycle(code)
		for _, a := range ix.Out[i] {
			h.Outflow += graph.Count(a.Victims)
		}
		for _, a := range ix.In[i] {
			h.Inflow += graph.Count(a.Victims)
		}
		h.Throughput = h.Inflow + h.Outflow
	}
	key := func(h *Hub) float64 {
		switch by {
		case ByBetweenness:
			return h.Betweenness
		case ByPageRank:
			return h.PageRank
		case ByInflow:
			return float64(h.Inflow)
		case ByOutflow:
			return float64(h.Outflow)
		case ByThroughput:
			return float64(h.Throughput)
		}
		return float64(h.Transit)
	}
	slices.SortStableFunc(hubs, func(a, b Hub) int {
		if c := cmp.Compare(key(&b), key(&a)); c != 0 {
			return c
		}
		return cmp.Compare(a.Country, b.Country)
	})
	return hubs, nil
}

// TransitVolume returns, for each country that is a via of a filtered
// record, the victims of those records.
func TransitVolume(lg *graph.LegGraph) map[string]int {
	t := map[string]int{}
	for i, tr := range lg.Index.Transit {
		if tr.Records > 0 {
			t[lg.Index.Codes[i]] = tr.Victims
		}
	}
	return t
}

// ParseBetweennessWeight reads the leg length of betweenness: "hops"
// (or empty) or "inverse-victims".
func ParseBetweennessWeight(s string) (Cost, error) {
	switch s {
	case "", "hops":
		return ByHops, nil
	case "inverse-victims":
		return ByVictims, nil
	}
	return 0, optionErr("weight", "%q: want hops or inverse-victims", s)
}

// HubsQuery says how to rank hubs.
type HubsQuery struct {
	Filter graph.Filter
	By     HubMetric
	// Cost is the leg length of betweenness (ByHops or ByVictims).
	Cost Cost
	// Top keeps the first Top countries (0: all).
	Top int
}

// Check validates the query.
func (q *HubsQuery) Check() error { return checkTop(q.Top) }

// HubsResult is the ranked hubs of a dataset under a filter.
type HubsResult struct {
	By      string           `json:"by"`
	Weight  string           `json:"betweenness_weight"`
	Filter  graph.FilterJSON `json:"filter"`
	Dataset string           `json:"dataset"`
	Hubs    []Hub            `json:"hubs"`
	// Note says why the ranking is not the one asked for.
	Note string `json:"note,omitempty"`
	// FilterText is the filter in words.
	FilterText string `json:"-"`
}

// Run builds the leg graph of ds under the filter, computes every metric
// of every country (Hubs) with the groups operating there (HubGroups),
// and keeps the first Top.
func (q HubsQuery) Run(ctx context.Context, ds *graph.Dataset) (*HubsResult, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	lg, err := graph.NewLegGraph(ds, q.Filter)
	if err != nil {
		return nil, err
	}
	return q.RunGraph(ctx, lg, ds)
}

// RunGraph ranks the countries of lg, the leg graph of ds under
// q.Filter (built by a store, or by NewLegGraph); ds gives the groups,
// and lg.Flows must hold at least the filtered records that name one.
func (q HubsQuery) RunGraph(ctx context.Context, lg *graph.LegGraph, ds *graph.Dataset) (*HubsResult, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	if q.By == "" {
		q.By = ByTransit
	}
	note := ""
	if q.By == ByTransit && !HasTransit(lg) {
		q.By = ByThroughput
		note = NoTransitNote + ": ranked by throughput (inflow + outflow) instead of transit."
	}
	hubs, err := Hubs(ctx, lg, q.By, q.Cost)
	if err != nil {
		return nil, err
	}
	HubGroups(hubs, ds, lg)
	if q.Top > 0 && len(hubs) > q.Top {
		hubs = hubs[:q.Top]
	}
	weight := "hops"
	if q.Cost == ByVictims {
		weight = "inverse-victims"
	}
	return &HubsResult{By: string(q.By), Weight: weight, Filter: q.Filter.JSON(), Dataset: lg.Dataset, Hubs: hubs, Note: note, FilterText: lg.Filter.String()}, nil
}

// NoTransitNote says that the filtered records name no transit country.
const NoTransitNote = "The records name no transit country (no via)"

// HasTransit reports whether a filtered record of lg passes through a
// transit country.
func HasTransit(lg *graph.LegGraph) bool {
	for _, t := range lg.Index.Transit {
		if t.Records > 0 {
			return true
		}
	}
	return false
}

// Suppress: throughput = inflow + outflow.
func (h *Hub) Suppress(s *privacy.State) {
	s.Complement(&h.Throughput, &h.Inflow, &h.Outflow)
}
