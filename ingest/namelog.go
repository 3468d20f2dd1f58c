package ingest

import (
	"cmp"
	"slices"

	"github.com/tipgraph/tipgraph/graph"
)

// NameLog collects the country texts of one load that were not matched
// exactly, with the rows and victims that used each: the review list
// (graph.Dataset.NameMatches). The zero value is ready; a NameLog is not
// safe for concurrent use (each parallel reader keeps its own and they
// are merged).
type NameLog struct {
	m map[nameLogKey]*graph.NameMatch
}

type nameLogKey struct{ text, how, code string }

// Note counts one row with its victims under res, unless res is exact
// (a code or a name) or did not resolve (those are errors or set aside).
func (l *NameLog) Note(res Resolution, victims graph.Count) {
	if res.Exact() || res.Kind == NameAmbiguous || res.Kind == NameUnresolved {
		return
	}
	k := nameLogKey{res.Text, res.How, res.Code}
	m, ok := l.m[k]
	if !ok {
		if l.m == nil {
			l.m = map[nameLogKey]*graph.NameMatch{}
		}
		m = &graph.NameMatch{Text: res.Text, Kind: res.Kind.String(), Code: res.Code, How: res.How}
		l.m[k] = m
	}
	m.Rows++
	m.Victims += victims
}

// Merge adds the counts of o to l.
func (l *NameLog) Merge(o *NameLog) {
	for k, om := range o.m {
		m, ok := l.m[k]
		if !ok {
			if l.m == nil {
				l.m = map[nameLogKey]*graph.NameMatch{}
			}
			c := *om
			l.m[k] = &c
			continue
		}
		m.Rows += om.Rows
		m.Victims += om.Victims
	}
}

// Matches returns the review list: most rows first, then by text.
func (l *NameLog) Matches() []graph.NameMatch {
	out := make([]graph.NameMatch, 0, len(l.m))
	for _, m := range l.m {
		out = append(out, *m)
	}
	slices.SortFunc(out, func(a, b graph.NameMatch) int {
		return cmp.Or(cmp.Compare(b.Rows, a.Rows), cmp.Compare(b.Victims, a.Victims), cmp.Compare(a.Text, b.Text), cmp.Compare(a.How, b.How))
	})
	return out
}
