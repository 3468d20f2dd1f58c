package exports

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
)

// TestTrendChart: a hidden count and a year without records break the
// line (no point drawn at zero), a lone point between gaps is a dot,
// shares are the victims over the year's total, and each plot is scaled
// to its own largest value.
func TestTrendChart(t *testing.T) {
	years := []int{2001, 2002, 2003, 2005, 2006}
	totals := []graph.Count{100, 200, 100, 50, 80}
	svg := string(TrendChart(years, totals, []TrendSeries{
		{Name: "Nigeria (NG)", Victims: []graph.Count{10, 20, graph.Hidden, 25, 40}},
	}))
	lines := regexp.MustCompile(`<polyline points="([^"]*)" fill="none" stroke="(#[0-9A-F]+)"`).FindAllStringSubmatch(svg, -1)
	dots := regexp.MustCompile(`<circle cx="([0-9.]+)"`).FindAllStringSubmatch(svg, -1)
	// Victims: 2001-2002 a line, 2003 hidden, 2005-2006 a line; the same
	// runs for the share: four lines of two points, no dot.
	if len(lines) != 4 || len(dots) != 0 {
		t.Fatalf("%d lines and %d dots, want 4 lines of two points and no dot:\n%s", len(lines), len(dots), svg)
	}
	for _, l := range lines {
		if n := len(strings.Fields(l[1])); n != 2 {
			t.Errorf("line %q has %d points, want 2", l[1], n)
		}
	}
	for _, want := range []string{"victims, up to 40", "share, up to 50%", "Nigeria (NG)", ">2001<", ">2006<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	if strings.Count(svg, ">×<") != 2 {
		t.Errorf("%d gap marks, want 2 (the hidden 2003 in each plot)", strings.Count(svg, ">×<"))
	}
	// The largest victims (40 in 2006) sit at the top of the plot, the
	// share of 2002 (10%) at a fifth of the share plot's largest (50%).
	top := regexp.MustCompile(`,40\.0\b`)
	if !top.MatchString(lines[1][1]) {
		t.Errorf("2006's 40 victims not at the plot's top (y=40): %q", lines[1][1])
	}
	// A lone shown year between gaps is a dot.
	svg = string(TrendChart(years, totals, []TrendSeries{{Name: "X", Victims: []graph.Count{graph.Hidden, 5, graph.Hidden, graph.Hidden, graph.Hidden}}}))
	if n := strings.Count(svg, "<circle"); n != 2 || strings.Contains(svg, "<polyline") {
		t.Errorf("a lone year: %d dots and lines %v, want 2 dots (victims, share) and no line", n, strings.Contains(svg, "<polyline"))
	}
	if TrendChart(nil, nil, nil) != nil {
		t.Error("an empty chart is not nil")
	}
}
