#!/usr/bin/env python3
"""Independent reference values for routes' emerging-sources tests.

How to run (from the repository root):

    python3 routes/testdata/emerging_reference.py

Made with Python 3.11, scipy 1.17.1, statsmodels 0.15.0, numpy 2.4.6.
It (re)writes, deterministically, routes/testdata/emerging/reference.json:

  fisher   2x2 tables [[x1, n1-x1], [x2, n2-x2]]: the two-sided p-value of
           scipy.stats.fisher_exact, and the two-sided mid-p value computed
           from scipy.stats.hypergeom.pmf (the tables less probable than the
           observed one, plus half of those as probable within 1e-7)
  ztest    the same tables: Pearson's chi-squared without continuity
           correction (scipy.stats.chi2_contingency), whose p-value is the
           two-proportion z-test's, and the smallest expected count
           (scipy.stats.contingency.expected_freq)
  bh       vectors of p-values and statsmodels'
           multipletests(p, method="fdr_bh")[1]
  armitage successes x_i of n_i in years t_i: the Cochran-Armitage z and
           two-sided p-value, written here from the formula (Armitage 1955;
           binomial variance, as R's prop.trend.test) and checked against
           statsmodels' Table.test_ordinal_association, whose permutation
           variance is N/(N-1) times larger; and the weighted least-squares
           slope of x_i/n_i on t_i (weights n_i), checked against
           numpy.polyfit
  runs     a small dataset of records (origin, destination, year, victims)
           and, for several settings of emerging, every origin's test,
           p-value, Benjamini-Hochberg q-value over the run and status, by
           the rules of docs/emerging.md applied here independently

The random tables come from fixed seeds (random.Random), so running the
script again gives a byte-identical file.
"""

import json
import math
import os
import random

import numpy as np
from scipy import stats
from scipy.stats.contingency import expected_freq
from statsmodels.stats.contingency_tables import Table
from statsmodels.stats.multitest import multipletests

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "emerging", "reference.json")
TIES = 1e-7


def fisher(x1, n1, x2, n2):
    table = [[x1, n1 - x1], [x2, n2 - x2]]
    p = float(stats.fisher_exact(table).pvalue)
    n, k = n1 + n2, x1 + x2
    if n1 == 0 or n2 == 0 or k == 0 or k == n:
        return p, 1.0
    xs = np.arange(max(0, k - n2), min(n1, k) + 1)
    pmf = stats.hypergeom.pmf(xs, n, k, n1)
    obs = stats.hypergeom.pmf(x1, n, k, n1)
    less = pmf[pmf < obs * (1 - TIES)].sum()
    tied = pmf[(pmf >= obs * (1 - TIES)) & (pmf <= obs * (1 + TIES))].sum()
    return p, float(min(1.0, less + tied / 2))


def ztest(x1, n1, x2, n2):
    table = np.array([[x1, n1 - x1], [x2, n2 - x2]])
    if n1 == 0 or n2 == 0 or x1 + x2 == 0 or x1 + x2 == n1 + n2:
        return 1.0, 0.0
    chi2, p, _, _ = stats.chi2_contingency(table, correction=False)
    return float(p), float(expected_freq(table).min())


def armitage(x, n, t):
    """Cochran-Armitage from the formula; returns z, p, slope, se,
    departure (Pearson's chi-squared of the 2 x k table less z², from
    scipy.stats.chi2_contingency) and its degrees of freedom k-2."""
    x, n, t = (np.asarray(v, dtype=float) for v in (x, n, t))
    N, X = n.sum(), x.sum()
    if X == 0 or X == N or len(set(t[n > 0])) < 2:
        return 0.0, 1.0, 0.0, 0.0, 0.0, 0
    pbar = X / N
    tbar = (n * t).sum() / N
    s = (n * (t - tbar) ** 2).sum()
    T = (t * (x - n * pbar)).sum()
    var = pbar * (1 - pbar) * s
    z = T / math.sqrt(var)
    p = math.erfc(abs(z) / math.sqrt(2))
    slope = T / s
    se = math.sqrt(pbar * (1 - pbar) / s)
    # Cross-checks: statsmodels' linear-by-linear test (permutation
    # variance) and numpy's weighted least squares.
    keep = n > 0
    tab = Table(np.vstack([x[keep], n[keep] - x[keep]]), shift_zeros=False)
    zs = tab.test_ordinal_association(row_scores=np.array([1.0, 0.0]), col_scores=t[keep]).zscore
    assert abs(z - zs * math.sqrt(N / (N - 1))) < 1e-9 * max(1, abs(z)), (z, zs)
    fit = np.polyfit(t[keep], x[keep] / n[keep], 1, w=np.sqrt(n[keep]))
    assert abs(fit[0] - slope) < 1e-9 * max(1, abs(slope)), (fit[0], slope)
    k = int(keep.sum())
    departure = 0.0
    if k > 2:
        chi2 = stats.chi2_contingency(np.vstack([x[keep], n[keep] - x[keep]]), correction=False)[0]
        departure = max(0.0, float(chi2) - z * z)
    return z, p, slope, se, departure, k - 2


