package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// json reads one JSON document holding the same tables as a dataset
// directory: {"name": ..., "countries": [...], "flows": [...], "groups":
// [...], "members": [...], "ties": [...]}; groups, members and ties are
// read by jsonGroups. Each flow is
// an object with the flows.csv column names as keys; via and vectors may be
// strings ("SR>NL") or arrays, groups a string ("a;b") or an array, victims
// and year numbers or strings. Keys starting with "x_" are ignored.
func (rd *reader) json(r io.Reader, file string) {
	c := &collector{file: file, errs: rd.errs}
	data, err := io.ReadAll(r)
	if err != nil {
		c.add(0, 0, "", err)
		return
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	lines := newLineIndex(data)
	dec := json.NewDecoder(bytes.NewReader(data))
	fail := func(off int64, field string, err error) {
		line, col := lines.pos(off)
		c.add(line, col, field, err)
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		fail(dec.InputOffset(), "", errors.New("want a JSON object with a \"flows\" array"))
		return
	}
	var flows []jsonRecord
	sawFlows := false                // an empty "flows": [] is a dataset with no records
	tables := map[string][]jsonRow{} // groups, members, ties
	extra := map[string]graph.Country{}
	for dec.More() {
		keyOff := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			fail(dec.InputOffset(), "", err)
			return
		}
		key, _ := tok.(string)
		switch {
		case key == "flows" || key == "countries" || key == "groups" || key == "members" || key == "ties":
			arrOff := dec.InputOffset()
			sawFlows = sawFlows || key == "flows"
			if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
				fail(arrOff, key, errors.New("want an array"))
				return
			}
			for dec.More() {
				off := dec.InputOffset()
				if key == "flows" {
					// Read in place: no copy of the record (a value may be
					// tens of megabytes).
					fl, err := readJSONFlow(dec, data, skipSpace(data, off), fail)
					if err != nil {
						fail(dec.InputOffset(), key, err)
						return
					}
					flows = append(flows, fl)
					continue
				}
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					fail(dec.InputOffset(), key, err)
					return
				}
				switch key {
				case "groups", "members", "ties":
					tables[key] = append(tables[key], jsonRow{raw, skipSpace(data, off)})
				default:
					rd.jsonCountry(raw, skipSpace(data, off), lines, c, extra)
				}
			}
			if _, err := dec.Token(); err != nil {
				fail(dec.InputOffset(), key, err)
				return
			}
		case key == "name" || strings.HasPrefix(key, "x_"):
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				fail(dec.InputOffset(), key, err)
				return
			}
		default:
			fail(skipSpace(data, keyOff), key, ErrUnknownColumn)
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return
			}
		}
	}
	// The closing brace, then nothing but space: a second document is
	// not silently ignored.
	if _, err := dec.Token(); err != nil {
		if errors.Is(err, io.EOF) {
			err = errors.New("the document ends before its closing brace")
		}
		fail(dec.InputOffset(), "", err)
		return
	}
	rest := data[dec.InputOffset():]
	if trail := bytes.TrimLeft(rest, " \t\r\n"); len(trail) > 0 {
		fail(int64(len(data)-len(trail)), "", errors.New("data after the end of the JSON document"))
		return
	}
	if !sawFlows {
		c.add(0, 0, "flows", ErrNoFlows)
		return
	}
	defer rd.jsonGroups(tables, lines, c, extra)
	d := rd.decoder(c, extra)
	for _, fl := range flows {
		if c.full() {
			return
		}
		off, posOf := fl.off, fl.posOf
		if fl.bad {
			continue
		}
		line, _ := lines.pos(off)
		row := &flowRow{line: line, vals: fl.vals}
		row.pos = func(col int) (int, int) {
			if o := posOf[col]; o > 0 {
				return lines.pos(o)
			}
			return lines.pos(off)
		}
		rd.add(d, row)
	}
}

