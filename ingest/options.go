package ingest

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// Options change how Load reads data tipgraph did not write.
type Options struct {
	// Censored is how a count written "<K" is taken.
	Censored Censoring
	// Strict turns every row a reader would set aside into a problem of
	// its file: the load fails listing them all.
	Strict bool
	// SetAside reads tipgraph's own flows.csv leniently: a row with a
	// problem is set aside with its reason instead of failing the load.
	// Readers of foreign formats (GLOTIP, CTDC) always do so, unless
	// Strict.
	SetAside bool
	// GLOTIPDimension picks the GLOTIP rows read as flows.
	GLOTIPDimension GLOTIPDimension
}

// Censoring is how a censored count "<K" (somewhere from 1 to K-1) is
// counted.
type Censoring uint8

const (
	// CensorLow counts 1: never more victims than there were.
	CensorLow Censoring = iota
	// CensorHigh counts K-1.
	CensorHigh
	// CensorSkip sets the row aside ("censored, skipped").
	CensorSkip
)

var censoringNames = [...]string{"low", "high", "skip"}

func (c Censoring) String() string { return censoringNames[c] }

// ParseCensoring reads low, high or skip.
func ParseCensoring(s string) (Censoring, error) {
	if i := slices.Index(censoringNames[:], s); i >= 0 {
		return Censoring(i), nil
	}
	return CensorLow, fmt.Errorf("censored counts %q: want low, high or skip", s)
}

// GLOTIPDimension is the GLOTIP dimension whose rows are flows.
type GLOTIPDimension uint8

const (
	// ByCitizenship: origin = Category (the victims' citizenship),
	// destination = Country (where they were detected).
	ByCitizenship GLOTIPDimension = iota
	// ByRepatriation: origin = Country (which repatriated the victims),
	// destination = Category (the country they were repatriated from).
	ByRepatriation
)

var dimensionNames = [...]string{"citizenship", "repatriation"}

func (d GLOTIPDimension) String() string { return dimensionNames[d] }

// ParseGLOTIPDimension reads citizenship or repatriation.
func ParseGLOTIPDimension(s string) (GLOTIPDimension, error) {
	if i := slices.Index(dimensionNames[:], s); i >= 0 {
		return GLOTIPDimension(i), nil
	}
	return ByCitizenship, fmt.Errorf("GLOTIP dimension %q: want citizenship or repatriation", s)
}

// LoadWith is Load under opts.
func LoadWith(ctx context.Context, opts Options, paths ...string) (*graph.Dataset, error) {
	return Countries().load(ctx, opts, paths)
}

// count is a victim count as a source wrote it.
type count struct {
	n graph.Count
	// censorK is K for a censored "<K" (n is then what the rule counts).
	censorK int
}

// parseCount reads a victim count as statistical tables write it: a
// whole number, with thousands separators ("1,094") or a zero fraction
// ("12.0"), or censored ("<5": 1 to 4, counted under rule; n is 0 under
// CensorSkip). ok is false for anything else, including "".
func parseCount(s string, rule Censoring) (c count, ok bool) {
	s = strings.TrimSpace(s)
	if rest, cut := strings.CutPrefix(s, "<"); cut {
		k, ok := wholeNumber(strings.TrimSpace(rest))
		if !ok || k < 2 || k > 1<<31 {
			return c, false
		}
		c.censorK = int(k)
		switch rule {
		case CensorLow:
			c.n = 1
		case CensorHigh:
			c.n = graph.Count(k - 1)
		}
		return c, true
	}
	n, ok := wholeNumber(s)
	// A count over graph.MaxVictims is a mistake, not a number to add.
	return count{n: graph.Count(n)}, ok && graph.Count(n) <= graph.MaxVictims
}

// wholeNumber reads digits with optional thousands separators (a comma,
// or a space, no-break or thin space, between groups of three) and an
// optional fraction of zeros.
func wholeNumber(s string) (int64, bool) {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		if strings.Trim(s[i+1:], "0") != "" {
			return 0, false
		}
		s = s[:i]
	}
	var n int64
	digits, group := 0, -1 // group: digits since the last separator, -1 before one
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			if n > (1<<62)/10 {
				return 0, false
			}
			n = n*10 + int64(r-'0')
			digits++
			if group >= 0 {
				group++
			}
		case r == ',' || r == ' ' || r == '\u00a0' || r == '\u202f':
			if digits == 0 || (group >= 0 && group != 3) || (group < 0 && digits > 3) {
				return 0, false
			}
			group = 0
		default:
			return 0, false
		}
	}
	if digits == 0 || (group >= 0 && group != 3) {
		return 0, false
	}
	return n, true
}
