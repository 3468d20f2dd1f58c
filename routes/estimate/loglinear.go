package estimate

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// logLinear is a Poisson log-linear model of the 2^t - 1 observed cells of
// a capture table: an intercept, one main effect per list and the chosen
// two-list effects. Row r of design is the cell (capture history) r+1.
type logLinear struct {
	design *mat.Dense
}

func newLogLinear(t int, pairs [][2]int) *logLinear {
	cells := 1<<t - 1
	p := 1 + t + len(pairs)
	d := mat.NewDense(cells, p, nil)
	for r := range cells {
		m := r + 1
		d.Set(r, 0, 1)
		for i := range t {
			if m&(1<<i) != 0 {
				d.Set(r, 1+i, 1)
			}
		}
		for k, pr := range pairs {
			if m&(1<<pr[0]) != 0 && m&(1<<pr[1]) != 0 {
				d.Set(r, 1+t+k, 1)
			}
		}
	}
	return &logLinear{design: d}
}

// identifiable reports whether the design has full column rank, so that
// the parameters, and the dark figure exp(intercept), are determined by
// the fitted cells (Chan, Silverman and Vincent 2019, section 2). As every
// cell, empty or not, is in the design and the estimate must exist with
// all fitted cells positive (exists), this fails only when the model has
// more parameters than cells: two lists with their two-list effect. The
// paper's finer condition, full rank on the cells the extended maximum
// likelihood estimate leaves positive, never arises here, because models
// whose ordinary estimate does not exist are refused.
func (m *logLinear) identifiable() bool {
	if n, p := m.design.Dims(); p > n {
		return false
	}
	var svd mat.SVD
	if !svd.Factorize(m.design, mat.SVDNone) {
		return false
	}
	s := svd.Values(nil)
	_, p := m.design.Dims()
	return s[p-1] > 1e-9*s[0]
}

// exists reports whether the maximum likelihood estimate of the model
// exists (is finite) for the counts y: by Fienberg and Rinaldo (2012), it
// does when the sufficient statistics X'y lie in the relative interior of
// the cone of X', that is when some x > 0 has X'x = X'y. The linear
// program maximises s subject to X'x = X'y, x >= s (the test of Chan,
// Silverman and Vincent 2019 and of their R package SparseMSE). It must be
// called on an identifiable model (Simplex needs full row rank).
func (m *logLinear) exists(y []float64) (bool, error) {
	n, p := m.design.Dims()
	// Variables z (n) and s: x = z + s with z, s >= 0; minimise -s.
	a := mat.NewDense(p, n+1, nil)
	b := make([]float64, p)
	for j := range p {
		rowSum := 0.0
		for i := range n {
			v := m.design.At(i, j)
			a.Set(j, i, v)
			rowSum += v
			b[j] += v * y[i]
		}
		a.Set(j, n, rowSum)
	}
	// The test is invariant to the scale of y: counts in the millions and
	// beyond are brought down to it, where Simplex is well conditioned.
	total := 0.0
	for _, v := range y {
		total += v
	}
	if scale := total / 1e6; scale > 1 {
		for j := range b {
			b[j] /= scale
		}
	}
	c := make([]float64, n+1)
	c[n] = -1
	opt, err := simplex(c, a, b)
	if err != nil {
		if errors.Is(err, lp.ErrInfeasible) {
			return false, nil
		}
		return false, err
	}
	return -opt > 1e-7, nil
}

// simplex runs lp.Simplex, which panics on some ill-conditioned tables
// (its Phase II start from the Phase I basis): the panic is returned as
// an error of the model, not hidden.
func simplex(c []float64, a mat.Matrix, b []float64) (opt float64, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: linear program failed: %v", ErrNoFiniteEstimate, r)
		}
	}()
	opt, _, err = lp.Simplex(c, a, b, 1e-10, nil)
	return opt, err
}

// poissonFit is a fitted log-linear model.
type poissonFit struct {
	beta []float64
	mu   []float64 // fitted count of each observed cell
	aic  float64
}

// dark returns the fitted count of the unobserved cell, exp(intercept).
func (f *poissonFit) dark() float64 { return math.Exp(f.beta[0]) }

// errNoFit: IRLS did not converge or met a singular system.
var errNoFit = errors.New("the log-linear model could not be fitted")

// fit fits the model to the counts y (one per observed cell) by maximum
// likelihood with iteratively reweighted least squares (McCullagh and
// Nelder 1989, section 2.5), starting as R's glm does from mu = y + 0.1
// and stopping when the deviance changes by less than 1e-10 relatively.
// Each iteration costs O(n p^2) for n cells and p parameters.
func (m *logLinear) fit(y []float64) (*poissonFit, error) {
	n, p := m.design.Dims()
	x := m.design.RawMatrix()
	mu := make([]float64, n)
	eta := make([]float64, n)
	for i := range n {
		mu[i] = y[i] + 0.1
		eta[i] = math.Log(mu[i])
	}
	xtwx := mat.NewSymDense(p, nil)
	xtwz := mat.NewVecDense(p, nil)
	beta := mat.NewVecDense(p, nil)
	var chol mat.Cholesky
	dev := math.Inf(1)
	for iter := 0; iter < 100; iter++ {
		xtwx.Zero()
		xtwz.Zero()
		for i := range n {
			w := mu[i]
			z := eta[i] + (y[i]-mu[i])/mu[i]
			row := x.Data[i*x.Stride : i*x.Stride+p]
			for j, xj := range row {
				if xj == 0 {
					continue
				}
				xtwz.SetVec(j, xtwz.AtVec(j)+w*xj*z)
				for k := j; k < p; k++ {
					if row[k] != 0 {
						xtwx.SetSym(j, k, xtwx.At(j, k)+w*xj*row[k])
					}
				}
			}
		}
		if !chol.Factorize(xtwx) {
			return nil, errNoFit
		}
		if err := chol.SolveVecTo(beta, xtwz); err != nil {
			return nil, errNoFit
		}
		newDev := 0.0
		for i := range n {
			e := 0.0
			row := x.Data[i*x.Stride : i*x.Stride+p]
			for j, xj := range row {
				e += xj * beta.AtVec(j)
			}
			eta[i] = e
			mu[i] = math.Exp(e)
			newDev += devianceTerm(y[i], mu[i])
		}
		if math.IsNaN(newDev) || math.IsInf(newDev, 0) {
			return nil, errNoFit
		}
		if math.Abs(newDev-dev) < 1e-10*(math.Abs(newDev)+0.1) {
			f := &poissonFit{beta: make([]float64, p), mu: mu}
			for j := range p {
				f.beta[j] = beta.AtVec(j)
			}
			ll := 0.0
			for i := range n {
				lg, _ := math.Lgamma(y[i] + 1)
				ll += -mu[i] - lg
				if y[i] > 0 {
					ll += y[i] * math.Log(mu[i])
				}
			}
			f.aic = -2*ll + 2*float64(p)
			return f, nil
		}
		dev = newDev
	}
	return nil, errNoFit
}

func devianceTerm(y, mu float64) float64 {
	if y == 0 {
		return 2 * mu
	}
	return 2 * (y*math.Log(y/mu) - (y - mu))
}
