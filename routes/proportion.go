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

// Exact is the result of Fisher's exact test of a 2x2 table.
type Exact struct {
	// PValue is the two-sided p-value of Fisher's exact test as
	// scipy.stats.fisher_exact and R's fisher.test give it: the
	// probability, under the hypergeometric law of the table with its
	// margins fixed, of the tables no more probable than the observed one.
	PValue float64
	// MidP is the two-sided mid-p value (Lancaster 1961): PValue less half
	// the probability of the tables exactly as probable as the observed one.
	MidP float64
}

// exactTies is the relative tolerance under which two tables count as
// equally probable (R's fisher.test uses 1e-7 too): rounding in the
// log-gamma function must not split tables that are equally probable in
// exact arithmetic, such as the two mirror tables of equal margins.
const exactTies = 1e-7

// FisherTest compares the share x1 of n1 with the share x2 of n2 by
// Fisher's exact test of the table [[x1, n1-x1], [x2, n2-x2]] (Fisher
// 1935; Agresti, Categorical Data Analysis, 3rd ed. 2013, section 3.5).
// Given the margins, x1 follows the hypergeometric law
//
//	P(x) = C(K, x) C(N-K, n1-x) / C(N, n1),  N = n1+n2, K = x1+x2,
//
// computed from log-probabilities with math.Lgamma. The two-sided PValue
// sums P(x) over the x with P(x) <= P(x1)·(1+1e-7); MidP counts the x with
// P(x) within that tolerance of P(x1) by half.
//
// Preconditions: 0 <= x1 <= n1 and 0 <= x2 <= n2. With n1, n2 or K zero,
// or K = N, there is nothing to test and both values are 1. The cost is
// O(min(K, n1, N-K, n2)), the size of the law's support.
func FisherTest(x1, n1, x2, n2 int) Exact {
	n, k := n1+n2, x1+x2
	if n1 == 0 || n2 == 0 || k == 0 || k == n {
		return Exact{PValue: 1, MidP: 1}
	}
	base := lchoose(n, n1)
	logP := func(x int) float64 { return lchoose(k, x) + lchoose(n-k, n1-x) - base }
	obs := logP(x1)
	hi := obs + math.Log1p(exactTies)
	lo := obs - math.Log1p(exactTies)
	var less, tied float64
	for x := max(0, k-n2); x <= min(n1, k); x++ {
		switch lp := logP(x); {
		case lp < lo:
			less += math.Exp(lp)
		case lp <= hi:
			tied += math.Exp(lp)
		}
	}
	return Exact{PValue: min(less+tied, 1), MidP: min(less+tied/2, 1)}
}

// lchoose is log C(n, k) for 0 <= k <= n.
func lchoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}

// MinExpected is the smallest expected count of the four cells of the
// table [[x1, n1-x1], [x2, n2-x2]] under equal shares: with K = x1+x2 and
// N = n1+n2, min(n1, n2)·min(K, N-K)/N. Cochran's (1954) rule trusts the
// z-test (and Pearson's chi-squared) only when it is at least 5.
func MinExpected(x1, n1, x2, n2 int) float64 {
	n, k := n1+n2, x1+x2
	if n == 0 {
		return 0
	}
	return float64(min(n1, n2)) * float64(min(k, n-k)) / float64(n)
}
