package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// File names inside a dataset directory.
const (
	FlowsFile     = "flows.csv"
	CountriesFile = "countries.csv"
)

// Load reads the datasets at paths and merges them into one. A path is a
// dataset directory, a single flows CSV file (or a CTDC victim-case file,
// a UNODC GLOTIP table saved as CSV, or a person network as an adjacency
// matrix or an edge list), a GLOTIP .xlsx workbook, a JSON document, a
// GraphML group network, or "builtin:NAME". Every problem of
// every file is returned at once as *Errors; nothing is returned from
// input that had a problem. Rows of foreign formats that cannot be used
// are set aside (graph.Dataset.SetAside); LoadWith changes that and the
// other reading options.
func Load(ctx context.Context, paths ...string) (*graph.Dataset, error) {
	return Countries().Load(ctx, paths...)
}

// Load is the package's Load with country texts resolved by r (with the
// user's aliases: see WithAliases). A dataset directory's own aliases.csv
// applies to that directory's files, under r's aliases.
func (r *Resolver) Load(ctx context.Context, paths ...string) (*graph.Dataset, error) {
	return r.load(ctx, Options{}, paths)
}

// LoadWith is the package's LoadWith with country texts resolved by r.
func (r *Resolver) LoadWith(ctx context.Context, opts Options, paths ...string) (*graph.Dataset, error) {
	return r.load(ctx, opts, paths)
}

func (r *Resolver) load(ctx context.Context, opts Options, paths []string) (*graph.Dataset, error) {
	if len(paths) == 0 {
		paths = []string{"builtin:" + DefaultBuiltin}
	}
	rd := newReader()
	rd.res = r
	rd.opts = opts
	var names []string
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		name, err := rd.load(p)
		if err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return rd.finish(strings.Join(names, "+"))
}

// reader accumulates one dataset from one or more sources.
type reader struct {
	res    *Resolver
	errs   *Errors
	chunks [][]graph.Flow
	used   map[string]graph.Country
	// ids and pos are the id of every record read (valid or not) and its
	// place, in read order; files names the files pos refers to.
	ids   []string
	pos   []flowPos
	files []string

	groups groupState // groups, members and ties (groups.go)
	// names is the review list: country texts not matched exactly.
	names NameLog

	opts Options
	// setAside, censored and indicators account for the rows of foreign
	// formats not turned into records as they are, or not at all.
	setAside   graph.SetAside
	censored   graph.Censored
	indicators map[graph.Indicator]*graph.Indicator // key: Rows, Value, Censored zero
	// classify, when set, replaces Resolver.ResolveName (tests of every
	// class of name, whatever the resolver knows today).
	classify func(string) Resolution

	// sink, when set, takes the records in batches instead of chunks
	// (Stream); streamParts numbers the batches' parts in read order,
	// streamed sums the victims handed over, and spoiled says that the
	// sink was given records the reader then read again.
	sink        func() func(seq int64, flows []graph.Flow)
	streamParts int64
	streamed    graph.Count
	spoiled     bool
}

func newReader() *reader {
	return &reader{res: Countries(), errs: &Errors{}, used: map[string]graph.Country{}}
}

func (rd *reader) finish(name string) (*graph.Dataset, error) {
	rd.checkGroups()
	var flows []graph.Flow
	if len(rd.chunks) == 1 {
		flows = rd.chunks[0] // no copy for the common single-file case
	} else {
		n := 0
		for _, c := range rd.chunks {
			n += len(c)
		}
		flows = make([]graph.Flow, 0, n)
		for _, c := range rd.chunks {
			flows = append(flows, c...)
		}
	}
	if dups := duplicateIDs(rd.ids, rd.pos, rd.files); len(dups) > 0 {
		rd.errs.List = append(rd.errs.List, dups...)
		rd.sortErrors()
	}
	if pe := rd.checkTotal(flows); pe != nil {
		rd.errs.List = append(rd.errs.List, pe)
		rd.sortErrors()
	}
	if len(rd.errs.List) > 0 {
		return nil, rd.errs
	}
	rd.censored.Rule = rd.opts.Censored.String()
	if rd.setAside.Reasons == nil {
		rd.setAside.Reasons = []graph.SetAsideReason{}
	}
	return &graph.Dataset{Name: name, Countries: rd.used, Flows: flows,
		Groups: rd.groups.groups, Members: rd.groups.members, Ties: rd.groups.ties, NameMatches: rd.names.Matches(),
		SetAside: rd.setAside, Censored: rd.censored, Indicators: rd.indicatorList()}, nil
}

