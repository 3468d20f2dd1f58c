package graph

import (
	"fmt"
	"strconv"
	"strings"
)

// Country is a node of the leg graph. Code is the canonical ISO 3166-1
// alpha-2 code (or an ISO 3166-3 code for a former country).
type Country struct {
	Code   string  `json:"code"`
	Name   string  `json:"name"`
	Region string  `json:"region"`
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
}

// Vector is the means of transport on one leg of a route.
type Vector uint8

// Vectors. VectorUnknown is the zero value.
const (
	VectorUnknown Vector = iota
	Land
	Sea
	Air
	numVectors
)

var vectorNames = [numVectors]string{"unknown", "land", "sea", "air"}

// Known reports whether v is one of the named vectors.
func (v Vector) Known() bool { return v < numVectors }

// String returns the lower-case name used in files and output.
func (v Vector) String() string {
	if v < numVectors {
		return vectorNames[v]
	}
	return "Vector(" + strconv.Itoa(int(v)) + ")"
}

// fold returns s trimmed and in lower case: s itself when it is lower-case
// letters only (every word these functions read, as nearly every value
// of a large file writes them), found with one comparison a byte.
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i]-'a' >= 26 {
			return strings.ToLower(strings.TrimSpace(s))
		}
	}
	return s
}

// ParseVector reads a vector name; the empty string is VectorUnknown.
func ParseVector(s string) (Vector, error) {
	switch fold(s) {
	case "", "unknown":
		return VectorUnknown, nil
	case "land":
		return Land, nil
	case "sea":
		return Sea, nil
	case "air":
		return Air, nil
	}
	return VectorUnknown, fmt.Errorf("%w %q (want land, sea, air or unknown)", ErrBadVector, s)
}

// Form is the form of exploitation of a flow record.
type Form uint8

// Forms. FormUnknown is the zero value.
const (
	FormUnknown Form = iota
	Sexual
	Labour
	OtherForm
	numForms
)

var formNames = [numForms]string{"unknown", "sexual", "labour", "other"}

// Known reports whether f is one of the named forms.
func (f Form) Known() bool { return f < numForms }

// String returns the lower-case name used in files and output.
func (f Form) String() string {
	if f < numForms {
		return formNames[f]
	}
	return "Form(" + strconv.Itoa(int(f)) + ")"
}

// ParseForm reads a form name; the empty string is FormUnknown.
// "labor" is accepted for "labour".
func ParseForm(s string) (Form, error) {
	switch fold(s) {
	case "", "unknown":
		return FormUnknown, nil
	case "sexual":
		return Sexual, nil
	case "labour", "labor":
		return Labour, nil
	case "other":
		return OtherForm, nil
	}
	return FormUnknown, fmt.Errorf("%w %q (want sexual, labour, other or unknown)", ErrBadForm, s)
}

// Measure says how a victim count was obtained.
type Measure uint8

// Measures. Detected is the zero value: a record with no measure counts
// victims detected by the authorities.
const (
	Detected Measure = iota
	Estimated
	Derived
	numMeasures
)

var measureNames = [numMeasures]string{"detected", "estimated", "derived"}

// Known reports whether m is one of the named measures.
func (m Measure) Known() bool { return m < numMeasures }

// String returns the lower-case name used in files and output.
func (m Measure) String() string {
	if m < numMeasures {
		return measureNames[m]
	}
	return "Measure(" + strconv.Itoa(int(m)) + ")"
}

// ParseMeasure reads a measure name; the empty string is Detected.
func ParseMeasure(s string) (Measure, error) {
	switch fold(s) {
	case "", "detected":
		return Detected, nil
	case "estimated":
		return Estimated, nil
	case "derived":
		return Derived, nil
	}
	return Detected, fmt.Errorf("%w %q (want detected, estimated or derived)", ErrBadMeasure, s)
}

// Flow is one observation of victims moving along a route
// Origin -> Via[0] -> ... -> Via[n-1] -> Destination.
// Origin == Destination with no Via is domestic trafficking.
type Flow struct {
	ID          string
	Origin      string
	Destination string
	Via         []string
	// Vectors has one entry per leg (len(Via)+1), VectorUnknown where
	// the record does not say.
	Vectors []Vector
	Victims int
	Period  Period
	Form    Form
	Measure Measure
	Source  string
	Groups  []string
}

// Path returns the countries of the route in order, origin first.
func (f *Flow) Path() []string {
	p := make([]string, 0, len(f.Via)+2)
	p = append(p, f.Origin)
	p = append(p, f.Via...)
	return append(p, f.Destination)
}

// NumLegs is len(Via)+1.
func (f *Flow) NumLegs() int { return len(f.Via) + 1 }

// Role of a person in a trafficker group.
type Role string

// Roles a group member can have (docs/data-formats.md, members.csv).
const (
	Recruiter      Role = "recruiter"
	Transporter    Role = "transporter"
	Exploiter      Role = "exploiter"
	Guardian       Role = "guardian"
	DocumentForger Role = "document-forger"
	Financier      Role = "financier"
	Organiser      Role = "organiser"
	OtherRole      Role = "other"
	// UnknownRole is a member whose role the data do not say (an empty
	// role, or a person of an adjacency matrix or an edge list).
	UnknownRole Role = "unknown"
)

// Group is a trafficker group or network.
type Group struct {
	ID        string
	Name      string
	Countries []string
	Structure string
	Source    string
}

// Person is a member of a group.
type Person struct {
	Group        string
	ID           string
	Role         Role
	Gender       string
	Nationality  string
	Country      string
	FormerVictim bool
}

// TieKind is the kind of link between two persons.
type TieKind string

// Tie kinds between two persons (docs/data-formats.md, ties.csv).
const (
	Recruits      TieKind = "recruits"
	TransportsFor TieKind = "transports-for"
	Controls      TieKind = "controls"
	ReportsTo     TieKind = "reports-to"
	Associate     TieKind = "associate"
	Family        TieKind = "family"
)

// Tie links two persons of a group.
type Tie struct {
	Group    string
	From, To string
	Kind     TieKind
	Directed bool
	// Weight is the strength of the tie (calls, meetings, contacts): > 0,
	// and 1 when the data give none (a zero Weight counts as 1).
	Weight float64
	// Period is when the tie was observed (the zero Period: not said).
	Period Period
}

// W is the tie's weight: Weight, or 1 when it is not set.
func (t *Tie) W() float64 {
	if t.Weight > 0 {
		return t.Weight
	}
	return 1
}

// Dataset is everything tipgraph analyses: countries, flow records and
// trafficker groups.
type Dataset struct {
	Name string
	// Countries holds every country the flows name, by code, with the
	// dataset's overrides applied.
	Countries map[string]Country
	Flows     []Flow
	Groups    []Group
	Members   []Person
	Ties      []Tie
	// SetAside accounts for every input row not turned into a record,
	// by reason (readers of foreign formats fill it).
	SetAside SetAside
	// NameMatches lists the country texts resolved by a rule other than
	// an exact code or name, for review (most rows first).
	NameMatches []NameMatch
	// Censored says how many "<K" counts the records hold and how they
	// were counted.
	Censored Censored
	// Indicators counts the rows of statistical tables that are not
	// flows (other indicators, dimensions, sex and age breakdowns), by
	// indicator, dimension, use and year, in that order.
	Indicators []Indicator
}
