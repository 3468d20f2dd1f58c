package ingest

import (
	"errors"
	"strings"
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

// Resolution is what the resolver made of one country text.
type Resolution struct {
	// Text is the input as given (trimmed).
	Text string
	Kind NameKind
	// Code is the alpha-2 code when Kind is NameCountry.
	Code string
	// How the text was matched: "code", "name" (exact, any case), "alias"
	// (the user's aliases.csv), "translation", "demonym", "abbreviation",
	// "long form", "accents", "misspelling". Anything but "code" and
	// "name" is listed for review.
	How string
	// Candidates are suggestions (NameUnresolved) or the countries a text
	// could be (NameAmbiguous), as "Name (XX)".
	Candidates []string
}

// Exact reports whether the match needs no review.
func (r Resolution) Exact() bool { return r.How == "code" || r.How == "name" }

// ResolveName classifies and resolves text as written in published data.
// It never fails: what it cannot resolve is said in Kind.
func (r *Resolver) ResolveName(text string) Resolution {
	text = strings.TrimSpace(text)
	res := Resolution{Text: text}
	c, err := r.Resolve(text)
	if err != nil {
		res.Kind = NameUnresolved
		var u *UnknownCountryError
		if errors.As(err, &u) {
			res.Candidates = u.Suggestions
		}
		return res
	}
	res.Code = c.Code
	res.How = "name"
	if len(text) <= 3 && strings.EqualFold(text, c.Code) || len(text) == 3 {
		res.How = "code"
	}
	return res
}
