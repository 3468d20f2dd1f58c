package ingest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentinel errors of ingest; a ParseError wraps one of them or a more
// specific error (graph.ErrBadPeriod, *UnknownCountryError, ...).
var (
	ErrUnknownColumn  = errors.New("unknown column (extra columns must start with x_)")
	ErrMissingColumn  = errors.New("required column missing")
	ErrRequired       = errors.New("required value missing")
	ErrBadVictims     = errors.New("victims must be a whole number >= 0")
	ErrControlChar    = errors.New("control character")
	ErrInvalidUTF8    = errors.New("invalid UTF-8")
	ErrTooManyVictims = errors.New("victims out of range")
	ErrTotalTooLarge  = errors.New("victims add up to too many")
	// Problems of person-network files (matrix.go, edgelist.go).
	ErrBadWeight       = errors.New("a tie weight is a number >= 0 (0 or empty: no tie)")
	ErrTieWeight       = errors.New("a tie weight is a number > 0 (empty: 1)")
	ErrNotSquare       = errors.New("an adjacency matrix has one row per id of its header")
	ErrRowID           = errors.New("row id is not an id of the header")
	ErrNoMatrixID      = errors.New("an adjacency matrix needs an id in every header cell but the first")
	ErrVectorCount     = errors.New("vectors do not match the legs")
	ErrViaRepeats      = errors.New("via repeats a country of the route")
	ErrDuplicateID     = errors.New("duplicate id")
	ErrFieldCount      = errors.New("wrong number of fields")
	ErrNoFlows         = errors.New("no flows.csv or flows table")
	ErrUnknownBuiltin  = errors.New("unknown built-in dataset")
	ErrUnsupportedFile = errors.New("unsupported file type (want .csv, .xlsx, .json, .graphml or a directory)")
	ErrUnknownGroup    = errors.New("unknown group")
	ErrUnknownPerson   = errors.New("unknown person")
	ErrSelfTie         = errors.New("a tie needs two different persons")
	ErrBadBool         = errors.New("bad boolean")
	ErrBadGender       = errors.New("unknown gender")
	// Errors of multiple systems estimation tables (ReadCaptures).
	ErrNotZeroOne           = errors.New("a list column holds 0 or 1")
	ErrBadCount             = errors.New("count must be a whole number >= 0")
	ErrTooFewLists          = errors.New("multiple systems estimation needs at least two lists")
	ErrTooManyLists         = errors.New("too many lists")
	ErrDuplicateList        = errors.New("list named twice")
	ErrNoList               = errors.New("a row on no list: every known victim is on at least one list")
	ErrDuplicateCombination = errors.New("combination listed twice")
	ErrNoCases              = errors.New("no victim in the table")
)

// quote returns s quoted as Go does (control characters and invalid UTF-8
// escaped), cut to its first maxQuoted bytes (at a character boundary)
// with the size of the rest: a message never echoes a huge value whole.
func quote(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	cut := maxQuoted
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s... (%s bytes in all)", strconv.Quote(s[:cut]), thousands(int64(len(s))))
}

// fieldName is a field's name as messages write it: as is when it is a
// plain name (letters, digits, _ - . and inner spaces), else quoted and cut.
func fieldName(s string) string {
	if len(s) > maxQuoted || strings.TrimSpace(s) != s {
		return quote(s)
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_-. ", r)) {
			return quote(s)
		}
	}
	return s
}

// maxMessage bounds a problem's message: the values it quotes are cut
// already; this guards against any that is not.
const maxMessage = 1000

// clip escapes the control characters and invalid UTF-8 of a message, so
// that none reaches the terminal, and cuts it to maxMessage bytes.
func clip(msg string) string {
	clean := true
	for _, r := range msg {
		if r == utf8.RuneError || unicode.IsControl(r) {
			clean = false
			break
		}
	}
	if !clean {
		q := strconv.Quote(msg)
		msg = q[1 : len(q)-1]
	}
	if len(msg) > maxMessage {
		cut := maxMessage
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "..."
	}
	return msg
}

// MaxErrors is how many problems of one file are collected before reading
// stops.
const MaxErrors = 100

// ParseError is one problem in a dataset file. Line and Column are 1-based
// (Column counts bytes, as encoding/csv does); Field is the column name.
type ParseError struct {
	File   string
	Line   int
	Column int
	Field  string
	Err    error
	// More counts the later rows with the same problem (same field, same
	// message): a problem is listed once, at its first row.
	More int
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(fieldName(e.Field))
		b.WriteString(": ")
	}
	b.WriteString(clip(e.Err.Error()))
	if e.More > 0 {
		rows := "rows"
		if e.More == 1 {
			rows = "row"
		}
		fmt.Fprintf(&b, " (and %s more %s)", thousands(int64(e.More)), rows)
	}
	return b.String()
}

// Unwrap returns the underlying problem.
func (e *ParseError) Unwrap() error { return e.Err }

// Errors is every problem found in a dataset, in file and line order.
// Truncated is set when a file had more than MaxErrors problems.
type Errors struct {
	List      []*ParseError
	Truncated bool
}

func (e *Errors) Error() string {
	var b strings.Builder
	for i, pe := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(pe.Error())
	}
	if e.Truncated {
		fmt.Fprintf(&b, "\n(stopped after %d problems in one file)", MaxErrors)
	}
	return b.String()
}

// Unwrap gives errors.Is and errors.As access to every problem.
func (e *Errors) Unwrap() []error {
	out := make([]error, len(e.List))
	for i, pe := range e.List {
		out[i] = pe
	}
	return out
}

// collector gathers the problems of one file up to MaxErrors distinct
// ones; a problem seen before (same field and message) counts one more
// row of it.
type collector struct {
	file string
	errs *Errors
	n    int
	seen map[problemKey]*ParseError
}

type problemKey struct{ field, msg string }

// add records a problem; it reports false once the file has MaxErrors.
// Readers stop reading a file when its collector is full, so reaching
// MaxErrors marks the problems as truncated: whatever reader it is.
func (c *collector) add(line, col int, field string, err error) bool {
	k := problemKey{field, err.Error()}
	if pe, ok := c.seen[k]; ok {
		pe.More++
		return true
	}
	if c.n >= MaxErrors {
		return false
	}
	pe := &ParseError{File: c.file, Line: line, Column: col, Field: field, Err: err}
	c.errs.List = append(c.errs.List, pe)
	if c.seen == nil {
		c.seen = map[problemKey]*ParseError{}
	}
	c.seen[k] = pe
	c.n++
	if c.n == MaxErrors {
		c.errs.Truncated = true
	}
	return true
}

// full reports whether the file has MaxErrors problems: reading stops.
func (c *collector) full() bool { return c.n >= MaxErrors }

// mergeRepeats folds the problems of list (in file and line order) that
// repeat an earlier one of the same file, field and message into its More:
// readers that split a file collect them apart.
func mergeRepeats(list []*ParseError) []*ParseError {
	type key struct{ file, field, msg string }
	first := map[key]*ParseError{}
	out := list[:0]
	for _, pe := range list {
		k := key{pe.File, pe.Field, pe.Err.Error()}
		if f, ok := first[k]; ok {
			f.More += 1 + pe.More
			continue
		}
		first[k] = pe
		out = append(out, pe)
	}
	return out
}
