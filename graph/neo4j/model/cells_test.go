package model

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
)

// filters asks every kind of filter of the records, alone and together.
func filters() []graph.Filter {
	var out []graph.Filter
	periods := []graph.Period{{}, graph.Year(2006), {From: 2003, To: 2007}, {From: 1990, To: 2010}}
	for _, p := range periods {
		out = append(out, graph.Filter{Period: p})
		for v := range graph.Vector(4) {
			out = append(out, graph.Filter{Period: p, Vector: &v})
		}
		for f := range graph.Form(4) {
			for m := range graph.Measure(3) {
				out = append(out, graph.Filter{Period: p, Form: &f, Measure: &m})
			}
		}
	}
	return out
}

// A record's cell passes exactly the filters the record passes, and its key
// reads back as the cell.
func TestCellKeep(t *testing.T) {
	ds := graphtest.Tricky()
	ds.Flows = append(ds.Flows, graphtest.Synthetic(500, 20, 7).Flows...)
	ds.Flows = append(ds.Flows, graph.Flow{ID: "novec", Origin: "AA", Destination: "BB", Victims: 3})
	for i := range ds.Flows {
		f := &ds.Flows[i]
		c := recordCell(f)
		for leg := range graph.Vector(4) {
			for last := range 2 {
				c.Leg, c.Last = leg, last
				back, err := ParseCell(c.Key())
				if err != nil || back != c {
					t.Fatalf("%s: cell %+v reads back as %+v, %v", f.ID, c, back, err)
				}
			}
		}
		for _, flt := range filters() {
			if got, want := c.Keep(flt), flt.Keep(f); got != want {
				t.Errorf("%s (vectors %v) under %s: cell keeps %v, record %v", f.ID, f.Vectors, flt, got, want)
			}
		}
	}
}

func TestParseCellRefuses(t *testing.T) {
	for _, k := range []int64{-1, 2005200410000, 2005200590000, 2005200505000, 2005200500600, 2005200500090, 2005200500002, 2200220000000,
		2005200540000, 2005200503000, 2005200500040} { // the first form, measure and leg vector past the named ones
		if c, err := ParseCell(k); err == nil {
			t.Errorf("ParseCell(%d) = %+v, want an error", k, c)
		}
	}
}

// The cells add up to the leg graph of every filter: legs, their vectors
// and years, and transit, as graph.NewLegGraph sums the records.
func TestCellRowsSumLegs(t *testing.T) {
	ds := graphtest.Tricky()
	legRows, pairRows, _ := CellRows(ds)
	for _, flt := range filters() {
		lg, err := graph.NewLegGraph(ds, flt)
		if err != nil {
			t.Fatal(err)
		}
		type sum struct{ victims, records, transit int }
		got := map[[2]string]sum{}
		transit := map[string]int{}
		for _, r := range legRows {
			row := r.(map[string]any)
			from, to := row["from"].(string), row["to"].(string)
			for i, k := range row["keys"].([]any) {
				c, err := ParseCell(int64(k.(int)))
				if err != nil {
					t.Fatal(err)
				}
				if !c.Keep(flt) {
					continue
				}
				s := got[[2]string{from, to}]
				s.victims += row["victims"].([]any)[i].(int)
				s.records += row["records"].([]any)[i].(int)
				got[[2]string{from, to}] = s
				if c.Last == 1 {
					transit[to] += row["victims"].([]any)[i].(int)
				}
			}
		}
		if len(got) != len(lg.Index.Legs) {
			t.Errorf("%s: %d legs from cells, %d from records", flt, len(got), len(lg.Index.Legs))
		}
		for _, l := range lg.Index.Legs {
			if s := got[[2]string{l.From, l.To}]; s.victims != l.Victims || s.records != l.Records {
				t.Errorf("%s: leg %s-%s: cells %d victims %d records, records %d, %d", flt, l.From, l.To, s.victims, s.records, l.Victims, l.Records)
			}
		}
		for i, tr := range lg.Index.Transit {
			if code := lg.Index.Codes[i]; transit[code] != tr.Victims {
				t.Errorf("%s: transit of %s: cells %d, records %d", flt, code, transit[code], tr.Victims)
			}
		}
		records := 0
		for _, r := range pairRows {
			row := r.(map[string]any)
			for i, k := range row["keys"].([]any) {
				if c, _ := ParseCell(int64(k.(int))); c.Keep(flt) {
					records += row["records"].([]any)[i].(int)
				}
			}
		}
		if records != len(lg.Flows) {
			t.Errorf("%s: origin-destination cells hold %d records, want %d", flt, records, len(lg.Flows))
		}
	}
}

