package ingest

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/biter777/countries"

	"github.com/tipgraph/tipgraph/graph"
)

// UnknownCountryError is a country text that does not name one country:
// unresolved (Kind NameUnresolved, with the closest names as
// Suggestions), ambiguous (the countries it could be), an aggregate, an
// unknown, or the reporting country's nationals.
type UnknownCountryError struct {
	Input       string
	Kind        NameKind
	Suggestions []string // "Nigeria (NG)", closest first
}

// maxQuoted is how much of an input an error message quotes.
const maxQuoted = 80

func (e *UnknownCountryError) Error() string {
	if e.Input == "" {
		return "empty country"
	}
	in := e.Input
	if len(in) > maxQuoted {
		in = strings.ToValidUTF8(in[:maxQuoted], "") + "..."
	}
	switch e.Kind {
	case NameAmbiguous:
		return fmt.Sprintf("ambiguous country %q: could be %s; write one, or map the text in %s", in, strings.Join(e.Suggestions, " or "), AliasesFile)
	case NameAggregate:
		return fmt.Sprintf("%q is not one country (a total, remainder or region)", in)
	case NameUnknown:
		return fmt.Sprintf("unknown country %q (the text says the country is not known)", in)
	case NameNationals:
		return fmt.Sprintf("%q means the reporting country's own nationals: write that country", in)
	}
	msg := fmt.Sprintf("unknown country %q", in)
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + strings.Join(e.Suggestions, ", ") + "?"
	}
	return msg
}

// Former countries have their own codes (ISO 3166-3 keeps Serbia and
// Montenegro, CS, apart from Yugoslavia, YU); their coordinates come from
// their successors.
// formerCentroids gives the successor states whose mean position places a
// former country on a map, as the geographic library has no entry for it.
var formerCentroids = map[string][]string{
	"CS": {"RS", "ME"},
	"YU": {"RS", "ME"},
	"AN": {"CW", "SX", "BQ"},
	"XK": {"RS"},
}

// Resolver turns what reports write into graph.Country values: ISO codes,
// names in any case with their common variants, former countries,
// translations, demonyms, abbreviations, long forms, damaged and misspelt
// names, through the user's aliases first (see ResolveName). ISO codes and
// names come from github.com/biter777/countries, translations from CLDR
// (golang.org/x/text), UN M49 sub-regions and coordinates from
// github.com/pariz/gountries. A Resolver is safe for concurrent use; the
// zero value resolves without aliases.
type Resolver struct {
	// aliases are the user's texts (folded) and what they name.
	aliases map[string]aliasTarget

	mu sync.Mutex
	// names caches ResolveName by text; byCode the countries built.
	names  map[string]Resolution
	byCode map[string]graph.Country
}

var defaultResolver = &Resolver{}

// Countries returns the shared resolver.
func Countries() *Resolver { return defaultResolver }

//go:generate go run ./internal/geogen/gen

// geoEntry is a country of the geographic library (gountries' country
// files, copied into geodata.go by internal/geogen; a test checks the copy
// against the library).
type geoEntry struct {
	Code, Name, SubRegion string
	Lat, Lon              float64
}

// geoOf returns the geographic entry of an alpha-2 code.
func (r *Resolver) geoOf(code string) (*geoEntry, bool) {
	i, ok := slices.BinarySearchFunc(geoTable[:], code, func(e geoEntry, c string) int { return strings.Compare(e.Code, c) })
	if !ok {
		return nil, false
	}
	return &geoTable[i], true
}

// geoCodes returns the alpha-2 codes the geographic library has entries
// for, sorted.
func geoCodes() []string {
	codes := make([]string, len(geoTable))
	for i, e := range geoTable {
		codes[i] = e.Code
	}
	return codes
}

func (r *Resolver) name(c countries.CountryCode) string {
	if g, ok := r.geoOf(c.Alpha2()); ok && g.Name != "" {
		return g.Name
	}
	return c.String()
}

// Resolve returns the country that s names (see ResolveName). A text that
// does not name one country gives *UnknownCountryError, with the closest
// names as suggestions or the countries an ambiguous text could be.
func (r *Resolver) Resolve(s string) (graph.Country, error) {
	res := r.ResolveName(s)
	if res.Kind != NameCountry {
		return graph.Country{}, res.err()
	}
	return r.country(res.Code), nil
}

// err is the error of a resolution that is not one country.
func (res Resolution) err() error {
	return &UnknownCountryError{Input: res.Text, Kind: res.Kind, Suggestions: res.Candidates}
}

// lookupCountry resolves a country field: through the user's aliases,
// then the dataset's countries.csv additions and overrides (extra, by
// upper-case code and lower-case name), then res. It notes the country in
// used, the countries of the dataset being read, and returns how the text
// was matched (for the review list).
func lookupCountry(res *Resolver, extra, used map[string]graph.Country, s string) (string, Resolution, error) {
	s = strings.TrimSpace(s)
	nr := res.ResolveName(s)
	if len(extra) > 0 && nr.How != HowAlias {
		for _, k := range []string{strings.ToUpper(s), strings.ToLower(s)} {
			if c, ok := extra[k]; ok {
				used[c.Code] = c
				return c.Code, Resolution{Text: s, Kind: NameCountry, Code: c.Code, How: HowName}, nil
			}
		}
	}
	if nr.Kind != NameCountry {
		return "", nr, nr.err()
	}
	c := res.country(nr.Code)
	if o, ok := extra[c.Code]; ok {
		c = o
	}
	used[c.Code] = c
	return c.Code, nr, nil
}

// country returns the country of an alpha-2 code the resolver gave.
func (r *Resolver) country(code string) graph.Country {
	return memo(&r.mu, &r.byCode, code, r.build)
}

func (r *Resolver) build(code string) graph.Country {
	if code == "CS" {
		return r.former(code, "Serbia and Montenegro")
	}
	cc := countries.ByName(code)
	g, ok := r.geoOf(code)
	if !ok {
		name := code
		if cc.IsValid() && cc != countries.None {
			name = cc.String()
		}
		return r.former(code, name)
	}
	return graph.Country{
		Code:   code,
		Name:   r.name(cc),
		Region: g.SubRegion,
		Lat:    g.Lat,
		Lon:    g.Lon,
	}
}

// former builds a country the geographic library does not know, placed at
// the mean position of its successors, in their sub-region.
func (r *Resolver) former(code, name string) graph.Country {
	c := graph.Country{Code: code, Name: name}
	succ := formerCentroids[code]
	for _, s := range succ {
		g, ok := r.geoOf(s)
		if !ok {
			continue
		}
		c.Lat += g.Lat / float64(len(succ))
		c.Lon += g.Lon / float64(len(succ))
		c.Region = g.SubRegion
	}
	return c
}

// LibraryCountry returns the country the built-in library gives the
// upper-case alpha-2 code (its name, sub-region and position, without any
// dataset's countries.csv or the user's aliases), and false for a code
// the library does not know (a dataset's own addition).
func LibraryCountry(code string) (graph.Country, bool) {
	if c, ok := isoCode(code); !ok || c != code {
		return graph.Country{}, false
	}
	return defaultResolver.country(code), true
}
