package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/tipgraph/tipgraph/exports"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
)

// Formats of Printer.
const (
	Table = "table"
	CSV   = "csv"
	JSON  = "json"
)

// Printer renders one result in one format under one privacy policy.
type Printer struct {
	w      io.Writer
	format string
	policy privacy.Policy
	// reading is stated with every result.
	reading Reading
	st      *privacy.State
}

// Reading is what every output states about how the data was read: the
// input rows set aside and the censored ("<K") cells.
type Reading struct {
	SetAside graph.SetAside
	Censored graph.Censored
}

// ReadingOf is the Reading of ds (nothing set aside when ds is nil).
func ReadingOf(ds *graph.Dataset) Reading {
	if ds == nil {
		return Reading{}
	}
	return Reading{SetAside: ds.SetAside, Censored: ds.Censored}
}

// New returns a printer to w in format (Table, CSV or JSON); every output
// states rd.
func New(w io.Writer, format string, policy privacy.Policy, rd Reading) *Printer {
	return &Printer{w: w, format: format, policy: policy, reading: rd, st: &privacy.State{Policy: policy}}
}

// Format is the printer's format.
func (p *Printer) Format() string { return p.format }

// result is a typed result this package knows how to write as a table
// and as CSV; JSON is its encoding/json form.
type result interface {
	table(p *Printer) error
	csv(p *Printer) error
}

// Print writes res. The privacy policy is applied to res in place first
// (res must not be used for anything else afterwards). JSON documents get
// "set_aside" and, under an active policy, "suppressed" and "min_count";
// tables end with a line on each.
func (p *Printer) Print(res any) error {
	rd := p.readingCopy()
	p.st = p.policy.Apply(res)
	st := p.policy.Apply(rd)
	p.st.Primary += st.Primary
	p.st.Secondary += st.Secondary
	if p.format == JSON {
		return p.json(res, rd)
	}
	r, ok := wrap(res)
	if !ok {
		return fmt.Errorf("render: no %s form for %T", p.format, res)
	}
	if p.format == CSV {
		return r.csv(p)
	}
	if err := r.table(p); err != nil {
		return err
	}
	p.footnotes(rd)
	return nil
}

// readingCopy is a copy of the reading the policy may change.
func (p *Printer) readingCopy() *Reading {
	rd := p.reading
	rd.SetAside.Reasons = make([]graph.SetAsideReason, len(p.reading.SetAside.Reasons))
	for i, r := range p.reading.SetAside.Reasons {
		r.Examples = make([]graph.SetAsideExample, len(r.Examples))
		for j, e := range p.reading.SetAside.Reasons[i].Examples {
			if e.Victims != nil {
				v := *e.Victims
				e.Victims = &v
			}
			r.Examples[j] = e
		}
		rd.SetAside.Reasons[i] = r
	}
	return &rd
}

// json writes res as one indented document with the extra keys last.
func (p *Printer) json(res any, rd *Reading) error {
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	if len(b) > 1 && b[0] == '{' {
		// Keys the result already has (emerging writes its min_count).
		top := topKeys(reflect.TypeOf(res))
		var extra []byte
		add := func(key string, v any) error {
			if top[key] {
				return nil
			}
			vb, err := json.Marshal(v)
			if err != nil {
				return err
			}
			extra = append(extra, ',')
			extra = strconv.AppendQuote(extra, key)
			extra = append(extra, ':')
			extra = append(extra, vb...)
			return nil
		}
		sa := rd.SetAside
		if sa.Reasons == nil {
			sa.Reasons = []graph.SetAsideReason{}
		}
		if err := add("set_aside", sa); err != nil {
			return err
		}
		if rd.Censored.Cells > 0 {
			add("censored", rd.Censored)
		}
		if p.policy.Active() {
			add("suppressed", p.st.Hidden())
			add("min_count", p.policy.K)
		}
		if len(b) == 2 && len(extra) > 0 { // {}
			extra = extra[1:]
		}
		b = append(append(b[:len(b)-1:len(b)-1], extra...), '}')
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err = p.w.Write(out.Bytes())
	return err
}

// topKeys are the JSON keys of the top-level object of values of type t
// (a struct or a pointer to one; embedded structs' keys included).
func topKeys(t reflect.Type) map[string]bool {
	if k, ok := keyCache.Load(t); ok {
		return k.(map[string]bool)
	}
	keys := map[string]bool{}
	var add func(t reflect.Type)
	add = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return
		}
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			name, _, _ := strings.Cut(tag, ",")
			switch {
			case name == "-":
			case f.Anonymous && name == "":
				add(f.Type)
			case f.IsExported():
				if name == "" {
					name = f.Name
				}
				keys[name] = true
			}
		}
	}
	add(t)
	keyCache.Store(t, keys)
	return keys
}

var keyCache sync.Map

