package main

import (
	"fmt"

	"github.com/tipgraph/tipgraph/graph"
)

// nameMatchHeader heads the review list of country texts.
var nameMatchHeader = []string{"text", "kind", "code", "how", "rows", "victims"}

// nameMatchRows are the review list's rows, counts formatted by num.
func (a *app) nameMatchRows(ms []graph.NameMatch, num func(int) string) [][]string {
	rows := make([][]string, len(ms))
	for i, m := range ms {
		rows[i] = []string{m.Text, m.Kind, m.Code, m.How, num(m.Rows), a.sup.cell(int(m.Victims), num)}
	}
	return rows
}

// printNameMatches prints the review list alone (CSV).
func (a *app) printNameMatches(ms []graph.NameMatch) error {
	return printCSV(a.stdout, nameMatchHeader, a.nameMatchRows(ms, itoa))
}

// printNameReview prints the review list under validate's table when asked
// (full), or a line saying how long it is.
func (a *app) printNameReview(ms []graph.NameMatch, full bool) error {
	if len(ms) == 0 {
		if full {
			_, err := fmt.Fprintln(a.stdout, "every country text matched a code or a name exactly: nothing to review")
			return err
		}
		return nil
	}
	if !full {
		_, err := fmt.Fprintf(a.stdout, "%d %s matched by a rule other than a code or a name (validate --names lists them for review)\n", len(ms),
			pluralWord(len(ms), "country text"))
		return err
	}
	fmt.Fprintf(a.stdout, "\ncountry texts to review (%d):\n", len(ms))
	return printTable(a.stdout, nameMatchHeader, a.nameMatchRows(ms, thousands))
}

// nonNil returns ms, or an empty list for nil (JSON [] rather than null).
func nonNil(ms []graph.NameMatch) []graph.NameMatch {
	if ms == nil {
		return []graph.NameMatch{}
	}
	return ms
}
