package ingest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"unsafe"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/internal/grow"
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
	// The chunks' lines are counted on every core (a pass over the whole
	// file), then summed in order for each chunk's first line.
	newlines := make([]int, len(chunks))
	counters := min(len(chunks), runtime.GOMAXPROCS(0))
	parallel(counters, func(w int) {
		for i := w; i < len(chunks); i += counters {
			newlines[i] = bytes.Count(body[chunks[i][0]:chunks[i][1]], []byte{'\n'})
		}
	})
	total, line := 0, startLine
	for i, ch := range chunks {
		nl := newlines[i]
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
				s := newScanner(body[p.lo:p.hi], p.line, t.colOf, len(t.header))
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
					row.line, row.clean = line, s.clean
					// Decoded in place: the next slot of the batch or of
					// the part's region (which has room for every line).
					var f *graph.Flow
					if st != nil {
						f = st.slot()
					} else {
						p.flows = p.flows[:len(p.flows)+1]
						f = &p.flows[len(p.flows)-1]
					}
					ok := d.flowInto(row, f)
					l, c := s.pos(colID)
					if l == 0 {
						l = line
					}
					p.ids = append(p.ids, f.ID)
					p.idPos = append(p.idPos, flowPos{fi, int32(l), int32(c)})
					if !ok { // the slot goes back
						if st != nil {
							st.drop()
						} else {
							p.flows = p.flows[:len(p.flows)-1]
						}
						continue
					}
					d.noteRow(f.Victims)
					if len(f.Groups) > 0 {
						gl, gc := s.pos(colGroups)
						for _, g := range f.Groups {
							p.groupRefs = grow.Append(p.groupRefs, groupRef{group: g, field: FlowColumns[colGroups], at: srcPos{file, gl, gc}})
						}
					}
					if st != nil {
						st.keep() // last: a full batch goes to the worker, and its slots are reused
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
	refs := 0
	for pi := range parts {
		refs += len(parts[pi].groupRefs)
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
		rd.groups.flowRefs = slices.Grow(rd.groups.flowRefs, refs) // once: every part's refs
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
	// positions of the fields of the current record, by column index,
	// unless it is a plain line (pos finds them from its commas)
	fline  [numFlowCols]int
	fcol   [numFlowCols]int
	first  int     // line of the current record
	clean  bool    // the current record is a plain line of printable ASCII
	commas []int32 // where the plain line's commas are, then its end
	plain  bool    // the current record is a plain line
	// fieldOf is the field of each column (-1: none), cols inverted.
	fieldOf [numFlowCols]int
}

// newScanner returns a scanner of data, whose first line is line, with
// want fields of which field i is column cols[i] (-1: none).
func newScanner(data []byte, line int, cols []int, want int) *scanner {
	s := &scanner{data: data, line: line, cols: cols, want: want}
	for i := range s.fieldOf {
		s.fieldOf[i] = -1
	}
	for f, col := range cols {
		if col >= 0 {
			s.fieldOf[col] = f
		}
	}
	return s
}

// pos returns the line and column of the current record's field of
// column col (column 0: the record has no such field).
func (s *scanner) pos(col int) (int, int) {
	if s.plain {
		f := s.fieldOf[col]
		switch {
		case f < 0 || f >= len(s.commas):
			return s.first, 0
		case f == 0:
			return s.first, 1
		}
		return s.first, int(s.commas[f-1]) + 2
	}
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
	}
	s.first = s.line
	s.clean, s.plain = false, false
	if line, ok := s.plainLine(); ok {
		s.plain = true
		return s.fields(line, vals)
	}
	for i := range s.fline {
		s.fline[i], s.fcol[i] = 0, 0
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
// It sets s.commas to where its commas are and s.clean to whether it is
// printable ASCII, so that its values need no other check (textProblem).
func (s *scanner) plainLine() ([]byte, bool) {
	rest := s.data[s.off:]
	end := bytes.IndexByte(rest, '\n')
	if end < 0 {
		end = len(rest)
	}
	line := rest[:end]
	quote, clean, commas := scanLine(line, s.commas[:0])
	s.commas = commas
	if quote {
		return nil, false // s.clean stays false: what scanLine says of clean holds only without quotes
	}
	s.clean = clean
	return line, true
}

// Bytes repeated in every byte of a word, for scanLine.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
	lows  = 0x7f7f7f7f7f7f7f7f
)

// scanLine reports whether line holds a quote character and whether it
// is printable ASCII (0x20-0x7e; a \r ending the line aside), and appends
// to commas the offset of each comma and then the end of the line (when
// there is no quote), in one
// pass of eight bytes at a time: a large file's lines are read once here
// instead of once for quotes, once for commas and once per value for
// control characters.
func scanLine(line []byte, commas []int32) (quote, clean bool, _ []int32) {
	body := line
	if n := len(body); n > 0 && body[n-1] == '\r' {
		body = body[:n-1]
	}
	var bad, quotes uint64
	i := 0
	for ; i+8 <= len(body); i += 8 {
		w := binary.LittleEndian.Uint64(body[i:])
		low := w & lows
		// High bit of each byte: 0x80 or more, under 0x20 (its low seven
		// bits plus 0x60 do not carry into the high bit), 0x7f.
		bad |= w | ^(low + (0x80-0x20)*ones) | (low + ones)
		// A zero byte of w ^ c is a byte c, found without borrows between
		// bytes.
		q := w ^ ('"' * ones)
		quotes |= ^((q&lows + lows) | q)
		c := w ^ (',' * ones)
		for m := ^((c&lows + lows) | c | lows); m != 0; m &= m - 1 {
			commas = append(commas, int32(i+bits.TrailingZeros64(m)/8))
		}
	}
	clean = bad&highs == 0
	if quotes&highs != 0 {
		return true, clean, commas
	}
	for ; i < len(body); i++ {
		switch c := body[i]; {
		case c == '"':
			return true, clean, commas
		case c == ',':
			commas = append(commas, int32(i))
		case c < 0x20 || c > 0x7e:
			clean = false
		}
	}
	return false, clean, append(commas, int32(len(body)))
}

// fields sets the values of a plain line (see plainLine) from its commas
// and moves past it.
func (s *scanner) fields(line []byte, vals []string) (int, error) {
	next := s.off + len(line) + 1 // past the newline
	ends := s.commas              // of each field: its commas, then the line's end
	nf := len(ends)
	base := unsafe.SliceData(line)
	start := int32(0)
	for field, col := range s.cols[:min(nf, len(s.cols))] {
		end := ends[field]
		if col >= 0 && end > start {
			// The bytes of line[start:end], without the bounds checks:
			// scanLine found every end within the line, in order. (An
			// empty field stays "", as next left it.)
			vals[col] = unsafe.String((*byte)(unsafe.Add(unsafe.Pointer(base), start)), end-start)
		}
		start = end + 1
	}
	first := s.line
	s.off = min(next, len(s.data))
	if next <= len(s.data) {
		s.line++
	}
	if nf != s.want {
		wrongCol := int(ends[nf-1]) + 1 // past the last field, unless one is extra
		if nf > s.want {
			wrongCol = 1
			if s.want > 0 {
				wrongCol = int(ends[s.want-1]) + 2
			}
		}
		return s.first, &fieldCountError{nf, s.want, first, wrongCol}
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
