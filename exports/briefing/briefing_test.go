package briefing

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/exports"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes"
)

// load reads a flows.csv given as text.
func load(t *testing.T, flows string) *graph.Dataset {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "flows.csv"), []byte(flows), 0o644); err != nil {
		t.Fatal(err)
	}
	ds, err := ingest.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func toc2010(t *testing.T) *graph.Dataset {
	t.Helper()
	ds, err := ingest.Load(context.Background(), "builtin:toc2010")
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func build(t *testing.T, ds *graph.Dataset, opt Options) (*Briefing, string) {
	t.Helper()
	b, err := Build(context.Background(), Held(ds), opt)
	if err != nil {
		t.Fatal(err)
	}
	var page bytes.Buffer
	if err := b.HTML(&page); err != nil {
		t.Fatal(err)
	}
	return b, page.String()
}

func TestToc2010(t *testing.T) {
	b, page := build(t, toc2010(t), Options{})
	// Hubs by transit: Russia and Ukraine tie at 505 (docs/toc2010.md:
	// CN > RU > UA > PL > NL 277 and CN > RU > UA > HU > IT 228).
	if b.Hubs.ByThroughput || len(b.Hubs.Rows) != DefaultTop || b.Hubs.Rows[0].Country != "RU" || b.Hubs.Rows[0].Transit != 505 {
		t.Errorf("hubs: by throughput %v, %d rows, first %+v", b.Hubs.ByThroughput, len(b.Hubs.Rows), b.Hubs.Rows[0].Hub)
	}
	w := b.WhatIf
	// Closing Russia disrupts its 505 (no other route); closing Ukraine
	// reroutes them through Russia: the tie goes to Ukraine.
	if w.Country != "UA" || !slices.Equal(w.Tied, []string{"Russia", "Ukraine"}) || w.Transit != 505 ||
		w.Affected != 505 || w.Rerouted != 505 || w.Disrupted != 0 || len(w.Reroutes) != 2 || w.Reroutes[0].Victims != 277 {
		t.Errorf("what-if: %+v", w)
	}
	if len(w.Sweep) == 0 || w.Sweep[0].Name != "Russia (RU)" || w.Sweep[0].Disrupted != 505 {
		t.Errorf("sweep: %+v", w.Sweep)
	}
	if e := b.Estimate; !e.Seed || e.Detected != 7300 || e.Result == nil || e.Result.Stock.Low != 146000 {
		t.Errorf("estimate: %+v", e)
	}
	for _, want := range []string{
		"Trafficking routes briefing: toc2010", "Set aside: no input rows", "17,300", "Russia (RU)",
		"6. What if Ukraine closed to transit?", "Netherlands, 2006 → 2007-2008", "Turkey, 2003-2004 → 2006-2007",
		"Not compared: Austria (records of one period only: 2006)",
		"Russia and Ukraine tie as the busiest transit countries (505 victims each); the detail shows Ukraine, whose closure reroutes the most victims.",
		"of <b>505</b> affected victims, <b>505</b> are rerouted",
		"CN &gt; RU &gt; NL", `<td>Russia (RU)</td><td class="n">505</td><td class="n">0</td><td class="n">505</td>`,
		"146,000", "7,300 victims detected in West and Central Europe in 2006",
		"At Turkey: Russia falling (24 points of share lost), Turkmenistan, Uzbekistan rising (40 points gained)",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("briefing lacks %q", want)
		}
	}
	// Self-contained: nothing is fetched from elsewhere.
	for _, bad := range []string{"http://", "https://", "<script", "<link"} {
		for _, line := range strings.Split(page, "\n") {
			if strings.Contains(line, bad) && !strings.Contains(line, "xmlns") && !strings.Contains(line, "w3.org") {
				t.Errorf("briefing refers outside itself: %.200s", line)
				break
			}
		}
	}
	files, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"map.svg", "whatif.svg"} {
		if err := xml.Unmarshal(files[name], new(struct{})); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestToc2010Filtered: the seed's estimate is for 2006; a filter that
// leaves 2006 out leaves it out, and says why.
func TestToc2010Filtered(t *testing.T) {
	b, page := build(t, toc2010(t), Options{Filter: graph.Filter{Period: graph.Period{From: 2007, To: 2008}}})
	if b.Estimate.Result != nil || !strings.Contains(page, "no record under this filter has measure detected") {
		t.Errorf("estimate %+v", b.Estimate)
	}
}

// noTransit is origin-destination data, as GLOTIP and CTDC give it:
// throughput (in + out) of FR 100+30+5 = 135... see TestNoTransit.
const noTransit = `origin,destination,victims,year,measure
NG,FR,100,2007,estimated
RO,FR,30,2007,estimated
FR,FR,5,2007,estimated
NG,IT,80,2008,estimated
RO,IT,60,2008,estimated
AL,IT,20,2008,estimated
`

func TestNoTransit(t *testing.T) {
	b, page := build(t, load(t, noTransit), Options{})
	// Throughput by hand: IT in 160; NG out 180; FR in 135 + out 5 (the
	// domestic leg counts both ways) = 140; RO out 90; AL out 20.
	want := []struct {
		code string
		n    graph.Count
	}{{"NG", 180}, {"IT", 160}, {"FR", 140}, {"RO", 90}, {"AL", 20}}
	if !b.Hubs.ByThroughput || len(b.Hubs.Rows) != len(want) {
		t.Fatalf("hubs %+v", b.Hubs)
	}
	for i, w := range want {
		if r := b.Hubs.Rows[i]; r.Country != w.code || r.Throughput != w.n {
			t.Errorf("hub %d: %s %d, want %s %d", i, r.Country, r.Throughput, w.code, w.n)
		}
	}
	// K = 10: France's outflow 5 is hidden, and its inflow 135 with it
	// (140 - 135 = 5).
	hidden, _ := build(t, load(t, noTransit), Options{Policy: privacy.Policy{K: 10}})
	if fr := hidden.Hubs.Rows[2]; !fr.Outflow.IsHidden() || !fr.Inflow.IsHidden() || fr.Throughput != 140 {
		t.Errorf("France under K=10: %+v", fr)
	}
	if !b.WhatIf.NoTransit || b.WhatIf.DataHasTransit || b.WhatIfMap != nil {
		t.Errorf("what-if %+v", b.WhatIf)
	}
	if b.Estimate.Result != nil {
		t.Errorf("estimate of data without detected records: %+v", b.Estimate)
	}
	for _, want := range []string{"3. Top hubs (by throughput)", "no transit country (no via)", "The data records no transit",
		"the via column of flows.csv", "This section is left out: no record under this filter has measure detected"} {
		if !strings.Contains(page, want) {
			t.Errorf("briefing lacks %q", want)
		}
	}
	for _, bad := range []string{"West and Central Europe in 2006, one", "146,000", "7,300"} {
		if strings.Contains(page, bad) {
			t.Errorf("briefing of other data shows the seed's estimate: %q", bad)
		}
	}
}

// TestEstimateFromData: the detected victims of the latest period with
// detected records, with their destinations' sub-regions.
func TestEstimateFromData(t *testing.T) {
	ds := load(t, `origin,destination,victims,year,measure
NG,FR,100,2007,detected
RO,IT,60,2008,detected
AL,DE,20,2008,detected
NG,IT,500,2008,estimated
`)
	b, page := build(t, ds, Options{})
	e := b.Estimate
	if e.Seed || e.Detected != 80 || e.Period != graph.Year(2008) || e.Records != 2 || !slices.Equal(e.Regions, []string{"Southern Europe", "Western Europe"}) {
		t.Fatalf("estimate %+v", e)
	}
	// 80 / (1/20) = 1,600 victims, 800 a year.
	if e.Result == nil || e.Result.Stock.Low != 1600 || e.Result.AnnualFlow.Low != 800 {
		t.Errorf("result %+v", e.Result)
	}
	if !strings.Contains(page, "the 80 victims of the 2 records with measure detected in 2008") {
		t.Errorf("briefing does not say where the detected victims come from")
	}
	// Under --min-count 100 the 80 are hidden, and so is every figure
	// derived from them.
	b, page = build(t, ds, Options{Policy: privacy.Policy{K: 100}})
	if b.Estimate.Result != nil || strings.Contains(page, "1,600") || !strings.Contains(page, "fewer than 100 (--min-count)") {
		t.Errorf("estimate of a hidden count: %+v", b.Estimate)
	}
}

func TestSetAside(t *testing.T) {
	ds := load(t, noTransit)
	ds.SetAside.Add("aggregate category", 7, graph.NewSetAsideExample("glotip.csv:12", "TOTAL", 7))
	ds.SetAside.Add("aggregate category", 300, graph.NewSetAsideExample("glotip.csv:13", "Other Asia", 300))
	ds.SetAside.Add("unknown country", 200, graph.NewSetAsideExample("glotip.csv:40", "Desconocido", 200))
	_, page := build(t, ds, Options{})
	want := "Set aside: 3 input rows with 507 victims not analysed: aggregate category (2 rows, 307 victims; e.g. glotip.csv:13: Other Asia (300), glotip.csv:12: TOTAL (7)); unknown country (1 row, 200 victims; e.g. glotip.csv:40: Desconocido (200))."
	if !strings.Contains(page, want) {
		t.Errorf("briefing lacks %q", want)
	}
	// K = 250: 200 is hidden, and 307 with it (507 - 307 = 200).
	_, page = build(t, ds, Options{Policy: privacy.Policy{K: 250}})
	want = "Set aside: 3 input rows with 507 victims not analysed: aggregate category (2 rows, &lt;250 victims"
	if !strings.Contains(page, want) || strings.Contains(page, "307") || strings.Contains(page, "(7)") || strings.Contains(page, "(200)") {
		t.Errorf("briefing lacks %q or shows 307", want)
	}
}

// TestCaps: on a generated dataset the briefing lists at most MaxRows
// reroutes and emerging sources and says how many more.
func TestCaps(t *testing.T) {
	var flows bytes.Buffer
	if err := ingest.Generate(&flows, ingest.GenerateConfig{Countries: 100, Flows: 30000, Seed: 4}); err != nil {
		t.Fatal(err)
	}
	b, page := build(t, load(t, flows.String()), Options{})
	if len(b.WhatIf.Reroutes) != MaxRows || b.WhatIf.Rest == 0 || len(b.Emerging.Rows) != MaxRows || b.Emerging.More == 0 {
		t.Fatalf("%d reroutes and %d more, %d emerging and %d more", len(b.WhatIf.Reroutes), b.WhatIf.Rest, len(b.Emerging.Rows), b.Emerging.More)
	}
	i := strings.Index(page, "<h2>6. What if")
	if i < 0 {
		t.Fatal("no what-if section")
	}
	table := page[i:]
	table = table[:strings.Index(table, "</table>")]
	// The header, MaxRows reroutes and the line that counts the rest.
	if rows := strings.Count(table, "<tr>"); rows != MaxRows+2 || !strings.Contains(table, "more routes with") {
		t.Errorf("reroute table of %d rows, want %d with a last line counting the others:\n%.500s", rows, MaxRows+2, table)
	}
	if !strings.Contains(page, fmt.Sprintf("The %d largest shifts of share are shown; ", MaxRows)) {
		t.Errorf("emerging section does not count the rows left out")
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

// TestWhatIfComplement: no hidden count of the what-if is a shown total
// minus shown parts.
func TestWhatIfComplement(t *testing.T) {
	w := &WhatIf{Affected: 900, Rerouted: 880, Deterred: 0, Disrupted: 20,
		Reroutes: []Reroute{{Old: "a", New: "b", Victims: 500}, {Old: "c", New: "d", Victims: 380}, {Old: "e", Disrupted: true, Victims: 20}},
		Sweep:    []SweepRow{{SweepEntry: routes.SweepEntry{Affected: 700, Rerouted: 690, Disrupted: 10}}}}
	privacy.Policy{K: 100}.Apply(w)
	// Disrupted 20 is hidden; affected 900 = 880 + 0 + 20 would give it
	// away, so 880 goes, and then its rows 500 + 380 one of them.
	if !w.Disrupted.IsHidden() || !w.Rerouted.IsHidden() || w.Affected != 900 || !w.Reroutes[2].Victims.IsHidden() {
		t.Errorf("what-if %+v", w)
	}
	if !w.Reroutes[1].Victims.IsHidden() || w.Reroutes[0].Victims != 500 {
		t.Errorf("reroutes %+v", w.Reroutes)
	}
	if s := w.Sweep[0]; !s.Disrupted.IsHidden() || !s.Rerouted.IsHidden() || s.Affected != 700 {
		t.Errorf("sweep %+v", s)
	}
}

// visibleText is the text a reader of the page sees: text nodes and
// tooltips (title attributes), without styles, tags or coordinates.
func visibleText(page string) string {
	page = regexp.MustCompile(`(?s)<style>.*?</style>`).ReplaceAllString(page, " ")
	var b strings.Builder
	for _, m := range regexp.MustCompile(`(?:xlink:)?title="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		b.WriteString(m[1])
		b.WriteString("\n")
	}
	b.WriteString(regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(page, "\n"))
	return html.UnescapeString(b.String())
}

// numbers returns the integers written in text (thousands separators
// allowed; decimals are not integers).
func numbers(text string) []int64 {
	var out []int64
	for _, m := range numberRE.FindAllString(text, -1) {
		if strings.Contains(m, ".") {
			continue
		}
		n, err := strconv.ParseInt(strings.ReplaceAll(m, ",", ""), 10, 64)
		if err == nil {
			out = append(out, n)
		}
	}
	return out
}

var numberRE = regexp.MustCompile(`\d+(?:,\d{3})*(?:\.\d+)?`)

func TestNumbers(t *testing.T) {
	got := numbers("a 12,345 b 0.0096 c 40,000. d 7 e 3.5 f 2003-2004 (<600)")
	want := []int64{12345, 40000, 7, 2003, 2004, 600}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// leaks returns the numbers of text that are victim counts of 1 to k-1
// when every count is a multiple of unit (every sum of counts is too).
func leaks(text string, unit, k int64) []int64 {
	var out []int64
	for _, n := range numbers(text) {
		if n > 0 && n < k && n%unit == 0 {
			out = append(out, n)
		}
	}
	return out
}

// tenThousands is a dataset whose every record counts a multiple of
// 10,000 victims, from 10,000 to 150,000, so that under --min-count
// 50,000 no number from 10,000 to 49,999 that is a multiple of 10,000
// may appear anywhere: it could only be a count or a sum of counts. It
// has transit countries, several periods per destination and detected
// records.
func tenThousands() string {
	rng := rand.New(rand.NewPCG(7, 11))
	codes := []string{"NG", "RO", "AL", "UA", "RU", "TR", "GR", "IT", "FR", "NL", "DE", "ES", "MA", "LY", "CN"}
	var b strings.Builder
	b.WriteString("origin,destination,via,victims,year,measure\n")
	for i := range 120 {
		o, d := codes[rng.IntN(7)], codes[7+rng.IntN(5)]
		via := ""
		if i%3 != 0 {
			via = codes[rng.IntN(len(codes))]
			if via == o || via == d {
				via = ""
			}
		}
		measure := "estimated"
		if i%4 == 0 {
			measure = "detected"
		}
		fmt.Fprintf(&b, "%s,%s,%s,%d,%d,%s\n", o, d, via, 10000*(1+rng.IntN(15)), 2004+rng.IntN(5), measure)
	}
	return b.String()
}

// TestNoSmallCount generates briefings under a --min-count K on data
// with counts on both sides of K and fails on any count from 1 to K-1 in
// the page: tables, prose, notes, and the maps' text and tooltips.
func TestNoSmallCount(t *testing.T) {
	scaled := toc2010(t)
	for i := range scaled.Flows {
		scaled.Flows[i].Victims *= 10000
	}
	cases := []struct {
		name string
		ds   *graph.Dataset
		k    int
	}{
		{"ten-thousands", load(t, tenThousands()), 50000},
		// toc2010 in units of 10,000 victims: its 505 transit victims
		// become 5,050,000, under K.
		{"toc2010x10000", scaled, 6000000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Without the policy the same page shows such counts: the
			// check can fail.
			_, open := build(t, c.ds, Options{})
			if len(leaks(visibleText(open), 10000, int64(c.k))) == 0 {
				t.Fatalf("no count under %d in the briefing without --min-count: the test checks nothing", c.k)
			}
			b, page := build(t, c.ds, Options{Policy: privacy.Policy{K: c.k}})
			if got := leaks(visibleText(page), 10000, int64(c.k)); len(got) > 0 {
				t.Errorf("counts under %d shown: %v", c.k, got)
			}
			if b.Hidden() == 0 || !strings.Contains(page, fmt.Sprintf("&lt;%d", c.k)) {
				t.Errorf("nothing hidden")
			}
			for name, svg := range map[string][]byte{"map": b.Map, "what-if map": b.WhatIfMap} {
				if got := leaks(visibleText(string(svg)), 10000, int64(c.k)); len(got) > 0 {
					t.Errorf("%s: counts under %d shown: %v", name, c.k, got)
				}
			}
		})
	}
}

// TestToc2010MinCount is the leak of issue 15: under --min-count 600 the
// briefing wrote "505 victims each".
func TestToc2010MinCount(t *testing.T) {
	_, page := build(t, toc2010(t), Options{Policy: privacy.Policy{K: 600}})
	text := visibleText(page)
	for _, m := range regexp.MustCompile(`(\d+(?:,\d{3})*(?:\.\d+)?),? (victims|affected|rerouted|deterred|disrupted)`).FindAllStringSubmatch(text, -1) {
		if n, err := strconv.Atoi(strings.ReplaceAll(m[1], ",", "")); err == nil && n > 0 && n < 600 {
			t.Errorf("count under 600 shown: %q", m[0])
		}
	}
	for _, want := range []string{"(&lt;600 victims each)", "of <b>&lt;600</b> affected victims"} {
		if !strings.Contains(page, want) {
			t.Errorf("briefing lacks %q", want)
		}
	}
}

// TestTrends: toc2010's trends are Italy's and the Netherlands' (the
// destinations with most victims over 3 reporting years or more), each
// origin's yearly victims those of its records; under a policy no hidden
// count of a year is the year's total minus the shown ones.
func TestTrends(t *testing.T) {
	ds := toc2010(t)
	b, page := build(t, ds, Options{})
	if len(b.Trends) != 2 || !strings.HasPrefix(b.Trends[0].Destination, "Italy (IT)") || !strings.HasPrefix(b.Trends[1].Destination, "Netherlands (NL)") {
		t.Fatalf("trends of %v", b.Trends)
	}
	it := b.Trends[0]
	if it.Shown != MaxTrendOrigins || len(it.Origins) <= it.Shown || strings.Count(page, `<svg xmlns="http://www.w3.org/2000/svg" class="trend"`) != 2 {
		t.Errorf("Italy: %d of %d origins shown, %d charts", it.Shown, len(it.Origins), strings.Count(page, `<svg xmlns="http://www.w3.org/2000/svg" class="trend"`))
	}
	// The independent reference: Albania's records to Italy by year.
	want := map[int]int{}
	for _, f := range ds.Flows {
		if f.Origin == "AL" && f.Destination == "IT" {
			want[f.Period.From] += f.Victims
		}
	}
	al := slices.IndexFunc(it.Origins, func(s exports.TrendSeries) bool { return s.Name == "Albania (AL)" })
	if al < 0 {
		t.Fatal("no Albania at Italy")
	}
	for i, y := range it.Years {
		if got := int(it.Origins[al].Victims[i]); got != want[y] {
			t.Errorf("Albania to Italy in %d: %d victims, want %d", y, got, want[y])
		}
	}
	// Under K = 600 every year of Italy has hidden origins; none is the
	// total minus the others.
	hb, _ := build(t, ds, Options{Policy: privacy.Policy{K: 600}})
	for _, tr := range hb.Trends {
		for i, y := range tr.Years {
			hidden, shown := 0, 0
			for _, o := range tr.Origins {
				if o.Victims[i].IsHidden() {
					hidden++
				} else {
					shown += int(o.Victims[i])
				}
			}
			if hidden == 1 && !tr.Totals[i].IsHidden() {
				t.Errorf("%s %d: one hidden origin with the total %d shown (it is %d minus the others)", tr.Destination, y, tr.Totals[i], int(tr.Totals[i])-shown)
			}
		}
	}
}

// TestPeriodMaps: toc2010's years 1996-2008 make three maps, 1996-2000,
// 2001-2004 and 2005-2008, and the records across two of them are
// counted (reference: each record's first and last year in different
// periods).
func TestPeriodMaps(t *testing.T) {
	ds := toc2010(t)
	b, page := build(t, ds, Options{})
	var got []string
	for _, m := range b.PeriodMaps {
		got = append(got, m.Period.String())
		if m.SVG == nil {
			t.Errorf("%s: no map (%s)", m.Period, m.Note)
		}
	}
	if strings.Join(got, " ") != "1996-2000 2001-2004 2005-2008" {
		t.Fatalf("periods %v", got)
	}
	period := func(y int) int {
		switch {
		case y <= 2000:
			return 0
		case y <= 2004:
			return 1
		}
		return 2
	}
	want := 0
	for _, f := range ds.Flows {
		if period(f.Period.From) != period(f.Period.To) {
			want++
		}
	}
	if b.Spanning != want || want == 0 {
		t.Errorf("%d records across two periods, want %d", b.Spanning, want)
	}
	if !strings.Contains(page, "The map by period") || strings.Count(page, `<div class="period"><svg`) != 3 {
		t.Error("the page lacks the maps by period")
	}
}
