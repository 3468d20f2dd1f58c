package ingest

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"
)

// demonymsCSV lists the demonyms of each country in English, Spanish and
// French, masculine singular (see the file's header for its source).
//
//go:embed demonyms.csv
var demonymsCSV string

// demonym is one folded form and the countries it names (two or more:
// ambiguous, as "Congolese").
type demonym struct {
	key   string
	codes []string
}

// demonyms returns every form of every demonym of demonymsCSV: the base
// forms and the feminine and plural forms the rules of each language give.
func demonyms() []demonym {
	r := csv.NewReader(strings.NewReader(demonymsCSV))
	r.Comment = '#'
	rows, err := r.ReadAll()
	if err != nil {
		panic(fmt.Errorf("demonyms.csv: %w", err)) // compiled into the binary
	}
	var out []demonym
	for _, row := range rows[1:] { // the header
		codes := strings.Split(row[0], "|")
		for i, lang := range []string{"en", "es", "fr"} {
			if row[i+1] == "" {
				continue
			}
			for _, base := range strings.Split(row[i+1], "|") {
				for _, f := range demonymForms(lang, fold(base)) {
					out = append(out, demonym{f, codes})
				}
			}
		}
	}
	return out
}

// demonymForms returns base (folded, masculine singular) with the
// feminine and plural forms of its language: English -s; Spanish -o/-a/
// -os/-as, -és/-esa/-eses/-esas, -án/-ana/-anes/-anas, -í/-íes, -e/-es;
// French -e/-s/-es, -ien/-ienne, -ais/-aise/-aises. The last word is
// inflected ("equato guineen"), and for Spanish the first too ("guineano
// ecuatorial"). Forms that are not words do no harm: nobody writes them.
func demonymForms(lang, base string) []string {
	forms := []string{base}
	words := strings.Fields(base)
	if len(words) == 0 {
		return nil
	}
	inflect := func(i int) {
		for _, w := range wordForms(lang, words[i]) {
			ws := append([]string(nil), words...)
			ws[i] = w
			forms = append(forms, strings.Join(ws, " "))
		}
	}
	inflect(len(words) - 1)
	if lang == "es" && len(words) > 1 {
		inflect(0)
	}
	return forms
}

// wordForms returns the inflected forms of one folded word.
func wordForms(lang, w string) []string {
	has := func(suffix string) bool { return strings.HasSuffix(w, suffix) }
	stem := func(n int) string { return w[:len(w)-n] }
	switch lang {
	case "en":
		if has("ese") || has("ss") || has("sh") {
			return nil
		}
		return []string{w + "s"}
	case "es":
		switch {
		case has("o"):
			s := stem(1)
			return []string{s + "a", s + "os", s + "as"}
		case has("es"), has("an"), has("in"), has("on"):
			return []string{w + "a", w + "es", w + "as"}
		case has("i"), has("u"):
			return []string{w + "es", w + "s"}
		case has("a"), has("e"):
			return []string{w + "s"}
		default:
			return []string{w + "a", w + "es", w + "as"}
		}
	case "fr":
		switch {
		case has("en"), has("on"):
			return []string{w + "ne", w + "s", w + "nes"}
		case has("s"), has("x"):
			return []string{w + "e", w + "es"}
		case has("e"):
			return []string{w + "s"}
		default:
			return []string{w + "e", w + "s", w + "es"}
		}
	}
	return nil
}
