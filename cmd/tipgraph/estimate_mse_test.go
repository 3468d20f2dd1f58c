package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const ukTable = "../../routes/estimate/testdata/uk-2013-six-lists.csv"

func TestEstimateMSE(t *testing.T) {
	out, errOut, code := tipgraph(t, "estimate", "--mse", ukTable, "--format", "json", "--bootstrap", "200")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r struct {
		Known                   int
		Dark, Total             float64
		Interval                [2]float64
		Model, Lists            []string
		AIC                     float64
		MainEffectsTotal        float64 `json:"main_effects_total"`
		DetectionRate, SeedRate float64
		Seed                    float64 `json:"seed_detection_rate"`
	}
	if err := json.Unmarshal([]byte(strings.ReplaceAll(out, "detection_rate", "detectionrate")), &r); err != nil {
		t.Fatal(err)
	}
	if r.Known != 2744 || r.Total < 10000 || r.Total > 13000 || r.Interval[0] >= r.Total || r.Interval[1] <= r.Total || len(r.Lists) != 6 || len(r.Model) == 0 || r.MainEffectsTotal == 0 {
		t.Errorf("got %+v", r)
	}
	out, errOut, code = tipgraph(t, "estimate", "--mse", ukTable, "--model", "main", "--bootstrap", "0")
	for _, want := range []string{"main effects only", "12,214", "the seed assumes 1 in 20", "closed population"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d, lacks %q:\n%s%s", code, want, out, errOut)
		}
	}
	_, errOut, code = tipgraph(t, "estimate", "--mse", ukTable, "--model", "LA*XX")
	if code == 0 || !strings.Contains(errOut, "LA*XX") {
		t.Errorf("bad model: exit %d, %s", code, errOut)
	}
	// Inputs of the detection-rate model are refused, not ignored.
	for _, extra := range [][]string{{"--detected", "5000"}, {"--detection-rate", "1/10"}, {"--year", "2006"}, {"--demand"}} {
		_, errOut, code = tipgraph(t, append([]string{"estimate", "--mse", ukTable, "--bootstrap", "0"}, extra...)...)
		if code != 2 || !strings.Contains(errOut, extra[0]+" does not apply to --mse") {
			t.Errorf("%v with --mse: exit %d, %s", extra, code, errOut)
		}
	}
}

func TestMSEArgsQuery(t *testing.T) {
	for _, tc := range []struct {
		name     string
		args     mseArgs
		changed  []string
		fromData bool
		bad      string
	}{
		{"none", mseArgs{pthresh: 0.02}, nil, false, ""},
		{"ok", mseArgs{file: "x.csv", model: "stepwise", pthresh: 0.02, bootstrap: 1000, level: 0.95}, nil, false, ""},
		{"model without mse", mseArgs{model: "main"}, []string{"model"}, false, "--model goes with --mse"},
		{"level without mse", mseArgs{level: 0.9}, []string{"level"}, false, "--level goes with --mse"},
		{"pthresh", mseArgs{file: "x.csv", model: "main", pthresh: 2, level: 0.95}, nil, false, "pthresh"},
		{"bootstrap", mseArgs{file: "x.csv", model: "main", bootstrap: -1, level: 0.95}, nil, false, "bootstrap"},
		{"level", mseArgs{file: "x.csv", model: "main", level: 1}, nil, false, "level: 1: want a confidence level"},
		{"empty model", mseArgs{file: "x.csv", model: " ", level: 0.95}, nil, false, "model"},
		{"with data", mseArgs{file: "x.csv", model: "main"}, nil, true, "--detected-from-data"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			changed := func(f string) bool { return strings.Contains(strings.Join(tc.changed, " "), f) }
			_, err := tc.args.query(changed, tc.fromData)
			if tc.bad == "" && err != nil || tc.bad != "" && (err == nil || !strings.Contains(err.Error(), tc.bad)) {
				t.Errorf("got %v, want %q", err, tc.bad)
			}
		})
	}
}

func TestReportMSE(t *testing.T) {
	dir := t.TempDir()
	if _, errOut, code := tipgraph(t, "report", "-o", dir, "--mse", ukTable); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Multiple systems estimation from", "11,418", "2,744", "closed population", "1 in 20"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if _, errOut, code := tipgraph(t, "report", "-o", dir, "--mse", "no-such.csv"); code == 0 || !strings.Contains(errOut, "no-such.csv") {
		t.Errorf("missing table: exit %d, %s", code, errOut)
	}
}
