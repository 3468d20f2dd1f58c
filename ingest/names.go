package ingest

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/biter777/countries"
)

// NameKind says what a country text names.
type NameKind uint8

const (
	// NameCountry is one country (Resolution.Code).
	NameCountry NameKind = iota
	// NameNationals is the reporting country's own nationals ("Nationals",
	// "own country"): the caller decides which country that is.
	NameNationals
	// NameAggregate is a category that is not one country: a region
	// ("Other Asia"), a total ("TOTAL"), a remainder ("OTROS", "Abroad").
	NameAggregate
	// NameUnknown is a category that says the country is not known
	// ("Unknown", "Desconocido", "(specify the country)").
	NameUnknown
	// NameAmbiguous could be more than one country ("Korea", "Congo");
	// Candidates lists them. Never guessed.
	NameAmbiguous
	// NameUnresolved matched nothing; Candidates holds the closest names.
	NameUnresolved
)

var kindNames = [...]string{"country", "nationals", "aggregate", "unknown", "ambiguous", "unresolved"}

// String returns the kind's name: "country", "nationals", "aggregate",
// "unknown", "ambiguous" or "unresolved".
func (k NameKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("NameKind(%d)", k)
}

// Resolution is what the resolver made of one country text.
type Resolution struct {
	// Text is the input as given (trimmed).
	Text string
	Kind NameKind
	// Code is the alpha-2 code when Kind is NameCountry.
	Code string
	// How the text was matched: "code", "name" (exact, any case), "alias"
	// (the user's aliases.csv), "translation", "demonym", "abbreviation",
	// "long form", "accents", "misspelling", or "category" (a text of
	// nationals, an aggregate, an unknown or several countries). Anything
	// but "code" and "name" is listed for review.
	How string
	// Candidates are suggestions (NameUnresolved) or the countries a text
	// could be (NameAmbiguous), as "Name (XX)".
	Candidates []string
}

// Exact reports whether the match needs no review.
func (r Resolution) Exact() bool { return r.How == HowCode || r.How == HowName }

// ResolveName classifies and resolves text as written in published data,
// trying in order: the user's aliases; ISO codes (alpha-2, alpha-3, former
// codes); names, long forms, abbreviations, translations (CLDR region
// names in Arabic, Chinese, English, French, Russian, Spanish, Portuguese,
// German and Italian) and demonyms (English, Spanish, French, every gender
// and number), all folded (case, accents, punctuation); the same with the
// words inverted ("Korea, Republic of") or a qualifier dropped ("Republic
// of", "Nationals of"); words that mark a category; lost accents (a "?" or
// U+FFFD for one letter, or UTF-8 read as Latin-1) when exactly one
// country fits; and close misspellings when exactly one country is
// nearest. It never fails: what it cannot resolve is said in Kind.
//
// Texts longer than 256 bytes are not names: they are unresolved at once,
// so the cost is linear in len(text) (trimming) and bounded otherwise.
func (r *Resolver) ResolveName(text string) Resolution {
	text = strings.TrimSpace(text)
	if len(text) > maxNameBytes {
		return Resolution{Text: text, Kind: NameUnresolved}
	}
	return memo(&r.mu, &r.names, text, func(text string) Resolution {
		res := r.resolveName(text)
		res.Text = text
		return res
	})
}

// maxMemo bounds a resolver's caches: a file of a million distinct
// garbage texts must not hold them all.
const maxMemo = 1 << 16

// memo returns (*m)[key], made by compute and kept on the first call
// while *m holds fewer than maxMemo values; mu guards *m, not compute (two
// callers may make the same value at once). compute gets a copy of key:
// the caches outlive the texts, which often point into the bytes of a
// whole file (a cached code kept a 55 MB file alive).
func memo[V any](mu *sync.Mutex, m *map[string]V, key string, compute func(key string) V) V {
	mu.Lock()
	v, ok := (*m)[key]
	mu.Unlock()
	if ok {
		return v
	}
	key = strings.Clone(key)
	v = compute(key)
	mu.Lock()
	if *m == nil {
		*m = map[string]V{}
	}
	if len(*m) < maxMemo {
		(*m)[key] = v
	}
	mu.Unlock()
	return v
}

