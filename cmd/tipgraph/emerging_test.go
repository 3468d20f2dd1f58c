package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

type emergingJSON struct {
	Baseline     string `json:"baseline"`
	Recent       string `json:"recent"`
	Destinations []struct {
		Destination string `json:"destination"`
		Origins     []struct {
			Country         string   `json:"country"`
			BaselineVictims *int     `json:"baseline_victims"`
			RecentVictims   *int     `json:"recent_victims"`
			BaselineShare   *float64 `json:"baseline_share"`
			Status          string   `json:"status"`
			PValue          float64  `json:"p_value"`
		} `json:"origins"`
		Substitutions []struct {
			Falling string   `json:"falling"`
			Rising  []string `json:"rising"`
		} `json:"substitutions"`
	} `json:"destinations"`
	Uncovered  []struct{ Destination string } `json:"uncovered"`
	Suppressed *int                           `json:"suppressed"`
}

func TestEmergingSeedFindings(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    map[string]string
		falling string
		rising  []string
	}{
		{"Italy, defaults", []string{"--destination", "Italy"}, map[string]string{"AL": "falling", "CN": "new"}, "AL", []string{"CN"}},
		{"Italy", []string{"--destination", "IT", "--baseline", "1996-2003", "--recent", "2004-2008"}, map[string]string{"AL": "falling", "CN": "rising"}, "AL", []string{"CN"}},
		{"Netherlands", []string{"--destination", "NL", "--baseline", "2006", "--recent", "2007-2008"}, map[string]string{"CN": "rising"}, "", nil},
		{"Spain", []string{"--destination", "ES", "--baseline", "2003-2004", "--recent", "2006-2007"}, map[string]string{"CO": "falling", "PY": "rising"}, "CO", []string{"PY", "BR"}},
		{"Turkey", []string{"--destination", "Turkey", "--baseline", "2003-2004", "--recent", "2006-2007"},
			map[string]string{"RU": "falling", "UA": "falling", "UZ": "rising", "TM": "rising"}, "RU", []string{"UZ", "TM"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := tipgraph(t, append([]string{"emerging", "--format", "json"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var res emergingJSON
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatal(err)
			}
			if len(res.Destinations) != 1 {
				t.Fatalf("%d destinations", len(res.Destinations))
			}
			d := res.Destinations[0]
			got := map[string]string{}
			for _, o := range d.Origins {
				got[o.Country] = o.Status
			}
			for c, s := range tc.want {
				if got[c] != s {
					t.Errorf("%s: got %q, want %q", c, got[c], s)
				}
			}
			if tc.falling != "" {
				i := slices.IndexFunc(d.Substitutions, func(s struct {
					Falling string   `json:"falling"`
					Rising  []string `json:"rising"`
				}) bool {
					return s.Falling == tc.falling
				})
				if i < 0 {
					t.Fatalf("no substitution of %s: %+v", tc.falling, d.Substitutions)
				}
				for _, r := range tc.rising {
					if !slices.Contains(d.Substitutions[i].Rising, r) {
						t.Errorf("substitution of %s lacks %s: %v", tc.falling, r, d.Substitutions[i].Rising)
					}
				}
			}
		})
	}
}

func TestEmergingTableAndGroupings(t *testing.T) {
	out, errOut, code := tipgraph(t, "emerging", "--destination", "ES", "--baseline", "2003-2004", "--recent", "2006-2007")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Spain (ES): 1,000 victims in 2003-2004, 1,644 in 2006-2007", "substitution: CO", "replaced by PY, BR", "stable: 8 origins"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	for _, args := range [][]string{{"--by", "overall"}, {"--by", "region"}, {"--region", "Southern Europe"}} {
		out, errOut, code := tipgraph(t, append([]string{"emerging", "--format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		var res emergingJSON
		json.Unmarshal([]byte(out), &res)
		if len(res.Destinations) != 1 {
			t.Errorf("%v: %d groups compared, want 1 (only Italy has a 1996-2000 baseline)", args, len(res.Destinations))
			continue
		}
		want := map[string]string{"overall": "all", "region": "Southern Europe", "Southern Europe": "Southern Europe"}[args[1]]
		if res.Destinations[0].Destination != want {
			t.Errorf("%v: group %q, want %q", args, res.Destinations[0].Destination, want)
		}
	}
	out, _, code = tipgraph(t, "emerging", "--format", "csv", "--destination", "IT")
	if code != 0 || !strings.HasPrefix(out, "destination,origin,name,baseline_victims") || !strings.Contains(out, "IT,AL,Albania,400,") {
		t.Errorf("csv: exit %d\n%s", code, out)
	}
}

// TestEmergingOwnPeriodsCLI: --own-periods prints each destination's own
// periods and why the others are not compared.
func TestEmergingOwnPeriodsCLI(t *testing.T) {
	out, errOut, code := tipgraph(t, "emerging", "--own-periods")
	for _, want := range []string{
		"each one's own earlier and later records",
		"Turkey (TR): 1,000 victims in 2003-2004, 1,731 in 2006-2007",
		"Netherlands (NL): 747 victims in 2006, 2,000 in 2007-2008",
		"Italy (IT): 2,000 victims in 1996-2003, 2,872 in 2004-2008",
		"Not compared: AT (records of one period only: 2006)",
	} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d, output lacks %q:\n%s%s", code, want, out, errOut)
		}
	}
}

func TestEmergingArgsCheck(t *testing.T) {
	tests := []struct {
		name string
		ea   emergingArgs
		ok   bool
	}{
		{"defaults", emergingArgs{alpha: 0.05}, true},
		{"destination and region", emergingArgs{alpha: 0.05, destinations: []string{"IT"}, regions: []string{"Southern Europe"}}, false},
		{"bad grouping", emergingArgs{alpha: 0.05, by: "city"}, false},
		{"alpha 0", emergingArgs{alpha: 0}, false},
		{"alpha 1", emergingArgs{alpha: 1}, false},
		{"unknown destination", emergingArgs{alpha: 0.05, destinations: []string{"Atlantis"}}, false},
		{"bad period", emergingArgs{alpha: 0.05, baseline: "96"}, false},
		{"backwards periods", emergingArgs{alpha: 0.05, baseline: "2007", recent: "2003"}, false},
		{"periods", emergingArgs{alpha: 0.01, baseline: "2003-2004", recent: "2007", by: "overall"}, true},
		{"own periods", emergingArgs{alpha: 0.05, own: true}, true},
		{"own periods and a baseline", emergingArgs{alpha: 0.05, own: true, baseline: "2003"}, false},
		{"by year, foreign, mid-p, no correction", emergingArgs{alpha: 0.05, byYear: true, foreign: true, exact: "mid-p", fdr: "off"}, true},
		{"by year and own periods", emergingArgs{alpha: 0.05, byYear: true, own: true}, false},
		{"by year and a recent period", emergingArgs{alpha: 0.05, byYear: true, recent: "2007"}, false},
		{"bad fdr", emergingArgs{alpha: 0.05, fdr: "bonferroni"}, false},
		{"bad exact test", emergingArgs{alpha: 0.05, exact: "barnard"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.ea.query(&filterFlags{}, 0)
			if (err == nil) != tc.ok {
				t.Errorf("got %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

// TestEmergingTestsCLI: the table says how many tests were run and how
// they were corrected, shows each origin's test and q-value, the own
// nationals' part of the change, and with --by-year the slope and the
// missing years; the JSON carries the new keys.
func TestEmergingTestsCLI(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"periods", []string{"--destination", "IT", "--own-periods"}, []string{
			"16 tests: Benjamini-Hochberg q-values over all of them",
			"STATUS   TEST  P        Q", "own nationals (IT): 10.8% -> 18.6% of all victims (+7.9 points); 21% of the share that moved",
			"substitution: AL (-20.5 points) replaced by CN, NG, RU, BG, RO (+18.3 points together) and 7 more rising"}},
		{"foreign", []string{"--destination", "IT", "--own-periods", "--foreign", "--fdr", "off"}, []string{
			"15 tests: raw p-values, not corrected", "Shares among victims of other citizenships only",
			"Italy (IT): 1,785 victims in 1996-2003, 2,337 in 2004-2008", "own nationals (IT), set apart: 215 -> 535 victims"}},
		{"by year", []string{"--destination", "IT", "--by-year"}, []string{
			"trend of each origin's share over the reporting years (Cochran-Armitage)",
			"34 records spanning several years left out by year (2,000 victims)",
			"3 reporting years; missing (left out, not zero): 1997 1998 1999 2000 2001 2002 2003 2004 2005 2007",
			"PER YEAR  INTERVAL      DISPERSION", "CN    China     0      0.0%   150   15.0%  +11.7   +0.97     +0.81..+1.14  "}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := tipgraph(t, append([]string{"emerging"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
	out, errOut, code := tipgraph(t, "emerging", "--format", "json", "--destination", "IT", "--by-year", "--foreign")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res struct {
		Tests        int    `json:"tests"`
		FDR          string `json:"fdr"`
		Destinations []struct {
			MissingYears []int `json:"missing_years"`
			Domestic     *struct {
				Country string `json:"country"`
			} `json:"domestic"`
			Origins []struct {
				Country       string    `json:"country"`
				Test          string    `json:"test"`
				QValue        *float64  `json:"q_value"`
				Slope         *float64  `json:"slope"`
				SlopeInterval []float64 `json:"slope_interval"`
			} `json:"origins"`
		} `json:"destinations"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Tests != 15 || res.FDR != "bh" || len(res.Destinations) != 1 {
		t.Fatalf("tests %d, fdr %q, %d destinations", res.Tests, res.FDR, len(res.Destinations))
	}
	d := res.Destinations[0]
	if len(d.MissingYears) != 10 || d.Domestic == nil || d.Domestic.Country != "IT" {
		t.Errorf("missing years %v, domestic %+v", d.MissingYears, d.Domestic)
	}
	for _, o := range d.Origins {
		if o.Country == "IT" || o.Test != "trend" || o.QValue == nil || o.Slope == nil || len(o.SlopeInterval) != 2 ||
			o.SlopeInterval[0] > *o.Slope || o.SlopeInterval[1] < *o.Slope {
			t.Errorf("origin %+v", o)
		}
	}
}

// TestEmergingErrorsNameTheirFlag: an error of the analysis names the
// flag it is about (it named a "--emerging" that does not exist).
func TestEmergingErrorsNameTheirFlag(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--region", "Nowhere"}, `tipgraph: --region: unknown region "Nowhere"`},
		{[]string{"--baseline", "2000-2006", "--recent", "2004-2008"}, "tipgraph: --baseline: baseline and recent periods overlap"},
	} {
		_, errOut, code := tipgraph(t, append([]string{"emerging"}, tc.args...)...)
		if code != 2 || !strings.HasPrefix(errOut, tc.want) {
			t.Errorf("emerging %v: exit %d, %q; want 2, %q...", tc.args, code, errOut, tc.want)
		}
	}
}
