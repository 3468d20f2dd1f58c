package render

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes/estimate"
)

// estimateResult renders estimate.Result: one line per quantity.
type estimateResult struct{ *estimate.Result }

// quantity is one line of an estimate: its key, value and how it is made.
type quantity struct{ key, val, how string }

// rangeText writes a range with num: "146,000" or "121,667 - 182,500";
// a hidden end is "<K".
func (p *Printer) rangeText(r estimate.Range, num func(float64) string) string {
	end := func(x graph.Share) string {
		if x.IsHidden() {
			return p.policy.Mark()
		}
		return num(float64(x))
	}
	if r.IsPoint() {
		return end(r.Low)
	}
	return end(r.Low) + " - " + end(r.High)
}

func (p *Printer) countRangeText(r estimate.CountRange) string {
	if r.Low == r.High {
		return p.Count(r.Low)
	}
	return p.Count(r.Low) + " - " + p.Count(r.High)
}

func round0(x float64) string { return Thousands(int(math.Round(x))) }

// billions writes 2.61 billion, 52.14 million or 7,300.
func billions(x float64) string {
	if x >= 1e9 {
		return Ftoa(x/1e9, 2) + " billion"
	}
	if x >= 1e6 {
		return Ftoa(x/1e6, 2) + " million"
	}
	return round0(x)
}

// sharePct writes 0.087 as 8.7%.
func sharePct(x float64) string { return Ftoa(100*x, 1) + "%" }

func (r estimateResult) lines(p *Printer) []quantity {
	num := func(x float64) string { return Ftoa(x, -1) }
	rt := p.rangeText
	lines := []quantity{
		{"detected", p.countRangeText(r.Detected), "--detected"},
		{"detection_rate", rt(r.DetectionRate, num), "--detection-rate"},
		{"stock", rt(r.Stock, round0), "detected / detection rate"},
		{"turnover_years", rt(r.TurnoverYears, num), "--turnover-years"},
		{"annual_flow", rt(r.AnnualFlow, round0), "stock / turnover years"},
		{"services_per_victim", rt(r.ServicesPerVictim, func(x float64) string { return Ftoa(x, 1) }), "--services, a year"},
		{"services", rt(r.Services, round0), "stock x services per victim"},
		{"price", rt(r.Price, num), "--price"},
		{"currency", r.Currency, "--currency"},
		{"value", rt(r.Value, round0), "services x price, " + r.Currency},
	}
	if d := r.DetectedFrom; d != nil {
		lines[0].how = fmt.Sprintf("from dataset %s: %d records, %s, %s", d.Dataset, d.Records, d.FilterText, d.RegionText())
	}
	if r.ValueUSD != nil {
		lines = append(lines, quantity{"value_usd", rt(*r.ValueUSD, round0), fmt.Sprintf("value x %g US$ per %s (--usd-rate)", r.USDRate, r.Currency)})
	}
	if d := r.Demand; d != nil {
		lines = append(lines,
			quantity{"adult_men", rt(d.AdultMen, round0), "--adult-men"},
			quantity{"buyer_share", rt(d.BuyerShare, num), "--buyer-share"},
			quantity{"purchases_per_year", rt(d.PurchasesPerYear, num), "--purchases-per-year"},
			quantity{"demand", rt(d.Demand, round0), "adult men x buyer share x purchases, services a year"},
			quantity{"share_met", rt(d.ShareMet, sharePct), "services / demand"},
		)
	}
	return lines
}

// keyValues writes lines as CSV rows key,value (numbers without
// thousands separators, ranges as low-high).
func keyValues(p *Printer, lines []quantity) error {
	rows := make([][]string, len(lines))
	for i, l := range lines {
		rows[i] = []string{l.key, strings.ReplaceAll(strings.ReplaceAll(l.val, ",", ""), " - ", "-")}
	}
	return p.rows([]string{"key", "value"}, rows)
}

// quantities writes a title and the lines as a table of quantities.
func quantities(w io.Writer, title string, lines []quantity) {
	fmt.Fprintf(w, "%s\n\n", title)
	rows := make([][]string, len(lines))
	for i, l := range lines {
		rows[i] = []string{"  " + strings.ReplaceAll(l.key, "_", " "), l.val, l.how}
	}
	WriteTable(w, []string{"  QUANTITY", "VALUE", "HOW"}, rows)
}

func (r estimateResult) csv(p *Printer) error { return keyValues(p, r.lines(p)) }

