package ingest

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// The columns of flows.csv, in their documented order (docs/data-formats.md).
const (
	colID = iota
	colOrigin
	colDestination
	colVia
	colVectors
	colVictims
	colYear
	colForm
	colMeasure
	colSource
	colGroups
	numFlowCols
)

// FlowColumns are the column names of flows.csv in their canonical order.
var FlowColumns = [numFlowCols]string{"id", "origin", "destination", "via", "vectors", "victims", "year", "form", "measure", "source", "groups"}

var requiredFlowCols = []int{colOrigin, colDestination, colVictims}

// flowRow is one record's raw text, whatever the file format.
type flowRow struct {
	vals [numFlowCols]string
	line int
	// clean says every value is printable ASCII, as the fast reader's
	// scanner found: then no value needs textProblem.
	clean bool
	// pos returns the line and column of field col.
	pos func(col int) (line, column int)
}

// decoder turns raw rows into validated flows, collecting problems. It
// caches what repeats from row to row (country names, vector lists) and
// hands out Via lists from a block it allocates in bulk, so that most rows
// allocate nothing: Via and Vectors slices may be shared between flows and
// must not be modified.
type decoder struct {
	lastSource string            // the source of the last record decoded
	short      [26 * 26]string   // two-letter upper-case text -> code ("" unseen)
	codes      map[string]string // other country text -> code
	vectors    map[vectorsKey][]graph.Vector
	plain      [maxPlainLegs][numVectorWords][]graph.Vector // one vector word (or none) for every leg
	block      []string                                     // where Via lists are carved from
	res        *Resolver
	extra      map[string]graph.Country // countries.csv additions and overrides, by upper-case code and lower-case name
	errs       *collector
	used       map[string]graph.Country
	// names is the review list the decoder adds to; inexact holds the
	// texts not matched exactly, pending those of the current row.
	names   *NameLog
	inexact map[string]Resolution
	pending []Resolution

	// censor is how "<K" victims are counted; censored counts those of
	// the records made. aside takes the rows set aside: censored ones
	// under CensorSkip, and under lenient every row with a problem (its
	// first, in rowErr) instead of failing the file.
	censor   Censoring
	censored *graph.Censored
	aside    aside
	lenient  bool
	rowErr   *ParseError
	// kept is the dataset's countries when rows may be set aside
	// (lenient, or censored counts skipped): used then holds every
	// country resolved, and a country goes into kept with the first
	// record kept that names it, not with a row set aside.
	kept map[string]graph.Country
}

// maxPlainLegs bounds the records whose plain vector lists are cached in
// decoder.plain; numVectorWords is the number of words ParseVector knows
// (the empty one included).
const (
	maxPlainLegs   = 8
	numVectorWords = 5
)

// vectorWords index decoder.plain.
var vectorWords = [numVectorWords]string{"", "unknown", "land", "sea", "air"}

// shortSlot is the slot of a two-letter upper-case ASCII text in
// decoder.short, or -1.
func shortSlot(s string) int {
	if len(s) == 2 && s[0]-'A' < 26 && s[1]-'A' < 26 {
		return int(s[0]-'A')*26 + int(s[1]-'A')
	}
	return -1
}

// trimSpace is strings.TrimSpace with a fast path for the usual field
// that neither starts nor ends with a space (nor any non-ASCII byte).
func trimSpace(s string) string {
	if s == "" || (s[0] > ' ' && s[0] < 0x80 && s[len(s)-1] > ' ' && s[len(s)-1] < 0x80) {
		return s
	}
	return strings.TrimSpace(s)
}

type vectorsKey struct {
	text string
	legs int
}

func newDecoder(res *Resolver, extra map[string]graph.Country, c *collector, used map[string]graph.Country) *decoder {
	return &decoder{res: res, extra: extra, errs: c, used: used,
		codes: map[string]string{}, vectors: map[vectorsKey][]graph.Vector{}}
}

