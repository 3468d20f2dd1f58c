package exports

import (
	"fmt"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// TrendSeries is one origin's victims at a destination in each of the
// destination's reporting years (routes.Trend.YearVictims).
type TrendSeries struct {
	Name    string
	Victims []graph.Count
}

// Sizes of a trend chart's panel, in pixels.
const (
	trendPanelW = 230
	trendPanelH = 196
	trendPlotH  = 48
	trendCols   = 3
)

// TrendChart returns an SVG of small multiples, one panel per series: its
// victims in each year and its share of the year's victims (totals),
// each a line over the years from the first to the last of years (the
// destination's reporting years, sorted). A hidden count (graph.Hidden,
// under --min-count) and a year without records are gaps in the line,
// never zeros; a point between two gaps is drawn as a dot. Each plot is
// scaled to its own largest value, written at its top left, so that the
// panels compare shapes; the years are written under the share plot.
// The output is deterministic.
func TrendChart(years []int, totals []graph.Count, series []TrendSeries) []byte {
	if len(years) == 0 || len(series) == 0 {
		return nil
	}
	cols := min(trendCols, len(series))
	rows := (len(series) + cols - 1) / cols
	w, h := cols*trendPanelW, rows*trendPanelH
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="trend" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Liberation Sans,Arial,Helvetica,sans-serif" role="img">`, w, h, w, h)
	first, last := years[0], years[len(years)-1]
	x := func(y int) float64 {
		if last == first {
			return float64(trendPanelW-20) / 2
		}
		return 34 + float64(y-first)*float64(trendPanelW-56)/float64(last-first)
	}
	for i, s := range series {
		ox, oy := (i%cols)*trendPanelW, (i/cols)*trendPanelH
		fmt.Fprintf(&b, `<g transform="translate(%d,%d)">`, ox, oy)
		fmt.Fprintf(&b, `<text x="8" y="16" font-size="13" font-weight="bold" fill="%s">%s</text>`, colText, esc(trimTo(s.Name, 30)))
		victims := make([]float64, len(years))
		share := make([]float64, len(years))
		shown := make([]bool, len(years))
		shareShown := make([]bool, len(years))
		for j := range years {
			v := graph.Count(0)
			if j < len(s.Victims) {
				v = s.Victims[j]
			}
			if v.IsHidden() {
				continue
			}
			victims[j], shown[j] = float64(v), true
			if t := totals[j]; !t.IsHidden() && t > 0 {
				share[j], shareShown[j] = 100*float64(v)/float64(t), true
			}
		}
		trendPlot(&b, years, x, 40, victims, shown, "victims", Thousands, colTransit)
		trendPlot(&b, years, x, 40+trendPlotH+24, share, shareShown, "share", func(n int) string { return fmt.Sprintf("%d%%", n) }, colOrigin)
		base := 40 + 2*trendPlotH + 24
		for _, y := range []int{first, last} {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="11" text-anchor="middle" fill="%s">%d</text>`, x(y), base+15, colMuted, y)
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return []byte(b.String())
}

// trendPlot draws one plot of a panel at top: a baseline, its label and
// largest value, and the line of values over years, broken where shown
// is false or a year is missing.
func trendPlot(b *strings.Builder, years []int, x func(int) float64, top int, vals []float64, shown []bool, label string, num func(int) string, colour string) {
	peak := 0.0
	for j, v := range vals {
		if shown[j] {
			peak = max(peak, v)
		}
	}
	bottom := top + trendPlotH
	y := func(v float64) float64 {
		if peak <= 0 {
			return float64(bottom)
		}
		return float64(bottom) - v/peak*float64(trendPlotH)
	}
	x0, x1 := x(years[0]), x(years[len(years)-1])
	fmt.Fprintf(b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#BBBBBB" stroke-width="1"/>`, x0-4, bottom, x1+4, bottom)
	fmt.Fprintf(b, `<text x="8" y="%d" font-size="11" fill="%s">%s, up to %s</text>`, top-8, colMuted, label, num(int(peak+0.5)))
	// A tick under each reporting year.
	for _, yr := range years {
		fmt.Fprintf(b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#BBBBBB" stroke-width="1"/>`, x(yr), bottom, x(yr), bottom+3)
	}
	// Runs of consecutive shown years (a year without records is not in
	// years: its neighbours are not consecutive).
	var pts []string
	flush := func() {
		switch len(pts) {
		case 0:
		case 1:
			xy := strings.Split(pts[0], ",")
			fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="2.5" fill="%s"/>`, xy[0], xy[1], colour)
		default:
			fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2" stroke-linejoin="round"/>`, strings.Join(pts, " "), colour)
		}
		pts = pts[:0]
	}
	for j, yr := range years {
		if !shown[j] || j > 0 && yr != years[j-1]+1 {
			flush()
		}
		if shown[j] {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(yr), y(vals[j])))
		}
	}
	flush()
	// Gaps are marked on the baseline: hidden counts with a small cross.
	for j, yr := range years {
		if !shown[j] {
			fmt.Fprintf(b, `<text x="%.1f" y="%d" font-size="10" text-anchor="middle" fill="%s">×</text>`, x(yr), bottom+4, colMuted)
		}
	}
}

// trimTo cuts s to n runes with an ellipsis.
func trimTo(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
