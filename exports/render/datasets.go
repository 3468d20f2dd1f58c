package render

import "github.com/tipgraph/tipgraph/ingest"

// builtinsResult renders ingest.BuiltinList.
type builtinsResult struct{ *ingest.BuiltinList }

func (r builtinsResult) rowsOf() [][]string {
	rows := make([][]string, len(r.Datasets))
	for i, b := range r.Datasets {
		rows[i] = []string{"builtin:" + b.Name, b.Description}
	}
	return rows
}

func (r builtinsResult) csv(p *Printer) error {
	return p.rows([]string{"name", "description"}, r.rowsOf())
}

func (r builtinsResult) table(p *Printer) error {
	return p.rows([]string{"NAME", "DESCRIPTION"}, r.rowsOf())
}
