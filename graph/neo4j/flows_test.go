package neo4j

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
)

// Every query that finds flows by load seeks the (load, id) index, which
// the schema keeps for them instead of an index on load alone: none
// scans the flows of every dataset.
func TestFlowsOfLoadsPlan(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	st := load(t, s, synthetic(200, 29), "flows-plan")
	t.Cleanup(func() { s.Drop(ctx, "flows-plan") })
	air := graph.Air
	where, _ := flowFilter(graph.Filter{Period: graph.Period{From: 2003, To: 2006}, Vector: &air})
	p := map[string]any{"loads": []any{st.Load}, "load": st.Load, "stale": st.Load, "codes": []any{"NG"},
		"parts": 2, "part": 0, "from_year": 2003, "to_year": 2006, "vector": "air"}
	for name, cypher := range map[string]string{
		"readFlowsWhere":         readFlowsWhere(""),
		"readFlowsWhere(filter)": readFlowsWhere(where),
		"aggregateLegs":          fmt.Sprintf(aggregateLegs, ""),
		"aggregateTotals":        fmt.Sprintf(aggregateTotals, where),
		"aggregateRoutes":        fmt.Sprintf(aggregateRoutes, ""),
		"streamWhatIf":           fmt.Sprintf(streamWhatIf, where),
		"deleteStale":            deleteStale,
		"countStaged":            countStaged,
	} {
		seeks := 0
		walkPlan(explain(t, s, cypher, p), "", func(op, parent string, p planNode) {
			switch op {
			case "NodeIndexSeek":
				if !strings.Contains(p.Details, "f:Flow(load, id)") {
					t.Errorf("%s seeks %s, not the (load, id) index", name, p.Details)
				}
				seeks++
			case "NodeByLabelScan", "AllNodesScan":
				t.Errorf("%s: %s under %s", name, op, parent)
			}
		})
		if seeks == 0 {
			t.Errorf("%s: no index seek", name)
		}
	}
}

// A record naming a country its dataset does not list (a streamed
// load keeps no record to find it in at the end) still has its :Country
// node, and its legs their LEG relationships: the switch finds every
// country a route names.
func TestLoadCountriesOnlyRecordsName(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	const name = "flows-unlisted"
	// Codes no other test or earlier run has written (Country nodes are
	// shared and outlive datasets): this load must write them.
	x, y := newLoadID()[8:], newLoadID()[8:]
	ds := &graph.Dataset{Name: name, Countries: map[string]graph.Country{
		"NG": {Code: "NG", Name: "Nigeria"}, "IT": {Code: "IT", Name: "Italy"}},
		Flows: []graph.Flow{{ID: "a", Origin: "NG", Destination: "IT", Victims: 1},
			{ID: "b", Origin: "NG", Destination: x, Via: []string{y}, Victims: 2}}}
	load(t, s, ds, name)
	t.Cleanup(func() {
		s.Drop(ctx, name)
		s.exec(ctx, "delete test countries", map[string]any{"codes": []any{x, y}}, `MATCH (c:Country) WHERE c.code IN $codes DETACH DELETE c`)
	})
	for _, tc := range []struct {
		cypher string
		want   int
	}{
		{`MATCH (c:Country) WHERE c.code IN ['` + x + `', '` + y + `'] RETURN count(c) + size($dataset) * 0`, 2},
		{`MATCH (:Country {code: 'NG'})-[l:LEG {dataset: $dataset}]->(:Country {code: '` + y + `'}) RETURN sum(l.victims)`, 2},
		{`MATCH (:Country {code: '` + y + `'})-[l:LEG {dataset: $dataset}]->(:Country {code: '` + x + `'}) RETURN sum(l.victims)`, 2},
		{`MATCH ()-[l:LEG {dataset: $dataset}]->() RETURN count(l)`, 3},
	} {
		if n := count(t, s, tc.cypher, name); n != tc.want {
			t.Errorf("%s = %d, want %d", tc.cypher, n, tc.want)
		}
	}
}