func (r *Resolver) resolveName(text string) Resolution {
	if text == "" {
		return Resolution{Kind: NameUnknown, How: HowCategory}
	}
	if a, ok := r.alias(text); ok {
		return Resolution{Kind: a.kind, Code: a.code, How: HowAlias}
	}
	if kind, ok := rawCategories[strings.ToLower(text)]; ok {
		return Resolution{Kind: kind, How: HowCategory}
	}
	if res, ok := r.lookup(text); ok {
		return res
	}
	key := fold(text)
	if !strings.ContainsFunc(key, unicode.IsLetter) && !hasWildcard(key) {
		// "0", "99", "": nothing names a country.
		return Resolution{Kind: NameUnknown, How: HowCategory}
	}
	if res, ok := r.categoryWords(key); ok {
		return res
	}
	// The library's own variants ("Bosnia-Herzegovina"); it cuts a text at
	// "(", which changes its meaning, and drops a lost letter ("Ir?n"
	// would be IRN), so it is not asked about those.
	if !strings.Contains(text, "(") && !hasWildcard(key) {
		// The library knows a few entries whose "alpha-2" is no code
		// (MMS: "Maritime Mobile service"): those are not countries.
		if c := countries.ByName(text); c.IsValid() && c != countries.None && validNewCode(c.Alpha2()) && len(c.Alpha2()) == 2 {
			how := HowName
			if len(text) <= 3 {
				how = HowAbbreviation
			}
			return Resolution{Kind: NameCountry, Code: c.Alpha2(), How: how}
		}
	}
	t := names()
	runes := []rune(key)
	if len(runes) > maxFuzzyRunes {
		return Resolution{Kind: NameUnresolved}
	}
	if fixed, ok := repairMojibake(text); ok {
		if res, ok := r.lookup(fixed); ok && res.Kind == NameCountry {
			res.How = HowAccents
			return res
		}
	}
	if hasWildcard(key) {
		m := t.wildcardMatch(runes)
		if len(m) == 0 { // "Espa??a": one letter written as two bytes, each lost
			m = t.wildcardMatch(collapseWildcards(runes))
		}
		if len(m) > 0 {
			if res, ok := single(m, HowAccents); ok {
				return res
			}
			codes, _ := entryCodes(m)
			return Resolution{Kind: NameUnresolved, Candidates: r.labels(codes)}
		}
	}
	if limit := maxEdits(len(runes)); limit > 0 && !hasWildcard(key) {
		if m, _ := t.nearest(runes, limit); len(m) > 0 {
			if res, ok := single(m, HowMisspelling); ok {
				return res
			}
			codes, _ := entryCodes(m)
			return Resolution{Kind: NameUnresolved, Candidates: r.labels(codes)}
		}
	}
	return Resolution{Kind: NameUnresolved, Candidates: r.suggest(runes)}
}

// collapseWildcards turns each run of lost letters into one.
func collapseWildcards(key []rune) []rune {
	out := make([]rune, 0, len(key))
	for i, r := range key {
		if r == wildcard && i > 0 && key[i-1] == wildcard {
			continue
		}
		out = append(out, r)
	}
	return out
}

// single makes one resolution of the entries a fuzzy match found: one
// country, or one category; anything else is not guessed.
func single(m []*nameEntry, how string) (Resolution, bool) {
	if codes, ok := entryCodes(m); ok && len(codes) == 1 {
		return Resolution{Kind: NameCountry, Code: codes[0], How: how}, true
	}
	// A category by a lost letter or a misspelling, but not nationals:
	// that would make foreign victims domestic.
	if kind, ok := sameKind(m); ok && kind != NameNationals {
		return Resolution{Kind: kind, How: HowCategory}, true
	}
	return Resolution{}, false
}

