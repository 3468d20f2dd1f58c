package briefing

import (
	"cmp"
	"context"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// timelines are the Timelines of the largest MaxTimelines groups of ds
// whose ties carry periods inside within (most members first, ties by
// id), following the TimelineTop brokers of each period, and how many
// such groups are left out.
func timelines(ctx context.Context, ds *graph.Dataset, within graph.Period) ([]*groups.Timeline, int, error) {
	var dated []*groups.MemberGraph
	for _, mg := range groups.MemberGraphs(ds) {
		if slices.ContainsFunc(groups.TiePeriods(mg), within.Contains) {
			dated = append(dated, mg)
		}
	}
	slices.SortStableFunc(dated, func(a, b *groups.MemberGraph) int {
		return cmp.Or(cmp.Compare(len(b.Members), len(a.Members)), strings.Compare(a.Group.ID, b.Group.ID))
	})
	more := max(0, len(dated)-MaxTimelines)
	var out []*groups.Timeline
	for _, mg := range dated[:len(dated)-more] {
		tl, err := groups.BrokersOverTime(ctx, ds, mg.Group.ID, groups.TimelineOptions{Top: TimelineTop, Within: within})
		if err != nil {
			return nil, 0, err
		}
		out = append(out, tl)
	}
	return out, more, nil
}

// TimelineTop is the constant TimelineTop, for the template.
func (b *Briefing) TimelineTop() int { return TimelineTop }

// brokerCell is a broker's betweenness and rank in period i, or a dash
// when they were no broker then.
func brokerCell(s groups.BrokerSeries, i int) string {
	if s.Rank[i] == 0 {
		return "–"
	}
	return fmt.Sprintf("%.3f (#%d)", s.Betweenness[i], s.Rank[i])
}

// moveText is who rose or fell, from what to what; a dash for nobody.
func moveText(m *groups.Move) string {
	if m == nil {
		return "–"
	}
	return fmt.Sprintf("%s %.3f → %.3f", m.Person, m.Before, m.After)
}

// chartColours are the lines of the brokers-over-time chart (Okabe-Ito,
// told apart by readers with any colour vision, with grey for its yellow,
// too pale on white); a ninth broker takes the first colour again, dashed.
var chartColours = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#7F7F7F"}

// timelineSVG draws a small line chart of tl: one line per followed
// broker over the periods (betweenness from 0 to the largest value), each
// labelled at its last point, in period order from left to right. Person
// ids are escaped.
func timelineSVG(tl *groups.Timeline) template.HTML {
	n := len(tl.Periods)
	if n < 2 || len(tl.Brokers) == 0 {
		return ""
	}
	const w, h, left, right, top, bottom = 560.0, 200.0, 44.0, 90.0, 12.0, 26.0
	peak := 0.0
	for _, s := range tl.Brokers {
		peak = max(peak, slices.Max(s.Betweenness))
	}
	if peak == 0 {
		return ""
	}
	x := func(i int) float64 { return left + float64(i)*(w-left-right)/float64(n-1) }
	y := func(v float64) float64 { return top + (1-v/peak)*(h-top-bottom) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-label="Betweenness of the brokers of group %s by period">`,
		w, h, w, h, template.HTMLEscapeString(tl.Group))
	fmt.Fprintf(&b, `<g font-family="Liberation Sans, Arial, sans-serif" font-size="10" fill="#555">`)
	for _, v := range []float64{0, peak / 2, peak} {
		fmt.Fprintf(&b, `<line x1="%g" x2="%g" y1="%.1f" y2="%.1f" stroke="#ddd"/><text x="%g" y="%.1f" text-anchor="end">%.3f</text>`,
			left, w-right, y(v), y(v), left-4, y(v)+3, v)
	}
	for i, p := range tl.Periods {
		fmt.Fprintf(&b, `<text x="%.1f" y="%g" text-anchor="middle">%s</text>`, x(i), h-8, template.HTMLEscapeString(p.Period.String()))
	}
	b.WriteString(`</g>`)
	// The labels at the right end, pushed apart so that none overlaps.
	type label struct {
		y      float64
		person string
		colour string
	}
	var labels []label
	for k, s := range tl.Brokers {
		colour := chartColours[k%len(chartColours)]
		dash := ""
		if k >= len(chartColours) {
			dash = ` stroke-dasharray="4 3"`
		}
		var pts []string
		for i, v := range s.Betweenness {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(v)))
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="1.8"%s points="%s"><title>%s</title></polyline>`,
			colour, dash, strings.Join(pts, " "), template.HTMLEscapeString(s.Person))
		labels = append(labels, label{y(s.Betweenness[n-1]), s.Person, colour})
	}
	slices.SortStableFunc(labels, func(a, b label) int { return cmp.Compare(a.y, b.y) })
	for i := range labels {
		if i > 0 {
			labels[i].y = max(labels[i].y, labels[i-1].y+11)
		}
	}
	b.WriteString(`<g font-family="Liberation Sans, Arial, sans-serif" font-size="10">`)
	for _, l := range labels {
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" fill="%s">%s</text>`, w-right+6, l.y+3, l.colour, template.HTMLEscapeString(l.person))
	}
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String())
}
