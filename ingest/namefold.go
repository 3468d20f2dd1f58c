package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// wildcard stands, in a folded text, for one letter that was lost on the
// way (a "?" or U+FFFD in the input, or a byte that is not UTF-8).
const wildcard = '?'

// maxNameBytes is the longest text the resolver looks at: every country
// name, long form and category is far shorter, and a longer text is not
// one (so a hostile 1 MB name costs nothing but the trimming).
const maxNameBytes = 256

// fold normalises a country text for matching: compatibility-decomposed,
// accents (non-spacing marks) removed, lower-cased, every run of
// punctuation and spaces turned into one space, "&" into "and", a
// possessive "'s" into "s", and the word "the" dropped ("Gambia, The",
// "Democratic Republic of the Congo"). A lost letter becomes wildcard. Its
// cost is linear in len(s).
func fold(s string) string {
	s = norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := true // a space was just written (or nothing yet)
	sep := func() {
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == utf8.RuneError || r == '?':
			b.WriteRune(wildcard)
			space = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			switch r = unicode.ToLower(r); r {
			case 'œ':
				b.WriteString("oe")
			case 'æ':
				b.WriteString("ae")
			case 'ß':
				b.WriteString("ss")
			default:
				b.WriteRune(r)
			}
			space = false
		case r == '&':
			sep()
			b.WriteString("and ")
		case r == '\'' || r == '’' || r == '`' || r == '´' || r == 'ʼ':
			// "People's" and "Peoples" fold alike; "d'Ivoire" keeps its
			// space.
			if i < len(s) && (s[i] == 's' || s[i] == 'S') && (i+1 == len(s) || !isASCIILetter(s[i+1])) {
				continue
			}
			sep()
		default:
			sep()
		}
	}
	out := strings.TrimSuffix(b.String(), " ")
	if strings.Contains(" "+out+" ", " the ") {
		words := strings.Fields(out)
		kept := words[:0]
		for _, w := range words {
			if w != "the" {
				kept = append(kept, w)
			}
		}
		out = strings.Join(kept, " ")
	}
	return out
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// compact is a folded text without its spaces ("sri lanka" and "srilanka"
// meet).
func compact(folded string) string { return strings.ReplaceAll(folded, " ", "") }

// repairMojibake undoes the commonest damage to accented text: UTF-8 read
// as Latin-1 and written again as UTF-8 ("EspaÃ±a" for "España"). It
// returns s unchanged when s is not of that form.
func repairMojibake(s string) (string, bool) {
	if !strings.ContainsAny(s, "ÂÃ") {
		return s, false
	}
	buf := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xFF {
			return s, false
		}
		buf = append(buf, byte(r))
	}
	if !utf8.Valid(buf) {
		return s, false
	}
	return string(buf), true
}
