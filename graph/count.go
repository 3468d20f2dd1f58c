package graph

// Count is a number of victims. Every victim count an analysis returns has
// this type, so that the privacy policy (--min-count) finds each one by its
// type, wherever it sits in a result, and hides it in every output.
// Counts of records, countries, hops or persons are plain ints.
type Count int64
