package ingest

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
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

// ctdcMissing are the values CTDC writes for an unknown value.
func ctdcMissing(s string) bool { return s == "" || s == "-99" }

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

// ctdc reads a CTDC victim-case CSV, streaming: each row is one victim,
// aggregated into one flow record per (citizenship, country of
// exploitation, year of registration, form), measure detected, source the
// file name. Codes may be alpha-2 (the 2020 file) or alpha-3 (later
// files); "-99" and empty mean missing. A row without a citizenship or a
// country of exploitation is not a flow: it is counted in rd.skipped. A
// missing year gives a record with no period. The form is the one flag set
// among isSexualExploit, isForcedLabour, isOtherExploit (1/0, true/false);
// with none it is unknown, with more than one other. Memory is O(distinct
// keys), not O(rows).
func (rd *reader) ctdc(r io.Reader, file string, extra map[string]graph.Country) {
	c := &collector{file: file, errs: rd.errs}
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		c.add(1, 0, "", fmt.Errorf("CTDC header: %w", err))
		return
	}
	cr.FieldsPerRecord = len(header)
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
	for j, i := range col {
		if i < 0 {
			c.add(1, 0, CTDCColumns[j], ErrMissingColumn)
			missing = true
		}
	}
	if missing {
		return
	}
	counts := map[ctdcKey]int{}
	codes := map[string]string{} // input -> alpha-2, "" when it failed
	matched := map[string]Resolution{}
	country := func(s string, j int) (string, bool) {
		if code, ok := codes[s]; ok {
			return code, code != ""
		}
		code, nr, err := lookupCountry(rd.res, extra, rd.used, s)
		matched[s] = nr
		if err != nil {
			line, column := cr.FieldPos(col[j])
			c.add(line, column, CTDCColumns[j], err)
		}
		codes[s] = code
		return code, code != ""
	}
	for !c.full() {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if readError(c, err, rec, len(header)) {
				continue
			}
			break
		}
		field := func(j int) string { return strings.TrimSpace(rec[col[j]]) }
		cit, exp := field(ctdcCitizenship), field(ctdcExploitation)
		if ctdcMissing(cit) || ctdcMissing(exp) {
			rd.skipped++
			continue
		}
		var k ctdcKey
		ok1, ok2 := true, true
		k.origin, ok1 = country(cit, ctdcCitizenship)
		k.dest, ok2 = country(exp, ctdcExploitation)
		okRow := ok1 && ok2
		if y := field(ctdcYear); !ctdcMissing(y) {
			p, err := graph.ParsePeriod(y)
			if err != nil || p.From != p.To {
				line, column := cr.FieldPos(col[ctdcYear])
				c.add(line, column, CTDCColumns[ctdcYear], fmt.Errorf("want a year such as 2016, got %q", y))
				okRow = false
			}
			k.year = p
		}
		n := 0
		for j, form := range []graph.Form{graph.Sexual, graph.Labour, graph.OtherForm} {
			set, err := ctdcFlag(field(ctdcSexual + j))
			if err != nil {
				line, column := cr.FieldPos(col[ctdcSexual+j])
				c.add(line, column, CTDCColumns[ctdcSexual+j], err)
				okRow = false
			}
			if set {
				n++
				k.form = form
			}
		}
		if n > 1 {
			k.form = graph.OtherForm
		}
		if okRow {
			counts[k]++
			rd.names.Note(matched[cit], 1)
			rd.names.Note(matched[exp], 1)
		}
	}
	rd.ctdcFlows(counts, file)
}

// ctdcFlag reads a CTDC 0/1 flag; missing is false.
func ctdcFlag(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "1", "true", "yes":
		return true, nil
	case "0", "false", "no", "", "-99":
		return false, nil
	}
	return false, fmt.Errorf("%w %q (want 1, 0 or -99)", ErrBadBool, s)
}

// ctdcFlows adds the aggregated records in a fixed order (origin,
// destination, year, form), with ids <file>:<origin>-<destination>-<year>-<form>.
func (rd *reader) ctdcFlows(counts map[ctdcKey]int, file string) {
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
		f := graph.Flow{ID: id, Origin: k.origin, Destination: k.dest, Vectors: []graph.Vector{graph.VectorUnknown},
			Victims: counts[k], Period: k.year, Form: k.form, Measure: graph.Detected, Source: "CTDC " + filepath.Base(file)}
		if n := len(rd.chunks); n == 0 || len(rd.chunks[n-1]) == chunkSize {
			rd.chunks = append(rd.chunks, make([]graph.Flow, 0, chunkSize))
		}
		last := &rd.chunks[len(rd.chunks)-1]
		*last = append(*last, f)
	}
}
