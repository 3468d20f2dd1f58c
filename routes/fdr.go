package routes

import (
	"cmp"
	"slices"
)

// BenjaminiHochberg returns the Benjamini-Hochberg adjusted p-values
// (q-values) of the m p-values p, in their order: with p sorted
// ascending, q(i) = min over j >= i of min(1, m·p(j)/j). Rejecting every
// hypothesis with q < alpha keeps the expected share of false discoveries
// among the rejections at most alpha when the tests are independent or
// positively dependent (Benjamini and Hochberg 1995; Benjamini and
// Yekutieli 2001). The values equal statsmodels'
// multipletests(p, method="fdr_bh")[1] and R's p.adjust(p, "BH").
//
// The time complexity is O(m log m).
func BenjaminiHochberg(p []float64) []float64 {
	m := len(p)
	idx := make([]int, m)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(p[a], p[b]) })
	q := make([]float64, m)
	run := 1.0
	for r := m - 1; r >= 0; r-- {
		i := idx[r]
		run = min(run, p[i]*float64(m)/float64(r+1))
		q[i] = run
	}
	return q
}
