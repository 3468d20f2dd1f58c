package ingest

import (
	"maps"
	"slices"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
)

// Validation is what validate says of a dataset that loaded without a
// problem. Its JSON keys are in alphabetical order (as validate has
// always written them).
type Validation struct {
	// Countries counts the countries of the records (as summary does);
	// NoRecord lists those that only countries.csv, groups or members
	// name.
	Countries int      `json:"countries"`
	NoRecord  []string `json:"countries_without_records"`
	Dataset   string   `json:"dataset"`
	Groups    int      `json:"groups"`
	Members   int      `json:"members"`
	// Review is the country texts to review (NameMatches), listed when
	// asked for (validate --names), absent otherwise.
	Review *[]graph.NameMatch `json:"name_matches,omitempty"`
	// Problems is always empty here (see Problems).
	Problems []*Problem `json:"problems"`
	Records  int        `json:"records"`
	// Shared are the persons listed in more than one group (allowed, and
	// noted).
	Shared  []Shared    `json:"shared_persons"`
	Ties    int         `json:"ties"`
	Valid   bool        `json:"valid"`
	Victims graph.Count `json:"victims"`
	// Indicators counts the rows of statistical tables that are not
	// flows (the dataset's Indicators).
	Indicators []graph.Indicator `json:"indicators,omitempty"`
	// NameMatches are the country texts resolved by a rule other than an
	// exact code or name (the dataset's NameMatches, never nil).
	NameMatches []graph.NameMatch `json:"-"`
}

// Validate counts what ds holds for the validate command; with review it
// lists the country texts to review. The cost is O(R·L + C log C) for R
// records of L countries and C countries.
func Validate(ds *graph.Dataset, review bool) *Validation {
	var sums ValidationSums
	for i := range ds.Flows {
		sums.Add(&ds.Flows[i])
	}
	return sums.Validation(ds, review)
}

// ValidationSums adds up what validate says of records, one at a time,
// so that records read from a store need not be held (validate over
// Neo4j streams them).
type ValidationSums struct {
	records   int
	victims   graph.Count
	countries map[string]bool
}

// Add counts f.
func (s *ValidationSums) Add(f *graph.Flow) {
	if s.countries == nil {
		s.countries = map[string]bool{}
	}
	s.records++
	s.victims += graph.Count(f.Victims)
	s.countries[f.Origin], s.countries[f.Destination] = true, true
	for _, c := range f.Via {
		s.countries[c] = true
	}
}

// Validation is Validate of ds with the records added to s (ds.Flows is
// not read: it may be empty).
func (s *ValidationSums) Validation(ds *graph.Dataset, review bool) *Validation {
	v := &Validation{Dataset: ds.Name, Records: s.records, Victims: s.victims, Countries: len(s.countries),
		Groups: len(ds.Groups), Members: len(ds.Members), Ties: len(ds.Ties),
		Valid: true, Problems: []*Problem{}, NoRecord: []string{}, NameMatches: slices.Clone(ds.NameMatches), Indicators: ds.Indicators}
	if v.NameMatches == nil { // a copy: the privacy policy hides in place
		v.NameMatches = []graph.NameMatch{}
	}
	if review {
		v.Review = &v.NameMatches
	}
	for _, code := range slices.Sorted(maps.Keys(ds.Countries)) {
		if !s.countries[code] {
			v.NoRecord = append(v.NoRecord, code)
		}
	}
	if v.Shared = SharedPersons(ds); v.Shared == nil {
		v.Shared = []Shared{}
	}
	return v
}

// Suppress: the review list's victims (of the rows that name each text)
// can add up to the dataset's victims (when every row has one text to
// review), so when the list is shown they get complementary suppression
// against the victims: one hidden text beside a shown total hides the
// next smallest.
func (v *Validation) Suppress(s *privacy.State) {
	if v.Review == nil {
		return
	}
	parts := make([]*graph.Count, len(v.NameMatches))
	for i := range v.NameMatches {
		parts[i] = &v.NameMatches[i].Victims
	}
	s.Complement(&v.Victims, parts...)
}

// Problem is one problem of a dataset that did not load, as validate
// lists it.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Field   string `json:"field"`
	Problem string `json:"problem"`
	// Rows counts the rows with this problem (it is listed at the first).
	Rows int `json:"rows"`
}

// Problems is what validate says of a dataset that did not load: every
// problem (up to MaxErrors a file). Its JSON keys are in alphabetical
// order.
type Problems struct {
	List      []*Problem `json:"problems"`
	Truncated bool       `json:"truncated"`
	Valid     bool       `json:"valid"`
	// Text is the problems as the loader reports them, one a line.
	Text string `json:"-"`
}

// ProblemsOf lists the problems of errs.
func ProblemsOf(errs *Errors) *Problems {
	p := &Problems{List: make([]*Problem, len(errs.List)), Truncated: errs.Truncated, Text: errs.Error()}
	for i, pe := range errs.List {
		p.List[i] = &Problem{pe.File, pe.Line, pe.Column, pe.Field, pe.Err.Error(), 1 + pe.More}
	}
	return p
}
