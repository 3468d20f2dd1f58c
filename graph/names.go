package graph

// NameMatch is a country text of the input that a reader resolved by a
// rule other than an exact code or name (a translation, a demonym, an
// abbreviation, a long form, lost accents, a misspelling, the user's
// alias, a category): the analyst reviews these. Rows and Victims count
// the input rows that used it.
type NameMatch struct {
	Text string `json:"text"`
	// Kind is "country", "nationals", "aggregate" or "unknown".
	Kind string `json:"kind"`
	// Code is the country chosen (Kind "country").
	Code    string `json:"code,omitempty"`
	How     string `json:"how"`
	Rows    int    `json:"rows"`
	Victims Count  `json:"victims"`
}
