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

// TestReportCapsTables: on a generated dataset the report lists at most
// reportMaxRows reroutes and emerging sources and says how many more.
func TestReportCapsTables(t *testing.T) {
	data := t.TempDir()
	if _, errOut, code := tipgraph(t, "generate", "--countries", "100", "--flows", "30000", "--seed", "4", "-o", data); code != 0 {
		t.Fatalf("generate: %s", errOut)
	}
	dir := filepath.Join(t.TempDir(), "r")
	if _, errOut, code := tipgraph(t, "--data", data, "report", "-o", dir); code != 0 {
		t.Fatalf("report: %s", errOut)
	}
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	i := strings.Index(page, "<h2>6. What if")
	if i < 0 {
		t.Fatal("no what-if section")
	}
	table := page[i:]
	table = table[:strings.Index(table, "</table>")]
	// The header, reportMaxRows reroutes and the line that counts the rest.
	if rows := strings.Count(table, "<tr>"); rows != reportMaxRows+2 || !strings.Contains(table, "more routes with") {
		t.Errorf("reroute table of %d rows, want %d with a last line counting the others:\n%.500s", rows, reportMaxRows+2, table)
	}
}

func TestLargest(t *testing.T) {
	sizes := []float64{3, 9, 1, 9, 5, 2}
	got := largest(len(sizes), 3, func(i int) float64 { return sizes[i] })
	if len(got) != 3 || !got[1] || !got[3] || !got[4] {
		t.Errorf("largest 3 of %v: %v, want indices 1, 3, 4", sizes, got)
	}
	if got := largest(2, 5, func(i int) float64 { return 0 }); len(got) != 2 {
		t.Errorf("k > n: %v", got)
	}
}
