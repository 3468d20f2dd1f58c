package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/routes/estimate"
)

func TestEstimateDefaults(t *testing.T) {
	out, errOut, code := tipgraph(t, "estimate")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"About 146,000 victims, 73,000 a year, EUR 2.61 billion a year (US$3.13 billion)"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = tipgraph(t, "estimate", "--format", "json", "--demand")
	var res struct {
		Stock, AnnualFlow, Value float64
		Currency                 string
		Demand                   struct{ Demand, ShareMet float64 }
	}
	if err := json.Unmarshal([]byte(strings.NewReplacer("annual_flow", "annualflow", "share_met", "sharemet").Replace(out)), &res); err != nil {
		t.Fatal(err)
	}
	// The seed: about 140,000 victims, about 70,000 a year, EUR 2.5 billion;
	// demand 600 million, met about 8%.
	for _, c := range []struct {
		name       string
		got, about float64
	}{{"stock", res.Stock, 140000}, {"annual flow", res.AnnualFlow, 70000}, {"value", res.Value, 2.5e9}, {"demand", res.Demand.Demand, 600e6}, {"share met", res.Demand.ShareMet, 0.08}} {
		if math.Abs(c.got-c.about) > 0.09*c.about {
			t.Errorf("%s: %v is not about %v", c.name, c.got, c.about)
		}
	}
	if res.Currency != "EUR" {
		t.Errorf("currency %q", res.Currency)
	}
}

func TestEstimateRangesAndData(t *testing.T) {
	out, _, code := tipgraph(t, "estimate", "--format", "json", "--detection-rate", "0.04-0.06")
	var r struct {
		Stock struct{ Low, High float64 }
	}
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil || math.Abs(r.Stock.Low-7300/0.06) > 1e-6 || math.Abs(r.Stock.High-182500) > 1e-6 {
		t.Errorf("range: exit %d, %+v\n%s", code, r, out)
	}
	// toc2010's 2006 records are the seed's 7,300 detected, split
	// (measure derived).
	out, errOut, code := tipgraph(t, "estimate", "--format", "json", "--detected-from-data", "--year", "2006", "--measure", "derived")
	var d struct {
		Detected float64
		Stock    float64
	}
	if code != 0 || json.Unmarshal([]byte(out), &d) != nil || d.Detected != 7300 || d.Stock != 146000 {
		t.Errorf("from data: exit %d %s, %+v", code, errOut, d)
	}
	out, _, code = tipgraph(t, "estimate", "--format", "json", "--detected-from-data", "--year", "2006", "--measure", "derived", "--region", "Western Asia")
	if code != 0 || json.Unmarshal([]byte(out), &d) != nil || d.Detected != 731 {
		t.Errorf("Western Asia (Turkey): exit %d, %+v", code, d)
	}
	if _, errOut, code := tipgraph(t, "estimate", "--detected-from-data", "--measure", "derived", "--region", "Western Asi"); code != 2 || !strings.Contains(errOut, `--region: unknown region "Western Asi"`) {
		t.Errorf("misspelt region: exit %d, %s", code, errOut)
	}
	// toc2010 has no measure=detected record.
	if _, _, code := tipgraph(t, "estimate", "--detected-from-data"); code != 2 {
		t.Errorf("no detected records: exit %d, want 2", code)
	}
}

func TestEstimateArgsQuery(t *testing.T) {
	base := func() estimateArgs {
		return estimateArgs{Text: estimate.Text{DetectionRate: "1/20", TurnoverYears: "2", Services: "50000000/140000", Price: "50", Currency: "EUR",
			AdultMen: "1000000000", BuyerShare: "0.05", PurchasesPerYear: "12"}}
	}
	tests := []struct {
		name string
		edit func(*estimateArgs)
		ok   bool
	}{
		{"seed", func(*estimateArgs) {}, true},
		{"defaults", func(e *estimateArgs) { e.Text = estimate.Text{} }, true},
		{"rate 0", func(e *estimateArgs) { e.DetectionRate = "0" }, false},
		{"rate above 1", func(e *estimateArgs) { e.DetectionRate = "2" }, false},
		{"turnover 0", func(e *estimateArgs) { e.TurnoverYears = "0" }, false},
		{"no currency", func(e *estimateArgs) { e.Currency = " " }, false},
		{"both detected", func(e *estimateArgs) { e.FromData, e.Detected = true, "7300" }, false},
		{"detected range", func(e *estimateArgs) { e.Detected = "7000-7600" }, true},
		{"detected not whole", func(e *estimateArgs) { e.Detected = "7300.5" }, false},
		{"bad detection rate", func(e *estimateArgs) { e.DetectionRate = "1/0" }, false},
		{"region without data", func(e *estimateArgs) { e.Regions = []string{"Western Europe"} }, false},
		{"demand share above 1", func(e *estimateArgs) { e.Demand, e.BuyerShare = true, "1.5" }, false},
		{"demand", func(e *estimateArgs) { e.Demand = true }, true},
		{"negative usd rate", func(e *estimateArgs) { e.usdRateSet, e.usdRate = true, -1 }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ea := base()
			tc.edit(&ea)
			_, err := ea.query(&filterFlags{})
			if (err == nil) != tc.ok {
				t.Errorf("got %v, want ok=%v", err, tc.ok)
			}
		})
	}
}
