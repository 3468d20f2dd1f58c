package exports

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
	"github.com/tipgraph/tipgraph/graph/neo4j"
	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/storetest"
)

// cypherDataset is a dataset name no other test uses.
const cypherDataset = "exports-cypher-test"

// TestCypherLoadsIntoNeo4j runs the script of toc2010 (and of the
// escapes dataset, the store tests' tricky one, with groups whose text
// holds Cypher, and their weighted network of dated calls) against the test Neo4j, reads the dataset back with
// graph/neo4j and compares its summary, records and groups with the ones
// in memory. It skips without NEO4J_TEST_URI, except under CI=true.
func TestCypherLoadsIntoNeo4j(t *testing.T) {
	srv := graphtest.Neo4j(t)
	uri, user := srv.URI, srv.User
	ctx := context.Background()
	drv, err := driver.NewDriverWithContext(uri, driver.BasicAuth(user, srv.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	for _, c := range []struct {
		name string
		ds   *graph.Dataset
	}{{cypherDataset, toc2010(t)}, {cypherDataset + "-escapes", escapes(t)}, {cypherDataset + "-tricky", graphtest.Tricky()},
		{cypherDataset + "-calls", calls(t)}, {cypherDataset + "-accounting", accounting(t)}} {
		t.Run(c.name, func(t *testing.T) {
			ds := *c.ds
			ds.Name = c.name
			var script bytes.Buffer
			if err := Cypher(&script, &ds, 0); err != nil {
				t.Fatal(err)
			}
			// Twice: the script replaces a dataset of the same name.
			for range 2 {
				runScript(t, ctx, drv, script.String())
			}
			st, err := neo4j.Open(ctx, neo4j.Config{URI: uri, User: user, Password: srv.Password, Datasets: []string{c.name}})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close(ctx)
			defer st.Drop(ctx, c.name)
			back, err := st.Dataset(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := summary(t, &ds)
			got := summary(t, back)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("summary after the script:\n got %+v\nwant %+v", got, want)
			}
			if !reflect.DeepEqual(normal(back.Flows), normal(ds.Flows)) {
				t.Error("flows read back differ from the dataset")
			}
			graphtest.SameGroups(t, back, &ds)
			graphtest.SameAccounting(t, back, &ds)
			for code, c := range ds.Countries {
				if back.Countries[code] != c {
					t.Errorf("country %s read back as %+v, want %+v", code, back.Countries[code], c)
				}
			}
			// The legs, transit, totals and cells the script wrote serve
			// the aggregated analyses (filtered ones and emerging from the
			// cells) as load's do.
			if n := countCells(t, ctx, drv, c.name); n != 1 {
				t.Errorf("the script's load has cells %d times, want 1", n)
			}
			storetest.SameAggregates(t, st, &ds)
		})
	}
}

// countCells counts the loads of dataset name that say they wrote their
// cells.
func countCells(t *testing.T, ctx context.Context, drv driver.DriverWithContext, name string) int64 {
	t.Helper()
	res, err := driver.ExecuteQuery(ctx, drv, `MATCH (l:Load {dataset: $name}) WHERE l.cells RETURN count(l)`,
		map[string]any{"name": name}, driver.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := res.Records[0].Values[0].(int64)
	return n
}

// calls is the conformance suite's network of weighted, dated calls.
func calls(t *testing.T) *graph.Dataset {
	t.Helper()
	for _, ds := range storetest.Datasets(t) {
		if ds.Name == "calls" {
			return ds
		}
	}
	t.Fatal("the conformance suite has no dataset calls")
	return nil
}

// accounting is the conformance suite's dataset with rows set aside,
// censored cells, indicators and names to review, with Italy renamed
// (markup and a quote) and moved as a countries.csv does.
func accounting(t *testing.T) *graph.Dataset {
	t.Helper()
	for _, ds := range storetest.Datasets(t) {
		if ds.SetAside.Rows > 0 && ds.Censored.Cells > 0 {
			it := ds.Countries["IT"]
			it.Name, it.Lat, it.Lon = `<i>Italia</i> l'"antica"`, 1.25, -2.5
			ds.Countries["IT"] = it
			return ds
		}
	}
	t.Fatal("the conformance suite has no dataset with rows set aside and censored cells")
	return nil
}

func summary(t *testing.T, ds *graph.Dataset) routes.Summary {
	t.Helper()
	lg, err := graph.NewLegGraph(ds, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return routes.Summarize(lg)
}

// runScript runs each statement of a script (they end with ";" at the end
// of a line) in its own auto-commit transaction, as cypher-shell does.
func runScript(t *testing.T, ctx context.Context, drv driver.DriverWithContext, script string) {
	t.Helper()
	sess := drv.NewSession(ctx, driver.SessionConfig{AccessMode: driver.AccessModeWrite})
	defer sess.Close(ctx)
	n := 0
	for _, stmt := range strings.SplitAfter(script, ";\n") {
		var lines []string
		for _, l := range strings.Split(stmt, "\n") {
			if !strings.HasPrefix(l, "//") {
				lines = append(lines, l)
			}
		}
		q := strings.TrimSpace(strings.Join(lines, "\n"))
		if q == "" {
			continue
		}
		var err error
		for try := 0; try < 5; try++ { // other packages' tests change the schema too
			var res driver.ResultWithContext
			res, err = sess.Run(ctx, strings.TrimSuffix(q, ";"), nil)
			if err == nil {
				_, err = res.Consume(ctx)
			}
			if err == nil || !driver.IsRetryable(err) {
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
		if err != nil && neo4j.IsSchemaRuleExists(err) {
			continue // another package's test created the same index at the same moment
		}
		if err != nil {
			t.Fatalf("statement %d: %v\n%s", n, err, q[:min(len(q), 300)])
		}
		n++
	}
}
