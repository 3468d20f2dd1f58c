package neo4j

import (
	"context"
	"fmt"
	"strings"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/neo4j/model"
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

// A batch naming a country the database lacks fails whole (a row is
// never dropped because its country is missing) and writes nothing.
func TestCreateFlowsMissingCountry(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	load := newLoadID()
	var codes model.Codes
	rows := model.FlowRows([]graph.Flow{{ID: "a", Origin: "NG", Destination: "IT", Victims: 1},
		{ID: "b", Origin: "NG", Destination: "QQ", Via: []string{"IT"}, Victims: 2}}, 0, &codes)
	if err := s.exec(ctx, "write countries", map[string]any{"rows": []any{
		model.SharedCountryRow("NG", nil), model.SharedCountryRow("IT", nil)}}, model.MergeCountries); err != nil {
		t.Fatal(err)
	}
	err := s.writeBatch(ctx, rows, codes.List(), "flows-missing", load)
	if err == nil || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("writeBatch = %v, want Neo4j's error for the missing node", err)
	}
	sess := s.drv.NewSession(ctx, driver.SessionConfig{DatabaseName: s.cfg.Database})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, countStaged, map[string]any{"load": load})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := res.Single(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := rec.Values[0].(int64); n != 0 {
		t.Errorf("%d flows written by the failed batch, want 0", n)
	}
}
