package main

// minCount is the global --min-count K: the privacy policy
// (graph/privacy) hides every victim count from 1 to K-1 in every output.
type minCount struct {
	k int
}

// check validates --min-count.
func (s *minCount) check() error {
	if s.k < 0 {
		return usagef("--min-count %d: want 0 (show every count) or more", s.k)
	}
	return nil
}
