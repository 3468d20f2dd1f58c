package render

import (
	"fmt"
	"strconv"

	"github.com/tipgraph/tipgraph/routes"
)

// hubsResult renders routes.HubsResult.
type hubsResult struct{ *routes.HubsResult }

func (r hubsResult) rowsOf(p *Printer) [][]string {
	prec := 6
	if p.format == CSV {
		prec = 12
	}
	rows := make([][]string, len(r.Hubs))
	for i, h := range r.Hubs {
		rows[i] = []string{strconv.Itoa(i + 1), h.Country, h.Name, p.Count(h.Transit), p.Count(h.Inflow), p.Count(h.Outflow), p.Count(h.Throughput), Ftoa(h.Betweenness, prec), Ftoa(h.PageRank, prec), strconv.Itoa(h.Groups), yesNo(h.OnCycle, p.format == CSV)}
	}
	return rows
}

func (r hubsResult) csv(p *Printer) error {
	return p.rows([]string{"rank", "country", "name", "transit", "inflow", "outflow", "throughput", "betweenness", "pagerank", "groups", "on_cycle"}, r.rowsOf(p))
}

func (r hubsResult) table(p *Printer) error {
	fmt.Fprintf(p.w, "Hubs by %s; %s; dataset %s\n", r.By, r.FilterText, r.Dataset)
	if r.Note != "" {
		fmt.Fprintln(p.w, r.Note)
	}
	fmt.Fprintln(p.w)
	return p.rows([]string{"#", "CODE", "COUNTRY", "TRANSIT", "INFLOW", "OUTFLOW", "THROUGHPUT", "BETWEENNESS", "PAGERANK", "GROUPS", "CYCLE"}, r.rowsOf(p))
}

// yesNo is b as yes/no in a table, true/false in CSV.
func yesNo(b, csv bool) string {
	switch {
	case csv:
		return strconv.FormatBool(b)
	case b:
		return "yes"
	}
	return "no"
}
