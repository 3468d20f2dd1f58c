package ingest

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"strings"
)

// AliasesFile is the name of a dataset's aliases file: text,code rows that
// say what a country text of the dataset names, before any other rule.
const AliasesFile = "aliases.csv"

// AliasColumns are the columns of an aliases file.
var AliasColumns = []string{"text", "code"}

// Alias targets that are not a country (the code column of aliases.csv).
var aliasKinds = map[string]NameKind{"nationals": NameNationals, "aggregate": NameAggregate, "unknown": NameUnknown}

// ErrBadAlias is an aliases.csv row whose code names no country or class.
var ErrBadAlias = errors.New("want an ISO code or country name, or nationals, aggregate or unknown")

// Aliases are the user's own readings of country texts (aliases.csv): each
// text, folded as the resolver folds it, names a country or a class.
type Aliases struct {
	m map[string]aliasTarget
}

type aliasTarget struct {
	kind NameKind
	code string
}

// aliasKey is the key of a text in an aliases table: its folded form, or
// its lower-case form when folding leaves nothing ("-", "...").
func aliasKey(text string) string {
	if k := fold(text); k != "" {
		return k
	}
	return strings.ToLower(strings.TrimSpace(text))
}

// Len returns how many texts a has.
func (a *Aliases) Len() int {
	if a == nil {
		return 0
	}
	return len(a.m)
}

// ReadAliases reads an aliases file (header text,code) from r; file names
// it in errors. A code is an ISO code or an exact country name, or one of
// nationals, aggregate, unknown. Every problem is returned as *Errors.
func ReadAliases(r io.Reader, file string) (*Aliases, error) {
	rd := newReader()
	a := &Aliases{}
	rd.readSorted(func() { rd.aliasesCSV(r, file, a) })
	if len(rd.errs.List) > 0 {
		return nil, rd.errs
	}
	return a, nil
}

// LoadAliases reads the aliases file at path.
func LoadAliases(path string) (*Aliases, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read aliases: %w", err)
	}
	defer f.Close()
	return ReadAliases(f, path)
}

// aliasesCSV reads text,code rows into a.
func (rd *reader) aliasesCSV(r io.Reader, file string, a *Aliases) {
	seen := map[string]int{}
	rd.tableCSV(r, file, AliasColumns, []int{0, 1}, func(s rowSource) {
		text, target := strings.TrimSpace(s.vals[0]), strings.TrimSpace(s.vals[1])
		if text == "" {
			s.fail(0, ErrRequired)
			return
		}
		if target == "" {
			s.fail(1, ErrRequired)
			return
		}
		t, ok := aliasTargetOf(target)
		if !ok {
			s.fail(1, fmt.Errorf("%w, got %s", ErrBadAlias, quote(target)))
			return
		}
		key := aliasKey(text)
		line := s.pos(0).line
		if prev, dup := a.m[key]; dup && prev != t {
			s.fail(0, fmt.Errorf("%s is given another meaning on line %d", quote(text), seen[key]))
			return
		}
		if a.m == nil {
			a.m = map[string]aliasTarget{}
		}
		a.m[key] = t
		seen[key] = line
	})
}

// aliasTargetOf reads the code column of an alias: a class word, or a code
// or name that resolves exactly.
func aliasTargetOf(s string) (aliasTarget, bool) {
	if k, ok := aliasKinds[strings.ToLower(s)]; ok {
		return aliasTarget{kind: k}, true
	}
	res := Countries().ResolveName(s)
	if res.Kind != NameCountry || !res.Exact() {
		return aliasTarget{}, false
	}
	return aliasTarget{kind: NameCountry, code: res.Code}, true
}

// WithAliases returns a resolver that reads the texts of a as a says
// before anything else, and r's own aliases where a is silent. r is not
// changed.
func (r *Resolver) WithAliases(a *Aliases) *Resolver {
	if a.Len() == 0 {
		return r
	}
	m := maps.Clone(r.aliases)
	if m == nil {
		m = map[string]aliasTarget{}
	}
	maps.Copy(m, a.m)
	return &Resolver{aliases: m}
}

// under returns a resolver that reads the texts of a as a says, except
// where r has an alias of its own (the user's --aliases file wins over a
// dataset's aliases.csv).
func (r *Resolver) under(a *Aliases) *Resolver {
	if a.Len() == 0 {
		return r
	}
	m := maps.Clone(a.m)
	maps.Copy(m, r.aliases)
	return &Resolver{aliases: m}
}

// alias returns what text names by the resolver's aliases.
func (r *Resolver) alias(text string) (aliasTarget, bool) {
	t, ok := r.aliases[aliasKey(text)]
	return t, ok
}
