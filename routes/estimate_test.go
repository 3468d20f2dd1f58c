package routes_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/tipgraph/tipgraph/routes"
)

func near(got, want, rel float64) bool { return math.Abs(got-want) <= rel*math.Abs(want) }

func TestEstimateSeed(t *testing.T) {
	in := routes.SeedEstimateInputs()
	if err := in.Check(); err != nil {
		t.Fatal(err)
	}
	r := routes.Estimate(in)
	tests := []struct {
		name      string
		got, want float64
		seed      float64 // the seed's rounded figure
	}{
		{"stock", r.Stock.Low, 146000, 140000},
		{"annual flow", r.AnnualFlow.Low, 73000, 70000},
		{"services", r.Services.Low, 146000 * 50e6 / 140000, 50e6},
		{"value", r.Value.Low, 146000 * 50e6 / 140000 * 50, 2.5e9},
		{"value US$", r.ValueUSD.Low, 146000 * 50e6 / 140000 * 50 * 1.2, 3e9},
	}
	for _, tc := range tests {
		if !near(tc.got, tc.want, 1e-12) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
		// "about": within 5% of the seed's rounded figure.
		if !near(tc.got, tc.seed, 0.05) {
			t.Errorf("%s: %v is not about the seed's %v", tc.name, tc.got, tc.seed)
		}
	}
}

func TestEstimateRanges(t *testing.T) {
	in := routes.SeedEstimateInputs()
	in.DetectionRate = routes.Range{Low: 0.04, High: 0.06}
	in.TurnoverYears = routes.Range{Low: 1, High: 2}
	r := routes.Estimate(in)
	if !near(r.Stock.Low, 7300/0.06, 1e-12) || !near(r.Stock.High, 7300/0.04, 1e-12) {
		t.Errorf("stock %+v", r.Stock)
	}
	if !near(r.AnnualFlow.Low, 7300/0.06/2, 1e-12) || !near(r.AnnualFlow.High, 7300/0.04, 1e-12) {
		t.Errorf("annual flow %+v", r.AnnualFlow)
	}
	b, _ := json.Marshal(r)
	var m map[string]any
	json.Unmarshal(b, &m)
	if _, ok := m["stock"].(map[string]any)["low"]; !ok {
		t.Errorf("a range is not {low, high} in JSON: %s", b)
	}
	if m["detected"] != 7300.0 {
		t.Errorf("a point is not a number in JSON: %v", m["detected"])
	}
}

func TestEstimateCheck(t *testing.T) {
	tests := []struct {
		name string
		edit func(*routes.EstimateInputs)
	}{
		{"zero rate", func(in *routes.EstimateInputs) { in.DetectionRate = routes.Point(0) }},
		{"rate above 1", func(in *routes.EstimateInputs) { in.DetectionRate = routes.Point(2) }},
		{"backwards", func(in *routes.EstimateInputs) { in.Price = routes.Range{Low: 60, High: 40} }},
		{"negative", func(in *routes.EstimateInputs) { in.Detected = routes.Point(-1) }},
		{"zero turnover", func(in *routes.EstimateInputs) { in.TurnoverYears = routes.Point(0) }},
	}
	for _, tc := range tests {
		in := routes.SeedEstimateInputs()
		tc.edit(&in)
		if err := in.Check(); err == nil {
			t.Errorf("%s: want an error", tc.name)
		}
	}
}

func TestDemandSeed(t *testing.T) {
	est := routes.Estimate(routes.SeedEstimateInputs())
	in := routes.SeedDemandInputs(est)
	if err := in.Check(); err != nil {
		t.Fatal(err)
	}
	d := routes.Demand(in)
	if !near(d.Demand.Low, 600e6, 1e-12) {
		t.Errorf("demand %v, want 600 million", d.Demand.Low)
	}
	// The seed: "trafficking victims would meet about 8% of demand"
	// (50 million / 600 million = 8.3%; from 146,000 victims 8.7%).
	if d.ShareMet.Low < 0.075 || d.ShareMet.Low > 0.09 {
		t.Errorf("share met %v, want about 8%%", d.ShareMet.Low)
	}
	if !near(routes.SeedBoxAdultMen, 150.2e6, 0.001) {
		t.Errorf("box adult men %v", routes.SeedBoxAdultMen)
	}
}