// lookup finds text by exact rules: a code, a folded text of the table
// (also without its spaces), the text with its words inverted around a
// comma or parentheses, or without a qualifier.
func (r *Resolver) lookup(text string) (Resolution, bool) {
	if code, ok := isoCode(text); ok {
		return Resolution{Kind: NameCountry, Code: code, How: HowCode}, true
	}
	if res, ok := r.lookupFolded(fold(text)); ok {
		return res, true
	}
	// "Korea (Democratic People's Republic of)", "Korea, Republic of".
	outer, inner := "", ""
	if i := strings.IndexByte(text, '('); i > 0 {
		outer, inner = text[:i], strings.TrimRight(text[i+1:], ") ")
	} else if i := strings.LastIndexByte(text, ','); i > 0 {
		outer, inner = text[:i], text[i+1:]
	}
	if outer != "" {
		if res, ok := r.lookupFolded(fold(inner + " " + outer)); ok {
			return res, true
		}
		if parenQualifiers[fold(inner)] {
			if res, ok := r.lookupFolded(fold(outer)); ok && res.Kind == NameCountry {
				res.How = HowLongForm
				return res, true
			}
		}
		// "Nigeria (NGA)", "Myanmar (Birmania)": both halves one country.
		a, okA := r.lookupFolded(fold(outer))
		b, okB := r.lookupFolded(fold(inner))
		if code, okC := isoCode(strings.TrimSpace(inner)); okC {
			b, okB = Resolution{Kind: NameCountry, Code: code, How: HowCode}, true
		}
		if okA && okB && a.Kind == NameCountry && b.Kind == NameCountry && a.Code == b.Code {
			a.How = HowLongForm
			return a, true
		}
	}
	return Resolution{}, false
}

// lookupFolded looks key up in the table, then without a qualifier
// ("republic of", "nationals of") or a trailing word ("nationals",
// "citizens").
func (r *Resolver) lookupFolded(key string) (Resolution, bool) {
	t := names()
	if e, ok := t.exact[key]; ok {
		return r.entry(e), true
	}
	if e, ok := t.compact[compact(key)]; ok {
		return r.entry(e), true
	}
	for _, p := range qualifierPrefixes {
		if rest, ok := strings.CutPrefix(key, p+" "); ok {
			if e, ok := t.exact[rest]; ok && e.kind == NameCountry {
				res := r.entry(e)
				if res.Exact() {
					res.How = HowLongForm
				}
				return res, true
			}
		}
	}
	if strings.IndexByte(key, ' ') > 0 {
		words := strings.Fields(key)
		if slices.ContainsFunc(words, func(w string) bool { _, ok := wordExpansions[w]; return ok }) {
			for lang := range 3 {
				full := slices.Clone(words)
				for i, w := range full {
					if x, ok := wordExpansions[w]; ok {
						full[i] = x[lang]
					}
				}
				if e, ok := t.exact[strings.Join(full, " ")]; ok && e.kind == NameCountry {
					res := r.entry(e)
					res.How = HowAbbreviation
					return res, true
				}
			}
		}
	}
	if i := strings.LastIndexByte(key, ' '); i > 0 && trailingQualifiers[key[i+1:]] {
		if e, ok := t.exact[key[:i]]; ok && e.kind == NameCountry {
			res := r.entry(e)
			if res.Exact() {
				res.How = HowLongForm
			}
			return res, true
		}
	}
	return Resolution{}, false
}

// trailingQualifiers are last words that do not change which country a
// text names ("Nigerian nationals", "Colombia (country)").
var trailingQualifiers = wordSet("nationals", "national", "citizens", "citizen", "victims", "nationality", "citizenship",
	"country", "nacionales", "ciudadanos", "ressortissants", "people", "rep", "republic")

