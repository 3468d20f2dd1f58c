package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/tipgraph/tipgraph/graph"
)

// suppressor hides small counts (--min-count K), as CTDC does for privacy:
// every count of victims n with 0 < n < K prints as "<K" in tables and CSV
// and as null in JSON, and the output says how many cells it hid. Zero is
// shown (it identifies nobody). Only victim counts are hidden, not counts
// of records, countries or hops.
type suppressor struct {
	k int
	// n counts the cells hidden in this run.
	n int
}

// check validates --min-count.
func (s *suppressor) check() error {
	if s.k < 0 {
		return usagef("--min-count %d: want 0 (show every count) or more", s.k)
	}
	return nil
}

// hides reports whether count n is hidden.
func (s *suppressor) hides(n int) bool { return s.k > 1 && n > 0 && n < s.k }

// cell formats count n with num, or "<K" when hidden.
func (s *suppressor) cell(n int, num func(int) string) string {
	if s.hides(n) {
		s.n++
		return "<" + strconv.Itoa(s.k)
	}
	return num(n)
}

// countCell is cell for an int or a graph.Count.
func (s *suppressor) countCell(n any) string {
	switch c := n.(type) {
	case graph.Count:
		if c.IsHidden() {
			s.n++
			return "<" + strconv.Itoa(s.k)
		}
		return s.cell(int(c), thousands)
	case int:
		return s.cell(c, thousands)
	}
	return fmt.Sprint(n)
}

// footnote writes the line that says how many cells were hidden (tables
// only; nothing when none was).
func (s *suppressor) footnote(w io.Writer) {
	if s.n > 0 {
		fmt.Fprintf(w, "\n<%d: %d %s below %d hidden (--min-count %d)\n", s.k, s.n, pluralWord(s.n, "count"), s.k, s.k)
	}
}

func pluralWord(n int, w string) string {
	if n == 1 {
		return w
	}
	return w + "s"
}

// countKeys are the JSON keys whose integer values are victim counts.
var countKeys = map[string]bool{
	"victims": true, "transit": true, "inflow": true, "outflow": true,
	"transit_before": true, "transit_after": true, "min_leg_victims": true,
	"affected": true, "rerouted": true, "deterred": true, "disrupted": true, "disrupted_by_capacity": true,
	"gain": true, "bound": true, "beneficiary_gain": true,
	"baseline_victims": true, "recent_victims": true, "baseline_total": true, "recent_total": true,
	"detected": true, "spanning_victims": true,
	// Lists of counts (emerging --by-year).
	"year_victims": true, "year_totals": true,
}

// countMaps are the JSON keys whose object values are all victim counts.
var countMaps = map[string]bool{"victims_by_form": true, "victims_by_measure": true, "leg_victims_by_vector": true}

// countLists are the JSON keys whose values are lists of objects with a
// victim count under the given key.
var countLists = map[string]string{"victim_origins": "count"}

// shareOf hides a share together with the count it is computed from.
var shareOf = map[string]string{"baseline_share": "baseline_victims", "recent_share": "recent_victims"}

// printJSON writes v as printJSON does; with --min-count K it first
// replaces every hidden count by null and adds "suppressed" (how many) and
// "min_count" to the top-level object.
func (a *app) printJSON(v any) error {
	if a.sup.k <= 1 {
		return printJSON(a.stdout, v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return err
	}
	doc = a.sup.walk(doc, "")
	if m, ok := doc.(map[string]any); ok {
		m["suppressed"] = a.sup.n
		m["min_count"] = a.sup.k
	}
	return printJSON(a.stdout, doc)
}

// walk hides the counts in a decoded JSON value; key is the key v is
// stored under.
func (s *suppressor) walk(v any, key string) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if countMaps[k] {
				if m, ok := e.(map[string]any); ok {
					for mk, me := range m {
						m[mk] = s.number(me)
					}
					continue
				}
			}
			if countKeys[k] {
				if list, ok := e.([]any); ok {
					for i, n := range list {
						list[i] = s.number(n)
					}
					continue
				}
				x[k] = s.number(e)
				continue
			}
			if ck, ok := countLists[k]; ok {
				if list, ok := e.([]any); ok {
					for _, item := range list {
						if m, ok := item.(map[string]any); ok {
							m[ck] = s.number(m[ck])
						}
					}
					continue
				}
			}
			x[k] = s.walk(e, k)
		}
		for share, count := range shareOf {
			if _, ok := x[share]; ok && x[count] == nil {
				if _, had := x[count]; had {
					x[share] = nil
				}
			}
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = s.walk(e, key)
		}
		return x
	}
	return v
}

// number hides one JSON number when it is a hidden count.
func (s *suppressor) number(v any) any {
	n, ok := v.(json.Number)
	if !ok {
		return v
	}
	f, err := n.Float64()
	if err != nil || f != float64(int(f)) {
		return v
	}
	if s.hides(int(f)) {
		s.n++
		return nil
	}
	return v
}
