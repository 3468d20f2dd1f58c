package routes_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// emergingReference is testdata/emerging/reference.json, written by
// testdata/emerging_reference.py with SciPy and statsmodels.
type emergingReference struct {
	Fisher []struct {
		X1, N1, X2, N2 int
		PValue         float64 `json:"p_value"`
		MidP           float64 `json:"mid_p"`
	}
	ZTest []struct {
		X1, N1, X2, N2 int
		PValue         float64 `json:"p_value"`
		MinExpected    float64 `json:"min_expected"`
	}
	BH       []struct{ P, Q []float64 }
	Armitage []struct {
		X, N, Years []int
		Z           float64
		PValue      float64 `json:"p_value"`
		Slope, SE   float64
		Departure   float64
		DF          int
	}
	Records []struct {
		Origin, Destination string
		Year, Victims       int
	}
	Runs []struct {
		ByYear           bool `json:"by_year"`
		Foreign          bool
		Exact, FDR       string
		Tests            int
		Baseline, Recent string
		Destinations     map[string]struct {
			MissingYears []int `json:"missing_years"`
			Origins      map[string]struct {
				Test          string
				PValue        float64 `json:"p_value"`
				QValue        float64 `json:"q_value"`
				Change        float64
				Slope         *float64
				SlopeInterval []float64 `json:"slope_interval"`
				Dispersion    *float64
				Status        string
			}
		}
	}
}