// checkTotal returns the problem of the first record at which the victims
// of flows add up to over graph.MaxVictims (each record is at most that,
// so the sum cannot overflow on the way), or nil.
func (rd *reader) checkTotal(flows []graph.Flow) *ParseError {
	var total graph.Count
	for _, f := range flows {
		if total += graph.Count(f.Victims); total <= graph.MaxVictims {
			continue
		}
		pe := &ParseError{Field: FlowColumns[colVictims], Err: fmt.Errorf("%w: the records up to %s hold over %s victims",
			ErrTotalTooLarge, quote(f.ID), thousands(int64(graph.MaxVictims)))}
		for i, id := range rd.ids {
			if id == f.ID {
				pe.File, pe.Line = rd.files[rd.pos[i].file], int(rd.pos[i].line)
				break
			}
		}
		return pe
	}
	return nil
}

// aside returns where the unusable rows of the file of c go.
func (rd *reader) aside(c *collector) aside {
	return aside{set: &rd.setAside, c: c, strict: rd.opts.Strict}
}

// sortErrors orders the problems by file (in read order), line and column,
// keeping at most MaxErrors a file.
func (rd *reader) sortErrors() {
	order := map[string]int{}
	for _, pe := range rd.errs.List {
		if _, ok := order[pe.File]; !ok {
			order[pe.File] = len(order)
		}
	}
	slices.SortStableFunc(rd.errs.List, func(a, b *ParseError) int {
		if c := order[a.File] - order[b.File]; c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
	rd.errs.List = mergeRepeats(rd.errs.List)
	kept := rd.errs.List[:0]
	per := map[string]int{}
	for _, pe := range rd.errs.List {
		if per[pe.File]++; per[pe.File] > MaxErrors {
			rd.errs.Truncated = true
			continue
		}
		kept = append(kept, pe)
	}
	rd.errs.List = kept
}

// load reads one source and returns its dataset name.
func (rd *reader) load(p string) (string, error) {
	if name, ok := strings.CutPrefix(p, "builtin:"); ok {
		fsys, dir, err := builtinFS(name)
		if err != nil {
			return "", err
		}
		return name, rd.dir(fsys, dir, "builtin:"+name)
	}
	st, err := os.Stat(p)
	if err != nil {
		return "", fmt.Errorf("read dataset: %w", err)
	}
	base := filepath.Base(filepath.Clean(p))
	if st.IsDir() {
		return base, rd.dir(os.DirFS(p), ".", p)
	}
	fsys, file := os.DirFS(filepath.Dir(p)), filepath.Base(p)
	switch strings.ToLower(filepath.Ext(p)) {
	case ".csv":
		if read := rd.personsCSV(fsys, file); read != nil { // an adjacency matrix or edge list (matrix.go)
			return strings.TrimSuffix(base, filepath.Ext(base)), rd.file(fsys, file, p, read)
		}
		return strings.TrimSuffix(base, filepath.Ext(base)), rd.file(fsys, file, p, rd.flowsCSV)
	case ".json":
		return strings.TrimSuffix(base, filepath.Ext(base)), rd.file(fsys, file, p, rd.json)
	case ".xlsx":
		return strings.TrimSuffix(base, filepath.Ext(base)), rd.file(fsys, file, p, func(r io.Reader, file string) {
			rd.glotipXLSX(r, file, nil)
		})
	case ".graphml":
		return strings.TrimSuffix(base, filepath.Ext(base)), rd.file(fsys, file, p, rd.graphml(nil))
	}
	return "", fmt.Errorf("read dataset %s: %w", p, ErrUnsupportedFile)
}

// dir reads a dataset directory: countries.csv first (its codes may be used
// by the flows), then flows.csv with groups.csv, members.csv, ties.csv and
// *.graphml group networks when present, or a single .json document.
func (rd *reader) dir(fsys fs.FS, dir, label string) error {
	if _, err := fs.Stat(fsys, path.Join(dir, AliasesFile)); err == nil {
		a := &Aliases{}
		if err := rd.file(fsys, path.Join(dir, AliasesFile), filepath.Join(label, AliasesFile), func(r io.Reader, file string) {
			rd.aliasesCSV(r, file, a)
		}); err != nil {
			return err
		}
		defer func(res *Resolver) { rd.res = res }(rd.res)
		rd.res = rd.res.under(a)
	}
	extra := map[string]graph.Country{}
	if _, err := fs.Stat(fsys, path.Join(dir, CountriesFile)); err == nil {
		err := rd.file(fsys, path.Join(dir, CountriesFile), filepath.Join(label, CountriesFile), func(r io.Reader, file string) {
			rd.countriesCSV(r, file, extra)
		})
		if err != nil {
			return err
		}
	}
	if _, err := fs.Stat(fsys, path.Join(dir, FlowsFile)); err == nil {
		if err := rd.file(fsys, path.Join(dir, FlowsFile), filepath.Join(label, FlowsFile), func(r io.Reader, file string) {
			rd.flowsCSVWith(r, file, extra)
		}); err != nil {
			return err
		}
		return rd.groupFiles(fsys, dir, label, extra)
	}
	jsons, _ := fs.Glob(fsys, path.Join(dir, "*.json"))
	if len(jsons) == 1 {
		return rd.file(fsys, jsons[0], filepath.Join(label, path.Base(jsons[0])), rd.json)
	}
	return fmt.Errorf("read dataset %s: %w", label, ErrNoFlows)
}

func (rd *reader) file(fsys fs.FS, name, label string, read func(io.Reader, string)) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("read dataset: %w", err)
	}
	defer f.Close()
	rd.groups.files = append(rd.groups.files, label)
	rd.readSorted(func() { read(f, label) })
	return nil
}

