package routes_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// simulation draws detection data: each destination reports in the years
// firstYear..firstYear+9 (a few missing), and each origin's victims in a
// year are Poisson with mean total·share(year).
type simulation struct {
	rng   *rand.Rand
	ds    *graph.Dataset
	years []int
}

const firstYear = 2011

func newSimulation(seed uint64) *simulation {
	s := &simulation{rng: rand.New(rand.NewPCG(seed, 2026)), ds: &graph.Dataset{Name: "simulation"}}
	for y := firstYear; y < firstYear+10; y++ {
		s.years = append(s.years, y)
	}
	return s
}

// destination adds one destination's records: share(o, i) is origin o's
// share in the i-th year (0..9); with missing, one or two middle years
// are not reported.
func (s *simulation) destination(code string, origins []string, total float64, missing bool, share func(o string, i int) float64) {
	skip := map[int]bool{}
	if missing {
		for range 1 + s.rng.IntN(2) {
			skip[1+s.rng.IntN(8)] = true
		}
	}
	for i, y := range s.years {
		if skip[i] {
			continue
		}
		for _, o := range origins {
			lambda := total * share(o, i)
			if lambda <= 0 {
				continue
			}
			v := int(distuv.Poisson{Lambda: lambda, Src: s.rng}.Rand())
			if v > 0 {
				s.ds.Flows = append(s.ds.Flows, graph.Flow{ID: fmt.Sprint(len(s.ds.Flows)), Origin: o, Destination: code,
					Vectors: make([]graph.Vector, 1), Victims: v, Period: graph.Year(y)})
			}
		}
	}
}

// constantShares are fixed shares of n origins, from a few large ones to
// many with a handful of victims (log-normal weights).
func (s *simulation) constantShares(prefix string, n int) ([]string, map[string]float64) {
	origins := make([]string, n)
	w := map[string]float64{}
	sum := 0.0
	for i := range origins {
		origins[i] = fmt.Sprintf("%s%02d", prefix, i)
		w[origins[i]] = math.Exp(1.3 * s.rng.NormFloat64())
		sum += w[origins[i]]
	}
	for o := range w {
		w[o] /= sum
	}
	return origins, w
}