func loadEmergingReference(t *testing.T) *emergingReference {
	t.Helper()
	b, err := os.ReadFile("testdata/emerging/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref emergingReference
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	return &ref
}

// within1e9: within 1e-9, relative to |want| when |want| > 1 or < 1e-6
// (tiny p-values).
func within1e9(got, want float64) bool {
	a := math.Abs(want)
	if a < 1e-6 && a > 0 {
		return math.Abs(got-want) <= 1e-9*a
	}
	return math.Abs(got-want) <= 1e-9*math.Max(1, a)
}

func TestFisherTestSciPy(t *testing.T) {
	ref := loadEmergingReference(t)
	for _, c := range ref.Fisher {
		got := routes.FisherTest(c.X1, c.N1, c.X2, c.N2)
		if !within1e9(got.PValue, c.PValue) || !within1e9(got.MidP, c.MidP) {
			t.Errorf("%d/%d vs %d/%d: got p=%v mid-p=%v, want p=%v mid-p=%v", c.X1, c.N1, c.X2, c.N2, got.PValue, got.MidP, c.PValue, c.MidP)
		}
	}
	for _, c := range ref.ZTest {
		got := routes.TwoProportionTest(c.X1, c.N1, c.X2, c.N2)
		if !within1e9(got.PValue, c.PValue) || !within1e9(routes.MinExpected(c.X1, c.N1, c.X2, c.N2), c.MinExpected) {
			t.Errorf("%d/%d vs %d/%d: got p=%v min expected %v, want %v, %v", c.X1, c.N1, c.X2, c.N2,
				got.PValue, routes.MinExpected(c.X1, c.N1, c.X2, c.N2), c.PValue, c.MinExpected)
		}
	}
}

func TestBenjaminiHochbergStatsmodels(t *testing.T) {
	ref := loadEmergingReference(t)
	for i, c := range ref.BH {
		got := routes.BenjaminiHochberg(c.P)
		for j := range got {
			if !within1e9(got[j], c.Q[j]) {
				t.Errorf("case %d, p[%d]=%v: got q=%v, want %v", i, j, c.P[j], got[j], c.Q[j])
			}
		}
	}
}

func TestCochranArmitageReference(t *testing.T) {
	ref := loadEmergingReference(t)
	for _, c := range ref.Armitage {
		scores := make([]float64, len(c.Years))
		for i, y := range c.Years {
			scores[i] = float64(y)
		}
		got := routes.CochranArmitage(c.X, c.N, scores)
		if !within1e9(got.Z, c.Z) || !within1e9(got.PValue, c.PValue) || !within1e9(got.Slope, c.Slope) || !within1e9(got.SE, c.SE) ||
			got.DF != c.DF || !within1e9(got.Departure, c.Departure) {
			t.Errorf("x=%v n=%v years=%v: got %+v, want z=%v p=%v slope=%v se=%v departure=%v on %d", c.X, c.N, c.Years, got, c.Z, c.PValue, c.Slope, c.SE, c.Departure, c.DF)
		}
	}
}

// TestEmergingReferenceRuns: whole runs on the script's dataset give every
// origin the test, p-value, q-value (Benjamini-Hochberg over the run),
// change, slope and status that the script derives with SciPy and
// statsmodels.
func TestEmergingReferenceRuns(t *testing.T) {
	ref := loadEmergingReference(t)
	ds := &graph.Dataset{Name: "reference"}
	for i, r := range ref.Records {
		ds.Flows = append(ds.Flows, graph.Flow{ID: fmt.Sprint(i), Origin: r.Origin, Destination: r.Destination,
			Vectors: make([]graph.Vector, 1), Victims: r.Victims, Period: graph.Year(r.Year)})
	}
	lg, err := graph.NewLegGraph(ds, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, run := range ref.Runs {
		name := fmt.Sprintf("by-year=%v foreign=%v exact=%s fdr=%s", run.ByYear, run.Foreign, run.Exact, run.FDR)
		t.Run(name, func(t *testing.T) {
			opt := routes.EmergingOptions{ByYear: run.ByYear, Foreign: run.Foreign, Exact: routes.TestName(run.Exact), FDR: routes.Correction(run.FDR)}
			if !run.ByYear {
				var err error
				if opt.Baseline, err = graph.ParsePeriod(run.Baseline); err != nil {
					t.Fatal(err)
				}
				if opt.Recent, err = graph.ParsePeriod(run.Recent); err != nil {
					t.Fatal(err)
				}
			}
			res, err := routes.Emerging(lg, opt)
			if err != nil {
				t.Fatal(err)
			}
			if res.Tests != run.Tests || len(res.Destinations) != len(run.Destinations) {
				t.Fatalf("%d tests at %d destinations, want %d at %d", res.Tests, len(res.Destinations), run.Tests, len(run.Destinations))
			}
			for _, d := range res.Destinations {
				want := run.Destinations[d.Destination]
				if run.ByYear && !slices.Equal(d.MissingYears, want.MissingYears) {
					t.Errorf("%s: missing years %v, want %v", d.Destination, d.MissingYears, want.MissingYears)
				}
				if len(d.Origins) != len(want.Origins) {
					t.Errorf("%s: %d origins, want %d", d.Destination, len(d.Origins), len(want.Origins))
				}
				for _, o := range d.Origins {
					w, ok := want.Origins[o.Country]
					if !ok {
						t.Errorf("%s at %s: not in the reference", o.Country, d.Destination)
						continue
					}
					if string(o.Test) != w.Test || string(o.Status) != w.Status || !within1e9(float64(o.PValue), w.PValue) || !within1e9(float64(o.QValue), w.QValue) || !within1e9(float64(o.Change), w.Change) {
						t.Errorf("%s at %s: got %s p=%v q=%v change=%v %s, want %s p=%v q=%v change=%v %s", o.Country, d.Destination,
							o.Test, o.PValue, o.QValue, o.Change, o.Status, w.Test, w.PValue, w.QValue, w.Change, w.Status)
					}
					if w.Slope != nil && (o.Slope == nil || !within1e9(*o.Slope, *w.Slope) || !within1e9(o.SlopeInterval[0], w.SlopeInterval[0]) || !within1e9(o.SlopeInterval[1], w.SlopeInterval[1])) {
						t.Errorf("%s at %s: slope %v %v, want %v %v", o.Country, d.Destination, o.Slope, o.SlopeInterval, *w.Slope, w.SlopeInterval)
					}
					if (w.Dispersion == nil) != (o.Dispersion == nil) || w.Dispersion != nil && !within1e9(*o.Dispersion, *w.Dispersion) {
						t.Errorf("%s at %s: dispersion %v, want %v", o.Country, d.Destination, o.Dispersion, w.Dispersion)
					}
				}
			}
		})
	}
}
