package graph

import (
	"fmt"
	"strconv"
	"strings"
)

// Period is a closed range of years; a single year has From == To.
// The zero Period means "any time" when used in a Filter.
type Period struct {
	From, To int
}

// Year returns the one-year period y.
func Year(y int) Period { return Period{y, y} }

// IsZero reports whether p is the zero (unbounded) period.
func (p Period) IsZero() bool { return p.From == 0 && p.To == 0 }

// Contains reports whether q lies entirely inside p. The zero period
// contains everything.
func (p Period) Contains(q Period) bool {
	if p.IsZero() {
		return true
	}
	return q.From >= p.From && q.To <= p.To
}

// String writes "2006" or "2005-2007".
func (p Period) String() string {
	if p.From == p.To {
		return strconv.Itoa(p.From)
	}
	return strconv.Itoa(p.From) + "-" + strconv.Itoa(p.To)
}

// MarshalText writes the String form.
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText reads the ParsePeriod form.
func (p *Period) UnmarshalText(b []byte) error {
	q, err := ParsePeriod(string(b))
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// Years in a Period must lie in this range.
const (
	MinYear = 1900
	MaxYear = 2100
)

// ParsePeriod reads "2006" or "2005-2007" (a range must not run backwards).
func ParsePeriod(s string) (Period, error) {
	if len(s) == 4 && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[2]) && isDigit(s[3]) {
		// One year (nearly every record of a large file), read at once.
		y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
		if y >= MinYear && y <= MaxYear {
			return Period{y, y}, nil
		}
	}
	s = strings.TrimSpace(s)
	a, b, isRange := strings.Cut(s, "-")
	from, err := parseYear(a)
	if err != nil {
		return Period{}, fmt.Errorf("%w %q: %v", ErrBadPeriod, s, err)
	}
	to := from
	if isRange {
		if to, err = parseYear(b); err != nil {
			return Period{}, fmt.Errorf("%w %q: %v", ErrBadPeriod, s, err)
		}
		if to < from {
			return Period{}, fmt.Errorf("%w %q: range runs backwards", ErrBadPeriod, s)
		}
	}
	return Period{from, to}, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func parseYear(s string) (int, error) {
	s = strings.TrimSpace(s)
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 {
		return 0, fmt.Errorf("want a four-digit year, got %q", s)
	}
	if y < MinYear || y > MaxYear {
		return 0, fmt.Errorf("year %d outside %d-%d", y, MinYear, MaxYear)
	}
	return y, nil
}
