package render

import (
	"fmt"
	"time"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
)

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

// storedResult renders graph.StoredDatasets.
type storedResult struct{ *graph.StoredDatasets }

func (r storedResult) rowsOf(p *Printer) [][]string {
	layout := "2006-01-02 15:04 UTC"
	if p.format == CSV {
		layout = time.RFC3339
	}
	rows := make([][]string, len(r.Datasets))
	for i, d := range r.Datasets {
		at := ""
		if !d.LoadedAt.IsZero() {
			at = d.LoadedAt.UTC().Format(layout)
		}
		rows[i] = []string{d.Name, p.Int(d.Records), p.Count(d.Victims), d.Years(), at, d.Source}
	}
	return rows
}

func (r storedResult) csv(p *Printer) error {
	return p.rows([]string{"name", "records", "victims", "years", "loaded_at", "source"}, r.rowsOf(p))
}

func (r storedResult) table(p *Printer) error {
	fmt.Fprintf(p.w, "Datasets in %s: %d\n\n", r.Store, len(r.Datasets))
	return p.rows([]string{"NAME", "RECORDS", "VICTIMS", "YEARS", "LOADED AT", "SOURCE"}, r.rowsOf(p))
}
