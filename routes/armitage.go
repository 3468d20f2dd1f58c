package routes

import "math"

// Armitage is the result of the Cochran-Armitage test for a trend in
// proportions.
type Armitage struct {
	// Slope is the weighted least-squares slope of the shares x_i/n_i on
	// the scores t_i with weights n_i, in share per unit of score:
	// Slope = Σ (t_i - t̄) x_i / S, t̄ = Σ n_i t_i / N, S = Σ n_i (t_i - t̄)².
	Slope float64
	// SE is the slope's standard error under the null hypothesis of one
	// share p̄ = Σ x_i / N for every group: sqrt(p̄(1-p̄)/S).
	SE float64
	// Z = Slope/SE, and PValue its two-sided p-value erfc(|Z|/√2).
	Z, PValue float64
	// Departure is Armitage's chi-squared for departure from the linear
	// trend: Pearson's chi-squared of the 2 x k table,
	// Σ (x_i - n_i p̄)² / (n_i p̄(1-p̄)), less Z², on DF = k-2 degrees of
	// freedom for the k groups with n_i > 0 (DF is 0 with two groups).
	Departure float64
	DF        int
}

// CochranArmitage tests x_i successes out of n_i, in groups with scores
// t_i (here: years), for a linear trend in the share (Cochran 1954,
// Armitage 1955; Agresti, Categorical Data Analysis, 3rd ed. 2013,
// section 5.3.5). Z² is Armitage's chi-squared for trend with the binomial
// variance p̄(1-p̄), as R's prop.trend.test computes it (not the
// permutation variance, which is N/(N-1) times larger).
//
// Preconditions: the three slices have one length, 0 <= x_i <= n_i.
// Groups with n_i = 0 carry no weight. When fewer than two scores carry
// weight, or p̄ is 0 or 1, there is nothing to test: Slope, SE and Z are 0
// and PValue is 1. The cost is O(len(x)).
//
// The test assumes that each group's count is binomial around the trend
// line; counts that vary more than that from year to year (as reporting
// practice changes), or a share that rises and falls again, make its
// p-values too small; Departure/DF well above 1 shows it.
func CochranArmitage(x, n []int, t []float64) Armitage {
	res := Armitage{PValue: 1}
	var sx, sn, snt float64
	scores := map[float64]bool{}
	for i := range x {
		if n[i] > 0 {
			scores[t[i]] = true
		}
		sx += float64(x[i])
		sn += float64(n[i])
		snt += float64(n[i]) * t[i]
	}
	if len(scores) < 2 || sx == 0 || sx == sn {
		return res
	}
	tbar, pbar := snt/sn, sx/sn
	var s, num, pearson float64
	groups := 0
	for i := range x {
		d := t[i] - tbar
		s += float64(n[i]) * d * d
		num += d * float64(x[i])
		if n[i] > 0 {
			e := float64(x[i]) - float64(n[i])*pbar
			pearson += e * e / (float64(n[i]) * pbar * (1 - pbar))
			groups++
		}
	}
	if s <= 0 {
		return res
	}
	res.Slope = num / s
	res.SE = math.Sqrt(pbar * (1 - pbar) / s)
	res.Z = res.Slope / res.SE
	res.PValue = math.Erfc(math.Abs(res.Z) / math.Sqrt2)
	res.DF = groups - 2
	if res.DF > 0 {
		res.Departure = max(0, pearson-res.Z*res.Z)
	}
	return res
}
