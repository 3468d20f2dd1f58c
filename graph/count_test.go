package graph

import (
	"encoding/json"
	"math"
	"testing"
)

func TestCountJSON(t *testing.T) {
	for _, tc := range []struct {
		c    Count
		want string
	}{{0, "0"}, {7300, "7300"}, {-40, "-40"}, {Hidden, "null"}} {
		b, err := json.Marshal(tc.c)
		if err != nil || string(b) != tc.want {
			t.Errorf("Marshal(%d) = %s, %v; want %s", int64(tc.c), b, err, tc.want)
		}
	}
}

// TestShareJSON checks that a Share is written byte for byte as a float64.
func TestShareJSON(t *testing.T) {
	for _, f := range []float64{0, 1, -1, 0.1, 1.0 / 3, 1e-7, 2.5e-12, 1e21, 123456789.125, -0.000001, math.SmallestNonzeroFloat64, math.MaxFloat64} {
		want, _ := json.Marshal(f)
		got, err := json.Marshal(Share(f))
		if err != nil || string(got) != string(want) {
			t.Errorf("Share(%v) = %s, %v; want %s", f, got, err, want)
		}
	}
	if b, _ := json.Marshal(HiddenShare); string(b) != "null" {
		t.Errorf("HiddenShare = %s, want null", b)
	}
}
