package ingest

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// textProblem reports why s cannot be a value of a dataset: invalid UTF-8,
// or a control character other than tab, newline and carriage return (a
// NUL, an escape sequence...), which would reach the terminal, Graphviz
// or a spreadsheet as is. It returns nil for clean text.
func textProblem(s string) error {
	// Printable ASCII (nearly every value) needs no decoding: one pass
	// over the bytes, about a tenth of reading a large file otherwise.
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return runeProblem(s)
		}
	}
	return nil
}

// runeProblem is textProblem decoding s rune by rune.
func runeProblem(s string) error {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !utf8.ValidString(s[i:min(len(s), i+utf8.UTFMax)]):
			return fmt.Errorf("%w at byte %d of %s", ErrInvalidUTF8, i+1, quote(s))
		case unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r':
			return fmt.Errorf("%w %U at byte %d of %s", ErrControlChar, r, i+1, quote(s))
		}
	}
	return nil
}

// checkTexts reports the first problem of each value of vals to fail (by
// column) and whether there was none.
func checkTexts(vals []string, fail func(col int, err error)) bool {
	ok := true
	for col, v := range vals {
		if err := textProblem(v); err != nil {
			fail(col, err)
			ok = false
		}
	}
	return ok
}

// shown is s as a message or an example shows it: as is when it is clean
// and short, else quoted with its control characters escaped and cut.
func shown(s string) string {
	if len(s) > maxQuoted || textProblem(s) != nil {
		return quote(s)
	}
	return s
}
