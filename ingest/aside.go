package ingest

import (
	"fmt"
	"strconv"

	"github.com/tipgraph/tipgraph/graph"
)

// SetAsideError is a row that would have been set aside, reported as a
// problem under Options.Strict.
type SetAsideError struct {
	Reason string
	Text   string
}

func (e *SetAsideError) Error() string {
	return fmt.Sprintf("%s %q (set aside without --strict)", e.Reason, e.Text)
}

// aside is where one file's unusable rows go: counted in a SetAside with
// their reason, or, under Options.Strict, reported as problems.
type aside struct {
	set    *graph.SetAside
	c      *collector
	strict bool
}

// row sets aside the row at line whose field (at column col) holds text,
// for reason, with its victims when known.
func (a aside) row(line, col int, field, reason, text string, victims graph.Count, known bool) {
	if a.strict {
		a.c.add(line, col, field, &SetAsideError{Reason: reason, Text: text})
		return
	}
	if text == "" {
		text = "(empty)"
	}
	ex := &graph.SetAsideExample{At: fmt.Sprintf("%s:%d", a.c.file, line), Text: shown(text)}
	if known {
		v := victims
		ex.Victims = &v
	}
	a.set.Add(reason, victims, ex)
}

// thousands writes n with a comma between groups of three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		out = append(out, '-')
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