// readSorted runs read and sorts the problems it added by line and column.
func (rd *reader) readSorted(read func()) {
	start := len(rd.errs.List)
	read()
	slices.SortStableFunc(rd.errs.List[start:], func(a, b *ParseError) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
}

func (rd *reader) flowsCSV(r io.Reader, file string) { rd.flowsCSVWith(r, file, nil) }

func (rd *reader) flowsCSVWith(r io.Reader, file string, extra map[string]graph.Country) {
	br := bufio.NewReaderSize(r, 64<<10)
	if sniffCTDC(br) { // a CTDC victim-case file (ctdc.go)
		rd.ctdc(br, file, extra)
		return
	}
	if sniffGLOTIP(br) { // a UNODC GLOTIP table saved as CSV (glotip.go)
		rd.glotipCSV(br, file, extra)
		return
	}
	data, err := readAll(br, r)
	if err != nil {
		rd.errs.List = append(rd.errs.List, &ParseError{File: file, Err: err})
		return
	}
	if rd.flowsData(data, file, extra) {
		return
	}
	rd.flowsSequential(bytes.NewReader(data), file, extra)
}

// readAll reads br to the end into a buffer sized from the file's size
// when orig is a file (io.ReadAll's doubling copies 57 MB several times).
func readAll(br *bufio.Reader, orig io.Reader) ([]byte, error) {
	st, ok := orig.(interface{ Stat() (fs.FileInfo, error) })
	if !ok {
		return io.ReadAll(br)
	}
	info, err := st.Stat()
	if err != nil || info.Size() <= 0 {
		return io.ReadAll(br)
	}
	if ra, ok := orig.(readSeekerAt); ok && info.Mode().IsRegular() && info.Size() >= minParallel {
		if data, ok := readParallel(br, ra, info.Size()); ok {
			return data, nil
		}
	}
	buf := bytes.NewBuffer(make([]byte, 0, info.Size()+bytes.MinRead))
	_, err = buf.ReadFrom(br)
	return buf.Bytes(), err
}

type readSeekerAt interface {
	io.ReaderAt
	io.Seeker
}

// readParallel reads the rest of a regular file of size bytes, br's
// buffer and what follows it, with one ReadAt per core at once: the
// kernel's copy of a large file and the faults of its fresh pages then
// run on every core instead of one (57 MB: about 20 ms less). It reports
// false, having read nothing from br or the file's offset, when the file
// is not as its size said; the caller then reads it in sequence.
func readParallel(br *bufio.Reader, ra readSeekerAt, size int64) ([]byte, bool) {
	pos, err := ra.Seek(0, io.SeekCurrent)
	start := pos - int64(br.Buffered())
	if err != nil || start < 0 || pos > size {
		return nil, false
	}
	data := make([]byte, size-start)
	head, _ := br.Peek(br.Buffered())
	copy(data, head)
	rest := data[len(head):]
	workers := runtime.GOMAXPROCS(0)
	failed := make([]bool, workers)
	parallel(workers, func(w int) {
		lo, hi := len(rest)*w/workers, len(rest)*(w+1)/workers
		n, err := ra.ReadAt(rest[lo:hi], pos+int64(lo))
		failed[w] = n != hi-lo || (err != nil && err != io.EOF)
	})
	if slices.Contains(failed, true) {
		return nil, false
	}
	var one [1]byte
	if n, _ := ra.ReadAt(one[:], size); n != 0 { // the file grew
		return nil, false
	}
	return data, true
}

// flowsSequential reads flows with encoding/csv, one record at a time: the
// reference reader, used when the parallel one finds a quoting problem so
// that it is reported exactly as encoding/csv sees it.
func (rd *reader) flowsSequential(r io.Reader, file string, extra map[string]graph.Country) {
	c := &collector{file: file, errs: rd.errs}
	t, ok := newTable(r, c, FlowColumns[:], requiredFlowCols)
	if !ok {
		return
	}
	d := rd.decoder(c, extra)
	t.fieldCount = d.fieldCount
	row := &flowRow{pos: t.pos}
	for {
		line, err := t.next(row.vals[:])
		if err == io.EOF {
			return
		}
		if c.full() {
			return
		}
		row.line = line
		rd.add(d, row)
	}
}

func (rd *reader) decoder(c *collector, extra map[string]graph.Country) *decoder {
	d := newDecoder(rd.res, extra, c, rd.used).withOptions(rd.opts, rd.aside(c), &rd.censored)
	d.names = &rd.names
	return d
}

// chunkSize is how many flows are kept per chunk while reading, so that a
// large file is copied once at the end rather than at every slice growth.
const chunkSize = 4096

// fileIndex numbers the files flows come from.
func (rd *reader) fileIndex(file string) int32 {
	if n := len(rd.files); n > 0 && rd.files[n-1] == file {
		return int32(n - 1)
	}
	rd.files = append(rd.files, file)
	return int32(len(rd.files) - 1)
}

// add decodes one row and keeps it if it is valid.
func (rd *reader) add(d *decoder, row *flowRow) {
	f, ok := d.flow(row)
	line, col := row.pos(colID)
	if line == 0 {
		line = row.line
	}
	rd.ids = append(rd.ids, f.ID)
	rd.pos = append(rd.pos, flowPos{rd.fileIndex(d.errs.file), int32(line), int32(col)})
	if !ok {
		return
	}
	d.noteRow(f.Victims)
	rd.flowGroups(&f, row, d.errs.file)
	rd.keep(f)
}

// countryCols are the columns of countries.csv.
var countryCols = []string{"code", "name", "region", "lat", "lon"}

// countriesCSV reads code,name,region,lat,lon rows into extra.
func (rd *reader) countriesCSV(r io.Reader, file string, extra map[string]graph.Country) {
	rd.tableCSV(r, file, countryCols, []int{0}, func(s rowSource) { rd.country(s.vals, extra, s.fail) })
}

// country reads one countries row into extra, keyed by upper-case code and
// lower-case name. A code the library knows is overridden field by field;
// an unknown code adds a country (a name is needed).
func (rd *reader) country(vals []string, extra map[string]graph.Country, fail func(col int, err error)) {
	if !checkTexts(vals, fail) {
		return
	}
	code := strings.ToUpper(strings.TrimSpace(vals[0]))
	if code == "" {
		fail(0, ErrRequired)
		return
	}
	country, err := rd.res.Resolve(code)
	if err != nil {
		if !validNewCode(code) {
			fail(0, fmt.Errorf("%w; a new country needs a code of 2-3 letters", err))
			return
		}
		if strings.TrimSpace(vals[1]) == "" {
			fail(1, fmt.Errorf("%w: a country the ISO library does not know needs a name", ErrRequired))
			return
		}
		country = graph.Country{Code: code}
	}
	if v := strings.TrimSpace(vals[1]); v != "" {
		country.Name = v
	}
	if v := strings.TrimSpace(vals[2]); v != "" {
		country.Region = v
	}
	for i, dst := range []*float64{&country.Lat, &country.Lon} {
		col := 3 + i
		v := strings.TrimSpace(vals[col])
		if v == "" {
			continue
		}
		x, err := strconv.ParseFloat(v, 64)
		limit := 90.0 * float64(i+1)
		if err != nil || math.IsNaN(x) || x < -limit || x > limit {
			fail(col, fmt.Errorf("want a number between %g and %g, got %s", -limit, limit, quote(v)))
			return
		}
		*dst = x
	}
	extra[country.Code] = country
	extra[strings.ToLower(country.Name)] = country
	rd.used[country.Code] = country
}

func validNewCode(code string) bool {
	if len(code) < 2 || len(code) > 3 {
		return false
	}
	return !slices.ContainsFunc([]byte(code), func(b byte) bool { return b < 'A' || b > 'Z' })
}

// IsInputError reports whether err is a problem with the input data (as
// opposed to a failure to read it).
func IsInputError(err error) bool {
	var e *Errors
	var pe *ParseError
	return errors.As(err, &e) || errors.As(err, &pe) || errors.Is(err, ErrNoFlows) ||
		errors.Is(err, ErrUnsupportedFile) || errors.Is(err, ErrUnknownBuiltin) || errors.Is(err, fs.ErrNotExist)
}

// ReadFlows reads one flows.csv from r (or a CTDC or GLOTIP CSV, told
// by its header); file names it in errors.
func ReadFlows(r io.Reader, file string) (*graph.Dataset, error) {
	return ReadFlowsWith(r, file, Options{})
}

// ReadFlowsWith is ReadFlows under opts.
func ReadFlowsWith(r io.Reader, file string, opts Options) (*graph.Dataset, error) {
	rd := newReader()
	rd.opts = opts
	rd.readSorted(func() { rd.flowsCSV(r, file) })
	return rd.finish(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
}

// ReadJSON reads one JSON dataset document from r; file names it in errors.
func ReadJSON(r io.Reader, file string) (*graph.Dataset, error) {
	rd := newReader()
	rd.readSorted(func() { rd.json(r, file) })
	return rd.finish(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
}

// LoadFS reads the dataset directory at the root of fsys (flows.csv and
// countries.csv, or one JSON document) as dataset name.
func LoadFS(ctx context.Context, fsys fs.FS, name string) (*graph.Dataset, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rd := newReader()
	if err := rd.dir(fsys, ".", name); err != nil {
		return nil, err
	}
	return rd.finish(name)
}
