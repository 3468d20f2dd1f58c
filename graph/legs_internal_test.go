package graph

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestParallelLegsMatchSequential: aggregating on every core gives the
// same leg graph as one pass.
func TestParallelLegsMatchSequential(t *testing.T) {
	codes := []string{"NG", "IT", "LY", "BR", "SR", "NL", "RO", "ES", "XYZ"}
	r := rand.New(rand.NewPCG(4, 2))
	ds := &Dataset{}
	for i := range 5000 {
		o, d := codes[r.IntN(len(codes))], codes[r.IntN(len(codes))]
		var via []string
		if v := codes[r.IntN(len(codes))]; v != o && v != d && r.IntN(2) == 0 {
			via = append(via, v)
		}
		vec := make([]Vector, len(via)+1)
		for j := range vec {
			vec[j] = Vector(r.IntN(int(numVectors)))
		}
		y := 2000 + r.IntN(10)
		ds.Flows = append(ds.Flows, Flow{ID: string(rune(i)), Origin: o, Destination: d, Via: via, Vectors: vec,
			Victims: r.IntN(50), Period: Period{y, y + r.IntN(3)}})
	}
	defer func(n int) { parallelLegs = n }(parallelLegs)
	for _, flt := range []Filter{{}, {Period: Period{2003, 2008}}} {
		parallelLegs = 1 << 40
		seq, err := NewLegGraph(ds, flt)
		if err != nil {
			t.Fatal(err)
		}
		parallelLegs = 10
		par, err := NewLegGraph(ds, flt)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(seq.Index.Codes, par.Index.Codes) || !reflect.DeepEqual(seq.Index.Legs, par.Index.Legs) ||
			!reflect.DeepEqual(seq.Flows, par.Flows) || !reflect.DeepEqual(seq.Index.Out, par.Index.Out) {
			t.Errorf("filter %v: parallel aggregation differs from one pass", flt)
		}
		// Transit, straight from the kept records.
		want := make([]Transit, len(par.Index.Codes))
		for _, f := range par.Flows {
			for _, v := range f.Via {
				i, _ := par.Index.ID(v)
				want[i].Victims += f.Victims
				want[i].Records++
			}
		}
		if !reflect.DeepEqual(seq.Index.Transit, want) || !reflect.DeepEqual(par.Index.Transit, want) {
			t.Errorf("filter %v: transit %v (one pass) and %v (parallel), want %v", flt, seq.Index.Transit, par.Index.Transit, want)
		}
	}
}