def tables(rng):
    out = [(2, 100, 4, 100), (0, 500, 12, 400), (0, 1000, 3, 1000), (0, 1000, 6, 1000), (5, 10, 5, 10),
           (3, 10, 0, 12), (10, 1000, 90, 1000), (2, 1000, 4, 1000), (200, 1000, 40, 1000), (0, 0, 3, 10),
           (0, 10, 0, 10), (7, 7, 3, 9), (1, 2000, 0, 2500), (40, 1785, 0, 2337), (1, 3, 2, 3), (0, 5, 5, 5)]
    for _ in range(60):
        n1, n2 = rng.choice([5, 20, 100, 700, 3000]), rng.choice([5, 20, 100, 700, 3000])
        p1 = rng.choice([0, 0.001, 0.01, 0.05, 0.3])
        p2 = p1 * rng.choice([0.2, 1, 1, 3]) if p1 else rng.choice([0, 0.002, 0.01])
        x1 = sum(rng.random() < p1 for _ in range(n1))
        x2 = sum(rng.random() < min(p2, 1) for _ in range(n2))
        out.append((x1, n1, x2, n2))
    return out


def bh_cases(rng):
    cases = [[0.01, 0.02, 0.03, 0.04, 0.05], [0.5, 0.01, 0.01, 1.0, 0.04, 0.0001], [1.0], [0.2, 0.2, 0.2]]
    for m in (7, 40, 150):
        ps = [rng.random() ** rng.choice([1, 3, 8]) for _ in range(m)]
        ps[rng.randrange(m)] = ps[0]  # a tie
        cases.append(ps)
    return cases


def armitage_cases(rng):
    cases = [
        ([10, 20, 30], [100, 100, 100], [2000, 2001, 2002]),
        ([0, 0, 5, 9], [50, 60, 40, 70], [2001, 2002, 2004, 2008]),
        ([400, 73, 100], [1000, 872, 1000], [1996, 2004, 2008]),
        ([3, 0], [10, 10], [2006, 2007]),
        ([1, 1, 1], [10, 0, 10], [2000, 2001, 2002]),
        ([0, 0, 0], [5, 5, 5], [2000, 2001, 2002]),
    ]
    for _ in range(25):
        k = rng.choice([2, 3, 5, 10, 15])
        years = sorted(rng.sample(range(2000, 2022), k))
        n = [rng.choice([3, 30, 300, 3000]) for _ in years]
        p0, p1 = rng.random() * 0.3, rng.random() * 0.3
        x = [sum(rng.random() < p0 + (p1 - p0) * i / max(1, k - 1) for _ in range(m)) for i, m in enumerate(n)]
        cases.append((x, n, years))
    return cases


# ---- Whole runs of emerging on a small dataset, by the rules of docs/emerging.md.


def dataset(rng):
    """Records (origin, destination, year, victims). IT reports every year
    2000-2008, its own nationals growing; ES misses 2003-2004; NL reports
    2000, 2001, 2007, 2008 only. Small origins, newcomers (present only
    from a year on) and an origin that disappears."""
    recs = []
    years = {"IT": list(range(2000, 2009)), "ES": [2000, 2001, 2002, 2005, 2006, 2007, 2008], "NL": [2000, 2001, 2007, 2008]}
    shares = {
        "IT": {"AL": (0.30, 0.10), "RO": (0.20, 0.20), "NG": (0.10, 0.14), "CN": (0.0, 0.10, 2004, 2008), "IT": (0.10, 0.30),
               "SL": (0.004, 0.006), "GM": (0.0, 0.004), "UA": (0.15, 0.12)},
        "ES": {"CO": (0.25, 0.08), "PY": (0.02, 0.12), "RO": (0.40, 0.40), "ES": (0.15, 0.15), "BR": (0.05, 0.06),
               "MA": (0.01, 0.0), "MD": (0.10, 0.10, 2000, 2002)},
        "NL": {"CN": (0.05, 0.15), "NL": (0.2, 0.2), "BG": (0.3, 0.28), "SL": (0.01, 0.02), "NG": (0.1, 0.1), "VN": (0.02, 0.02, 2007, 2008)},
    }
    totals = {"IT": 400, "ES": 250, "NL": 120}
    for d, ys in years.items():
        for y in ys:
            f = (y - 2000) / 8
            for o, (a, b, *active) in shares[d].items():
                lam = totals[d] * (a + (b - a) * f)
                if active and not active[0] <= y <= active[1]:
                    lam = 0
                v = int(np.random.default_rng(rng.randrange(1 << 30)).poisson(lam)) if lam > 0 else 0
                if v > 0:
                    recs.append((o, d, y, v))
    return recs


