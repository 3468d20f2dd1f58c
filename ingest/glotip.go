package ingest

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// The columns of the UNODC Global Report on Trafficking in Persons data
// (data_glotip.xlsx, sheet data_glotip_1, or that sheet saved as CSV), in
// the order its header writes them; names are matched without regard to
// case or surrounding space, and other columns are ignored.
const (
	gIso3 = iota
	gCountry
	gRegion
	gSubregion
	gIndicator
	gDimension
	gCategory
	gSex
	gAge
	gYear
	gUnit
	gValue
	gSource
	numGLOTIPCols
)

// GLOTIPColumns are the GLOTIP column names in the order above.
var GLOTIPColumns = [numGLOTIPCols]string{"Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension", "Category", "Sex", "Age", "Year", "Unit of measurement", "txtVALUE", "Source"}

// requiredGLOTIP are the columns a GLOTIP table must have.
var requiredGLOTIP = []int{gIso3, gIndicator, gDimension, gCategory, gSex, gAge, gYear, gValue}

// What the GLOTIP rows read as flows say, and the dimension of each
// GLOTIPDimension.
const (
	glotipDetected = "detected trafficking victims"
	glotipTotal    = "total"
)

var glotipDimensions = [...]string{ByCitizenship: "by citizenship", ByRepatriation: "by country of repatriation"}

// glotipHeaderLines is how many lines may stand above the header (the
// published sheet has a contact line and a date line).
const glotipHeaderLines = 10

// Reasons a GLOTIP or CTDC row is set aside (graph.SetAsideReason.Reason).
const (
	ReasonAggregate  = "aggregate category"
	ReasonUnknown    = "unknown citizenship"
	ReasonAmbiguous  = "ambiguous country name"
	ReasonUnresolved = "unresolved country name"
	ReasonEmpty      = "empty value"
	ReasonBadNumber  = "bad number"
	ReasonCensored   = "censored, skipped"
	ReasonBadYear    = "bad year"
)

// isGLOTIPHeader reports whether cells are a GLOTIP header row: one naming
// both Iso3_code and txtVALUE.
func isGLOTIPHeader(cells []string) bool {
	var iso, value bool
	for _, c := range cells {
		switch strings.ToLower(strings.TrimSpace(c)) {
		case "iso3_code":
			iso = true
		case "txtvalue":
			value = true
		}
	}
	return iso && value
}

// sniffGLOTIP reports whether the CSV in br is a GLOTIP table: a line
// among the first few names both Iso3_code and txtVALUE. It only peeks.
func sniffGLOTIP(br *bufio.Reader) bool {
	b, _ := br.Peek(br.Size())
	for range glotipHeaderLines {
		line, rest, _ := bytes.Cut(b, []byte{'\n'})
		low := bytes.ToLower(line)
		if bytes.Contains(low, []byte("iso3_code")) && bytes.Contains(low, []byte("txtvalue")) {
			return true
		}
		if len(rest) == 0 {
			return false
		}
		b = rest
	}
	return false
}

// glotip turns the rows of one GLOTIP table into flow records: each row
// of Indicator "Detected trafficking victims", the selected Dimension, Sex
// Total and Age Total is one record (measure detected, period Year, form
// and vector unknown, source the Source column) or is set aside with its
// reason. Other rows are counted in the dataset's Indicators.
type glotip struct {
	rd    *reader
	c     *collector
	aside aside
	extra map[string]graph.Country
	col   [numGLOTIPCols]int // file column of each, -1 when absent
	base  string             // file name without extension, for ids
	fi    int32
	names map[string]Resolution
}

// newGLOTIP maps the columns of header; it reports false (the problems
// recorded) when a required one is missing. headerLine is its line.
func (rd *reader) newGLOTIP(c *collector, header []string, headerLine int, extra map[string]graph.Country) (*glotip, bool) {
	g := &glotip{rd: rd, c: c, aside: rd.aside(c), extra: extra, names: map[string]Resolution{},
		base: strings.TrimSuffix(filepath.Base(c.file), filepath.Ext(c.file)), fi: rd.fileIndex(c.file)}
	for j := range g.col {
		g.col[j] = -1
	}
	for i, h := range header {
		for j, name := range GLOTIPColumns {
			if strings.EqualFold(strings.TrimSpace(h), name) && g.col[j] < 0 {
				g.col[j] = i
			}
		}
	}
	ok := true
	for _, j := range requiredGLOTIP {
		if g.col[j] < 0 {
			c.add(headerLine, 0, GLOTIPColumns[j], ErrMissingColumn)
			ok = false
		}
	}
	return g, ok
}

// resolve classifies a country text, through the dataset's countries.csv
// additions first, and notes a country in the dataset.
func (g *glotip) resolve(text string) Resolution {
	if r, ok := g.names[text]; ok {
		return r
	}
	r := g.rd.resolveName(g.extra, text)
	g.names[text] = r
	return r
}

