package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
)

// csvReader is encoding/csv's reader that also keeps the last bytes it
// consumed, so that a row of the wrong number of fields can be placed
// exactly: FieldPos gives where a field starts, not where a quoted one
// ends.
type csvReader struct {
	*csv.Reader
	tail *tailReader
	// before is the input offset at the start of the last record read.
	before int64
	// broken is set by row at a quoting error: what follows is unread.
	broken bool
}

func newCSVReader(rd io.Reader) *csvReader {
	t := &tailReader{r: rd}
	return &csvReader{Reader: csv.NewReader(t), tail: t}
}

// Read reads one record, noting where it starts.
func (r *csvReader) Read() ([]string, error) {
	r.before = r.Reader.InputOffset()
	return r.Reader.Read()
}

// recordEnd returns the line and column just past the last field of the
// record just read (its line end and a \r before it left out); ok is
// false when the record is longer than the bytes kept.
func (r *csvReader) recordEnd() (line, col int, ok bool) {
	raw, ok := r.tail.span(r.before, r.Reader.InputOffset())
	if !ok || len(raw) == 0 {
		return 0, 0, false
	}
	raw = bytes.TrimSuffix(raw, []byte("\n"))
	raw = bytes.TrimSuffix(raw, []byte("\r"))
	// Empty lines before the record are skipped by the reader, not part
	// of it.
	for len(raw) > 0 && (raw[0] == '\n' || raw[0] == '\r' && len(raw) > 1 && raw[1] == '\n') {
		if raw[0] == '\r' {
			raw = raw[1:]
		}
		raw = raw[1:]
	}
	first, _ := r.FieldPos(0)
	nl := bytes.LastIndexByte(raw, '\n')
	return first + bytes.Count(raw, []byte("\n")), len(raw) - nl, true
}

// tailKept is how many of the last consumed bytes a tailReader keeps at
// least: a longer record is placed by its last field's start.
const tailKept = 256 << 10

// tailReader passes reads through and keeps the last bytes read, with
// their offset in the stream.
type tailReader struct {
	r   io.Reader
	buf []byte
	off int64 // the stream offset of buf[0]
}

func (t *tailReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if len(t.buf)+n > 2*tailKept {
		drop := len(t.buf) - tailKept
		if drop > 0 {
			t.buf = append(t.buf[:0], t.buf[drop:]...)
			t.off += int64(drop)
		}
	}
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// span returns the bytes of the stream from offset from to offset to, if
// they are still kept.
func (t *tailReader) span(from, to int64) ([]byte, bool) {
	if from < t.off || to > t.off+int64(len(t.buf)) || from > to {
		return nil, false
	}
	return t.buf[from-t.off : to-t.off], true
}

// row reads the next record of a file with header, reporting a bad one
// to c (readError): it skips a record of the wrong length (until c is
// full) and stops at a quoting error, which puts the reader out of step.
// ok is false at the end of the file, when c is full or after a quoting
// error (then r.broken is set).
func (r *csvReader) row(c *collector, header []string) (rec []string, ok bool) {
	for !c.full() {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil, false
		}
		if err == nil {
			return rec, true
		}
		if !readError(c, err, r, rec, header) {
			r.broken = !c.full()
			return nil, false
		}
	}
	return nil, false
}
