package ingest

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/agnivade/levenshtein"
	"github.com/biter777/countries"
	"github.com/pariz/gountries"

	"github.com/tipgraph/tipgraph/graph"
)

// UnknownCountryError is a country name or code that does not resolve.
type UnknownCountryError struct {
	Input       string
	Suggestions []string // "Nigeria (NG)", closest first
}

func (e *UnknownCountryError) Error() string {
	if e.Input == "" {
		return "empty country"
	}
	msg := fmt.Sprintf("unknown country %q", e.Input)
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + strings.Join(e.Suggestions, ", ") + "?"
	}
	return msg
}

// Former countries that the ISO code library folds into another code:
// ISO 3166-3 keeps Serbia and Montenegro (CS, 2003-2006) apart from
// Yugoslavia (YU), and so do we. Coordinates of former countries come from
// their successors (see formerCentroids).
var formerAliases = map[string]string{
	"serbia and montenegro": "CS",
	"serbia & montenegro":   "CS",
	"cs":                    "CS",
	"scg":                   "CS",
}

// formerCentroids gives the successor states whose mean position places a
// former country on a map, as the geographic library has no entry for it.
var formerCentroids = map[string][]string{
	"CS": {"RS", "ME"},
	"YU": {"RS", "ME"},
	"AN": {"CW", "SX", "BQ"},
	"XK": {"RS"},
}

// Resolver turns what reports write (alpha-2, alpha-3, English names and
// their common variants, former countries) into graph.Country values. ISO
// codes and names come from github.com/biter777/countries; UN M49
// sub-regions and coordinates from github.com/pariz/gountries. A Resolver is
// safe for concurrent use.
type Resolver struct {
	once   sync.Once
	geo    map[string]gountries.Country // by alpha-2
	mu     sync.Mutex
	cache  map[string]resolved
	lookup []suggestion
}

type resolved struct {
	c   graph.Country
	err error
}

type suggestion struct{ key, label string }

var defaultResolver = &Resolver{}

// Countries returns the shared resolver.
func Countries() *Resolver { return defaultResolver }

func (r *Resolver) init() {
	r.once.Do(func() {
		r.geo = make(map[string]gountries.Country)
		for _, c := range gountries.New().FindAllCountries() {
			r.geo[c.Alpha2] = c
		}
		r.cache = make(map[string]resolved)
		for _, c := range countries.All() {
			label := fmt.Sprintf("%s (%s)", r.name(c), c.Alpha2())
			r.lookup = append(r.lookup, suggestion{strings.ToLower(c.String()), label})
			if g, ok := r.geo[c.Alpha2()]; ok {
				r.lookup = append(r.lookup, suggestion{strings.ToLower(g.Name.Common), label})
			}
		}
	})
}

func (r *Resolver) name(c countries.CountryCode) string {
	if g, ok := r.geo[c.Alpha2()]; ok && g.Name.Common != "" {
		return g.Name.Common
	}
	return c.String()
}

// Resolve returns the country that s names. s may be an alpha-2 or alpha-3
// code or a name in any case; an unknown name gives *UnknownCountryError
// with the closest names as suggestions.
func (r *Resolver) Resolve(s string) (graph.Country, error) {
	r.init()
	key := strings.TrimSpace(s)
	r.mu.Lock()
	res, ok := r.cache[key]
	r.mu.Unlock()
	if ok {
		return res.c, res.err
	}
	c, err := r.resolve(key)
	r.mu.Lock()
	r.cache[key] = resolved{c, err}
	r.mu.Unlock()
	return c, err
}

// Code returns the code s names without waiting for the geographic data
// that Resolve needs for names, regions and positions, so that readers can
// work while it loads; an unknown name goes through Resolve for its
// suggestions. Code(s) is Resolve(s).Code.
func (r *Resolver) Code(s string) (string, error) {
	key := strings.TrimSpace(s)
	if key != "" {
		low := strings.ToLower(key)
		if code, ok := formerAliases[low]; ok {
			return code, nil
		}
		cc := countries.ByName(key)
		if !cc.IsValid() {
			if rest, ok := strings.CutPrefix(low, "the "); ok {
				cc = countries.ByName(rest)
			}
		}
		if cc.IsValid() && cc != countries.None {
			return cc.Alpha2(), nil
		}
	}
	_, err := r.Resolve(s)
	return "", err
}

func (r *Resolver) resolve(s string) (graph.Country, error) {
	if s == "" {
		return graph.Country{}, &UnknownCountryError{Input: s}
	}
	low := strings.ToLower(s)
	if code, ok := formerAliases[low]; ok {
		return r.former(code, "Serbia and Montenegro"), nil
	}
	cc := countries.ByName(s)
	if !cc.IsValid() {
		if rest, ok := strings.CutPrefix(low, "the "); ok {
			cc = countries.ByName(rest)
		}
	}
	if !cc.IsValid() || cc == countries.None {
		return graph.Country{}, &UnknownCountryError{Input: s, Suggestions: r.suggest(low)}
	}
	code := cc.Alpha2()
	g, ok := r.geo[code]
	if !ok {
		return r.former(code, cc.String()), nil
	}
	return graph.Country{
		Code:   code,
		Name:   r.name(cc),
		Region: g.SubRegion,
		Lat:    g.Coordinates.Latitude,
		Lon:    g.Coordinates.Longitude,
	}, nil
}

// former builds a country the geographic library does not know, placed at
// the mean position of its successors, in their sub-region.
func (r *Resolver) former(code, name string) graph.Country {
	c := graph.Country{Code: code, Name: name}
	succ := formerCentroids[code]
	for _, s := range succ {
		g := r.geo[s]
		c.Lat += g.Coordinates.Latitude / float64(len(succ))
		c.Lon += g.Coordinates.Longitude / float64(len(succ))
		c.Region = g.SubRegion
	}
	return c
}

// suggest returns up to three labels whose names are closest to s.
func (r *Resolver) suggest(s string) []string {
	type scored struct {
		label string
		d     int
	}
	best := map[string]int{}
	for _, sg := range r.lookup {
		d := levenshtein.ComputeDistance(s, sg.key)
		if prev, ok := best[sg.label]; !ok || d < prev {
			best[sg.label] = d
		}
	}
	var all []scored
	for l, d := range best {
		all = append(all, scored{l, d})
	}
	slices.SortFunc(all, func(a, b scored) int {
		if a.d != b.d {
			return a.d - b.d
		}
		return strings.Compare(a.label, b.label)
	})
	limit := max(2, len(s)/2)
	var out []string
	for _, a := range all {
		if len(out) == 3 || a.d > limit {
			break
		}
		out = append(out, a.label)
	}
	return out
}
