package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/ingest"
)

// validationResult renders ingest.Validation: the dataset loaded.
type validationResult struct{ *ingest.Validation }

// nameMatchHeader heads the review list of country texts.
var nameMatchHeader = []string{"text", "kind", "code", "how", "rows", "victims"}

// nameMatchRows are the review list's rows.
func (r validationResult) nameMatchRows(p *Printer) [][]string {
	rows := make([][]string, len(r.NameMatches))
	for i, m := range r.NameMatches {
		rows[i] = []string{m.Text, m.Kind, m.Code, m.How, p.Int(m.Rows), p.Count(m.Victims)}
	}
	return rows
}

// csv writes the counts as key,value rows, or with --names the review
// list alone.
func (r validationResult) csv(p *Printer) error {
	if r.Review != nil {
		return p.rows(nameMatchHeader, r.nameMatchRows(p))
	}
	itoa := strconv.Itoa
	return p.rows([]string{"key", "value"}, [][]string{
		{"valid", "true"},
		{"dataset", r.Dataset},
		{"records", itoa(r.Records)},
		{"countries", itoa(r.Countries)},
		{"victims", p.Count(r.Victims)},
		{"groups", itoa(r.Groups)},
		{"members", itoa(r.Members)},
		{"ties", itoa(r.Ties)},
		{"countries_without_records", strings.Join(r.NoRecord, " ")},
		{"shared_persons", itoa(len(r.Shared))},
	})
}

func (r validationResult) table(p *Printer) error {
	w := p.w
	fmt.Fprintf(w, "%s: ok, %d records, %d countries, %s victims\n", r.Dataset, r.Records, r.Countries, p.Count(r.Victims))
	if r.Groups > 0 {
		fmt.Fprintf(w, "%d groups, %d members, %d ties\n", r.Groups, r.Members, r.Ties)
	}
	if len(r.NoRecord) > 0 {
		fmt.Fprintf(w, "countries in no record (named by countries.csv, groups or members): %s\n", strings.Join(r.NoRecord, ", "))
	}
	sharedNotes(w, r.Shared)
	if err := r.review(p); err != nil {
		return err
	}
	return p.setAsideDetail()
}

// review lists the country texts to review (--names), or says how many
// there are.
func (r validationResult) review(p *Printer) error {
	w, ms := p.w, r.NameMatches
	switch {
	case len(ms) == 0 && r.Review != nil:
		_, err := fmt.Fprintln(w, "every country text matched a code or a name exactly: nothing to review")
		return err
	case len(ms) == 0:
		return nil
	case r.Review == nil:
		_, err := fmt.Fprintf(w, "%d %s matched by a rule other than a code or a name (validate --names lists them for review)\n", len(ms), Plural(len(ms), "country text"))
		return err
	}
	fmt.Fprintf(w, "\ncountry texts to review (%d):\n", len(ms))
	return p.rows(nameMatchHeader, r.nameMatchRows(p))
}

// sharedNotes notes every person who is a member of more than one group
// (allowed, see docs/data-formats.md).
func sharedNotes(w io.Writer, shared []ingest.Shared) {
	for _, s := range shared {
		fmt.Fprintf(w, "note: person %s is a member of %d groups: %s\n", s.Person, len(s.Groups), strings.Join(s.Groups, ", "))
	}
}

// problemsResult renders ingest.Problems: the dataset did not load.
type problemsResult struct{ *ingest.Problems }

func (r problemsResult) csv(p *Printer) error {
	rows := make([][]string, len(r.List))
	for i, x := range r.List {
		rows[i] = []string{x.File, strconv.Itoa(x.Line), strconv.Itoa(x.Column), x.Field, x.Problem, strconv.Itoa(x.Rows)}
	}
	return p.rows([]string{"file", "line", "column", "field", "problem", "rows"}, rows)
}

func (r problemsResult) table(p *Printer) error {
	_, err := fmt.Fprintf(p.w, "%s\n%d problems\n", r.Text, len(r.List))
	return err
}

// setAsideDetail lists the rows set aside by reason, with their largest
// examples (validate's table; every other output has the one line).
func (p *Printer) setAsideDetail() error {
	sa := p.reading.SetAside
	if sa.Rows == 0 {
		return nil
	}
	cp := p.readingCopy()
	p.policy.Apply(cp) // the victims of each reason under --min-count
	fmt.Fprintf(p.w, "\nrows set aside (%s):\n", Thousands(sa.Rows))
	rows := make([][]string, len(cp.SetAside.Reasons))
	for i, r := range cp.SetAside.Reasons {
		ex := make([]string, len(r.Examples))
		for j, e := range r.Examples {
			ex[j] = e.Format(p.Count)
		}
		rows[i] = []string{"  " + r.Reason, p.Int(r.Rows), p.Count(r.Victims), strings.Join(ex, "; ")}
	}
	return WriteTable(p.w, []string{"  REASON", "ROWS", "VICTIMS", "LARGEST EXAMPLES (file:line: text)"}, rows)
}
