package graph

import "strings"

// Filter selects the flow records an analysis uses. The zero Filter keeps
// every record. A record passes a Period when its own period lies inside it,
// so a 2005-2007 record is not counted for --year 2006.
type Filter struct {
	Period  Period
	Form    *Form
	Vector  *Vector
	Measure *Measure
}

// Keep reports whether record f passes the filter. With a Vector, every leg
// of the record must have that vector (a record with an unknown vector on
// any leg does not pass).
func (flt Filter) Keep(f *Flow) bool {
	if !flt.Period.Contains(f.Period) {
		return false
	}
	if flt.Form != nil && f.Form != *flt.Form {
		return false
	}
	if flt.Measure != nil && f.Measure != *flt.Measure {
		return false
	}
	if flt.Vector != nil {
		for _, v := range f.Vectors {
			if v != *flt.Vector {
				return false
			}
		}
	}
	return true
}

// IsZero reports whether the filter keeps every record.
func (flt Filter) IsZero() bool {
	return flt.Period.IsZero() && flt.Form == nil && flt.Vector == nil && flt.Measure == nil
}

// String describes the filter for titles and reports ("all records" when
// empty).
func (flt Filter) String() string {
	var parts []string
	if !flt.Period.IsZero() {
		parts = append(parts, "period "+flt.Period.String())
	}
	if flt.Form != nil {
		parts = append(parts, "form "+flt.Form.String())
	}
	if flt.Vector != nil {
		parts = append(parts, "vector "+flt.Vector.String())
	}
	if flt.Measure != nil {
		parts = append(parts, "measure "+flt.Measure.String())
	}
	if len(parts) == 0 {
		return "all records"
	}
	return strings.Join(parts, ", ")
}

// FilterJSON is the filter as reported in JSON output.
type FilterJSON struct {
	Period  string `json:"period,omitempty"`
	Form    string `json:"form,omitempty"`
	Vector  string `json:"vector,omitempty"`
	Measure string `json:"measure,omitempty"`
}

// JSON returns the filter in its JSON form; unset parts are empty.
func (flt Filter) JSON() FilterJSON {
	var j FilterJSON
	if !flt.Period.IsZero() {
		j.Period = flt.Period.String()
	}
	if flt.Form != nil {
		j.Form = flt.Form.String()
	}
	if flt.Vector != nil {
		j.Vector = flt.Vector.String()
	}
	if flt.Measure != nil {
		j.Measure = flt.Measure.String()
	}
	return j
}
