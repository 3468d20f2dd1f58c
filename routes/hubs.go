package routes

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/tipgraph/tipgraph/graph"
)

// HubMetric names a way to rank countries.
type HubMetric string

// Hub metrics of SPEC section 4.
const (
	ByTransit     HubMetric = "transit"
	ByBetweenness HubMetric = "betweenness"
	ByPageRank    HubMetric = "pagerank"
	ByInflow      HubMetric = "inflow"
	ByOutflow     HubMetric = "outflow"
)

// HubMetrics lists the metrics in the order the CLI documents them.
var HubMetrics = []HubMetric{ByTransit, ByBetweenness, ByPageRank, ByInflow, ByOutflow}

// ParseHubMetric checks a metric name.
func ParseHubMetric(s string) (HubMetric, error) {
	if s == "" {
		return ByTransit, nil
	}
	if slices.Contains(HubMetrics, HubMetric(s)) {
		return HubMetric(s), nil
	}
	return "", fmt.Errorf("unknown hub metric %q (want transit, betweenness, pagerank, inflow or outflow)", s)
}

// Hub is every metric of one country.
type Hub struct {
	Country string `json:"country"`
	Name    string `json:"name"`
	// Transit is the victims of the records that pass through the
	// country as a via.
	Transit int `json:"transit"`
	// Inflow and Outflow are the victims on the legs into and out of the
	// country; a domestic leg (A -> A) counts in both.
	Inflow      int     `json:"inflow"`
	Outflow     int     `json:"outflow"`
	Betweenness float64 `json:"betweenness"`
	PageRank    float64 `json:"pagerank"`
	// Groups is the number of trafficker groups operating in the country
	// (GroupsPerCountry); Hubs leaves it 0, HubGroups fills it.
	Groups int `json:"groups"`
	// OnCycle says whether the country lies on a cycle of routes
	// (StronglyConnected).
	OnCycle bool `json:"on_cycle"`
}

// HubGroups sets the Groups count of every hub from ds's groups and the
// filtered records of lg (see GroupsPerCountry).
func HubGroups(hubs []Hub, ds *graph.Dataset, lg *graph.LegGraph) {
	count := GroupsPerCountry(ds, lg.Flows)
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
		h.Transit = ix.Transit[i].Victims
		h.Betweenness, h.PageRank = bc[i], pr[i]
		h.OnCycle = cycles.OnCycle(code)
		for _, a := range ix.Out[i] {
			h.Outflow += int(a.Victims)
		}
		for _, a := range ix.In[i] {
			h.Inflow += int(a.Victims)
		}
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