func (r estimateResult) table(p *Printer) error {
	w := p.w
	quantities(w, "Dark-figure estimate (detection-rate correction)", r.lines(p))
	fmt.Fprintf(w, "\nAbout %s victims, %s a year, %s %s a year", p.rangeText(r.Stock, round0), p.rangeText(r.AnnualFlow, round0), r.Currency, p.rangeText(r.Value, billions))
	if r.ValueUSD != nil {
		fmt.Fprintf(w, " (US$%s)", p.rangeText(*r.ValueUSD, billions))
	}
	fmt.Fprintln(w, ".")
	if r.Seed {
		fmt.Fprintln(w, "The seed, from the same inputs: around 140,000 victims, some 70,000 a year, EUR 2.5 billion (US$3 billion);")
		fmt.Fprintln(w, "it rounds 7,300 x 20 = 146,000 down to 140,000 before computing the services.")
	}
	if d := r.Demand; d != nil {
		fmt.Fprintf(w, "Demand: %s services a year, of which the victims would meet %s.\n", p.rangeText(d.Demand, billions), p.rangeText(d.ShareMet, sharePct))
		fmt.Fprintf(w, "The default --adult-men (1 billion) is what the seed's 600 million implies; its own box implies about %s (700,000 sex workers = 0.63%% of adult women in countries with 74%% of the population).\n", billions(estimate.SeedBoxAdultMen))
	}
	return nil
}

// mseResult renders estimate.MSEResult.
type mseResult struct{ *estimate.MSEResult }

func (r mseResult) lines(p *Printer) []quantity {
	sh := func(x graph.Share) string { return p.rangeText(estimate.Range{Low: x, High: x}, round0) }
	iv := "not computed (--bootstrap 0)"
	if r.Interval != nil {
		iv = p.rangeText(estimate.Range{Low: r.Interval[0], High: r.Interval[1]}, round0)
	}
	model := "main effects only"
	if len(r.Model) > 0 {
		model = "main effects + " + strings.Join(r.Model, ", ")
	}
	how := map[estimate.MSEMethod]string{
		estimate.MSEStepwise: fmt.Sprintf("stepwise, --pthresh %g", r.PThresh),
		estimate.MSEMain:     "--model main",
		estimate.MSEFixed:    "--model",
	}[r.Method]
	rate := p.policy.Mark()
	if !r.DetectionRate.IsHidden() {
		rate = fmt.Sprintf("%s (1 in %s)", sharePct(float64(r.DetectionRate)), Ftoa(1/float64(r.DetectionRate), 1))
	}
	return []quantity{
		{"lists", strings.Join(r.Lists, ", "), r.File},
		{"known", p.Count(r.Known), "victims on at least one list"},
		{"dark", sh(r.Dark), "fitted count of the cell of no list"},
		{"total", sh(r.Total), "known + dark"},
		{"interval", iv, fmt.Sprintf("%.4g%% BCa bootstrap, %d replicates, --seed %d", 100*r.Level, r.Bootstrap, r.Seed)},
		{"model", model, how},
		{"aic", Ftoa(r.AIC, 1), "Akaike information criterion of the model"},
		{"main effects total", sh(r.MainEffectsTotal), "total under main effects only"},
		{"detection rate", rate, "known / total; the seed assumes 1 in 20 (5%)"},
	}
}

func (r mseResult) csv(p *Printer) error {
	lines := r.lines(p)
	for i := range lines {
		lines[i].key = strings.ReplaceAll(lines[i].key, " ", "_")
	}
	return keyValues(p, lines)
}

func (r mseResult) table(p *Printer) error {
	w := p.w
	quantities(w, "Multiple systems estimation: the victims no list recorded", r.lines(p))
	if r.Failed > 0 {
		fmt.Fprintf(w, "\n%d bootstrap replicates gave no finite estimate and were left out.\n", r.Failed)
	}
	if r.DetectionRate.IsHidden() {
		fmt.Fprintf(w, "\nFewer than %d victims in all are known: the estimate is hidden with them.\n", p.policy.K)
	} else {
		fmt.Fprintf(w, "\nAbout %s victims in all, of whom %s known: about 1 in %s was detected (the seed assumes 1 in 20).\n",
			round0(float64(r.Total)), p.Count(r.Known), Ftoa(1/float64(r.DetectionRate), 1))
	}
	for _, n := range r.Notes {
		fmt.Fprintln(w, n)
	}
	return nil
}
