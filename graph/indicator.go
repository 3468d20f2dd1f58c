package graph

// Indicator counts the rows of a statistical table (UNODC GLOTIP) that a
// reader read but did not turn into flow records nor set aside, because
// they are not flows: other indicators (persons prosecuted, convicted),
// other dimensions of the detected victims, and the sex and age
// breakdowns of the totals the records were made from (their sub-totals:
// counting them too would count the same victims twice).
type Indicator struct {
	Indicator string `json:"indicator"`
	Dimension string `json:"dimension"`
	// Use says why the rows are not flows: "other indicator", "other
	// dimension" or "breakdown" (sex or age other than Total).
	Use  string `json:"use"`
	Year int    `json:"year"` // 0 when the rows gave none
	Rows int    `json:"rows"`
	// Value sums the rows' plain numbers; Censored counts their "<K"
	// cells, which Value leaves out.
	Value    Count `json:"value"`
	Censored int   `json:"censored"`
}
