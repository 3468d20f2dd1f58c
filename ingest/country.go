package ingest

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/agnivade/levenshtein"
	"github.com/biter777/countries"
	"github.com/pariz/gountries"
	"gopkg.in/yaml.v2"

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
	mu    sync.Mutex
	cache map[string]resolved
	// geo holds the geographic entries decoded so far, by alpha-2 code
	// (nil: the library has none).
	geoMu sync.Mutex
	geo   map[string]*geoCountry
	// lookup is every name for suggestions, built on the first unknown
	// name.
	lookupOnce sync.Once
	lookup     []suggestion
}

type resolved struct {
	c   graph.Country
	err error
}

type suggestion struct{ key, label string }

var defaultResolver = &Resolver{}

// Countries returns the shared resolver.
func Countries() *Resolver { return defaultResolver }

// geoCountry is the part of a gountries country file the resolver uses.
type geoCountry struct {
	Name struct {
		Common string
	}
	Codes struct {
		Alpha2 string
	}
	Geo struct {
		SubRegion string
	}
	Coordinates struct {
		Latitude, Longitude float64
	}
}

// countryAssets is where gountries keeps its country files, one per
// alpha-2 code ("ng.yaml").
const countryAssets = "data/yaml/countries"

// geoOf returns the geographic entry of an alpha-2 code. Entries are
// decoded from gountries' packed country files one by one, on first use,
// into the fields above: gountries.New decodes every country and every
// subdivision at once (0.12 s of CPU, three quarters of it subdivisions,
// which tipgraph never uses), while a dataset names tens of countries at
// 0.15 ms each.
func (r *Resolver) geoOf(code string) (*geoCountry, bool) {
	r.geoMu.Lock()
	defer r.geoMu.Unlock()
	if g, ok := r.geo[code]; ok {
		return g, g != nil
	}
	if r.geo == nil {
		r.geo = map[string]*geoCountry{}
	}
	var g *geoCountry
	if data, err := gountries.Asset(countryAssets + "/" + strings.ToLower(code) + ".yaml"); err == nil {
		var c geoCountry
		if err := yaml.Unmarshal(data, &c); err != nil {
			panic(fmt.Errorf("country data of %s: %w", code, err)) // compiled into the binary
		}
		g = &c
	}
	r.geo[code] = g
	return g, g != nil
}

// geoCodes returns the alpha-2 codes the geographic library has entries
// for.
func geoCodes() []string {
	files, err := gountries.AssetDir(countryAssets)
	if err != nil {
		panic(fmt.Errorf("country data: %w", err)) // compiled into the binary
	}
	codes := make([]string, 0, len(files))
	for _, f := range files {
		if code, ok := strings.CutSuffix(f, ".yaml"); ok {
			codes = append(codes, strings.ToUpper(code))
		}
	}
	slices.Sort(codes)
	return codes
}

func (r *Resolver) name(c countries.CountryCode) string {
	if g, ok := r.geoOf(c.Alpha2()); ok && g.Name.Common != "" {
		return g.Name.Common
	}
	return c.String()
}

// Resolve returns the country that s names. s may be an alpha-2 or alpha-3
// code or a name in any case; an unknown name gives *UnknownCountryError
// with the closest names as suggestions.
func (r *Resolver) Resolve(s string) (graph.Country, error) {
	key := strings.TrimSpace(s)
	r.mu.Lock()
	res, ok := r.cache[key]
	r.mu.Unlock()
	if ok {
		return res.c, res.err
	}
	c, err := r.resolve(key)
	r.mu.Lock()
	if r.cache == nil {
		r.cache = map[string]resolved{}
	}
	r.cache[key] = resolved{c, err}
	r.mu.Unlock()
	return c, err
}

// lookupCountry resolves a country field: through the dataset's
// countries.csv additions and overrides (extra, by upper-case code and
// lower-case name) first, then res. It notes the country in used, the
// countries of the dataset being read.
func lookupCountry(res *Resolver, extra, used map[string]graph.Country, s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(extra) > 0 {
		for _, k := range []string{strings.ToUpper(s), strings.ToLower(s)} {
			if c, ok := extra[k]; ok {
				used[c.Code] = c
				return c.Code, nil
			}
		}
	}
	c, err := res.Resolve(s)
	if err != nil {
		return "", err
	}
	if o, ok := extra[c.Code]; ok {
		c = o
	}
	used[c.Code] = c
	return c.Code, nil
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
	g, ok := r.geoOf(code)
	if !ok {
		return r.former(code, cc.String()), nil
	}
	return graph.Country{
		Code:   code,
		Name:   r.name(cc),
		Region: g.Geo.SubRegion,
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
		g, ok := r.geoOf(s)
		if !ok {
			continue
		}
		c.Lat += g.Coordinates.Latitude / float64(len(succ))
		c.Lon += g.Coordinates.Longitude / float64(len(succ))
		c.Region = g.Geo.SubRegion
	}
	return c
}

// suggest returns up to three labels whose names are closest to s.
func (r *Resolver) suggest(s string) []string {
	type scored struct {
		label string
		d     int
	}
	r.lookupOnce.Do(func() {
		for _, c := range countries.All() {
			label := fmt.Sprintf("%s (%s)", r.name(c), c.Alpha2())
			r.lookup = append(r.lookup, suggestion{strings.ToLower(c.String()), label})
			if g, ok := r.geoOf(c.Alpha2()); ok {
				r.lookup = append(r.lookup, suggestion{strings.ToLower(g.Name.Common), label})
			}
		}
	})
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
