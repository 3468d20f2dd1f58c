package estimate_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/graph/privacy/privacytest"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes/estimate"
)

func TestParseRange(t *testing.T) {
	r := func(lo, hi float64) estimate.Range {
		return estimate.Range{Low: graph.Share(lo), High: graph.Share(hi)}
	}
	tests := []struct {
		in   string
		want estimate.Range
		ok   bool
	}{
		{"7300", estimate.Point(7300), true},
		{"7,300", estimate.Point(7300), true},
		{"1/20", estimate.Point(0.05), true},
		{"0.04-0.06", r(0.04, 0.06), true},
		{"1/25-1/15", r(0.04, 1.0/15), true},
		{"5e7", estimate.Point(5e7), true},
		{"5e-2-6e-2", r(0.05, 0.06), true},
		{"0.06-0.04", estimate.Range{}, false},
		{"-1", estimate.Range{}, false},
		{"1/0", estimate.Range{}, false},
		{"abc", estimate.Range{}, false},
	}
	for _, tc := range tests {
		got, err := estimate.ParseRange("x", tc.in)
		if (err == nil) != tc.ok || (tc.ok && (math.Abs(float64(got.Low-tc.want.Low)) > 1e-12 || math.Abs(float64(got.High-tc.want.High)) > 1e-12)) {
			t.Errorf("%q: got %+v, %v; want %+v ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
		var oe *graph.OptionError
		if err != nil && (!errors.As(err, &oe) || oe.Option != "x") {
			t.Errorf("%q: %v is not an option error for x", tc.in, err)
		}
	}
	for in, want := range map[string]estimate.CountRange{"7300": estimate.CountPoint(7300), "7,000-7,600": {Low: 7000, High: 7600}} {
		if got, err := estimate.ParseCountRange("detected", in); err != nil || got != want {
			t.Errorf("count %q: got %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"7300.5", "1/3", "1e30"} {
		if _, err := estimate.ParseCountRange("detected", in); err == nil {
			t.Errorf("count %q: want an error", in)
		}
	}
}

func TestQueryCheck(t *testing.T) {
	detected := estimate.CountPoint(5)
	neg := -1.0
	tests := []struct {
		name   string
		edit   func(*estimate.Query)
		option string
	}{
		{"seed", func(*estimate.Query) {}, ""},
		{"both detected", func(q *estimate.Query) { q.FromData, q.Detected = true, &detected }, "detected"},
		{"region without data", func(q *estimate.Query) { q.Regions = []string{"Western Europe"} }, "region"},
		{"no currency", func(q *estimate.Query) { q.Currency = " " }, "currency"},
		{"rate 0", func(q *estimate.Query) { q.DetectionRate = estimate.Point(0) }, "detection-rate"},
		{"rate above 1", func(q *estimate.Query) { q.DetectionRate = estimate.Point(2) }, "detection-rate"},
		{"turnover 0", func(q *estimate.Query) { q.TurnoverYears = estimate.Point(0) }, "turnover-years"},
		{"negative usd rate", func(q *estimate.Query) { q.USDRate = &neg }, "usd-rate"},
		{"demand share above 1", func(q *estimate.Query) {
			d := estimate.SeedDemandInputs(estimate.Correction{})
			d.BuyerShare = estimate.Point(1.5)
			q.Demand = &d
		}, "demand"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := estimate.SeedQuery()
			tc.edit(&q)
			err := q.Check()
			var oe *graph.OptionError
			if tc.option == "" && err != nil || tc.option != "" && (!errors.As(err, &oe) || oe.Option != tc.option) {
				t.Errorf("got %v, want option %q", err, tc.option)
			}
		})
	}
}

// TestResultSuppress: under --min-count K a hidden end of the detected
// victims hides the end of every result computed from it, and the JSON
// writes null for them; the other end stays.
func TestResultSuppress(t *testing.T) {
	tests := []struct {
		detected estimate.CountRange
		k        int
		want     string // JSON of detected, stock, value_usd, demand.share_met
		hidden   int    // counts hidden (a point's two ends are one count)
	}{
		{estimate.CountPoint(7300), 10000, `null null null null`, 1},
		{estimate.CountPoint(7300), 7300, `7300 146000 3128571428.571429 0.08690476190476192`, 0},
		{estimate.CountRange{Low: 5, High: 500}, 10, `{"low":null,"high":500} {"low":null,"high":10000} {"low":null,"high":214285714.2857143} {"low":null,"high":0.005952380952380953}`, 1},
		{estimate.CountRange{Low: 0, High: 5}, 10, `{"low":0,"high":null} {"low":0,"high":null} {"low":0,"high":null} {"low":0,"high":null}`, 1},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.detected, " K=", tc.k), func(t *testing.T) {
			q := estimate.SeedQuery()
			q.Detected = &tc.detected
			d := estimate.SeedDemandInputs(estimate.Correction{})
			q.Demand = &d
			res, err := q.Run(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			st := privacy.Policy{K: tc.k}.Apply(res)
			privacytest.Small(t, res, tc.k)
			if st.Hidden() != tc.hidden {
				t.Errorf("%d counts hidden, want %d", st.Hidden(), tc.hidden)
			}
			var got string
			for i, v := range []any{res.Detected, res.Stock, *res.ValueUSD, res.Demand.ShareMet} {
				b, err := json.Marshal(v)
				if err != nil {
					t.Fatal(err)
				}
				if i > 0 {
					got += " "
				}
				got += string(b)
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestMSEResultSuppress: the UK table under --min-count 20 (issue 15:
// the stepwise trace showed overlaps of 18, 1, 10 and 8 victims): every
// overlap below K is hidden with its expected count and p-value, and so
// is every fitted count below K; a table of fewer than K victims, or a
// dark figure below K, hides the estimate.
func TestMSEResultSuppress(t *testing.T) {
	uk := readUK(t)
	small := &graph.Captures{Lists: []string{"A", "B"}, Counts: []int{0, 6, 8, 4}}
	tests := []struct {
		name    string
		c       *graph.Captures
		k       int
		steps   int // steps whose overlap is hidden
		estHide bool
	}{
		{"uk K=20", uk, 20, 4, false},
		{"uk K=0", uk, 0, 0, false},
		{"small K=20", small, 20, 1, true},
		{"small K=5", small, 5, 1, false},
		// 18 known, dark 6 x 8 / 4 = 12: a fitted count below K.
		{"small K=15", small, 15, 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := estimate.DefaultMSEQuery(tc.c, "t.csv")
			q.Bootstrap = 50
			res, err := q.Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			st := privacy.Policy{K: tc.k}.Apply(res)
			privacytest.Small(t, res, tc.k)
			hidden := 0
			for _, s := range res.Steps {
				if s.Observed.IsHidden() {
					hidden++
					if !s.Expected.IsHidden() || !s.P.IsHidden() {
						t.Errorf("step %s: overlap hidden, expected %v and p %v shown", s.Pair, s.Expected, s.P)
					}
				}
				if e := float64(s.Expected); tc.k > 0 && e > 0 && e < float64(tc.k) {
					t.Errorf("step %s: fitted count %v shown under K=%d", s.Pair, e, tc.k)
				}
			}
			if hidden != tc.steps {
				t.Errorf("%d steps hidden, want %d (%+v)", hidden, tc.steps, res.Steps)
			}
			for name, x := range map[string]graph.Share{"dark": res.Dark, "total": res.Total, "main effects total": res.MainEffectsTotal, "detection rate": res.DetectionRate, "interval low": res.Interval[0]} {
				if x.IsHidden() != tc.estHide {
					t.Errorf("%s %v: hidden %v, want %v", name, x, x.IsHidden(), tc.estHide)
				}
			}
			if tc.k == 0 && st.Hidden() != 0 {
				t.Errorf("K=0 hid %d", st.Hidden())
			}
		})
	}
}

func TestMSEQueryErrors(t *testing.T) {
	uk := readUK(t)
	empty := &graph.Captures{Lists: []string{"A", "B"}, Counts: []int{0, 6, 8, 0}}
	for _, tc := range []struct {
		name   string
		q      estimate.MSEQuery
		option string
		is     error
	}{
		{"unknown list", estimate.MSEQuery{Captures: uk, Model: "LA*XX", Level: 0.95}, "model", estimate.ErrBadModel},
		{"pthresh", estimate.MSEQuery{Captures: uk, Model: "main", PThresh: 2, Level: 0.95}, "pthresh", nil},
		{"level", estimate.MSEQuery{Captures: uk, Model: "main", Level: 1}, "level", nil},
		{"bootstrap", estimate.MSEQuery{Captures: uk, Model: "main", Level: 0.95, Bootstrap: -1}, "bootstrap", nil},
		{"no overlap", estimate.MSEQuery{Captures: empty, File: "e.csv", Model: "main", Level: 0.95}, "mse", estimate.ErrNoFiniteEstimate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.q.Run(context.Background())
			var oe *graph.OptionError
			if !errors.As(err, &oe) || oe.Option != tc.option || tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("got %v, want option %q wrapping %v", err, tc.option, tc.is)
			}
		})
	}
}

// readUK reads the UK 2013 six-list table of testdata.
func readUK(t *testing.T) *graph.Captures {
	t.Helper()
	c, err := ingest.ReadCapturesFile("testdata/uk-2013-six-lists.csv")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestTextQuery: empty options are the seed's inputs; given ones are read
// as ranges, and a bad one names its option.
func TestTextQuery(t *testing.T) {
	q, err := estimate.Text{}.Query()
	if err != nil {
		t.Fatal(err)
	}
	seed := estimate.SeedInputs()
	if q.Detected != nil || q.DetectionRate != seed.DetectionRate || q.TurnoverYears != seed.TurnoverYears ||
		q.ServicesPerVictim != seed.ServicesPerVictim || q.Price != seed.Price || q.Currency != seed.Currency || q.Demand != nil {
		t.Errorf("defaults: got %+v, want the seed's %+v", q, seed)
	}
	q, err = estimate.Text{Detected: "7,000-7,600", Currency: "usd", Demand: true, BuyerShare: "1/10"}.Query()
	if err != nil {
		t.Fatal(err)
	}
	if *q.Detected != (estimate.CountRange{Low: 7000, High: 7600}) || q.Currency != "USD" || q.Demand.BuyerShare != estimate.Point(0.1) || q.Demand.PurchasesPerYear != estimate.Point(12) {
		t.Errorf("given: got %+v, demand %+v", q, q.Demand)
	}
	var oe *graph.OptionError
	if _, err := (estimate.Text{Price: "cheap"}).Query(); !errors.As(err, &oe) || oe.Option != "price" {
		t.Errorf("bad price: %v", err)
	}
}
