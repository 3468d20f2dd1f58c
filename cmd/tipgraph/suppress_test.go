package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// --min-count K hides every victim count below K in every command, and
// says how many it hid.
func TestMinCountAcrossCommands(t *testing.T) {
	tests := []struct {
		name string
		args []string
		// a table cell and a JSON null that must be there
		hidden string
		key    string
	}{
		{"summary", []string{"--data", "../../ingest/testdata/ctdc_sample.csv", "summary"}, "other <3", "other"},
		{"hubs", []string{"hubs"}, "<50", "transit"},
		{"routes", []string{"routes", "--from", "BR", "--to", "FR"}, "<50", "victims"},
		{"divert", []string{"divert", "--remove", "GF"}, "<50", "victims"},
		{"interdict", []string{"interdict", "--k", "3"}, "", ""},
		{"emerging", []string{"emerging", "--destination", "IT", "--all"}, "<50", "baseline_victims"},
		{"emerging by year", []string{"emerging", "--destination", "NL", "--by-year", "--all"}, "<50", "baseline_victims"},
		{"groups", []string{"groups"}, "<100", "victims"},
		{"group", []string{"groups", "--group", "ru-pair-gr"}, "<100", "count"},
		{"validate", []string{"--data", "../../ingest/testdata/ctdc_sample.csv", "validate"}, "<50", "victims"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := "50"
			switch tc.name {
			case "summary":
				k = "3"
			case "groups", "group": // toc2010's groups run 60 victims or more
				k = "100"
			}
			args := append([]string{"--min-count", k}, tc.args...)
			out, errOut, code := tipgraph(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if tc.hidden != "" {
				if !strings.Contains(out, tc.hidden) || !strings.Contains(out, "hidden (--min-count "+k+")") {
					t.Errorf("table lacks %q or the footnote:\n%s", tc.hidden, out)
				}
			}
			out, errOut, code = tipgraph(t, append(args, "--format", "json")...)
			if code != 0 {
				t.Fatalf("json: exit %d: %s", code, errOut)
			}
			var doc map[string]any
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			n, ok := doc["suppressed"].(float64)
			if !ok || doc["min_count"] == nil {
				t.Fatalf("no suppressed count: %v", doc["suppressed"])
			}
			if tc.key != "" && (n == 0 || !strings.Contains(out, `"`+tc.key+`": null`)) {
				t.Errorf("%v suppressed, no null %s", n, tc.key)
			}
			// That no count below K is left anywhere is checked by
			// TestMinCountHidesEverySmallCount (privacy_test.go), by value
			// and never by key name.
		})
	}
}

func TestMinCountOff(t *testing.T) {
	out, _, _ := tipgraph(t, "hubs", "--format", "json")
	if strings.Contains(out, "suppressed") {
		t.Error("suppressed reported without --min-count")
	}
	if _, _, code := tipgraph(t, "--min-count", "-1", "hubs"); code != 2 {
		t.Errorf("--min-count -1: exit %d, want 2", code)
	}
}

func TestCTDCData(t *testing.T) {
	out, errOut, code := tipgraph(t, "--data", "../../ingest/testdata/ctdc_sample.csv", "summary", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var s struct {
		Records  int          `json:"records"`
		Victims  int          `json:"victims"`
		SetAside setAsideJSON `json:"set_aside"`
	}
	json.Unmarshal([]byte(out), &s)
	// Rows 8 (no citizenship), 9 (no country of exploitation) and 15 (neither).
	if s.Records != 7 || s.Victims != 11 || s.SetAside.Rows != 3 || s.SetAside.Victims != 3 || len(s.SetAside.Reasons) != 2 {
		t.Errorf("got %+v, want 7 records, 11 victims, 3 rows (3 victims) set aside for 2 reasons", s)
	}
}