func (d *decoder) fail(r *flowRow, col int, err error) {
	line, column := r.pos(col)
	if d.lenient {
		if d.rowErr == nil {
			d.rowErr = &ParseError{File: d.errs.file, Line: line, Column: column, Field: FlowColumns[col], Err: err}
		}
		return
	}
	d.errs.add(line, column, FlowColumns[col], err)
}

// withOptions sets how d counts censored victims (into cens) and sets
// rows aside (into a).
func (d *decoder) withOptions(opts Options, a aside, cens *graph.Censored) *decoder {
	d.censor, d.aside, d.censored = opts.Censored, a, cens
	d.lenient = opts.SetAside && !opts.Strict
	if d.lenient || d.censor == CensorSkip {
		d.kept, d.used = d.used, map[string]graph.Country{}
	}
	return d
}

// setAsideProblem sets aside the row whose first problem is pe (lenient
// reading), with its victims when known.
func (d *decoder) setAsideProblem(pe *ParseError, victims graph.Count, known bool) {
	var u *UnknownCountryError
	reason := "bad " + pe.Field
	switch {
	case errors.As(pe.Err, &u):
		reason = ReasonUnresolved
	case errors.Is(pe.Err, ErrRequired):
		reason = "missing " + pe.Field
	case errors.Is(pe.Err, ErrBadVictims):
		reason = ReasonBadNumber
	}
	d.aside.row(pe.Line, pe.Column, pe.Field, reason, pe.Field+": "+pe.Err.Error(), victims, known)
}

// country resolves one country field.
func (d *decoder) country(r *flowRow, col int, s string) (string, bool) {
	k := shortSlot(s)
	if k >= 0 && d.short[k] != "" {
		return d.short[k], true
	}
	s = trimSpace(s)
	if code, ok := d.codes[s]; ok {
		if len(d.inexact) > 0 {
			if nr, ok := d.inexact[s]; ok {
				d.pending = append(d.pending, nr)
			}
		}
		return code, true
	}
	code, nr, err := lookupCountry(d.res, d.extra, d.used, s)
	if err != nil {
		d.fail(r, col, err)
		return "", false
	}
	switch {
	case !nr.Exact():
		// Not cached in short: each row must be counted for review.
		if d.inexact == nil {
			d.inexact = map[string]Resolution{}
		}
		d.inexact[s] = nr
		d.pending = append(d.pending, nr)
		d.codes[s] = code
	case k >= 0:
		d.short[k] = code
	default:
		d.codes[s] = code
	}
	return code, true
}

// noteRow counts the inexact country texts of the row just accepted, with
// its victims, in the review list.
func (d *decoder) noteRow(victims int) {
	for _, nr := range d.pending {
		d.names.Note(nr, graph.Count(victims))
	}
}

// flow validates one row. It reports false when the row had a problem
// (already recorded, or the row set aside).
func (d *decoder) flow(r *flowRow) (graph.Flow, bool) {
	var f graph.Flow
	ok := d.flowInto(r, &f)
	return f, ok
}

// flowInto is flow decoding into *f (the slot of a batch: a record is
// then never copied on its way), which it overwrites whole.
func (d *decoder) flowInto(r *flowRow, f *graph.Flow) bool {
	*f = graph.Flow{}
	ok, cens := d.decode(r, f)
	switch {
	case d.rowErr != nil:
		c, known := parseCount(r.vals[colVictims], d.censor)
		d.setAsideProblem(d.rowErr, c.n, known && (c.censorK == 0 || d.censor != CensorSkip))
		d.rowErr = nil
	case ok && cens.censorK > 0 && d.censor == CensorSkip:
		d.censored.Cells++
		line, col := r.pos(colVictims)
		d.aside.row(line, col, FlowColumns[colVictims], ReasonCensored, trimSpace(r.vals[colVictims]), 0, false)
		return false
	case ok && cens.censorK > 0:
		d.censored.Cells++
		d.censored.Victims += cens.n
	}
	if ok && d.kept != nil {
		d.keep(f.Origin)
		d.keep(f.Destination)
		for _, v := range f.Via {
			d.keep(v)
		}
	}
	return ok
}