def run(recs, by_year, foreign, exact, fdr, baseline=(2000, 2002), recent=(2006, 2008), alpha=0.05):
    dests = sorted({r[1] for r in recs})
    tests = []  # (dest, origin, result dict, extra)
    out = {}
    for d in dests:
        rs = [r for r in recs if r[1] == d and not (foreign and r[0] == d)]
        origins = sorted({r[0] for r in rs})
        if by_year:
            years = sorted({r[2] for r in rs})
            n = [sum(r[3] for r in rs if r[2] == y) for y in years]
            missing = [y for y in range(years[0], years[-1] + 1) if y not in years]
            out[d] = {"years": years, "missing_years": missing, "origins": {}}
            h = len(years) // 2
            for o in origins:
                x = [sum(r[3] for r in rs if r[2] == y and r[0] == o) for y in years]
                z, p, slope, se, departure, df = armitage(x, n, years)
                q = stats.norm.ppf(1 - alpha / 2)
                res = {"test": "trend", "p_value": p, "z": z, "change": slope * (years[-1] - years[0]),
                       "slope": 100 * slope, "slope_interval": [100 * (slope - q * se), 100 * (slope + q * se)]}
                if df > 0:
                    res["dispersion"] = departure / df
                tests.append((d, o, res, (sum(x[:h]) == 0, sum(x[-h:]) == 0)))
                out[d]["origins"][o] = res
        else:
            def count(o, lo, hi):
                return sum(r[3] for r in rs if lo <= r[2] <= hi and (o is None or r[0] == o))
            nb, nr = count(None, *baseline), count(None, *recent)
            out[d] = {"origins": {}}
            for o in origins:
                b, r = count(o, *baseline), count(o, *recent)
                if b == 0 and r == 0:
                    continue
                pz, emin = ztest(b, nb, r, nr)
                res = {"change": r / nr - b / nb}
                if emin >= 5:
                    res.update(test="z", p_value=pz)
                else:
                    pf, pm = fisher(b, nb, r, nr)
                    res.update(test="mid-p", p_value=pm) if exact == "mid-p" else res.update(test="fisher", p_value=pf)
                tests.append((d, o, res, (b == 0, r == 0)))
                out[d]["origins"][o] = res
    ps = [t[2]["p_value"] for t in tests]
    qs = multipletests(ps, method="fdr_bh")[1] if fdr == "bh" else ps
    for (d, o, res, (before, after)), q in zip(tests, qs):
        res["q_value"] = float(q)
        status = "stable"
        if q < alpha and res["change"] != 0:
            if res["change"] > 0:
                status = "new" if before else "rising"
            else:
                status = "gone" if after else "falling"
        res["status"] = status
    return {"by_year": by_year, "foreign": foreign, "exact": exact, "fdr": fdr, "tests": len(tests),
            "baseline": "%d-%d" % baseline, "recent": "%d-%d" % recent, "destinations": out}


def main():
    rng = random.Random(20261130)
    doc = {"scipy_version": __import__("scipy").__version__,
           "statsmodels_version": __import__("statsmodels").__version__,
           "fisher": [], "ztest": [], "bh": [], "armitage": [], "runs": []}
    for x1, n1, x2, n2 in tables(rng):
        p, midp = fisher(x1, n1, x2, n2)
        doc["fisher"].append({"x1": x1, "n1": n1, "x2": x2, "n2": n2, "p_value": p, "mid_p": midp})
        pz, emin = ztest(x1, n1, x2, n2)
        doc["ztest"].append({"x1": x1, "n1": n1, "x2": x2, "n2": n2, "p_value": pz, "min_expected": emin})
    for ps in bh_cases(rng):
        doc["bh"].append({"p": ps, "q": [float(q) for q in multipletests(ps, method="fdr_bh")[1]]})
    for x, n, t in armitage_cases(rng):
        z, p, slope, se, departure, df = armitage(x, n, t)
        doc["armitage"].append({"x": x, "n": n, "years": t, "z": z, "p_value": p, "slope": slope, "se": se,
                                "departure": departure, "df": df})
    recs = dataset(rng)
    doc["records"] = [{"origin": o, "destination": d, "year": y, "victims": v} for o, d, y, v in recs]
    for by_year in (False, True):
        for foreign in (False, True):
            doc["runs"].append(run(recs, by_year, foreign, "fisher", "bh"))
    doc["runs"].append(run(recs, False, False, "mid-p", "off"))
    doc["runs"].append(run(recs, True, True, "fisher", "off"))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", OUT, len(doc["fisher"]), "tables,", len(doc["armitage"]), "trend cases,", len(recs), "records,",
          len(doc["runs"]), "runs")


if __name__ == "__main__":
    main()
