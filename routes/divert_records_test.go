package routes_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/storetest"
)

// TestDivertRecordsMatchesRun: a what-if over a leg graph built without
// its records (graph.LegBuilder, records given back by Routes) equals
// the one over the records, for the sweep, single diversions and
// interdiction, under filters, at full and partial displacement.
func TestDivertRecordsMatchesRun(t *testing.T) {
	ctx := context.Background()
	air, sexual := graph.Air, graph.Sexual
	for _, ds := range []*graph.Dataset{graphtest.Tricky(), graphtest.Synthetic(20_000, 30, 5)} {
		for _, flt := range []graph.Filter{{}, {Period: graph.Period{From: 2003, To: 2007}}, {Vector: &air}, {Form: &sexual}} {
			b := graph.NewLegBuilder(flt).KeepRoutes()
			add := []func(int64, []graph.Flow){b.Worker(), b.Worker()}
			for lo := 0; lo < len(ds.Flows); lo += 1000 { // as ingest.Stream hands them over
				hi := min(len(ds.Flows), lo+1000)
				add[lo/1000%2](int64(lo), ds.Flows[lo:hi])
			}
			lg := b.Graph(ds.Name, ds.Countries)
			top := routes.TransitVolume(lg)
			var remove []string
			for _, c := range lg.Index.Codes {
				if top[c] > 0 && len(remove) < 2 {
					remove = append(remove, c)
				}
			}
			for _, d := range []float64{1, 0.35} {
				for _, q := range storetest.DivertQueries(flt, remove, d) {
					got, err1 := q.RunRecords(ctx, lg, b.Routes)
					want, err2 := q.Run(ctx, ds)
					name := fmt.Sprintf("%s %v: remove %v each %v displacement %v", ds.Name, flt, q.Remove, q.Each, d)
					if fmt.Sprint(err1) != fmt.Sprint(err2) || !reflect.DeepEqual(got, want) {
						t.Errorf("%s differs:\n got %+v (%v)\nwant %+v (%v)", name, got, err1, want, err2)
					}
				}
				iq := routes.InterdictQuery{Filter: flt, InterdictOptions: routes.InterdictOptions{K: 2, Displacement: d}}
				got, err1 := iq.RunRecords(ctx, lg, b.Routes)
				want, err2 := iq.Run(ctx, ds)
				if fmt.Sprint(err1) != fmt.Sprint(err2) || !reflect.DeepEqual(got, want) {
					t.Errorf("%s %v: interdict 2 at %v differs:\n got %+v (%v)\nwant %+v (%v)", ds.Name, flt, d, got, err1, want, err2)
				}
			}
		}
	}
}
