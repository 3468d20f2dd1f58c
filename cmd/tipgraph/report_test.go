package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
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
	for _, want := range []string{
		"Trafficking routes briefing: toc2010", "1. Summary", "17,300", "2. Route map", "<svg",
		"3. Top hubs", "Russia (RU)", "4. Top routes", "5. Emerging sources", "6. What if Ukraine closed to transit?",
		"Netherlands, 2006 → 2007-2008", "Turkey, 2003-2004 → 2006-2007", "Not compared: Austria (records of one period only: 2006)",
		"Russia and Ukraine tie as the busiest transit countries (505 victims each); the detail shows Ukraine, whose closure reroutes the most victims.",
		"CN &gt; RU &gt; NL", "Each transit country closed alone",
		`<td>Russia (RU)</td><td class="n">505</td><td class="n">0</td><td class="n">505</td>`,
		"7. Estimate", "146,000", "@media print",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	// Self-contained: nothing is fetched from elsewhere.
	for _, bad := range []string{"http://", "https://", "<script", "<link"} {
		for _, line := range strings.Split(page, "\n") {
			if strings.Contains(line, bad) && !strings.Contains(line, "xmlns") && !strings.Contains(line, "w3.org") {
				t.Errorf("report refers outside itself: %.200s", line)
				break
			}
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
	if _, _, code := tipgraph(t, "report"); code != 2 {
		t.Errorf("report without -o: exit %d, want 2", code)
	}
}