// ReasonFieldCount is the set-aside reason of a row with the wrong
// number of fields.
const ReasonFieldCount = "wrong number of fields"

// fieldCount sets aside a row of got fields where the header has want
// (wrong from line:col, where field is missing), when lenient; it
// reports whether it did (otherwise it is a problem).
func (d *decoder) fieldCount(line, col int, field string, got, want int) bool {
	if !d.lenient {
		return false
	}
	d.aside.row(line, col, field, ReasonFieldCount, fmt.Sprintf("%d fields, header has %d", got, want), 0, false)
	return true
}

// keep notes the country of code, resolved before, in the dataset
// (lenient reading).
func (d *decoder) keep(code string) {
	if _, ok := d.kept[code]; !ok {
		d.kept[code] = d.used[code]
	}
}

// decode validates one row; cens is its victims when censored ("<K").
func (d *decoder) decode(r *flowRow, f *graph.Flow) (ok bool, cens count) {
	ok = true
	d.pending = d.pending[:0]
	bad := func(col int, err error) {
		d.fail(r, col, err)
		ok = false
	}
	// The id is set even on a bad row: duplicates are checked over all.
	f.ID = trimSpace(r.vals[colID])
	if f.ID == "" {
		f.ID = strconv.Itoa(r.line)
	}
	requireValues(r.vals[:], requiredFlowCols, bad)
	if !r.clean {
		checkTexts(r.vals[:], bad)
	}
	if !ok {
		return false, cens
	}
	var okc bool
	if f.Origin, okc = d.country(r, colOrigin, r.vals[colOrigin]); !okc {
		ok = false
	}
	if f.Destination, okc = d.country(r, colDestination, r.vals[colDestination]); !okc {
		ok = false
	}
	if via := trimSpace(r.vals[colVia]); via != "" {
		var okv bool
		if f.Via, okv = d.via(r, via); !okv {
			ok = false
		}
		// The first repeat only, found in time linear in the route (a row
		// may hold thousands of via countries).
		var seen map[string]bool
		if len(f.Via) > 16 {
			seen = make(map[string]bool, len(f.Via))
		}
		for i, code := range f.Via {
			repeat := sameCode(code, f.Origin) || sameCode(code, f.Destination)
			if seen != nil {
				repeat = repeat || seen[code]
				seen[code] = true
			} else {
				repeat = repeat || slices.ContainsFunc(f.Via[:i], func(c string) bool { return sameCode(c, code) })
			}
			if repeat {
				bad(colVia, fmt.Errorf("%w: %s appears twice in %s", ErrViaRepeats, code, shown(f.Origin+">"+via+">"+f.Destination)))
				break
			}
		}
	}

	n, err := strconv.Atoi(trimSpace(r.vals[colVictims]))
	if err != nil || n < 0 {
		// "<5", "1,094": as statistical tables write counts
		c, okc := parseCount(r.vals[colVictims], d.censor)
		if !okc || c.n > math.MaxInt32 {
			bad(colVictims, fmt.Errorf("%w, got %s", ErrBadVictims, quote(r.vals[colVictims])))
		}
		n, cens = int(c.n), c
	}
	if graph.Count(n) > graph.MaxVictims {
		bad(colVictims, fmt.Errorf("%w: %s is over %s", ErrTooManyVictims, quote(trimSpace(r.vals[colVictims])), thousands(int64(graph.MaxVictims))))
	}
	f.Victims = n

	if f.Vectors, err = d.vectorList(trimSpace(r.vals[colVectors]), f.NumLegs()); err != nil {
		bad(colVectors, err)
	}
	if y := trimSpace(r.vals[colYear]); y != "" {
		if f.Period, err = graph.ParsePeriod(y); err != nil {
			bad(colYear, err)
		}
	}
	if f.Form, err = graph.ParseForm(r.vals[colForm]); err != nil {
		bad(colForm, err)
	}
	if f.Measure, err = graph.ParseMeasure(r.vals[colMeasure]); err != nil {
		bad(colMeasure, err)
	}
	// Records that name the source of the one before share its string, so
	// that later comparisons of sources (totals) find them equal at once.
	if f.Source = trimSpace(r.vals[colSource]); f.Source == d.lastSource {
		f.Source = d.lastSource
	} else {
		d.lastSource = f.Source
	}
	f.Groups = splitTrim(r.vals[colGroups], ";")
	return ok, cens
}

