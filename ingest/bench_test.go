package ingest_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
)

// syntheticFlows writes n flow records over real country codes: a few
// dominant origins and destinations, zero to two transit countries.
func syntheticFlows(n int) []byte {
	origins := strings.Fields("RO BG UA RU MD AL BR CO PY NG SL MA TN UG KE TH CN VN KH UZ TM CZ PL SK HU LT LV EE BY GE AM KZ KG TJ AF PK IN BD NP LK PH ID MM LA MN DO HT JM GH CM")
	dests := strings.Fields("IT ES NL DE FR GB BE AT CH PT GR TR SE DK NO IE FI LU PL CZ")
	vias := strings.Fields("RS HU SK AT SR GF LY MA TR UA RU GE AZ EG DZ")
	vecs := []string{"land", "sea", "air", ""}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(list []string) string {
		// Squared uniform: early entries dominate.
		u := r.Float64()
		return list[int(u*u*float64(len(list)))]
	}
	var b bytes.Buffer
	b.WriteString("id,origin,destination,via,vectors,victims,year,form,measure,source,groups\n")
	for i := range n {
		o, d := pick(origins), pick(dests)
		var via []string
		for range r.IntN(3) {
			v := vias[r.IntN(len(vias))]
			if v != o && v != d && !strings.Contains(strings.Join(via, ">"), v) {
				via = append(via, v)
			}
		}
		y := 2000 + r.IntN(11)
		fmt.Fprintf(&b, "r%d,%s,%s,%s,%s,%d,%d,sexual,detected,synthetic record %d,\n",
			i, o, d, strings.Join(via, ">"), vecs[r.IntN(len(vecs))], 1+r.IntN(200), y, i)
	}
	return b.Bytes()
}

// BenchmarkReadFlows100k reads and validates 100,000 flow records.
func BenchmarkReadFlows100k(b *testing.B) {
	data := syntheticFlows(100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ingest.ReadFlows(bytes.NewReader(data), "flows.csv"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadAndBuild100k reads 100,000 records and builds the leg graph
// with its compact index: the work every analysis command starts with.
func BenchmarkReadAndBuild100k(b *testing.B) {
	data := syntheticFlows(100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		ds, err := ingest.ReadFlows(bytes.NewReader(data), "flows.csv")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := graph.NewLegGraph(ds, graph.Filter{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildLegGraph100k builds the leg graph of 100,000 records
// already in memory.
func BenchmarkBuildLegGraph100k(b *testing.B) {
	ds, err := ingest.ReadFlows(bytes.NewReader(syntheticFlows(100_000)), "flows.csv")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := graph.NewLegGraph(ds, graph.Filter{}); err != nil {
			b.Fatal(err)
		}
	}
}