// resolveName is ResolveName through extra (countries.csv) first.
func (rd *reader) resolveName(extra map[string]graph.Country, text string) Resolution {
	text = strings.TrimSpace(text)
	if textProblem(text) != nil {
		// A control character or invalid UTF-8 is no part of a name:
		// the text is set aside (and shown escaped), never matched.
		return Resolution{Text: text, Kind: NameUnresolved}
	}
	if len(extra) > 0 {
		for _, k := range []string{strings.ToUpper(text), strings.ToLower(text)} {
			if c, ok := extra[k]; ok {
				return Resolution{Text: text, Kind: NameCountry, Code: c.Code, How: "name"}
			}
		}
	}
	if rd.classify != nil {
		return rd.classify(text)
	}
	return rd.res.ResolveName(text)
}

// note adds the countries of a record kept to the dataset.
func (rd *reader) note(extra map[string]graph.Country, codes ...string) {
	for _, code := range codes {
		if _, ok := rd.used[code]; ok {
			continue
		}
		if c, ok := extra[code]; ok {
			rd.used[code] = c
		} else if c, err := rd.res.Resolve(code); err == nil {
			rd.used[code] = c
		}
	}
}

// nameReasons is the set-aside reason of each NameKind but NameCountry and
// NameNationals.
var nameReasons = [...]string{NameAggregate: ReasonAggregate, NameUnknown: ReasonUnknown, NameAmbiguous: ReasonAmbiguous, NameUnresolved: ReasonUnresolved}

// row reads one row; line is its line (CSV) or row number (xlsx), colAt
// the column position of file column i.
func (g *glotip) row(cells []string, line int, colAt func(i int) int) {
	get := func(j int) string {
		if i := g.col[j]; i >= 0 && i < len(cells) {
			return strings.TrimSpace(cells[i])
		}
		return ""
	}
	if !slices.ContainsFunc(cells, func(s string) bool { return strings.TrimSpace(s) != "" }) {
		return // a blank line holds no row
	}
	ind, dim := get(gIndicator), get(gDimension)
	year, _ := strconv.Atoi(get(gYear))
	value, valueOK := parseCount(get(gValue), g.rd.opts.Censored)
	var use string
	switch {
	case !strings.EqualFold(ind, glotipDetected):
		use = "other indicator"
	case !strings.EqualFold(dim, glotipDimensions[g.rd.opts.GLOTIPDimension]):
		use = "other dimension"
	case !strings.EqualFold(get(gSex), glotipTotal) || !strings.EqualFold(get(gAge), glotipTotal):
		use = "breakdown"
	default:
		g.flow(get, line, colAt, value, valueOK)
		return
	}
	if err := g.rd.indicator(graph.Indicator{Indicator: ind, Dimension: dim, Use: use, Year: year}, value, valueOK); err != nil {
		g.c.add(line, colAt(g.col[gValue]), GLOTIPColumns[gValue], err)
	}
}

// flow turns a row of the selected dimension into a record, or sets it
// aside.
func (g *glotip) flow(get func(int) string, line int, colAt func(int) int, value count, valueOK bool) {
	at := func(j int) int { return colAt(g.col[j]) }
	text := get(gValue)
	switch {
	case text == "":
		g.aside.row(line, at(gValue), GLOTIPColumns[gValue], ReasonEmpty, "", 0, false)
		return
	case !valueOK:
		g.aside.row(line, at(gValue), GLOTIPColumns[gValue], ReasonBadNumber, text, 0, false)
		return
	}
	known := value.censorK == 0 || g.rd.opts.Censored != CensorSkip
	// The reporting country is Iso3_code (its name when the code is
	// missing); the other end of the flow is Category.
	rj := gIso3
	if get(gIso3) == "" && g.col[gCountry] >= 0 {
		rj = gCountry
	}
	rep := g.resolve(get(rj))
	if rep.Kind != NameCountry {
		g.aside.row(line, at(rj), GLOTIPColumns[rj], ReasonUnresolved, rep.Text, value.n, known)
		return
	}
	cat := g.resolve(get(gCategory))
	var other string
	switch cat.Kind {
	case NameCountry:
		other = cat.Code
	case NameNationals:
		other = rep.Code // the reporting country's own nationals: domestic
	default:
		g.aside.row(line, at(gCategory), GLOTIPColumns[gCategory], nameReasons[cat.Kind], cat.Text, value.n, known)
		return
	}
	var period graph.Period
	if y := get(gYear); y != "" {
		p, err := graph.ParsePeriod(y)
		if err != nil || p.From != p.To {
			g.aside.row(line, at(gYear), GLOTIPColumns[gYear], ReasonBadYear, y, value.n, known)
			return
		}
		period = p
	}
	if value.censorK > 0 {
		g.rd.censored.Cells++
		if !known {
			g.aside.row(line, at(gValue), GLOTIPColumns[gValue], ReasonCensored, text, 0, false)
			return
		}
		g.rd.censored.Victims += value.n
	}
	f := graph.Flow{ID: g.base + ":" + strconv.Itoa(line), Origin: cat.Code, Destination: rep.Code,
		Vectors: []graph.Vector{graph.VectorUnknown}, Victims: int(value.n), Period: period,
		Measure: graph.Detected, Source: get(gSource)}
	if cat.Kind == NameNationals {
		f.Origin = other
	}
	if g.rd.opts.GLOTIPDimension == ByRepatriation {
		f.Origin, f.Destination = rep.Code, other
	}
	if f.Source == "" {
		f.Source = "UNODC GLOTIP"
	}
	g.rd.note(g.extra, f.Origin, f.Destination)
	g.rd.names.Note(rep, value.n)
	g.rd.names.Note(cat, value.n)
	g.rd.ids = append(g.rd.ids, f.ID)
	g.rd.pos = append(g.rd.pos, flowPos{g.fi, int32(line), 0})
	g.rd.keep(f)
}

