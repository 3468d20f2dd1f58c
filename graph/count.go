package graph

import (
	"math"
	"strconv"
)

// Count is a number of victims. Every victim count an analysis returns has
// this type, so that the privacy policy (--min-count, package
// graph/privacy) finds each one by its type, wherever it sits in a
// result, and hides it in every output. Counts of records, countries, hops
// or persons are plain ints.
type Count int64

// MaxVictims bounds every victim count read from input, a record's and a
// dataset's total alike: 10^12, over a hundred times the world's
// population. Counts under it add up without overflow (int64 holds
// 9.2 x 10^18), so a larger one is a mistake in the data, refused where
// it is read.
const MaxVictims Count = 1_000_000_000_000

// Hidden is the value of a count the privacy policy hid: JSON writes it as
// null and the renderers as "<K".
const Hidden Count = math.MinInt64

// IsHidden reports whether c was hidden by the privacy policy.
func (c Count) IsHidden() bool { return c == Hidden }

// MarshalJSON writes the count as a JSON number, or null when hidden.
func (c Count) MarshalJSON() ([]byte, error) {
	if c == Hidden {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, int64(c), 10), nil
}

// Share is a number computed from victim counts (a share, a difference in
// points, a p-value, a model's fitted cell). The privacy policy hides it
// together with the counts it comes from: JSON writes a hidden one as null.
type Share float64

// HiddenShare is the value of a hidden Share.
var HiddenShare = Share(math.NaN())

// IsHidden reports whether s was hidden by the privacy policy.
func (s Share) IsHidden() bool { return math.IsNaN(float64(s)) }

// MarshalJSON writes the value as encoding/json writes a float64, or null
// when hidden.
func (s Share) MarshalJSON() ([]byte, error) {
	f := float64(s)
	if math.IsNaN(f) {
		return []byte("null"), nil
	}
	// As encoding/json's floatEncoder (64 bits).
	abs := math.Abs(f)
	fmtc := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		fmtc = 'e'
	}
	b := strconv.AppendFloat(nil, f, fmtc, -1, 64)
	if fmtc == 'e' {
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}
