package ingest

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// The columns of the CTDC victim-case file (Counter Trafficking Data
// Collaborative, https://www.ctdatacollaborative.org) that tipgraph reads;
// any other column is ignored. Names are matched without regard to case.
const (
	ctdcYear = iota
	ctdcCitizenship
	ctdcExploitation
	ctdcSexual
	ctdcLabour
	ctdcOther
	numCTDCCols
)

// CTDCColumns are the CTDC columns tipgraph reads, in the order above.
var CTDCColumns = [numCTDCCols]string{"yearOfRegistration", "citizenship", "CountryOfExploitation", "isSexualExploit", "isForcedLabour", "isOtherExploit"}

// ctdcMissing are the values CTDC writes for an unknown value: "-99",
// and in some vintages "0" for a country.
func ctdcMissing(s string) bool { return s == "" || s == "-99" }

func ctdcMissingCountry(s string) bool { return ctdcMissing(s) || s == "0" }

// Reasons a CTDC row is set aside, besides the country names' (glotip.go).
const (
	ReasonNoCitizenship = "missing citizenship"
	ReasonNoExploit     = "missing country of exploitation"
	ReasonBadFlag       = "bad flag"
)

// sniffCTDC reports whether the CSV in br has a CTDC header: one naming
// both citizenship and CountryOfExploitation. It only peeks.
func sniffCTDC(br *bufio.Reader) bool {
	b, _ := br.Peek(br.Size())
	b = bytes.TrimPrefix(b, utf8BOM)
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	line := strings.ToLower(string(b))
	return strings.Contains(line, "citizenship") && strings.Contains(line, "countryofexploitation")
}

// ctdcKey is one aggregated flow record.
type ctdcKey struct {
	origin, dest string
	year         graph.Period
	form         graph.Form
}

