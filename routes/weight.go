package routes

import (
	"fmt"
	"math"

	"github.com/tipgraph/tipgraph/graph"
)

// Cost says how long a leg is for path finding.
type Cost int

const (
	// ByHops: every leg has length 1.
	ByHops Cost = iota
	// ByVictims: a leg has length 1/victims, so legs that carry more
	// victims are shorter; legs with no victims cannot be used.
	ByVictims
)

// String returns "hops" or "victims".
func (c Cost) String() string {
	if c == ByVictims {
		return "victims"
	}
	return "hops"
}

// ParseCost reads "hops" or "victims" ("inverse-victims" is accepted too).
func ParseCost(s string) (Cost, error) {
	switch s {
	case "", "hops", "hop":
		return ByHops, nil
	case "victims", "inverse-victims":
		return ByVictims, nil
	}
	return ByHops, fmt.Errorf("unknown cost %q (want hops or victims)", s)
}

// length returns the length of an arc under c; +Inf means unusable.
func (c Cost) length(a graph.Arc) float64 {
	if c == ByHops {
		return 1
	}
	if a.Victims <= 0 {
		return math.Inf(1)
	}
	return 1 / float64(a.Victims)
}
