package render

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// summaryResult renders routes.Summary.
type summaryResult struct{ *routes.Summary }

func (r summaryResult) rowsOf(p *Printer) [][]string {
	s := r.Summary
	itoa := strconv.Itoa
	return [][]string{
		{"dataset", s.Dataset},
		{"filter", s.FilterText},
		{"countries", itoa(s.Countries)},
		{"records", itoa(s.Records)},
		{"legs", itoa(s.Legs)},
		{"victims", p.Count(s.Victims)},
		{"periods", strings.Join(s.Periods, " ")},
		{"years", itoa(s.FirstYear) + "-" + itoa(s.LastYear)},
		{"sources", itoa(s.Sources)},
		{"domestic records", itoa(s.Domestic)},
		{"transit countries", itoa(s.Transit)},
		{"countries on cycles", cyclesLine(s.Cycles)},
		{"victims by form", p.countMap(s.ByForm)},
		{"victims by measure", p.countMap(s.ByMeasure)},
		{"leg victims by vector", p.countMap(s.ByVector)},
	}
}

// countMap writes "k1 n1, k2 n2" with keys sorted.
func (p *Printer) countMap(m map[string]graph.Count) string {
	keys := slices.Sorted(maps.Keys(m))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + " " + p.Count(m[k])
	}
	return strings.Join(parts, ", ")
}

func (r summaryResult) csv(p *Printer) error {
	return p.rows([]string{"key", "value"}, r.rowsOf(p))
}

func (r summaryResult) table(p *Printer) error {
	if err := p.rows([]string{"KEY", "VALUE"}, r.rowsOf(p)); err != nil {
		return err
	}
	if len(r.Indicators) > 0 {
		rows := make([][]string, len(r.Indicators))
		for i, in := range r.Indicators {
			rows[i] = []string{in.Indicator, in.Dimension, in.Use, strconv.Itoa(in.Year), p.Int(in.Rows), p.Count(in.Value), p.Int(in.Censored)}
		}
		fmt.Fprintln(p.w, "\nRows of the tables that are not flows (kept as metadata, not analysed):")
		return WriteTable(p.w, []string{"INDICATOR", "DIMENSION", "USE", "YEAR", "ROWS", "VALUE", "CENSORED"}, rows)
	}
	return nil
}

// cyclesLine says which countries lie on a cycle of routes.
func cyclesLine(c *routes.Cycles) string {
	if c == nil || c.Countries == 0 {
		return "0 (no route leads back)"
	}
	parts := make([]string, len(c.Components))
	for i, comp := range c.Components {
		parts[i] = strings.Join(comp, " ")
	}
	return fmt.Sprintf("%d in %s: %s", c.Countries, countOf(len(c.Components), "component"), strings.Join(parts, "; "))
}
