package ingest

import (
	"slices"
	"strings"
)

// maxFuzzyRunes bounds the texts matched for lost letters and
// misspellings: the longest name a misspelling is looked for in.
const maxFuzzyRunes = 60

// maxWildcards is how many lost letters a text may have and still match;
// minLostKnown how many letters it must keep ("Per?" for "Perú").
const (
	maxWildcards = 4
	minLostKnown = 3
)

// wildcardMatch returns the entries whose key has the length of key and
// equals it at every letter that is not wildcard (a lost letter). A text
// with no letter left, or more lost letters than maxWildcards, matches
// nothing. Its cost is linear in the number of keys of that length.
func (t *nameTable) wildcardMatch(key []rune) []*nameEntry {
	lost := 0
	for _, r := range key {
		if r == wildcard {
			lost++
		}
	}
	if lost == 0 || lost > maxWildcards || len(key)-lost < minLostKnown {
		return nil
	}
	var out []*nameEntry
	for _, fk := range t.lost[len(key)] {
		if wildcardEqual(key, fk.key) && !slices.Contains(out, fk.entry) {
			out = append(out, fk.entry)
		}
	}
	return out
}

func wildcardEqual(pattern, key []rune) bool {
	for i, r := range pattern {
		if r != wildcard && r != key[i] {
			return false
		}
	}
	return true
}

// maxEdits is how many edits a misspelling of a text of n runes may have:
// none under minFuzzyRunes, then one for up to 8 runes, two up to 15,
// three beyond.
func maxEdits(n int) int {
	switch {
	case n < minFuzzyRunes:
		return 0
	case n <= 8:
		return 1
	case n <= 15:
		return 2
	}
	return 3
}

// nearest returns the entries at the smallest edit distance from key, if
// that distance is at most limit, and the distance. The distance is the
// optimal string alignment distance (Levenshtein with transpositions of
// adjacent letters, Damerau 1964), computed only against keys whose length
// is within limit of key's and abandoned as soon as it exceeds limit: the
// cost is O(K·n·limit) for K keys of those lengths and n = len(key).
func (t *nameTable) nearest(key []rune, limit int) ([]*nameEntry, int) {
	best := limit + 1
	var out []*nameEntry
	var rows [3][]int
	for n := len(key) - limit; n <= len(key)+limit; n++ {
		for _, fk := range t.fuzzy[n] {
			d := osaDistance(key, fk.key, best, &rows)
			switch {
			case d < best:
				best, out = d, append(out[:0], fk.entry)
			case d == best && !slices.Contains(out, fk.entry):
				out = append(out, fk.entry)
			}
		}
	}
	if best > limit {
		return nil, 0
	}
	return out, best
}

// osaDistance is the optimal string alignment distance of a and b, or a
// value above bound once it is sure to exceed bound. rows is scratch
// space reused between calls.
func osaDistance(a, b []rune, bound int, rows *[3][]int) int {
	if d := len(a) - len(b); d > bound || -d > bound {
		return bound + 1
	}
	for i := range rows {
		if cap(rows[i]) < len(b)+1 {
			rows[i] = make([]int, len(b)+1)
		}
		rows[i] = rows[i][:len(b)+1]
	}
	prev2, prev, cur := rows[0], rows[1], rows[2]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > bound {
			return bound + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// entryCodes returns the countries of entries, sorted, and whether every
// entry is a country (not a category or an ambiguous text).
func entryCodes(entries []*nameEntry) ([]string, bool) {
	var codes []string
	countriesOnly := true
	for _, e := range entries {
		if e.kind != NameCountry {
			countriesOnly = false
		}
		codes = append(codes, e.codes...)
	}
	slices.Sort(codes)
	return slices.Compact(codes), countriesOnly
}

// sameKind returns the kind all entries share, if they share one and it
// is a category (nationals, aggregate or unknown).
func sameKind(entries []*nameEntry) (NameKind, bool) {
	if len(entries) == 0 {
		return 0, false
	}
	k := entries[0].kind
	for _, e := range entries {
		if e.kind != k {
			return 0, false
		}
	}
	return k, k == NameNationals || k == NameAggregate || k == NameUnknown
}

// hasWildcard reports whether a folded text has a lost letter.
func hasWildcard(folded string) bool { return strings.ContainsRune(folded, wildcard) }
