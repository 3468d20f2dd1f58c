package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// table reads one CSV file with a header row: BOM and CRLF tolerated, RFC
// 4180 quoting, every row checked for its field count. Columns not in cols
// are errors unless they start with "x_"; required columns must be there.
type table struct {
	r      *csv.Reader
	errs   *collector
	colOf  []int // file column -> index into cols, -1 for x_ columns
	header []string
	// fieldCount, when set, takes a row with the wrong number of fields
	// (its line, its fields, the header's) instead of a problem, if it
	// reports true.
	fieldCount func(line, col int, field string, got, want int) bool
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// skipBOM buffers rd and skips a UTF-8 byte order mark at its start.
func skipBOM(rd io.Reader) *bufio.Reader {
	br := bufio.NewReaderSize(rd, 64<<10)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(3)
	}
	return br
}

func newTable(rd io.Reader, c *collector, cols []string, required []int) (*table, bool) {
	r := csv.NewReader(skipBOM(rd))
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			c.add(1, 0, "", errors.New("empty file: want a header row"))
		} else {
			c.add(1, 0, "", err)
		}
		return nil, false
	}
	t := &table{r: r, errs: c, header: make([]string, len(header)), colOf: make([]int, len(header))}
	r.FieldsPerRecord = len(header)
	ok := true
	seen := map[int]bool{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		t.header[i] = h
		_, col := r.FieldPos(i)
		idx := indexOf(cols, h)
		switch {
		case strings.HasPrefix(h, "x_"):
			t.colOf[i] = -1
		case idx < 0:
			c.add(1, col, h, ErrUnknownColumn)
			ok = false
		case seen[idx]:
			c.add(1, col, h, errors.New("column appears twice"))
			ok = false
		default:
			seen[idx] = true
			t.colOf[i] = idx
		}
	}
	for _, req := range required {
		if !seen[req] {
			c.add(1, 0, cols[req], ErrMissingColumn)
			ok = false
		}
	}
	return t, ok
}

// next reads the next row into vals (indexed like cols) and reports its
// line; it returns io.EOF at the end. A row with the wrong number of
// fields is reported and skipped.
func (t *table) next(vals []string) (line int, err error) {
	for {
		rec, err := t.r.Read()
		if err == io.EOF {
			return 0, io.EOF
		}
		if err != nil {
			var pe *csv.ParseError
			if t.fieldCount != nil && errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				line, col, field := fieldCountAt(t.r.FieldPos, rec, t.header)
				if t.fieldCount(line, col, field, len(rec), len(t.header)) {
					continue
				}
			}
			if readError(t.errs, err, t.r, rec, t.header) {
				continue
			}
			return 0, io.EOF
		}
		for i := range vals {
			vals[i] = ""
		}
		for i, v := range rec {
			if c := t.colOf[i]; c >= 0 {
				vals[c] = v
			}
		}
		line, _ = t.r.FieldPos(0)
		return line, nil
	}
}

// readError records an error of r's Read, which returned rec, in a file
// with header. It reports whether reading goes on: after a record of the
// wrong length it does (until the file has MaxErrors problems); after a
// quoting error the reader is out of step and it stops.
func readError(c *collector, err error, r *csv.Reader, rec, header []string) bool {
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount):
		line, col, field := fieldCountAt(r.FieldPos, rec, header)
		c.add(line, col, field, fmt.Errorf("%w: %d fields, header has %d", ErrFieldCount, len(rec), len(header)))
		return !c.full()
	case errors.As(err, &pe):
		c.add(pe.Line, pe.Column, "", pe.Err)
	default:
		c.add(0, 0, "", err)
	}
	return false
}

// fieldCountAt says where the row rec, whose length differs from
// header's, goes wrong: at the start of its first extra field, or just
// past its last field, where the first missing one (named by header)
// would start. pos gives the line and column of a field of rec
// (csv.Reader.FieldPos); the end of an unquoted last field is exact, a
// quoted one's is off by its quotes.
func fieldCountAt(pos func(field int) (int, int), rec, header []string) (line, col int, field string) {
	if len(rec) == 0 {
		return 0, 0, ""
	}
	if len(rec) > len(header) {
		line, col = pos(len(header))
		return line, col, ""
	}
	last := len(rec) - 1
	line, col = pos(last)
	return line, col + len(rec[last]), header[len(rec)]
}

// pos returns the line and column of the field of cols index col in the
// row just read.
func (t *table) pos(col int) (int, int) {
	for i, c := range t.colOf {
		if c == col {
			return t.r.FieldPos(i)
		}
	}
	line, _ := t.r.FieldPos(0)
	return line, 0
}

func indexOf(cols []string, h string) int {
	for i, c := range cols {
		if c == h {
			return i
		}
	}
	return -1
}
