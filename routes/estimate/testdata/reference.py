#!/usr/bin/env python3
"""Reference values for routes/estimate/mse_test.go, independent of the Go code.

Fits Poisson log-linear models to the UK 2013 six-list table
(uk-2013-six-lists.csv) by IRLS in numpy, runs the stepwise rule of Chan,
Silverman and Vincent (2019) with scipy's Poisson distribution and scipy's
linprog for the existence test, and writes reference.json.

Run from this directory: python3 reference.py > reference.json
"""
import csv
import itertools
import json
import math

import numpy as np
from scipy.optimize import linprog
from scipy.special import gammaln
from scipy.stats import poisson

with open("uk-2013-six-lists.csv") as f:
    rows = list(csv.reader(f))
lists = rows[0][:-1]
t = len(lists)
counts = {}
for r in rows[1:]:
    m = sum(1 << i for i, v in enumerate(r[:-1]) if v == "1")
    counts[m] = counts.get(m, 0) + int(r[-1])
cells = list(range(1, 1 << t))
y = np.array([counts.get(m, 0) for m in cells], dtype=float)
pairs_all = list(itertools.combinations(range(t), 2))


def design(pairs):
    cols = [np.ones(len(cells))]
    for i in range(t):
        cols.append(np.array([(m >> i) & 1 for m in cells], dtype=float))
    for i, j in pairs:
        cols.append(np.array([((m >> i) & 1) * ((m >> j) & 1) for m in cells], dtype=float))
    return np.column_stack(cols)


def fit(pairs):
    X = design(pairs)
    mu = y + 0.1
    eta = np.log(mu)
    dev = math.inf
    for _ in range(200):
        z = eta + (y - mu) / mu
        W = mu
        beta = np.linalg.solve(X.T @ (W[:, None] * X), X.T @ (W * z))
        eta = X @ beta
        mu = np.exp(eta)
        d = 2 * np.sum(np.where(y > 0, y * np.log(np.where(y > 0, y, 1) / mu), 0) - (y - mu))
        if abs(d - dev) < 1e-12 * (abs(d) + 0.1):
            break
        dev = d
    ll = np.sum(y * np.log(mu) - mu - gammaln(y + 1))
    return beta, mu, -2 * ll + 2 * X.shape[1]


def exists(pairs):
    X = design(pairs)
    A = X.T
    n = A.shape[1]
    # maximise s: A z + (A 1) s = A y, z, s >= 0
    Aeq = np.column_stack([A, A.sum(axis=1)])
    c = np.zeros(n + 1)
    c[-1] = -1
    r = linprog(c, A_eq=Aeq, b_eq=A @ y, bounds=[(0, None)] * (n + 1), method="highs")
    return r.status == 0 and -r.fun > 1e-7


def pval(n, mu):
    return min(poisson.cdf(n, mu), poisson.sf(n - 1, mu))


def stepwise(pthresh):
    pairs = []
    beta, mu, aic = fit(pairs)
    while True:
        cands = []
        for k, (i, j) in enumerate(pairs_all):
            if (i, j) in pairs:
                continue
            sel = np.array([((m >> i) & 1) and ((m >> j) & 1) for m in cells], dtype=bool)
            n, e = y[sel].sum(), mu[sel].sum()
            cands.append((pval(n, e), k, (i, j), n))
        cands.sort()
        added = False
        for p, _, pr, n in cands:
            if p >= pthresh:
                break
            nxt = pairs + [pr]
            if n == 0 or np.linalg.matrix_rank(design(nxt)) < design(nxt).shape[1] or not exists(nxt):
                continue
            pairs = nxt
            beta, mu, aic = fit(pairs)
            added = True
            break
        if not added:
            return sorted(pairs), beta, aic


def name(pairs):
    return [lists[i] + "*" + lists[j] for i, j in sorted(pairs)]


known = int(y.sum())
out = {"known": known}
b, _, aic = fit([])
out["main"] = {"dark": math.exp(b[0]), "total": known + math.exp(b[0]), "aic": aic}
fixed = [(0, 1), (2, 5)]
b, _, aic = fit(fixed)
out["fixed"] = {"model": name(fixed), "dark": math.exp(b[0]), "aic": aic}
pairs, b, aic = stepwise(0.02)
out["stepwise"] = {"model": name(pairs), "dark": math.exp(b[0]), "total": known + math.exp(b[0]), "aic": aic}
print(json.dumps(out, indent=2))
