package main

import (
	"sort"
	"strings"

	"github.com/spf13/cobra"

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
			lg, err := a.legGraph(cmd.Context(), flt)
			if err != nil {
				return err
			}
			s := routes.Summarize(lg)
			if a.format == "json" {
				return printJSON(a.stdout, s)
			}
			rows := [][]string{
				{"dataset", s.Dataset},
				{"filter", lg.Filter.String()},
				{"countries", itoa(s.Countries)},
				{"records", itoa(s.Records)},
				{"legs", itoa(s.Legs)},
				{"victims", thousands(s.Victims)},
				{"periods", strings.Join(s.Periods, " ")},
				{"years", itoa(s.FirstYear) + "-" + itoa(s.LastYear)},
				{"sources", itoa(s.Sources)},
				{"domestic records", itoa(s.Domestic)},
				{"transit countries", itoa(s.Transit)},
				{"victims by form", mapLine(s.ByForm)},
				{"victims by measure", mapLine(s.ByMeasure)},
				{"leg victims by vector", mapLine(s.ByVector)},
			}
			if a.format == "csv" {
				return printCSV(a.stdout, []string{"key", "value"}, rows)
			}
			return printTable(a.stdout, []string{"KEY", "VALUE"}, rows)
		},
	}
	ff.register(cmd.Flags())
	return cmd
}

func mapLine(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + " " + thousands(m[k])
	}
	return strings.Join(parts, ", ")
}
