package main

import (
	"fmt"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// setAsideText says in one line what was set aside: rows, victims and
// rows by reason ("none" when nothing was).
func (a *app) setAsideText(s graph.SetAside) string {
	if s.Rows == 0 {
		return "none"
	}
	parts := make([]string, len(s.Reasons))
	for i, r := range s.Reasons {
		parts[i] = fmt.Sprintf("%s %s", r.Reason, thousands(r.Rows))
	}
	return fmt.Sprintf("%s %s (%s victims known): %s", thousands(s.Rows), pluralWord(s.Rows, "row"),
		a.sup.cell(int(s.Victims), thousands), strings.Join(parts, ", "))
}

// censoredText says how many censored cells ("<K") the records hold and
// how they were counted ("" when none).
func (a *app) censoredText(c graph.Censored) string {
	if c.Cells == 0 {
		return ""
	}
	how := map[string]string{"low": "counted as 1 each", "high": "counted as K-1 each", "skip": "set aside"}[c.Rule]
	return fmt.Sprintf("%s %s written <K, %s (--censored %s): %s %s", thousands(c.Cells), pluralWord(c.Cells, "cell"),
		how, c.Rule, a.sup.cell(int(c.Victims), thousands), pluralWord(int(c.Victims), "victim"))
}

// readingRows are the table rows that account for the input rows not read
// as they were: set aside, censored.
func (a *app) readingRows(ds *graph.Dataset) [][]string {
	rows := [][]string{{"set aside", a.setAsideText(ds.SetAside)}}
	if t := a.censoredText(ds.Censored); t != "" {
		rows = append(rows, []string{"censored", t})
	}
	return rows
}

// readingJSON are the JSON fields that account for the same.
type readingJSON struct {
	SetAside   graph.SetAside    `json:"set_aside"`
	Censored   graph.Censored    `json:"censored"`
	Indicators []graph.Indicator `json:"indicators,omitempty"`
}

func newReadingJSON(ds *graph.Dataset) readingJSON {
	s := ds.SetAside
	if s.Reasons == nil {
		s.Reasons = []graph.SetAsideReason{}
	}
	return readingJSON{SetAside: s, Censored: ds.Censored, Indicators: ds.Indicators}
}
