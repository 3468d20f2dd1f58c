package routes

import (
	"github.com/tipgraph/tipgraph/graph"
)

// FilterText is the common filter options as a user writes them (flags
// --year, --years, --form, --vector, --measure, or the API's parameters
// of the same names).
type FilterText struct {
	Year, Years, Form, Vector, Measure string
}

// Filter checks the options and builds the graph.Filter; a bad value is
// an *OptionError naming its option.
func (f FilterText) Filter() (graph.Filter, error) {
	var flt graph.Filter
	if f.Year != "" && f.Years != "" {
		return flt, optionErr("year", "give year or years, not both")
	}
	if f.Year != "" {
		p, err := graph.ParsePeriod(f.Year)
		if err != nil || p.From != p.To {
			return flt, optionErr("year", "%q: want one year such as 2006 (years takes a range)", f.Year)
		}
		flt.Period = p
	}
	if f.Years != "" {
		p, err := graph.ParsePeriod(f.Years)
		if err != nil {
			return flt, &OptionError{Option: "years", Err: err}
		}
		flt.Period = p
	}
	if f.Form != "" {
		v, err := graph.ParseForm(f.Form)
		if err != nil {
			return flt, &OptionError{Option: "form", Err: err}
		}
		flt.Form = &v
	}
	if f.Vector != "" {
		v, err := graph.ParseVector(f.Vector)
		if err != nil {
			return flt, &OptionError{Option: "vector", Err: err}
		}
		flt.Vector = &v
	}
	if f.Measure != "" {
		v, err := graph.ParseMeasure(f.Measure)
		if err != nil {
			return flt, &OptionError{Option: "measure", Err: err}
		}
		flt.Measure = &v
	}
	return flt, nil
}
