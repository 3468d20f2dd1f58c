package main

import (
	"github.com/spf13/pflag"

	"github.com/tipgraph/tipgraph/ingest"
)

// readFlags are the global flags that say how data is read.
type readFlags struct {
	censored, dimension string
	strict, setAside    bool
}

func (r *readFlags) register(pf *pflag.FlagSet) {
	pf.StringVar(&r.censored, "censored", "low", `counts written "<K" (1 to K-1): low counts 1, high K-1, skip sets the row aside`)
	pf.BoolVar(&r.strict, "strict", false, "a row that would be set aside is an error (exit 2, every problem listed)")
	pf.BoolVar(&r.setAside, "set-aside", false, "tipgraph's own flows.csv: set rows with a problem aside instead of failing")
	pf.StringVar(&r.dimension, "glotip-dimension", "citizenship", "GLOTIP rows read as flows: citizenship (origin = citizenship) or repatriation (origin = repatriating country)")
}

// options checks the flags and returns what they say.
func (r *readFlags) options() (ingest.Options, error) {
	var o ingest.Options
	var err error
	if o.Censored, err = ingest.ParseCensoring(r.censored); err != nil {
		return o, usagef("--censored: %v", err)
	}
	if o.GLOTIPDimension, err = ingest.ParseGLOTIPDimension(r.dimension); err != nil {
		return o, usagef("--glotip-dimension: %v", err)
	}
	if r.strict && r.setAside {
		return o, usagef("give --strict or --set-aside, not both")
	}
	o.Strict, o.SetAside = r.strict, r.setAside
	return o, nil
}