func (rd *reader) jsonCountry(raw json.RawMessage, off int64, lines lineIndex, c *collector, extra map[string]graph.Country) {
	line, column := lines.pos(off)
	fail := func(field string, err error) { c.add(line, column, field, err) }
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		fail("countries", errors.New("want an object per country"))
		return
	}
	vals := make([]string, len(countryCols))
	for k, v := range obj {
		i := indexOf(countryCols, k)
		if i < 0 {
			if !strings.HasPrefix(k, "x_") {
				fail(k, ErrUnknownColumn)
			}
			continue
		}
		s, err := jsonText(v, -1)
		if err != nil {
			fail(k, err)
			return
		}
		vals[i] = s
	}
	rd.country(vals, extra, func(col int, err error) { fail(countryCols[col], err) })
}

// jsonRecord is one record of a JSON document's flows, as text per column.
type jsonRecord struct {
	off   int64 // where the record starts
	vals  [numFlowCols]string
	posOf [numFlowCols]int64 // where each field's key starts, 0 if absent
	bad   bool               // a problem was reported
}

// readJSONFlow reads the next value of dec, at off in data, as a flow
// record; a problem of the record is reported to fail (and the record
// marked bad), a syntax error returned. The cost is linear in the record.
func readJSONFlow(dec *json.Decoder, data []byte, off int64, fail func(off int64, field string, err error)) (jsonRecord, error) {
	fl := jsonRecord{off: off}
	tok, err := dec.Token()
	if err != nil {
		return fl, err
	}
	if tok != json.Delim('{') {
		fail(off, "", errors.New("want an object per flow"))
		fl.bad = true
		// Skip the rest of an array or object.
		for depth := 0; tok == json.Delim('[') || depth > 0; {
			switch tok {
			case json.Delim('{'), json.Delim('['):
				depth++
			case json.Delim('}'), json.Delim(']'):
				depth--
			}
			if depth == 0 {
				break
			}
			if tok, err = dec.Token(); err != nil {
				return fl, err
			}
		}
		return fl, nil
	}
	for dec.More() {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return fl, err
		}
		k, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return fl, err
		}
		kOff := start + int64(max(0, bytes.IndexByte(data[start:], '"')))
		col := indexOf(FlowColumns[:], k)
		if col < 0 {
			if !strings.HasPrefix(k, "x_") {
				fail(kOff, k, ErrUnknownColumn)
				fl.bad = true
			}
			continue
		}
		s, err := jsonText(v, col)
		if err != nil {
			fail(kOff, k, err)
			fl.bad = true
			continue
		}
		fl.vals[col], fl.posOf[col] = s, kOff
	}
	_, err = dec.Token() // the closing brace
	return fl, err
}

// objectFields calls f for each member of the JSON object raw, which
// starts at off in the document, in order: its key, its value and the
// offset of its quoted key. It reports false when raw is not an object.
// The cost is linear in the size of raw, whatever the number of keys.
func objectFields(raw json.RawMessage, off int64, f func(k string, v json.RawMessage, keyOff int64)) bool {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	for dec.More() {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		k, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return false
		}
		f(k, v, off+start+int64(max(0, bytes.IndexByte(raw[start:], '"'))))
	}
	return true
}

// jsonText turns a JSON value into the text the CSV column would hold.
func jsonText(v json.RawMessage, col int) (string, error) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || string(v) == "null" {
		return "", nil
	}
	switch v[0] {
	case '"':
		var s string
		err := json.Unmarshal(v, &s)
		return s, err
	case '[':
		sep := ">"
		if col == colGroups {
			sep = ";"
		}
		var list []string
		if err := json.Unmarshal(v, &list); err != nil {
			return "", errors.New("want an array of strings")
		}
		return strings.Join(list, sep), nil
	case '{', 't', 'f':
		return "", errors.New("want a string or a number")
	}
	return string(v), nil // a number, kept as written
}

func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) && strings.IndexByte(" \t\r\n,:", data[off]) >= 0 {
		off++
	}
	return off
}

// lineIndex maps byte offsets to 1-based line and column.
type lineIndex []int64

func newLineIndex(data []byte) lineIndex {
	idx := lineIndex{0}
	for i, b := range data {
		if b == '\n' {
			idx = append(idx, int64(i+1))
		}
	}
	return idx
}

func (li lineIndex) pos(off int64) (int, int) {
	lo, hi := 0, len(li)
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if li[m] <= off {
			lo = m
		} else {
			hi = m
		}
	}
	return lo + 1, int(off-li[lo]) + 1
}