// sameCode is a == b, comparing two-letter codes (nearly all of them)
// without a call to the runtime's comparison.
func sameCode(a, b string) bool {
	if len(a) == 2 && len(b) == 2 {
		return a[0] == b[0] && a[1] == b[1]
	}
	return a == b
}

// requireValues reports ErrRequired through bad for every column of cols
// whose value in vals is blank.
func requireValues(vals []string, cols []int, bad func(col int, err error)) {
	for _, col := range cols {
		if trimSpace(vals[col]) == "" {
			bad(col, ErrRequired)
		}
	}
}

// vectorList returns the vectors of a record of legs legs from the text
// of its vectors field, cached: plain words in an array, the rest by text.
func (d *decoder) vectorList(text string, legs int) ([]graph.Vector, error) {
	if legs < maxPlainLegs {
		for w, word := range vectorWords {
			if text == word {
				v := d.plain[legs][w]
				if v == nil {
					var err error
					if v, err = parseVectors(text, legs); err != nil {
						return v, err
					}
					d.plain[legs][w] = v
				}
				return v, nil
			}
		}
	}
	vk := vectorsKey{text, legs}
	if v, hit := d.vectors[vk]; hit {
		return v, nil
	}
	v, err := parseVectors(text, legs)
	if err == nil {
		d.vectors[vk] = v
	}
	return v, err
}

// maxViaProblems is how many unknown countries of one via field are
// reported: a field of thousands of bad names costs no more than a few.
const maxViaProblems = 5

// via resolves a via list; it reports false when a country did not
// resolve (the problem is recorded). The list is carved from d.block:
// a large file has tens of thousands of distinct via lists, too many to
// cache by their text.
func (d *decoder) via(r *flowRow, text string) ([]string, bool) {
	n := strings.Count(text, ">") + 1
	if cap(d.block)-len(d.block) < n {
		d.block = make([]string, 0, max(n, 4096))
	}
	start := len(d.block)
	ok, failed := true, 0
	for rest, more := text, true; more && failed < maxViaProblems; {
		var part string
		part, rest, more = strings.Cut(rest, ">")
		code, okc := d.country(r, colVia, part)
		if !okc {
			ok = false
			failed++
			continue
		}
		d.block = append(d.block, code)
	}
	return d.block[start:len(d.block):len(d.block)], ok
}

// duplicateID is the problem of a flow id seen before at prev.
func duplicateID(id string, prev srcPos, file string) error {
	return fmt.Errorf("%w %s (%s)", ErrDuplicateID, quote(id), seenAt(prev, file))
}

// parseVectors reads "air" (every leg) or "air>land" (one per leg).
func parseVectors(s string, legs int) ([]graph.Vector, error) {
	out := make([]graph.Vector, legs)
	s = strings.TrimSpace(s)
	if s == "" {
		return out, nil
	}
	if !strings.Contains(s, ">") {
		v, err := graph.ParseVector(s)
		for i := range out {
			out[i] = v
		}
		return out, err
	}
	parts := strings.Split(s, ">")
	if len(parts) != 1 && len(parts) != legs {
		return out, fmt.Errorf("%w: %d vectors for %d legs (give one for all legs or one per leg)", ErrVectorCount, len(parts), legs)
	}
	vecs := make([]graph.Vector, len(parts))
	for i, p := range parts {
		v, err := graph.ParseVector(p)
		if err != nil {
			return out, err
		}
		vecs[i] = v
	}
	for i := range out {
		out[i] = vecs[min(i, len(vecs)-1)]
	}
	return out, nil
}

func splitTrim(s, sep string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
