package main

import (
	"github.com/spf13/pflag"

	"github.com/tipgraph/tipgraph/graph"
)

// filterFlags are the common filters of the analysis commands.
type filterFlags struct {
	year, years, form, vector, measure string
}

func (f *filterFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.year, "year", "", "only records of this year (e.g. 2006)")
	fs.StringVar(&f.years, "years", "", "only records whose period lies within this range (e.g. 2003-2007)")
	fs.StringVar(&f.form, "form", "", "only this form of exploitation: sexual, labour, other, unknown")
	fs.StringVar(&f.vector, "vector", "", "only records whose every leg has this vector: land, sea, air")
	fs.StringVar(&f.measure, "measure", "", "only this measure: detected, estimated, derived")
}

// filter checks the flags and builds the graph.Filter.
func (f *filterFlags) filter() (graph.Filter, error) {
	var flt graph.Filter
	if f.year != "" && f.years != "" {
		return flt, usagef("give --year or --years, not both")
	}
	if f.year != "" {
		p, err := graph.ParsePeriod(f.year)
		if err != nil || p.From != p.To {
			return flt, usagef("--year %q: want one year such as 2006 (use --years for a range)", f.year)
		}
		flt.Period = p
	}
	if f.years != "" {
		p, err := graph.ParsePeriod(f.years)
		if err != nil {
			return flt, usagef("--years: %v", err)
		}
		flt.Period = p
	}
	if f.form != "" {
		v, err := graph.ParseForm(f.form)
		if err != nil {
			return flt, usagef("--form: %v", err)
		}
		flt.Form = &v
	}
	if f.vector != "" {
		v, err := graph.ParseVector(f.vector)
		if err != nil {
			return flt, usagef("--vector: %v", err)
		}
		flt.Vector = &v
	}
	if f.measure != "" {
		v, err := graph.ParseMeasure(f.measure)
		if err != nil {
			return flt, usagef("--measure: %v", err)
		}
		flt.Measure = &v
	}
	return flt, nil
}
