package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/routes"
)

// countryResult renders routes.CountryResult.
type countryResult struct{ *routes.CountryResult }

// rowsOf is one row per partner, transit pair, route, group and period:
// section, key, name, victims, records.
func (r countryResult) rowsOf(p *Printer) [][]string {
	var rows [][]string
	for _, x := range r.InBy {
		rows = append(rows, []string{"inflow", x.Country, x.Name, p.Count(x.Victims), strconv.Itoa(x.Records)})
	}
	for _, x := range r.OutBy {
		rows = append(rows, []string{"outflow", x.Country, x.Name, p.Count(x.Victims), strconv.Itoa(x.Records)})
	}
	for _, x := range r.TransitBy {
		rows = append(rows, []string{"transit", x.From + ">" + r.Country + ">" + x.To, "", p.Count(x.Victims), strconv.Itoa(x.Records)})
	}
	for _, x := range r.Routes {
		rows = append(rows, []string{"route", strings.Join(x.Path, ">"), "", p.Count(x.Victims), strconv.Itoa(x.Records)})
	}
	for _, g := range r.Groups {
		rows = append(rows, []string{"group", g.ID, g.Name, "", ""})
	}
	for _, t := range r.Trend {
		per := t.Period.String()
		rows = append(rows,
			[]string{"as_destination", per, "", p.Count(t.Destination), ""},
			[]string{"as_origin", per, "", p.Count(t.Origin), ""},
			[]string{"as_transit", per, "", p.Count(t.Transit), ""})
	}
	return rows
}

func (r countryResult) csv(p *Printer) error {
	return p.rows([]string{"section", "key", "name", "victims", "records"}, r.rowsOf(p))
}

func (r countryResult) table(p *Printer) error {
	w := p.w
	fmt.Fprintf(w, "%s (%s), %s; %s; dataset %s\n\n", r.Name, r.Country, r.Region, r.FilterText, r.Dataset)
	fmt.Fprintf(w, "Inflow %s, outflow %s, transit %s victims; groups operating there: %d\n",
		p.Count(r.Inflow), p.Count(r.Outflow), p.Count(r.Transit), len(r.Groups))
	left := func(lo routes.LeftOut) {
		if lo.Rows > 0 {
			fmt.Fprintf(w, "  ... %s more (%s victims; --top 0 for all)\n", Thousands(lo.Rows), p.Count(lo.Victims))
		}
	}
	var lo routes.CountryLeftOut
	if r.LeftOut != nil {
		lo = *r.LeftOut
	}
	partners := func(title string, list []routes.Partner, rest routes.LeftOut) {
		fmt.Fprintf(w, "\n%s:\n", title)
		rows := make([][]string, len(list))
		for i, x := range list {
			rows[i] = []string{"  " + x.Name + " (" + x.Country + ")", p.Count(x.Victims), strconv.Itoa(x.Records)}
		}
		WriteTable(w, []string{"  PARTNER", "VICTIMS", "RECORDS"}, rows)
		left(rest)
	}
	partners("Inflow by partner (legs into it)", r.InBy, lo.InBy)
	partners("Outflow by partner (legs out of it)", r.OutBy, lo.OutBy)
	fmt.Fprintln(w, "\nTransit (records naming it as a transit country):")
	rows := make([][]string, len(r.TransitBy))
	for i, x := range r.TransitBy {
		rows[i] = []string{"  " + x.From + " > " + r.Country + " > " + x.To, p.Count(x.Victims), strconv.Itoa(x.Records)}
	}
	if len(rows) == 0 {
		fmt.Fprintln(w, "  none")
	} else {
		WriteTable(w, []string{"  LEGS", "VICTIMS", "RECORDS"}, rows)
	}
	left(lo.TransitBy)
	fmt.Fprintln(w, "\nRoutes through it:")
	rows = make([][]string, len(r.Routes))
	for i, x := range r.Routes {
		rows[i] = []string{"  " + pathText(x.Path), p.Count(x.Victims), strconv.Itoa(x.Records)}
	}
	WriteTable(w, []string{"  ROUTE", "VICTIMS", "RECORDS"}, rows)
	left(lo.Routes)
	if len(r.Groups) > 0 {
		names := make([]string, len(r.Groups))
		for i, g := range r.Groups {
			names[i] = g.Name + " (" + g.ID + ")"
		}
		fmt.Fprintf(w, "\nGroups: %s\n", strings.Join(names, ", "))
	}
	fmt.Fprintln(w, "\nTrend (victims of its records by period):")
	rows = make([][]string, len(r.Trend))
	for i, t := range r.Trend {
		rows[i] = []string{"  " + t.Period.String(), p.Count(t.Destination), p.Count(t.Origin), p.Count(t.Transit)}
	}
	return WriteTable(w, []string{"  PERIOD", "AS DESTINATION", "AS ORIGIN", "AS TRANSIT"}, rows)
}