// footnotes ends a table with what was set aside and what was hidden.
func (p *Printer) footnotes(rd *Reading) {
	if rd.SetAside.Rows > 0 {
		fmt.Fprintf(p.w, "\n%s\n", SetAsideLine(&rd.SetAside, p.policy))
	}
	if rd.Censored.Cells > 0 {
		fmt.Fprintf(p.w, "\n%s\n", CensoredLine(rd.Censored, p.policy))
	}
	if n := p.st.Hidden(); n > 0 {
		fmt.Fprintf(p.w, "\n%s: %d %s below %d hidden (--min-count %d)", p.policy.Mark(), n, Plural(n, "count"), p.policy.K, p.policy.K)
		if p.st.Secondary > 0 {
			fmt.Fprintf(p.w, ", %d of them so that no hidden count is a shown total minus shown parts", p.st.Secondary)
		}
		fmt.Fprintln(p.w)
	}
}

// SetAsideLine says in one line what the reader set aside.
func SetAsideLine(sa *graph.SetAside, pol privacy.Policy) string {
	if sa == nil || sa.Rows == 0 {
		return "Set aside: no input rows."
	}
	parts := make([]string, len(sa.Reasons))
	for i, r := range sa.Reasons {
		parts[i] = fmt.Sprintf("%s %s", r.Reason, Thousands(r.Rows))
	}
	victims := ""
	if sa.Victims != 0 {
		victims = fmt.Sprintf(" (%s victims)", pol.Text(sa.Victims, thousands64))
	}
	return fmt.Sprintf("Set aside: %s input %s%s not analysed: %s (validate lists them).", Thousands(sa.Rows), Plural(sa.Rows, "row"), victims, strings.Join(parts, ", "))
}

// CensoredLine says in one line how many censored cells the records were
// made from and how they were counted.
func CensoredLine(c graph.Censored, pol privacy.Policy) string {
	how := map[string]string{"low": "each counted as 1", "high": "each counted as K-1", "skip": "set aside"}[c.Rule]
	line := fmt.Sprintf("Censored: %s %s written <K (somewhere from 1 to K-1), %s (--censored %s)", Thousands(c.Cells), Plural(c.Cells, "cell"), how, c.Rule)
	if c.Rule != "skip" {
		line += fmt.Sprintf(": %s victims in the records", pol.Text(c.Victims, thousands64))
	}
	return line + "."
}

// Count formats a victim count: "<K" when hidden, with thousands
// separators in tables, plain in CSV.
func (p *Printer) Count(c graph.Count) string {
	if c.IsHidden() {
		return p.policy.Mark()
	}
	if p.format == CSV {
		return strconv.FormatInt(int64(c), 10)
	}
	return thousands64(int64(c))
}

// Int formats a plain number as Count does.
func (p *Printer) Int(n int) string {
	if p.format == CSV {
		return strconv.Itoa(n)
	}
	return Thousands(n)
}

// Share formats a derived value with prec digits, "<K" when hidden.
func (p *Printer) Share(x graph.Share, prec int) string {
	if x.IsHidden() {
		return p.policy.Mark()
	}
	return strconv.FormatFloat(float64(x), 'f', prec, 64)
}

// Writer is where the printer writes.
func (p *Printer) Writer() io.Writer { return p.w }

// rows writes header and rows as a table or as CSV.
func (p *Printer) rows(header []string, rows [][]string) error {
	if p.format == CSV {
		return WriteCSV(p.w, header, rows)
	}
	return WriteTable(p.w, header, rows)
}

// WriteCSV writes a header and rows as CSV; cells a spreadsheet would
// read as a formula are neutralised (exports.SafeCell).
func WriteCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	cw.Write(exports.SafeCells(header))
	for _, r := range rows {
		cw.Write(exports.SafeCells(r))
	}
	cw.Flush()
	return cw.Error()
}

// WriteTable writes aligned columns for people.
func WriteTable(w io.Writer, header []string, rows [][]string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

// Thousands writes 7300 as 7,300.
func Thousands(n int) string { return exports.Thousands(n) }

func thousands64(n int64) string { return exports.Thousands(int(n)) }

// Plural is w, or w+"s" unless n is 1.
func Plural(n int, w string) string {
	if n == 1 {
		return w
	}
	return w + "s"
}

// Ftoa formats a metric with prec digits.
func Ftoa(x float64, prec int) string { return strconv.FormatFloat(x, 'f', prec, 64) }

// Suppress: the reasons' victims add up to the victims set aside, and the
// examples of a reason that lists all its rows add up to the reason's.
func (rd *Reading) Suppress(s *privacy.State) {
	sa := &rd.SetAside
	parts := make([]*graph.Count, len(sa.Reasons))
	for i := range sa.Reasons {
		r := &sa.Reasons[i]
		parts[i] = &r.Victims
		if len(r.Examples) == r.Rows {
			ex := make([]*graph.Count, 0, len(r.Examples))
			for j := range r.Examples {
				if v := r.Examples[j].Victims; v != nil {
					ex = append(ex, v)
				}
			}
			if len(ex) == r.Rows {
				s.Complement(&r.Victims, ex...)
			}
		}
	}
	s.Complement(&sa.Victims, parts...)
}