// ctdc reads a CTDC victim-case CSV of any vintage, streaming: each row
// is one victim, aggregated into one flow record per (citizenship, country
// of exploitation, year of registration, form), measure detected, source
// the file name. Codes may be alpha-2 (the 2020 file) or alpha-3 (later
// files), or names. A row that cannot be a flow is set aside with its
// reason (rd.aside): no citizenship or country of exploitation ("-99",
// "0" or empty), a country text that is not one country, a bad year or
// flag. A missing year gives a record with no period. The form is the one
// flag set among isSexualExploit, isForcedLabour, isOtherExploit (1/0,
// 1.0/0.0, true/false; a column the file lacks counts as not set); with
// none it is unknown, with more than one other. Memory is O(distinct
// keys), not O(rows).
func (rd *reader) ctdc(r io.Reader, file string, extra map[string]graph.Country) {
	c := &collector{file: file, errs: rd.errs}
	aside := rd.aside(c)
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(3)
	}
	cr := newCSVReader(br)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		c.add(1, 0, "", fmt.Errorf("CTDC header: %w", err))
		return
	}
	header = slices.Clone(header) // kept: Read reuses its slice
	cr.FieldsPerRecord = -1       // a row of the wrong length is set aside
	col := [numCTDCCols]int{}
	for i := range col {
		col[i] = -1
	}
	for i, h := range header {
		for j, name := range CTDCColumns {
			if strings.EqualFold(strings.TrimSpace(h), name) {
				col[j] = i
			}
		}
	}
	missing := false
	for j, i := range col[:ctdcSexual] { // the form flags may be missing
		if i < 0 {
			c.add(1, 0, CTDCColumns[j], ErrMissingColumn)
			missing = true
		}
	}
	if missing {
		return
	}
	counts := map[ctdcKey]int{}
	names := map[string]Resolution{}
	for {
		rec, ok := cr.row(c, header)
		if !ok {
			break
		}
		if len(rec) != len(header) {
			line, col, field := fieldCountAt(cr, rec, header)
			aside.row(line, col, field, ReasonFieldCount, fmt.Sprintf("%d fields, header has %d", len(rec), len(header)), 1, true)
			continue
		}
		field := func(j int) string {
			if col[j] < 0 {
				return ""
			}
			return strings.TrimSpace(rec[col[j]])
		}
		set := func(j int, reason, text string) {
			line, column := cr.FieldPos(col[j])
			aside.row(line, column, CTDCColumns[j], reason, text, 1, true)
		}
		cit, exp := field(ctdcCitizenship), field(ctdcExploitation)
		switch {
		case ctdcMissingCountry(cit):
			set(ctdcCitizenship, ReasonNoCitizenship, cit)
			continue
		case ctdcMissingCountry(exp):
			set(ctdcExploitation, ReasonNoExploit, exp)
			continue
		}
		var k ctdcKey
		okRow := true
		for _, j := range []int{ctdcExploitation, ctdcCitizenship} {
			text := field(j)
			res, seen := names[text]
			if !seen {
				res = rd.resolveName(extra, text)
				names[text] = res
			}
			switch {
			case res.Kind == NameCountry && j == ctdcCitizenship:
				k.origin = res.Code
			case res.Kind == NameCountry:
				k.dest = res.Code
			case res.Kind == NameNationals && j == ctdcCitizenship:
				k.origin = k.dest
			default:
				set(j, nameReasons[res.Kind], text)
				okRow = false
			}
			if !okRow {
				break
			}
		}
		if !okRow {
			continue
		}
		if y := field(ctdcYear); !ctdcMissing(y) {
			p, err := graph.ParsePeriod(y)
			if err != nil || p.From != p.To {
				set(ctdcYear, ReasonBadYear, y)
				continue
			}
			k.year = p
		}
		n := 0
		for j, form := range []graph.Form{graph.Sexual, graph.Labour, graph.OtherForm} {
			on, err := ctdcFlag(field(ctdcSexual + j))
			if err != nil {
				set(ctdcSexual+j, ReasonBadFlag, field(ctdcSexual+j))
				okRow = false
				break
			}
			if on {
				n++
				k.form = form
			}
		}
		if !okRow {
			continue
		}
		if n > 1 {
			k.form = graph.OtherForm
		}
		rd.names.Note(names[cit], 1)
		rd.names.Note(names[exp], 1)
		counts[k]++
	}
	rd.ctdcFlows(counts, file, extra)
}

// ctdcFlag reads a CTDC 0/1 flag; missing is false.
func ctdcFlag(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "1", "1.0", "true", "yes":
		return true, nil
	case "0", "0.0", "false", "no", "", "-99":
		return false, nil
	}
	return false, fmt.Errorf("%w %s (want 1, 0, true, false or -99)", ErrBadBool, quote(s))
}

// ctdcFlows adds the aggregated records in a fixed order (origin,
// destination, year, form), with ids <file>:<origin>-<destination>-<year>-<form>.
func (rd *reader) ctdcFlows(counts map[ctdcKey]int, file string, extra map[string]graph.Country) {
	keys := make([]ctdcKey, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b ctdcKey) int {
		return cmp.Or(cmp.Compare(a.origin, b.origin), cmp.Compare(a.dest, b.dest),
			cmp.Compare(a.year.From, b.year.From), cmp.Compare(a.form, b.form))
	})
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	for _, k := range keys {
		year := "nd"
		if !k.year.IsZero() {
			year = k.year.String()
		}
		id := fmt.Sprintf("%s:%s-%s-%s-%s", base, k.origin, k.dest, year, k.form)
		// Two CTDC files of the same name give the same ids: finish reports it.
		rd.ids = append(rd.ids, id)
		rd.pos = append(rd.pos, flowPos{rd.fileIndex(file), 0, 0})
		rd.note(extra, k.origin, k.dest)
		rd.keep(graph.Flow{ID: id, Origin: k.origin, Destination: k.dest, Vectors: []graph.Vector{graph.VectorUnknown},
			Victims: counts[k], Period: k.year, Form: k.form, Measure: graph.Detected, Source: "CTDC " + filepath.Base(file)})
	}
}
