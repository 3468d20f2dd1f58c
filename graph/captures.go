package graph

import (
	"fmt"
	"strings"
)

// MaxLists is the largest number of lists a capture table may have: the
// log-linear models of multiple systems estimation have 2^t - 1 cells and
// 1 + t + t(t-1)/2 parameters.
const MaxLists = 12

// Captures is a multiple systems estimation table: the victims known to
// each combination of Lists (the capture histories). Counts has 2^t
// entries indexed by a bit mask, bit i set when list i recorded the
// victims; Counts[0], the victims no list recorded, is unknown and 0.
type Captures struct {
	Lists  []string
	Counts []int
}

// Known returns the number of victims recorded by at least one list.
func (c *Captures) Known() int {
	n := 0
	for _, k := range c.Counts[1:] {
		n += k
	}
	return n
}

// Check reports whether c is well formed: 2 to MaxLists lists, 2^t counts,
// none negative, nothing in the unobserved cell.
func (c *Captures) Check() error {
	t := len(c.Lists)
	if t < 2 || t > MaxLists {
		return fmt.Errorf("%d lists: want 2 to %d", t, MaxLists)
	}
	if len(c.Counts) != 1<<t {
		return fmt.Errorf("%d counts for %d lists: want %d", len(c.Counts), t, 1<<t)
	}
	if c.Counts[0] != 0 {
		return fmt.Errorf("the cell of no list has %d victims: it is the unknown one", c.Counts[0])
	}
	total := 0
	for m, k := range c.Counts {
		if k < 0 || Count(k) > MaxVictims {
			return fmt.Errorf("cell %s has %d victims: want 0 to %d", c.Pattern(m), k, MaxVictims)
		}
		if total += k; Count(total) > MaxVictims {
			return fmt.Errorf("the cells hold over %d victims", MaxVictims)
		}
	}
	return nil
}

// Pattern writes the capture history m as 0s and 1s in the order of Lists:
// "101" is lists 0 and 2 of three.
func (c *Captures) Pattern(m int) string {
	var b strings.Builder
	for i := range c.Lists {
		b.WriteByte('0' + byte(m>>i&1))
	}
	return b.String()
}
