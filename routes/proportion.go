package routes

import "math"

// TwoProportion is the result of a two-proportion z-test.
type TwoProportion struct {
	// P1 = x1/n1 and P2 = x2/n2 are the two shares.
	P1, P2 float64
	// Z is (P2-P1)/se with the pooled standard error
	// se = sqrt(p(1-p)(1/n1+1/n2)), p = (x1+x2)/(n1+n2).
	Z float64
	// PValue is the two-sided p-value 2·(1-Φ(|Z|)) = erfc(|Z|/√2).
	PValue float64
}

// TwoProportionTest compares the share x1 of n1 with the share x2 of n2
// by the pooled two-proportion z-test (the large-sample score test for the
// difference of two binomial proportions; Agresti, Categorical Data
// Analysis, 3rd ed. 2013, section 3.1.3; it equals Pearson's chi-squared
// test of the 2x2 table without continuity correction, chi2 = Z²).
//
// Preconditions: 0 <= x1 <= n1 and 0 <= x2 <= n2. When n1 or n2 is 0, or
// the pooled share is 0 or 1 (no variance), there is nothing to test: Z is
// 0 and PValue is 1. The approximation is poor when the expected counts
// n·p are below about 5, which errs toward large p-values for a handful of
// victims; callers add a minimum count. The cost is O(1).
func TwoProportionTest(x1, n1, x2, n2 int) TwoProportion {
	var t TwoProportion
	if n1 > 0 {
		t.P1 = float64(x1) / float64(n1)
	}
	if n2 > 0 {
		t.P2 = float64(x2) / float64(n2)
	}
	t.PValue = 1
	if n1 == 0 || n2 == 0 {
		return t
	}
	p := float64(x1+x2) / float64(n1+n2)
	se := math.Sqrt(p * (1 - p) * (1/float64(n1) + 1/float64(n2)))
	if se == 0 || math.IsNaN(se) {
		return t
	}
	t.Z = (t.P2 - t.P1) / se
	t.PValue = math.Erfc(math.Abs(t.Z) / math.Sqrt2)
	return t
}
