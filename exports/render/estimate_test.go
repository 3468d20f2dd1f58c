package render

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/routes/estimate"
)

// TestEstimateRender: the seed's estimate as CSV and as a table, and the
// same with a detected range whose low end is hidden.
func TestEstimateRender(t *testing.T) {
	run := func(detected *estimate.CountRange) *estimate.Result {
		q := estimate.SeedQuery()
		q.Detected = detected
		res, err := q.Run(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	low := estimate.CountRange{Low: 5, High: 7300}
	tests := []struct {
		name, format string
		detected     *estimate.CountRange
		k            int
		want         []string
	}{
		{"seed csv", CSV, nil, 0, []string{"key,value\ndetected,7300\ndetection_rate,0.05\nstock,146000\nturnover_years,2\nannual_flow,73000\n" +
			"services_per_victim,357.1\nservices,52142857\nprice,50\ncurrency,EUR\nvalue,2607142857\nvalue_usd,3128571429\n"}},
		{"seed table", Table, nil, 0, []string{
			"  detected             7,300          --detected\n",
			"  stock                146,000        detected / detection rate\n",
			"About 146,000 victims, 73,000 a year, EUR 2.61 billion a year (US$3.13 billion).\nThe seed, from the same inputs",
		}},
		{"hidden low csv", CSV, &low, 10, []string{"detected,<10-7300\n", "stock,<10-146000\n", "value_usd,<10-3128571429\n"}},
		{"hidden low table", Table, &low, 10, []string{
			"  detected             <10 - 7,300",
			"About <10 - 146,000 victims, <10 - 73,000 a year, EUR <10 - 2.61 billion a year (US$<10 - 3.13 billion).\n",
			"<10: 1 count below 10 hidden (--min-count 10)\n",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := New(&b, tc.format, privacy.Policy{K: tc.k}, Reading{}).Print(run(tc.detected)); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("lacks %q:\n%s", w, b.String())
				}
			}
			if strings.Contains(b.String(), "The seed, from") != (tc.detected == nil && tc.format == Table) {
				t.Errorf("seed note where it does not belong:\n%s", b.String())
			}
		})
	}
}

// TestMSERender: Lincoln-Petersen's two lists (100 x 120 / 40 = 300) as
// a table and as CSV; under --min-count 200 the 180 known victims and
// everything computed from them are hidden.
func TestMSERender(t *testing.T) {
	c := &graph.Captures{Lists: []string{"police", "ngo"}, Counts: []int{0, 60, 80, 40}}
	q := estimate.DefaultMSEQuery(c, "two.csv")
	q.Model, q.Bootstrap = "main", 0
	tests := []struct {
		format string
		k      int
		want   []string
	}{
		{CSV, 0, []string{"key,value\nlists,police ngo\nknown,180\ndark,120\ntotal,300\ninterval,not computed (--bootstrap 0)\n", "detection_rate,60.0% (1 in 1.7)\n"}},
		{Table, 0, []string{"  known               180 ", "About 300 victims in all, of whom 180 known: about 1 in 1.7 was detected"}},
		{Table, 200, []string{"  known               <200 ", "  total               <200 ", "Fewer than 200 victims in all are known"}},
		{CSV, 200, []string{"known,<200\ndark,<200\ntotal,<200\n", "main_effects_total,<200\ndetection_rate,<200\n"}},
	}
	for _, tc := range tests {
		res, err := q.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := New(&b, tc.format, privacy.Policy{K: tc.k}, Reading{}).Print(res); err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s K=%d lacks %q:\n%s", tc.format, tc.k, w, b.String())
			}
		}
		if tc.k > 0 && strings.Contains(b.String(), "300") {
			t.Errorf("%s K=%d shows the total:\n%s", tc.format, tc.k, b.String())
		}
	}
}
