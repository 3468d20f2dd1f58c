package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestReportArgsCheck(t *testing.T) {
	cases := []struct {
		name    string
		args    reportArgs
		wantErr string
	}{
		{"ok", reportArgs{out: "report", top: 10}, ""},
		{"no dir", reportArgs{top: 10}, "-o DIR"},
		{"bad top", reportArgs{out: "r", top: 0}, "--top 0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.args.check()
			if c.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("got %v, want %q", err, c.wantErr)
			}
		})
	}
}

func TestReportBuiltin(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "report")
	if _, errOut, code := tipgraph(t, "report", "-o", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	// The content is tested in exports/briefing; here the wiring.
	for _, want := range []string{"Trafficking routes briefing: toc2010", "<svg", "6. What if Ukraine closed to transit?", "146,000", "@media print"} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, name := range []string{"map.svg", "whatif.svg"} {
		svg, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := xml.Unmarshal(svg, new(struct{})); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	// --min-count reaches the briefing (issue 15: "505 victims each").
	dir = filepath.Join(t.TempDir(), "hidden")
	if _, errOut, code := tipgraph(t, "--min-count", "600", "report", "-o", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if b, err = os.ReadFile(filepath.Join(dir, "index.html")); err != nil {
		t.Fatal(err)
	}
	// Drawing coordinates (the base map's outlines) are not counts.
	coords := regexp.MustCompile(`\b(points|d|transform|viewBox)="[^"]*"`)
	if page := coords.ReplaceAllString(string(b), ""); strings.Contains(page, "505") || !strings.Contains(page, "(&lt;600 victims each)") {
		t.Errorf("--min-count 600: the briefing shows 505 or does not hide it")
	}
	if _, _, code := tipgraph(t, "report"); code != 2 {
		t.Errorf("report without -o: exit %d, want 2", code)
	}
}