// randomFlows are n records over countries codes, with up to two vias,
// years 2000-2009 and every form, measure and vector: about as many
// distinct cells a leg as generated data has (a seed each).
func randomFlows(n, countries int, seed uint64) []graph.Flow {
	rng := rand.New(rand.NewPCG(seed, 1))
	code := func() string { return fmt.Sprintf("C%03d", rng.IntN(countries)) }
	flows := make([]graph.Flow, n)
	for i := range flows {
		f := graph.Flow{ID: fmt.Sprint(i), Origin: code(), Destination: code(), Victims: 1 + rng.IntN(200),
			Form: graph.Form(rng.IntN(4)), Measure: graph.Measure(rng.IntN(3)), Source: fmt.Sprint("s", rng.IntN(5))}
		for range rng.IntN(3) {
			f.Via = append(f.Via, code())
		}
		if y := rng.IntN(12); y < 10 {
			f.Period = graph.Year(2000 + y)
		}
		for range len(f.Via) + 1 {
			if rng.IntN(6) > 0 {
				f.Vectors = append(f.Vectors, graph.Vector(rng.IntN(4)))
			}
		}
		flows[i] = f
	}
	return flows
}

// TestCellSumsMerge: legs met by thousands of records, whose cells are
// merged many times as they are added, hold the sums of a map by key
// (the keys as Add takes them: TestCellRowsSumLegs checks those).
func TestCellSumsMerge(t *testing.T) {
	flows := randomFlows(20000, 4, 7)
	c := NewCellSums()
	want := map[[2]string]map[int64][2]int{}
	for i := range flows {
		f := &flows[i]
		c.Add(f)
		eachLegCell(f, recordCell(f), func(from, to string, key int64) {
			k := [2]string{from, to}
			if want[k] == nil {
				want[k] = map[int64][2]int{}
			}
			v := want[k][key]
			want[k][key] = [2]int{v[0] + f.Victims, v[1] + 1}
		})
	}
	legs, _ := c.Rows()
	if len(legs) != len(want) {
		t.Fatalf("%d leg rows, want %d", len(legs), len(want))
	}
	for _, r := range legs {
		row := r.(map[string]any)
		w := want[[2]string{row["from"].(string), row["to"].(string)}]
		keys := row["keys"].([]any)
		if len(keys) != len(w) {
			t.Fatalf("leg %s-%s: %d cells, want %d", row["from"], row["to"], len(keys), len(w))
		}
		for i, k := range keys {
			if i > 0 && k.(int) <= keys[i-1].(int) {
				t.Fatalf("leg %s-%s: keys out of order at %d", row["from"], row["to"], i)
			}
			got := [2]int{row["victims"].([]any)[i].(int), row["records"].([]any)[i].(int)}
			if got != w[int64(k.(int))] {
				t.Fatalf("leg %s-%s, cell %d: %v, want %v", row["from"], row["to"], k, got, w[int64(k.(int))])
			}
		}
	}
}

// BenchmarkCellSumsAdd: the cells of 200,000 records over 200 countries
// summed and made into rows, as a load does beside writing them.
func BenchmarkCellSumsAdd(b *testing.B) {
	flows := randomFlows(200000, 200, 1)
	for b.Loop() {
		c := NewCellSums()
		for i := range flows {
			c.Add(&flows[i])
		}
		c.EachRow(func(bool, map[string]any) {})
	}
}
