package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"unsafe"

	"github.com/tipgraph/tipgraph/graph"
)

// Parallel reading of a flows.csv held in memory. The body is cut into
// chunks at record boundaries (outside quotes); each chunk is parsed and
// validated by its own goroutine straight into its region of the final
// slice, with field values pointing into the file's bytes (no copy unless a
// quoted field has escapes), so a record costs no allocation beyond its
// id when the id column is empty. Ids are checked for duplicates after the
// chunks are done. A quoting error anywhere sends the whole file back to
// the sequential encoding/csv reader, which reports it exactly.

// minParallel is the body size below which one goroutine reads.
const minParallel = 1 << 20

// flowsData reads a flows.csv from data; it reports false when the file
// needs the sequential reader (a quoting problem, or input the fast path
// does not handle).
func (rd *reader) flowsData(data []byte, file string, extra map[string]graph.Country) bool {
	data = bytes.TrimPrefix(data, utf8BOM)
	t, ok := newTable(bytes.NewReader(data), &collector{file: file, errs: rd.errs}, FlowColumns[:], requiredFlowCols)
	if !ok {
		return true // the header's problems are recorded
	}
	body := data[t.r.InputOffset():]
	startLine, _ := t.r.FieldPos(0)
	startLine++ // the header's line; the body starts on the next
	n := 1
	if len(body) >= minParallel {
		n = 4 * runtime.GOMAXPROCS(0)
	}
	chunks := splitChunks(body, n)
	// Lines before each chunk, and an upper bound of records per chunk.
	type part struct {
		lo, hi    int
		line      int // line of the chunk's first byte
		lines     int // at most that many records: the chunk's lines, so a file without blank lines or errors leaves no gaps
		flows     []graph.Flow
		groupRefs []groupRef // groups the flows name, checked in finish
		ids       []string   // id of every record, valid or not
		idPos     []flowPos  // and its place (file set later)
		errs      *Errors
		used      map[string]graph.Country
		names     NameLog
		bad       bool
		victims   graph.Count // of the records streamed
		setAside  graph.SetAside
		censored  graph.Censored
	}
	parts := make([]part, len(chunks))
	total, line := 0, startLine
	for i, ch := range chunks {
		nl := bytes.Count(body[ch[0]:ch[1]], []byte{'\n'})
		records := nl // every record but an unterminated last one ends with a newline
		if ch[1] > ch[0] && body[ch[1]-1] != '\n' {
			records++
		}
		parts[i] = part{lo: ch[0], hi: ch[1], line: line, lines: records, errs: &Errors{}, used: map[string]graph.Country{}}
		line += nl
		total += records
	}
	// Each part fills its region of these; the regions are closed up
	// afterwards, which copies nothing unless a chunk had fewer records
	// than lines.
	var all []graph.Flow
	if rd.sink == nil {
		all = make([]graph.Flow, total)
	}
	firstPart := rd.streamParts
	rd.streamParts += int64(len(parts))
	fi := rd.fileIndex(file)
	base := len(rd.ids)
	rd.ids = slices.Grow(rd.ids, total)[:base+total]
	rd.pos = slices.Grow(rd.pos, total)[:base+total]
	allIDs, allPos := rd.ids[base:], rd.pos[base:]
	off := 0
	for i := range parts {
		nl := parts[i].lines
		if all != nil {
			parts[i].flows = all[off : off : off+nl]
		}
		parts[i].ids = allIDs[off : off : off+nl]
		parts[i].idPos = allPos[off : off : off+nl]
		off += nl
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(len(parts), runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var st *streamer
			if rd.sink != nil {
				st = &streamer{add: rd.sink(), buf: make([]graph.Flow, 0, streamBatch)}
			}
			for i := range next {
				p := &parts[i]
				pc := &collector{file: file, errs: p.errs}
				d := newDecoder(rd.res, extra, pc, p.used).withOptions(rd.opts, aside{&p.setAside, pc, rd.opts.Strict}, &p.censored)
				d.names = &p.names
				if st != nil {
					st.start((firstPart+int64(i))<<32, d)
				}
				s := &scanner{data: body[p.lo:p.hi], line: p.line, cols: t.colOf, want: len(t.header)}
				row := &flowRow{pos: s.pos}
				for {
					line, err := s.next(row.vals[:])
					if err == io.EOF {
						break
					}
					if err != nil {
						var fc *fieldCountError
						if errors.As(err, &fc) {
							field := ""
							if fc.got < len(t.header) {
								field = t.header[fc.got]
							}
							if d.fieldCount(fc.line, fc.col, field, fc.got, fc.want) {
								continue
							}
							pc.add(fc.line, fc.col, field, fmt.Errorf("%w: %d fields, header has %d", ErrFieldCount, fc.got, fc.want))
							if pc.full() {
								break
							}
							continue
						}
						p.bad = true // quoting: let encoding/csv report it
						break
					}
					if pc.full() {
						break
					}
					row.line = line
					f, ok := d.flow(row)
					l, c := s.pos(colID)
					if l == 0 {
						l = line
					}
					p.ids = append(p.ids, f.ID)
					p.idPos = append(p.idPos, flowPos{fi, int32(l), int32(c)})
					if ok {
						if st != nil {
							st.keep(f)
						} else {
							p.flows = append(p.flows, f)
						}
						d.noteRow(f.Victims)
						if len(f.Groups) > 0 {
							gl, gc := s.pos(colGroups)
							for _, g := range f.Groups {
								p.groupRefs = append(p.groupRefs, groupRef{group: g, field: FlowColumns[colGroups], at: srcPos{file, gl, gc}})
							}
						}
					}
				}
				if st != nil {
					st.end()
					p.victims = st.victims
				}
			}
		}()
	}
	for i := range parts {
		next <- i
	}
	close(next)
	wg.Wait()

	var errs []*ParseError
	truncated := false
	for _, p := range parts {
		if p.bad {
			rd.spoiled = rd.spoiled || rd.sink != nil // the sequential reader reads it again
			rd.ids, rd.pos = rd.ids[:base], rd.pos[:base]
			return false
		}
		errs = append(errs, p.errs.List...)
		truncated = truncated || p.errs.Truncated
	}
	// Close the gaps left by chunks that held fewer records than lines.
	flows, nids := all[:0], base
	for pi := range parts {
		p := &parts[pi]
		flows = closeGap(flows, p.flows)
		rd.ids = closeGap(rd.ids[:nids], p.ids)
		rd.pos = closeGap(rd.pos[:nids], p.idPos)
		nids = len(rd.ids)
		for k, v := range p.used {
			rd.used[k] = v
		}
		rd.names.Merge(&p.names)
		rd.groups.flowRefs = append(rd.groups.flowRefs, p.groupRefs...)
		rd.setAside.Merge(p.setAside)
		rd.censored.Merge(p.censored)
		rd.streamed += p.victims
	}
	slices.SortStableFunc(errs, func(a, b *ParseError) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
	errs = mergeRepeats(errs)
	if len(errs) > MaxErrors {
		errs, truncated = errs[:MaxErrors], true
	}
	rd.errs.List = append(rd.errs.List, errs...)
	rd.errs.Truncated = rd.errs.Truncated || truncated
	if len(errs) == 0 && rd.sink == nil {
		rd.chunks = append(rd.chunks, flows)
	}
	return true
}

// closeGap appends part to dst, which shares its backing array and ends
// at or before part's start; nothing is copied when it ends right there.
func closeGap[T any](dst, part []T) []T {
	n := len(dst)
	dst = dst[:n+len(part)]
	if len(part) > 0 && &dst[n] != &part[0] {
		copy(dst[n:], part)
	}
	return dst
}

// splitChunks cuts body into at most n ranges that each start at a record
// boundary: after a newline that is outside quotes (an even number of
// quote characters before it).
func splitChunks(body []byte, n int) [][2]int {
	if n <= 1 || len(body) == 0 {
		return [][2]int{{0, len(body)}}
	}
	var out [][2]int
	start, quotes, counted := 0, 0, 0
	for i := 1; i < n; i++ {
		target := len(body) * i / n
		if target <= start {
			continue
		}
		cut := -1
		for p := target; p < len(body); {
			nl := bytes.IndexByte(body[p:], '\n')
			if nl < 0 {
				break
			}
			p += nl
			quotes += bytes.Count(body[counted:p], []byte{'"'})
			counted = p
			if quotes%2 == 0 {
				cut = p + 1
				break
			}
			p++
		}
		if cut < 0 || cut >= len(body) {
			break
		}
		out = append(out, [2]int{start, cut})
		start = cut
	}
	return append(out, [2]int{start, len(body)})
}

// fieldCountError is a record with the wrong number of fields, wrong
// from line:col (its first extra field, or the end of its last).
type fieldCountError struct{ got, want, line, col int }

func (e *fieldCountError) Error() string {
	return fmt.Sprintf("%d fields, want %d", e.got, e.want)
}

var errQuote = errors.New("quoting problem")

// scanner splits RFC 4180 records out of one chunk, returning field values
// that point into the chunk's bytes.
type scanner struct {
	data []byte
	off  int
	line int // line of data[off]
	cols []int
	want int
	// positions of the fields of the current record, by column index
	fline [numFlowCols]int
	fcol  [numFlowCols]int
	first int // line of the current record
}

func (s *scanner) pos(col int) (int, int) {
	if s.fline[col] == 0 {
		return s.first, 0
	}
	return s.fline[col], s.fcol[col]
}

// next reads one record into vals (by flows column) and returns its line.
func (s *scanner) next(vals []string) (int, error) {
	// Skip empty lines, as encoding/csv does (a lone \r at the end too).
	for s.off < len(s.data) && (s.data[s.off] == '\n' || (s.data[s.off] == '\r' && (s.off+1 == len(s.data) || s.data[s.off+1] == '\n'))) {
		if s.data[s.off] == '\r' {
			s.off++
		}
		s.off++
		s.line++
	}
	if s.off >= len(s.data) {
		return 0, io.EOF
	}
	for i := range vals {
		vals[i] = ""
		s.fline[i], s.fcol[i] = 0, 0
	}
	s.first = s.line
	if line, ok := s.plainLine(); ok {
		return s.fields(line, vals)
	}
	lineStart := s.off
	field := 0
	var wrongLine, wrongCol int // the first extra field, or the end of the last
	for {
		col := -1
		if field < len(s.cols) {
			col = s.cols[field]
		}
		fline, fcol := s.line, s.off-lineStart+1
		if field == s.want {
			wrongLine, wrongCol = fline, fcol
		}
		var val string
		if s.off < len(s.data) && s.data[s.off] == '"' {
			v, ls, err := s.quoted(lineStart)
			if err != nil {
				return s.first, err
			}
			val, lineStart = v, ls
		} else {
			end := s.off
			for end < len(s.data) {
				b := s.data[end]
				if b == ',' || b == '\n' {
					break
				}
				if b == '"' {
					return s.first, errQuote
				}
				end++
			}
			raw := s.data[s.off:end]
			// \r\n ends a line; a \r right before the end of the input is
			// dropped, as encoding/csv does.
			if (end == len(s.data) || s.data[end] == '\n') && len(raw) > 0 && raw[len(raw)-1] == '\r' {
				raw = raw[:len(raw)-1]
			}
			val = bytesString(raw)
			s.off = end
		}
		if col >= 0 {
			vals[col] = val
			s.fline[col], s.fcol[col] = fline, fcol
		}
		field++
		if field < s.want {
			// Past the field, a \r of its line end left out.
			end := s.off
			if end > lineStart && s.data[end-1] == '\r' && (end == len(s.data) || s.data[end] == '\n') {
				end--
			}
			wrongLine, wrongCol = s.line, end-lineStart+1
		}
		if s.off >= len(s.data) {
			break
		}
		if s.data[s.off] == '\n' {
			s.off++
			s.line++
			break
		}
		s.off++ // the comma
	}
	if field != s.want {
		return s.first, &fieldCountError{field, s.want, wrongLine, wrongCol}
	}
	return s.first, nil
}

// plainLine returns the record at s.off when it is one line without a
// quote character (nearly every record): its bytes, without the line end.
func (s *scanner) plainLine() ([]byte, bool) {
	rest := s.data[s.off:]
	end := bytes.IndexByte(rest, '\n')
	if end < 0 {
		end = len(rest)
	}
	line := rest[:end]
	if bytes.IndexByte(line, '"') >= 0 {
		return nil, false
	}
	return line, true
}

// fields splits a plain line (see plainLine) at its commas and moves past
// it.
func (s *scanner) fields(line []byte, vals []string) (int, error) {
	next := s.off + len(line) + 1                   // past the newline
	if n := len(line); n > 0 && line[n-1] == '\r' { // \r\n, or \r at the end of the input
		line = line[:n-1]
	}
	field, start := 0, 0
	wrongCol := len(line) + 1 // past the last field, unless one is extra
	for i := 0; ; i++ {
		if i < len(line) && line[i] != ',' {
			continue
		}
		if field == s.want {
			wrongCol = start + 1
		}
		if field < len(s.cols) {
			if col := s.cols[field]; col >= 0 {
				vals[col] = bytesString(line[start:i])
				s.fline[col], s.fcol[col] = s.line, start+1
			}
		}
		field++
		if i >= len(line) {
			break
		}
		start = i + 1
	}
	first := s.line
	s.off = min(next, len(s.data))
	if next <= len(s.data) {
		s.line++
	}
	if field != s.want {
		return s.first, &fieldCountError{field, s.want, first, wrongCol}
	}
	return s.first, nil
}

// quoted reads a quoted field at s.off and returns its value and the start
// of the line the scanner is now on.
func (s *scanner) quoted(lineStart int) (string, int, error) {
	start := s.off + 1
	p := start
	plain := true // no "" and no \r\n inside: the bytes can be shared
	for {
		q := bytes.IndexByte(s.data[p:], '"')
		if q < 0 {
			return "", lineStart, errQuote
		}
		for _, b := range s.data[p : p+q] {
			if b == '\n' {
				s.line++
			}
		}
		if nl := bytes.LastIndexByte(s.data[p:p+q], '\n'); nl >= 0 {
			lineStart = p + nl + 1
		}
		if plain && bytes.Contains(s.data[p:p+q], []byte("\r\n")) {
			plain = false
		}
		p += q + 1
		if p < len(s.data) && s.data[p] == '"' {
			plain = false
			p++
			continue
		}
		break
	}
	end := p - 1 // the closing quote
	if p < len(s.data) {
		switch s.data[p] {
		case ',', '\n':
		case '\r':
			if p+1 >= len(s.data) || s.data[p+1] != '\n' {
				return "", lineStart, errQuote
			}
			p++
		default:
			return "", lineStart, errQuote
		}
	}
	s.off = p
	raw := s.data[start:end]
	if plain {
		return bytesString(raw), lineStart, nil
	}
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		switch {
		case raw[i] == '"' && i+1 < len(raw) && raw[i+1] == '"':
			out = append(out, '"')
			i++
		case raw[i] == '\r' && i+1 < len(raw) && raw[i+1] == '\n':
		default:
			out = append(out, raw[i])
		}
	}
	return string(out), lineStart, nil
}

// bytesString returns b as a string without copying; the bytes of a
// dataset file are never modified after they are read.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
