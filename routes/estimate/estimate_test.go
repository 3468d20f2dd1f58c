package estimate_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/tipgraph/tipgraph/routes/estimate"
)

func near(got, want, rel float64) bool { return math.Abs(got-want) <= rel*math.Abs(want) }

func TestEstimateSeed(t *testing.T) {
	in := estimate.SeedInputs()
	if err := in.Check(); err != nil {
		t.Fatal(err)
	}
	r := estimate.Correct(in)
	tests := []struct {
		name      string
		got, want float64
		seed      float64 // the seed's rounded figure
	}{
		{"stock", float64(r.Stock.Low), 146000, 140000},
		{"annual flow", float64(r.AnnualFlow.Low), 73000, 70000},
		{"services", float64(r.Services.Low), 146000 * 50e6 / 140000, 50e6},
		{"value", float64(r.Value.Low), 146000 * 50e6 / 140000 * 50, 2.5e9},
		{"value US$", float64(r.ValueUSD.Low), 146000 * 50e6 / 140000 * 50 * 1.2, 3e9},
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
	in := estimate.SeedInputs()
	in.DetectionRate = estimate.Range{Low: 0.04, High: 0.06}
	in.TurnoverYears = estimate.Range{Low: 1, High: 2}
	r := estimate.Correct(in)
	if !near(float64(r.Stock.Low), 7300/0.06, 1e-12) || !near(float64(r.Stock.High), 7300/0.04, 1e-12) {
		t.Errorf("stock %+v", r.Stock)
	}
	if !near(float64(r.AnnualFlow.Low), 7300/0.06/2, 1e-12) || !near(float64(r.AnnualFlow.High), 7300/0.04, 1e-12) {
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
		edit func(*estimate.Inputs)
	}{
		{"zero rate", func(in *estimate.Inputs) { in.DetectionRate = estimate.Point(0) }},
		{"rate above 1", func(in *estimate.Inputs) { in.DetectionRate = estimate.Point(2) }},
		{"backwards", func(in *estimate.Inputs) { in.Price = estimate.Range{Low: 60, High: 40} }},
		{"negative", func(in *estimate.Inputs) { in.Detected = estimate.CountPoint(-1) }},
		{"zero turnover", func(in *estimate.Inputs) { in.TurnoverYears = estimate.Point(0) }},
	}
	for _, tc := range tests {
		in := estimate.SeedInputs()
		tc.edit(&in)
		if err := in.Check(); err == nil {
			t.Errorf("%s: want an error", tc.name)
		}
	}
}

func TestDemandSeed(t *testing.T) {
	est := estimate.Correct(estimate.SeedInputs())
	in := estimate.SeedDemandInputs(est)
	if err := in.Check(); err != nil {
		t.Fatal(err)
	}
	d := estimate.Demand(in)
	if !near(float64(d.Demand.Low), 600e6, 1e-12) {
		t.Errorf("demand %v, want 600 million", float64(d.Demand.Low))
	}
	// The seed: "trafficking victims would meet about 8% of demand"
	// (50 million / 600 million = 8.3%; from 146,000 victims 8.7%).
	if float64(d.ShareMet.Low) < 0.075 || float64(d.ShareMet.Low) > 0.09 {
		t.Errorf("share met %v, want about 8%%", float64(d.ShareMet.Low))
	}
	if !near(estimate.SeedBoxAdultMen, 150.2e6, 0.001) {
		t.Errorf("box adult men %v", estimate.SeedBoxAdultMen)
	}
}
