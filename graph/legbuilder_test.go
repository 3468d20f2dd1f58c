package graph_test

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
)

// TestLegBuilderMatchesNewLegGraph: records handed to a LegBuilder in
// batches of random sizes, by several workers in an order of their own,
// build the leg graph NewLegGraph builds from the same records: the same
// codes, legs, transit and totals, and Flows the filtered records that
// name a group, in dataset order; and Routes gives the route and victims
// of every filtered record in dataset order.
func TestLegBuilderMatchesNewLegGraph(t *testing.T) {
	air, sexual, estimated := graph.Air, graph.Sexual, graph.Estimated
	filters := []graph.Filter{{}, {Period: graph.Year(2006)}, {Period: graph.Period{From: 2003, To: 2007}},
		{Vector: &air}, {Form: &sexual}, {Measure: &estimated}, {Form: &sexual, Vector: &air, Period: graph.Period{From: 1990, To: 2010}}}
	synth := graphtest.Synthetic(6000, 40, 3)
	r := rand.New(rand.NewPCG(1, 7))
	for i := range synth.Flows {
		f := &synth.Flows[i]
		if r.IntN(50) == 0 {
			f.Groups = []string{"g" + string(rune('a'+r.IntN(5)))}
		}
		switch r.IntN(40) {
		case 0:
			f.Period = graph.Period{}
		case 1:
			f.Source = "second source"
		case 2:
			f.Measure = graph.Estimated
		}
	}
	for _, ds := range []*graph.Dataset{graphtest.Tricky(), synth, {Name: "empty"}} {
		for _, flt := range filters {
			t.Run(ds.Name+"/"+flt.String(), func(t *testing.T) {
				want, err := graph.NewLegGraph(ds, flt)
				if err != nil {
					t.Fatal(err)
				}
				b := buildInBatches(ds, flt, r)
				got := b.Graph(ds.Name, ds.Countries)
				same(t, "codes", got.Index.Codes, want.Index.Codes)
				same(t, "legs", got.Index.Legs, want.Index.Legs)
				same(t, "transit", got.Index.Transit, want.Index.Transit)
				same(t, "totals", got.Totals(), want.Totals())
				same(t, "victims", got.Victims(), want.Victims())
				var named []graph.Flow
				for _, f := range want.Flows {
					if len(f.Groups) > 0 {
						named = append(named, *f)
					}
				}
				var kept []graph.Flow
				for _, f := range got.Flows {
					kept = append(kept, *f)
				}
				same(t, "records naming a group", kept, named)
				type rec struct {
					o, d    string
					via     string
					victims int
				}
				var gotRoutes, wantRoutes []rec
				b.Routes(func(o, d string, via []string, victims int) bool {
					gotRoutes = append(gotRoutes, rec{o, d, strings.Join(via, ">"), victims})
					return true
				})
				for _, f := range want.Flows {
					wantRoutes = append(wantRoutes, rec{f.Origin, f.Destination, strings.Join(f.Via, ">"), f.Victims})
				}
				same(t, "routes", gotRoutes, wantRoutes)
				if got.Dataset != ds.Name || !reflect.DeepEqual(got.Filter, flt) {
					t.Errorf("graph of %q under %v, want %q under %v", got.Dataset, got.Filter, ds.Name, flt)
				}
			})
		}
	}
}

// buildInBatches hands ds's records to three workers of a LegBuilder in
// batches of random sizes, last batch first, each batch copied and
// overwritten after the worker returns (a reader reuses its buffers).
func buildInBatches(ds *graph.Dataset, flt graph.Filter, r *rand.Rand) *graph.LegBuilder {
	b := graph.NewLegBuilder(flt).KeepRoutes()
	workers := []func(int64, []graph.Flow){b.Worker(), b.Worker(), b.Worker()}
	type batch struct{ lo, hi int }
	var batches []batch
	for lo := 0; lo < len(ds.Flows); {
		hi := min(len(ds.Flows), lo+1+r.IntN(700))
		batches = append(batches, batch{lo, hi})
		lo = hi
	}
	for i := len(batches) - 1; i >= 0; i-- {
		bt := batches[i]
		buf := make([]graph.Flow, 0, bt.hi-bt.lo)
		for _, f := range ds.Flows[bt.lo:bt.hi] {
			f.Via = append([]string(nil), f.Via...)
			buf = append(buf, f)
		}
		workers[r.IntN(len(workers))](int64(bt.lo), buf)
		for j := range buf {
			for k := range buf[j].Via {
				buf[j].Via[k] = "overwritten"
			}
			buf[j] = graph.Flow{ID: "overwritten"}
		}
	}
	return b
}

func same(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s differs:\n got %+v\nwant %+v", what, got, want)
	}
}

// TestLegBuilderKeepsCopies: the graph's codes do not point into the
// bytes the records' texts came from (a reader's whole file).
func TestLegBuilderKeepsCopies(t *testing.T) {
	file := []byte("BI,FR,IN,X01,source")
	at := func(lo, hi int) string { return unsafe.String(&file[lo], hi-lo) }
	b := graph.NewLegBuilder(graph.Filter{}).KeepRoutes()
	b.Worker()(0, []graph.Flow{{Origin: at(0, 2), Destination: at(3, 5), Via: []string{at(6, 8), at(9, 12)}, Victims: 3, Source: at(13, 19)}})
	lg := b.Graph("t", nil)
	inFile := func(s string) bool {
		p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(&file[0]))
		return p >= lo && p < lo+uintptr(len(file))
	}
	var texts []string
	texts = append(texts, lg.Index.Codes...)
	for _, l := range lg.Index.Legs {
		texts = append(texts, l.From, l.To)
	}
	b.Routes(func(o, d string, via []string, _ int) bool {
		texts = append(append(texts, o, d), via...)
		return true
	})
	for _, s := range texts {
		if inFile(s) {
			t.Errorf("%q points into the records' bytes", s)
		}
	}
	if len(lg.Index.Codes) != 4 || lg.Totals().Sources != 1 {
		t.Errorf("codes %v, %d sources; want 4 codes and 1 source", lg.Index.Codes, lg.Totals().Sources)
	}
}
