package briefing

import (
	"cmp"
	"slices"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/routes"
)

// Hubs is the top hubs table.
type Hubs struct {
	// ByThroughput is set when the records name no transit country:
	// every transit volume is zero, so the table ranks by inflow +
	// outflow instead.
	ByThroughput bool
	Rows         []Hub
}

// Hub is one row of the hubs table.
type Hub struct {
	routes.Hub
	// Throughput is Inflow + Outflow.
	Throughput graph.Count
}

// rankHubs keeps the top countries of hubs (sorted by transit, then
// code), re-ranked by throughput (then code) when noTransit.
func rankHubs(hubs []routes.Hub, top int, noTransit bool) Hubs {
	rows := make([]Hub, len(hubs))
	for i, h := range hubs {
		rows[i] = Hub{Hub: h, Throughput: graph.Count(h.Inflow) + graph.Count(h.Outflow)}
	}
	if noTransit {
		slices.SortStableFunc(rows, func(x, y Hub) int {
			if c := cmp.Compare(y.Throughput, x.Throughput); c != 0 {
				return c
			}
			return cmp.Compare(x.Country, y.Country)
		})
	}
	return Hubs{ByThroughput: noTransit, Rows: rows[:min(top, len(rows))]}
}

// Suppress hides a shown throughput's part so that a hidden inflow or
// outflow is not the throughput minus the other.
func (h *Hubs) Suppress(s *privacy.State) {
	if !h.ByThroughput {
		return
	}
	for i := range h.Rows {
		r := &h.Rows[i]
		s.Complement(&r.Throughput, &r.Inflow, &r.Outflow)
	}
}
