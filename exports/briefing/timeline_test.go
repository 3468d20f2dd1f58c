package briefing

import (
	"context"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// TestBrokersOverTime: with the dated calls beside toc2010 the briefing
// has a "Brokers over time" section whose cells are the Timeline of
// groups --by-period (top 3 of each year); --years keeps the years inside
// it; toc2010 alone, whose ties carry no dates, has no such section.
func TestBrokersOverTime(t *testing.T) {
	ctx := context.Background()
	calls := filepath.Join("..", "..", "routes", "groups", "testdata", "calls.csv")
	ds, err := ingest.Load(ctx, "builtin:toc2010", calls)
	if err != nil {
		t.Fatal(err)
	}
	b, page := build(t, ds, Options{})
	want, err := groups.BrokersOverTime(ctx, ds, "calls", groups.TimelineOptions{Top: TimelineTop})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Timelines) != 1 || b.TimelinesMore != 0 || len(b.Timelines[0].Periods) != 4 {
		t.Fatalf("%d timelines (%d more)", len(b.Timelines), b.TimelinesMore)
	}
	if !strings.Contains(page, "<h2>8. Brokers over time</h2>") || !strings.Contains(page, "<h3>Group calls</h3>") {
		t.Fatal("no Brokers over time section for calls")
	}
	for _, s := range want.Brokers {
		row := "<tr><td>" + s.Person + "</td>"
		for i := range want.Periods {
			cell := "–"
			if s.Rank[i] > 0 {
				cell = fmt.Sprintf("%.3f (#%d)", s.Betweenness[i], s.Rank[i])
			}
			row += `<td class="n">` + cell + "</td>"
		}
		if !strings.Contains(page, row) {
			t.Errorf("lacks the row of %s: %s", s.Person, row)
		}
	}
	if r := want.Periods[1].Rise; r == nil || !strings.Contains(page, fmt.Sprintf("%s %.3f → %.3f", r.Person, r.Before, r.After)) {
		t.Errorf("lacks who rose most in %s (%+v)", want.Periods[1].Period, r)
	}

	if n := strings.Count(page, "<polyline "); n != len(want.Brokers) {
		t.Errorf("the chart has %d lines, want one per broker (%d)", n, len(want.Brokers))
	}

	b, page = build(t, ds, Options{Filter: graph.Filter{Period: graph.Period{From: 2010, To: 2011}}})
	if len(b.Timelines) != 1 || len(b.Timelines[0].Periods) != 2 || strings.Contains(page, `<th class="n">2009</th>`) {
		t.Errorf("--years 2010-2011: %+v", b.Timelines)
	}
	if _, page := build(t, toc2010(t), Options{}); strings.Contains(page, "Brokers over time") {
		t.Error("toc2010 has no dated tie, yet a Brokers over time section")
	}
}

// TestTimelineSVGEscapes: person ids from the data are escaped in the
// chart; one period or no broker draws no chart.
func TestTimelineSVGEscapes(t *testing.T) {
	tl := &groups.Timeline{Group: "g&1", Periods: []groups.PeriodBrokers{{Period: graph.Year(2008)}, {Period: graph.Year(2009)}},
		Brokers: []groups.BrokerSeries{{Person: "<script>x</script>", Betweenness: []float64{0.5, 0}, Rank: []int{1, 0}}}}
	svg := string(timelineSVG(tl))
	if strings.Contains(svg, "<script>") || !strings.Contains(svg, "&lt;script&gt;x&lt;/script&gt;") || !strings.Contains(svg, "g&amp;1") {
		t.Errorf("not escaped: %s", svg)
	}
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Errorf("not well-formed: %v", err)
	}
	tl.Periods = tl.Periods[:1]
	tl.Brokers[0].Betweenness = tl.Brokers[0].Betweenness[:1]
	if svg := timelineSVG(tl); svg != "" {
		t.Errorf("one period: %s", svg)
	}
}
