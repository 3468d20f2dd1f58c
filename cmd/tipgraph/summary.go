package main

import (
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

func newSummaryCmd(a *app) *cobra.Command {
	var ff filterFlags
	cmd := &cobra.Command{
		Use:   "summary",
		Short: "Countries, records, legs, victims, periods and sources of the data",
		RunE: func(cmd *cobra.Command, _ []string) error {
			flt, err := ff.filter()
			if err != nil {
				return err
			}
			ds, err := a.dataset(cmd.Context())
			if err != nil {
				return err
			}
			lg, err := graph.NewLegGraph(ds, flt)
			if err != nil {
				return err
			}
			s := routes.Summarize(lg)
			if a.format == "json" {
				return a.printJSON(summaryResult{Summary: s, readingJSON: newReadingJSON(ds)})
			}
			cnt := func(n int) string { return a.sup.cell(n, thousands) }
			rows := [][]string{
				{"dataset", s.Dataset},
				{"filter", lg.Filter.String()},
				{"countries", itoa(s.Countries)},
				{"records", itoa(s.Records)},
				{"legs", itoa(s.Legs)},
				{"victims", cnt(s.Victims)},
				{"periods", strings.Join(s.Periods, " ")},
				{"years", itoa(s.FirstYear) + "-" + itoa(s.LastYear)},
				{"sources", itoa(s.Sources)},
				{"domestic records", itoa(s.Domestic)},
				{"transit countries", itoa(s.Transit)},
				{"victims by form", mapLine(s.ByForm, cnt)},
				{"victims by measure", mapLine(s.ByMeasure, cnt)},
				{"leg victims by vector", mapLine(s.ByVector, cnt)},
			}
			rows = append(rows, a.readingRows(ds)...)
			if a.format == "csv" {
				return printCSV(a.stdout, []string{"key", "value"}, rows)
			}
			defer a.sup.footnote(a.stdout)
			return printTable(a.stdout, []string{"KEY", "VALUE"}, rows)
		},
	}
	ff.register(cmd.Flags())
	return cmd
}

// summaryResult is the JSON document of SPEC section 6, with the input
// rows set aside and the censored counts.
type summaryResult struct {
	routes.Summary
	readingJSON
}

func mapLine(m map[string]int, num func(int) string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + " " + num(m[k])
	}
	return strings.Join(parts, ", ")
}