// categoryWords classifies a folded text by the words that mark a category
// ("Other Asian countries", "Regional total", "Nationality unknown").
func (r *Resolver) categoryWords(key string) (Resolution, bool) {
	words := strings.Fields(key)
	if len(words) == 0 {
		return Resolution{}, false
	}
	switch {
	case negations[words[0]] && slices.ContainsFunc(words, func(w string) bool { return nationalsWords[w] }):
		// "Non-nationals", "No nacionales": foreigners, not the country's own.
		return Resolution{Kind: NameAggregate, How: HowCategory}, true
	case aggregateFirstWords[words[0]]:
		return Resolution{Kind: NameAggregate, How: HowCategory}, true
	case slices.ContainsFunc(words, func(w string) bool { return unknownWords[w] }):
		return Resolution{Kind: NameUnknown, How: HowCategory}, true
	case slices.ContainsFunc(words, func(w string) bool { return aggregateWords[w] }):
		return Resolution{Kind: NameAggregate, How: HowCategory}, true
	case nationalsWords[words[0]] && len(words) <= 3:
		return Resolution{Kind: NameNationals, How: HowCategory}, true
	}
	return Resolution{}, false
}

// entry turns a table entry into a resolution.
func (r *Resolver) entry(e *nameEntry) Resolution {
	switch e.kind {
	case NameCountry:
		return Resolution{Kind: NameCountry, Code: e.codes[0], How: e.how}
	case NameAmbiguous:
		return Resolution{Kind: NameAmbiguous, How: HowCategory, Candidates: r.labels(e.codes)}
	}
	return Resolution{Kind: e.kind, How: HowCategory}
}

// isoCode returns the alpha-2 code text is, if it is an ISO 3166-1
// alpha-2 or alpha-3 code (any case) or a former code the resolver keeps
// (CS, SCG for Serbia and Montenegro; AN, YU...).
func isoCode(text string) (string, bool) {
	if len(text) < 2 || len(text) > 3 || !isASCIILetter(text[0]) || !isASCIILetter(text[1]) || len(text) == 3 && !isASCIILetter(text[2]) {
		return "", false
	}
	up := strings.ToUpper(text)
	if up == "CS" || up == "SCG" {
		return "CS", true
	}
	c := countries.ByName(up)
	if !c.IsValid() || c == countries.None || (c.Alpha2() != up && c.Alpha3() != up) {
		return "", false
	}
	return c.Alpha2(), true
}

// labels returns "Name (XX)" for each code.
func (r *Resolver) labels(codes []string) []string {
	out := make([]string, 0, len(codes))
	for _, code := range codes {
		out = append(out, fmt.Sprintf("%s (%s)", r.country(code).Name, code))
	}
	return out
}

// maxSuggestEdits bounds how far a suggestion may be from the text, so
// that the search stays cheap (O(K·n·limit) for K names).
const maxSuggestEdits = 4

// suggest returns up to three countries whose names are closest to key,
// within half its length (at most maxSuggestEdits), for the message of an
// unresolved text.
func (r *Resolver) suggest(key []rune) []string {
	if len(key) == 0 || len(key) > maxFuzzyRunes {
		return nil
	}
	limit := min(maxSuggestEdits, max(2, len(key)/2))
	type scored struct {
		code string
		d    int
	}
	best := map[string]int{}
	var rows [3][]int
	for n := len(key) - limit; n <= len(key)+limit; n++ {
		for _, fk := range names().fuzzy[n] {
			if fk.entry.kind != NameCountry {
				continue
			}
			d := osaDistance(key, fk.key, limit, &rows)
			if d > limit {
				continue
			}
			code := fk.entry.codes[0]
			if prev, ok := best[code]; !ok || d < prev {
				best[code] = d
			}
		}
	}
	var all []scored
	for c, d := range best {
		all = append(all, scored{c, d})
	}
	slices.SortFunc(all, func(a, b scored) int {
		if a.d != b.d {
			return a.d - b.d
		}
		return strings.Compare(a.code, b.code)
	})
	var codes []string
	for _, s := range all[:min(3, len(all))] {
		codes = append(codes, s.code)
	}
	return r.labels(codes)
}
