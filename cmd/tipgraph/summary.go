package main

import (
	"fmt"
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
				return a.printJSON(summaryResult{Summary: s, Skipped: ds.Skipped})
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
				{"countries on cycles", cyclesLine(s.Cycles)},
				{"victims by form", mapLine(s.ByForm, cnt)},
				{"victims by measure", mapLine(s.ByMeasure, cnt)},
				{"leg victims by vector", mapLine(s.ByVector, cnt)},
			}
			if ds.Skipped > 0 {
				rows = append(rows, []string{"skipped rows", itoa(ds.Skipped) + " (CTDC cases without citizenship or country of exploitation)"})
			}
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
// rows that were not flows (graph.Dataset.Skipped).
type summaryResult struct {
	routes.Summary
	Skipped int `json:"skipped_rows"`
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

// cyclesLine is the countries on a cycle of routes, component by component.
func cyclesLine(c *routes.Cycles) string {
	if c.Countries == 0 {
		return "0 (no route leads back)"
	}
	parts := make([]string, len(c.Components))
	for i, comp := range c.Components {
		parts[i] = strings.Join(comp, " ")
	}
	return fmt.Sprintf("%d in %s: %s", c.Countries, plural(len(c.Components), "component"), strings.Join(parts, "; "))
}
