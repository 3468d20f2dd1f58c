// Package grow appends to slices that grow large in commands that do not
// collect garbage until their heap nears 1.2 GiB (cmd/tipgraph/main.go).
package grow

import "slices"

// Append is append growing s to twice its size when full: append grows a
// large slice by a quarter at a time, which leaves four times its final
// size behind as garbage that a batch command never collects.
func Append[T any](s []T, v T) []T {
	if len(s) == cap(s) {
		s = slices.Grow(s, max(len(s), 16))
	}
	return append(s, v)
}