// keep adds a valid record.
func (rd *reader) keep(f graph.Flow) {
	if n := len(rd.chunks); n == 0 || len(rd.chunks[n-1]) == chunkSize {
		rd.chunks = append(rd.chunks, make([]graph.Flow, 0, chunkSize))
	}
	last := &rd.chunks[len(rd.chunks)-1]
	*last = append(*last, f)
}

// indicator counts a row that is not a flow under k (Rows, Value and
// Censored zero). A value that would take the indicator's total over
// graph.MaxVictims is not added: it is an error (each value is at most
// that, so the check cannot overflow).
func (rd *reader) indicator(k graph.Indicator, value count, ok bool) error {
	if rd.indicators == nil {
		rd.indicators = map[graph.Indicator]*graph.Indicator{}
	}
	in := rd.indicators[k]
	if in == nil {
		in = new(graph.Indicator)
		*in = k
		rd.indicators[k] = in
	}
	switch {
	case ok && value.censorK > 0:
		in.Censored++
	case ok && in.Value+value.n > graph.MaxVictims:
		return fmt.Errorf("%w: the rows of %s, %s, %d up to here hold over %s",
			ErrTotalTooLarge, quote(k.Indicator), quote(k.Dimension), k.Year, thousands(int64(graph.MaxVictims)))
	case ok:
		in.Value += value.n
	}
	in.Rows++
	return nil
}

// indicatorList returns the indicators by indicator, dimension, use and
// year.
func (rd *reader) indicatorList() []graph.Indicator {
	out := make([]graph.Indicator, 0, len(rd.indicators))
	for _, in := range rd.indicators {
		out = append(out, *in)
	}
	slices.SortFunc(out, func(a, b graph.Indicator) int {
		return cmp.Or(cmp.Compare(a.Indicator, b.Indicator), cmp.Compare(a.Dimension, b.Dimension),
			cmp.Compare(a.Use, b.Use), cmp.Compare(a.Year, b.Year))
	})
	return out
}

// glotipCSV reads a GLOTIP table saved as CSV, with or without the lines
// above the header, streaming.
func (rd *reader) glotipCSV(br *bufio.Reader, file string, extra map[string]graph.Country) {
	c := &collector{file: file, errs: rd.errs}
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1 // the lines above the header have fewer cells
	var rec []string
	next := func() ([]string, int, error) {
		var err error
		if rec, err = cr.Read(); err != nil {
			if err != io.EOF {
				readError(c, err, cr, rec, rec) // a quoting error: encoding/csv is out of step
			}
			return nil, 0, io.EOF
		}
		line, _ := cr.FieldPos(0)
		return rec, line, nil
	}
	colAt := func(i int) int {
		if i < 0 || i >= len(rec) {
			return 0
		}
		_, col := cr.FieldPos(i)
		return col
	}
	if err := rd.glotipRows(c, next, colAt, extra); err != nil {
		c.add(1, 0, "", err)
	}
}

var errNoGLOTIPHeader = fmt.Errorf("no GLOTIP header (a row naming %s and %s) in the first %d lines", GLOTIPColumns[gIso3], GLOTIPColumns[gValue], glotipHeaderLines)

// glotipRows reads a GLOTIP table: next returns the cells of the next row
// and its line, or io.EOF; colAt is the column position of file column i
// in the row just read. The header is the first row that names Iso3_code
// and txtVALUE, among the first glotipHeaderLines.
func (rd *reader) glotipRows(c *collector, next func() ([]string, int, error), colAt func(int) int, extra map[string]graph.Country) error {
	var g *glotip
	for !c.full() {
		cells, line, err := next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if g != nil {
			g.row(cells, line, colAt)
			continue
		}
		if isGLOTIPHeader(cells) {
			var ok bool
			if g, ok = rd.newGLOTIP(c, cells, line, extra); !ok {
				return nil
			}
		} else if line >= glotipHeaderLines {
			break
		}
	}
	if g == nil && !c.full() {
		return errNoGLOTIPHeader
	}
	return nil
}
