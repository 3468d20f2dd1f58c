package ingest

import (
	"slices"
	"strings"
	"sync"

	"github.com/biter777/countries"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// How a text was matched (Resolution.How).
const (
	HowCode         = "code"
	HowName         = "name"
	HowAlias        = "alias"
	HowTranslation  = "translation"
	HowDemonym      = "demonym"
	HowAbbreviation = "abbreviation"
	HowLongForm     = "long form"
	HowAccents      = "accents"
	HowMisspelling  = "misspelling"
	// HowCategory is a text of a category that is not a country
	// (nationals, aggregate, unknown) or of several countries (ambiguous).
	HowCategory = "category"
)

// nameEntry is what one folded text names.
type nameEntry struct {
	kind NameKind
	how  string
	// codes holds the country (NameCountry) or the countries an ambiguous
	// text could be.
	codes []string
	rank  int
}

// Ranks: when two sources give one folded text, the lower rank wins; two
// countries at the same rank make the text ambiguous.
const (
	rankCategory = iota // curated categories and ambiguous texts
	rankName
	rankLongForm
	rankAbbreviation
	rankRegion // CLDR names of regions and continents (aggregates)
	rankTranslation
	rankDemonym
)

// cldrLanguages are the six UN languages plus Portuguese, German and
// Italian, whose CLDR region names are translations.
var cldrLanguages = []string{"fr", "es", "ru", "zh", "ar", "pt", "de", "it"}

// cldrAggregates are the UN M49 regions (and groupings) CLDR names.
var cldrAggregates = []string{"001", "002", "003", "005", "009", "011", "013", "014", "015", "017", "018", "019", "021",
	"029", "030", "034", "035", "039", "053", "054", "057", "061", "142", "143", "145", "150", "151", "154", "155", "202",
	"419", "EU", "EZ", "UN", "QO"}

// minFuzzyRunes is the shortest text a misspelling or a lost letter may
// match: shorter texts are too close to each other ("Iran", "Iraq").
const minFuzzyRunes = 5

// nameTable is every text the resolver knows, folded. It is built once,
// on the first text that is not a code, and then only read.
type nameTable struct {
	exact   map[string]*nameEntry
	compact map[string]*nameEntry
	// fuzzy holds the keys misspellings are matched against, by length
	// in runes; lost holds those lost letters are matched against.
	fuzzy map[int][]fuzzyKey
	lost  map[int][]fuzzyKey
}

type fuzzyKey struct {
	key   []rune
	entry *nameEntry
}

var (
	namesOnce sync.Once
	namesTab  *nameTable
)

func names() *nameTable {
	namesOnce.Do(func() { namesTab = buildNames() })
	return namesTab
}

func buildNames() *nameTable {
	t := &nameTable{exact: map[string]*nameEntry{}, compact: map[string]*nameEntry{}, fuzzy: map[int][]fuzzyKey{}, lost: map[int][]fuzzyKey{}}
	country := func(text, code, how string, rank int) {
		t.add(fold(text), &nameEntry{kind: NameCountry, how: how, codes: []string{code}, rank: rank})
	}
	category := func(kind NameKind, rank int, texts ...string) {
		for _, s := range texts {
			t.add(fold(s), &nameEntry{kind: kind, how: HowCategory, rank: rank})
		}
	}
	category(NameNationals, rankCategory, nationalsTexts...)
	category(NameAggregate, rankCategory, aggregateTexts...)
	category(NameUnknown, rankCategory, unknownTexts...)
	for s, codes := range ambiguous {
		t.add(fold(s), &nameEntry{kind: NameAmbiguous, how: HowCategory, codes: codes, rank: rankCategory})
	}
	en := display.Regions(language.English)
	for _, c := range countries.All() {
		code := c.Alpha2()
		country(c.String(), code, HowName, rankName)
		if r, err := language.ParseRegion(code); err == nil {
			if n := en.Name(r); n != "" && n != code {
				country(n, code, HowName, rankName)
			}
		}
	}
	for s, code := range englishVariants {
		country(s, code, HowName, rankName)
	}
	for s, code := range longForms {
		country(s, code, HowLongForm, rankLongForm)
	}
	for s, code := range abbreviations {
		country(s, code, HowAbbreviation, rankAbbreviation)
	}
	for _, l := range append([]string{"en"}, cldrLanguages...) {
		tags := display.Regions(language.MustParse(l))
		for _, reg := range cldrAggregates {
			if n := tags.Name(language.MustParseRegion(reg)); n != "" {
				category(NameAggregate, rankRegion, n)
			}
		}
	}
	for _, l := range cldrLanguages {
		tags := display.Regions(language.MustParse(l))
		for _, c := range countries.All() {
			code := c.Alpha2()
			r, err := language.ParseRegion(code)
			if err != nil {
				continue
			}
			if n := tags.Name(r); n != "" && n != code {
				country(n, code, HowTranslation, rankTranslation)
			}
		}
	}
	for s, code := range colloquial {
		country(s, code, HowTranslation, rankTranslation)
	}
	for _, d := range demonyms() {
		t.add(d.key, &nameEntry{kind: NameCountry, how: HowDemonym, codes: d.codes, rank: rankDemonym})
	}
	// "St Kitts" for "Saint Kitts", "Ste" for "Sainte".
	for k, e := range t.exact {
		for _, p := range [][2]string{{"saint ", "st "}, {"sainte ", "ste "}, {"santa ", "sta "}, {"san ", "s "}} {
			if strings.HasPrefix(k, p[0]) || strings.Contains(k, " "+p[0]) {
				t.add(strings.ReplaceAll(" "+k, " "+p[0], " "+p[1])[1:], e)
			}
		}
	}
	for k, e := range t.exact {
		t.addTo(t.compact, compact(k), e)
		r := []rune(k)
		if len(r) >= minFuzzyRunes {
			t.fuzzy[len(r)] = append(t.fuzzy[len(r)], fuzzyKey{r, e})
		}
		if len(r) >= minLostKnown+1 {
			t.lost[len(r)] = append(t.lost[len(r)], fuzzyKey{r, e})
		}
	}
	for _, m := range []map[int][]fuzzyKey{t.fuzzy, t.lost} {
		for _, keys := range m { // a fixed order: ties are found the same way every run
			slices.SortFunc(keys, func(a, b fuzzyKey) int { return slices.Compare(a.key, b.key) })
		}
	}
	return t
}

func (t *nameTable) add(key string, e *nameEntry) { t.addTo(t.exact, key, e) }

// addTo records that key names e, unless a lower rank already holds key;
// two countries of the same rank make key ambiguous.
func (t *nameTable) addTo(m map[string]*nameEntry, key string, e *nameEntry) {
	if key == "" {
		return
	}
	if e.kind == NameCountry && len(e.codes) > 1 {
		e = &nameEntry{kind: NameAmbiguous, how: e.how, codes: e.codes, rank: e.rank}
	}
	old, ok := m[key]
	switch {
	case !ok || e.rank < old.rank:
		m[key] = e
	case e.rank > old.rank || old.kind == e.kind && slices.Equal(old.codes, e.codes):
	case (old.kind == NameCountry || old.kind == NameAmbiguous) && (e.kind == NameCountry || e.kind == NameAmbiguous):
		codes := slices.Concat(old.codes, e.codes)
		slices.Sort(codes)
		codes = slices.Compact(codes)
		if len(codes) > 1 {
			m[key] = &nameEntry{kind: NameAmbiguous, how: old.how, codes: codes, rank: old.rank}
		}
	}
}
