package world

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"testing"
)

// TestEqualEarth checks the projection against PROJ's eqearth
// (testdata/equalearth.csv, made by testdata/equalearth.py).
func TestEqualEarth(t *testing.T) {
	f, err := os.Open("testdata/equalearth.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 10 {
		t.Fatalf("%d rows in equalearth.csv", len(rows))
	}
	for _, r := range rows[1:] {
		var v [4]float64
		for i := range v {
			if v[i], err = strconv.ParseFloat(r[i], 64); err != nil {
				t.Fatal(err)
			}
		}
		t.Run(r[0]+","+r[1], func(t *testing.T) {
			x, y := EqualEarth(v[0], v[1])
			if math.Abs(x-v[2]) > 1e-9 || math.Abs(y-v[3]) > 1e-9 {
				t.Errorf("EqualEarth(%g, %g) = %.12f, %.12f, want %.12f, %.12f (PROJ)", v[0], v[1], x, y, v[2], v[3])
			}
		})
	}
}

// TestOutlines checks the embedded outlines: the 176 countries of
// Natural Earth 110m, codes resolved, rings within the globe.
func TestOutlines(t *testing.T) {
	out := Outlines()
	if len(out) != 176 {
		t.Errorf("%d countries, want 176", len(out))
	}
	byCode := map[string]Outline{}
	for _, o := range out {
		if o.Code != "" {
			byCode[o.Code] = o
		}
		for _, r := range o.Rings {
			for _, p := range r {
				if math.Abs(p[0]) > 180 || math.Abs(p[1]) > 90 {
					t.Fatalf("%s: point %v off the globe", o.Name, p)
				}
			}
		}
	}
	for code, name := range map[string]string{"IT": "Italy", "NG": "Nigeria", "US": "United States of America", "XK": "Kosovo", "FR": "France"} {
		if got := byCode[code].Name; got != name {
			t.Errorf("code %s: %q, want %q", code, got, name)
		}
	}
	if n := len(byCode); n < 170 {
		t.Errorf("%d countries with a code, want at least 170", n)
	}
	// Italy's rings hold Rome (12.5E, 41.9N) in their bounding box.
	lo, hi := [2]float64{180, 90}, [2]float64{-180, -90}
	for _, r := range byCode["IT"].Rings {
		for _, p := range r {
			lo = [2]float64{min(lo[0], p[0]), min(lo[1], p[1])}
			hi = [2]float64{max(hi[0], p[0]), max(hi[1], p[1])}
		}
	}
	if !(lo[0] < 12.5 && 12.5 < hi[0] && lo[1] < 41.9 && 41.9 < hi[1]) {
		t.Errorf("Italy spans %v to %v, not Rome", lo, hi)
	}
}