func (s *simulation) legGraph(t *testing.T) *graph.LegGraph {
	t.Helper()
	lg, err := graph.NewLegGraph(s.ds, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return lg
}

// flagged counts the origins of res with a status other than stable at
// the destinations for which keep is true, and the origins tested there.
func flagged(res *routes.EmergingResult, keep func(dest string) bool) (flags, tested int) {
	for _, d := range res.Destinations {
		if !keep(d.Destination) {
			continue
		}
		for _, o := range d.Origins {
			tested++
			if o.Status != routes.Stable {
				flags++
			}
		}
	}
	return flags, tested
}

func statusOf(res *routes.EmergingResult, dest, origin string) routes.Status {
	for _, d := range res.Destinations {
		for _, o := range d.Origins {
			if d.Destination == dest && o.Country == origin {
				return o.Status
			}
		}
	}
	return ""
}

// TestEmergingSimulation (issue 20): at destinations whose shares do not
// change, at most 2% of the tested origins are flagged, with the default
// periods and by year; an origin whose share grows from 2% to 20% over ten
// years is flagged rising both ways, in the same runs. Ten replicates of
// 40 destinations with 30 origins each (about 12,000 tests per setting).
func TestEmergingSimulation(t *testing.T) {
	settings := []struct {
		name string
		opt  routes.EmergingOptions
		max  float64 // -1: alpha plus three standard errors
	}{
		{"default periods", routes.EmergingOptions{}, 0.02},
		{"by year", routes.EmergingOptions{ByYear: true}, 0.02},
		{"default periods, mid-p", routes.EmergingOptions{Exact: routes.TestMidP}, 0.02},
		// Uncorrected, each test alone keeps its level.
		{"default periods, no correction", routes.EmergingOptions{FDR: routes.NoCorrection}, -1},
		{"by year, no correction", routes.EmergingOptions{ByYear: true, FDR: routes.NoCorrection}, -1},
	}
	flags, tested := make([]int, len(settings)), make([]int, len(settings))
	for rep := range uint64(10) {
		s := newSimulation(100 + rep)
		for d := range 40 {
			origins, share := s.constantShares("O", 30)
			total := []float64{100, 300, 1000, 3000}[d%4]
			s.destination(fmt.Sprintf("D%02d", d), origins, total, d%3 == 0, func(o string, _ int) float64 { return share[o] })
		}
		// The planted trend: PL from 2% to 20% of 200 victims a year, the
		// other origins sharing the rest in fixed proportions.
		origins, share := s.constantShares("O", 12)
		origins = append(origins, "PL")
		s.destination("XX", origins, 200, false, func(o string, i int) float64 {
			pl := 0.02 + 0.18*float64(i)/9
			if o == "PL" {
				return pl
			}
			return (1 - pl) * share[o]
		})
		lg := s.legGraph(t)
		for i, st := range settings {
			res, err := routes.Emerging(lg, st.opt)
			if err != nil {
				t.Fatal(err)
			}
			f, n := flagged(res, func(d string) bool { return d != "XX" })
			flags[i] += f
			tested[i] += n
			if got := statusOf(res, "XX", "PL"); got != routes.Rising {
				t.Errorf("replicate %d, %s: planted trend 2%% -> 20%%: %q, want rising", rep, st.name, got)
			}
		}
	}
	for i, st := range settings {
		rate := float64(flags[i]) / float64(tested[i])
		limit := st.max
		if limit < 0 {
			a := routes.DefaultAlpha
			limit = a + 3*math.Sqrt(a*(1-a)/float64(tested[i]))
		}
		t.Logf("%s: %d of %d origins with constant shares flagged (%.3f%%)", st.name, flags[i], tested[i], 100*rate)
		if tested[i] < 10000 || rate > limit {
			t.Errorf("%s: %d of %d origins with constant shares flagged (%.3f%%), want at most %.2f%%", st.name, flags[i], tested[i], 100*rate, 100*limit)
		}
	}
}

// TestEmergingSimulationForeign (issue 20): when only the destinations'
// own nationals grow (20% to 70% of victims over ten years), every foreign
// share falls with them; --foreign flags no foreign origin, and without it
// the own nationals carry (nearly) all of the change of shares.
func TestEmergingSimulationForeign(t *testing.T) {
	s := newSimulation(21)
	for d := range 10 {
		code := fmt.Sprintf("D%02d", d)
		origins, share := s.constantShares("O", 20)
		origins = append(origins, code)
		s.destination(code, origins, []float64{300, 1000}[d%2], d%3 == 0, func(o string, i int) float64 {
			own := 0.2 + 0.5*float64(i)/9
			if o == code {
				return own
			}
			return (1 - own) * share[o]
		})
	}
	lg := s.legGraph(t)
	for _, byYear := range []bool{false, true} {
		t.Run(fmt.Sprintf("by year %v", byYear), func(t *testing.T) {
			all, err := routes.Emerging(lg, routes.EmergingOptions{ByYear: byYear})
			if err != nil {
				t.Fatal(err)
			}
			foreign, err := routes.Emerging(lg, routes.EmergingOptions{ByYear: byYear, Foreign: true})
			if err != nil {
				t.Fatal(err)
			}
			isForeign := func(string) bool { return true }
			before, _ := flagged(all, isForeign)
			flags, tested := flagged(foreign, isForeign)
			t.Logf("without --foreign %d origins flagged (own nationals among them); with --foreign %d of %d foreign origins", before, flags, tested)
			if flags != 0 || tested < 150 {
				t.Errorf("--foreign flagged %d of %d foreign origins, want none", flags, tested)
			}
			if before <= len(all.Destinations) {
				t.Errorf("without --foreign only %d flags at %d destinations: the simulation does not show the problem", before, len(all.Destinations))
			}
			for i, d := range foreign.Destinations {
				for _, o := range d.Origins {
					if o.Country == d.Destination {
						t.Errorf("%s: own nationals among the origins with --foreign", d.Destination)
					}
				}
				dom := all.Destinations[i].Domestic
				if d.Domestic == nil || dom == nil || dom.PartOfChange < 0.8 || dom.Change < 0.3 {
					t.Errorf("%s: domestic %+v (with --foreign %+v), want a change of about +50 points and most of the change", d.Destination, dom, d.Domestic)
				}
			}
		})
	}
}
