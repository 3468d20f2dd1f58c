package main

import (
	"github.com/spf13/pflag"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

// filterFlags are the common filters of the analysis commands.
type filterFlags struct {
	routes.FilterText
}

func (f *filterFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.Year, "year", "", "only records of this year (e.g. 2006)")
	fs.StringVar(&f.Years, "years", "", "only records whose period lies within this range (e.g. 2003-2007)")
	fs.StringVar(&f.Form, "form", "", "only this form of exploitation: sexual, labour, other, unknown")
	fs.StringVar(&f.Vector, "vector", "", "only records whose every leg has this vector: land, sea, air")
	fs.StringVar(&f.Measure, "measure", "", "only this measure: detected, estimated, derived")
}

// filter checks the flags and builds the graph.Filter.
func (f *filterFlags) filter() (graph.Filter, error) { return f.Filter() }
