#!/usr/bin/env python3
"""Regenerate golden.json: scikit-learn's own output, for ../golden_test.go.

scikit-learn 1.8 is the newest release whose LinearRegression gives the
course's numbers (1.9 passes cond=tol=1e-6 to scipy's lstsq and so drops the
small singular values of the week-3 lab's polynomial features; the script
shows that below). Run it in a throwaway venv with the pinned versions:

    python3 -m venv /tmp/sk && /tmp/sk/bin/pip install numpy==2.4.6 scipy==1.17.1 scikit-learn==1.8.0
    /tmp/sk/bin/python make_golden.py
"""
import json
import os

import numpy as np
import scipy
import sklearn
from scipy import linalg
from sklearn.datasets import make_blobs
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

PINS = {"numpy": "2.4.6", "scipy": "1.17.1", "scikit-learn": "1.8.0"}
assert np.__version__ == PINS["numpy"], np.__version__
assert scipy.__version__ == PINS["scipy"], scipy.__version__
assert sklearn.__version__ == PINS["scikit-learn"], sklearn.__version__

HERE = os.path.dirname(os.path.abspath(__file__))


def mat(a):
    a = np.asarray(a, dtype=float)
    if a.ndim == 1:
        a = a.reshape(-1, 1)
    return {"rows": a.shape[0], "cols": a.shape[1], "data": [float(v) for v in a.ravel()]}


def vec(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def ints(a):
    return [int(v) for v in np.asarray(a).ravel()]


W3_CENTERS = [[-1, 0], [1, 0], [0, 1], [0, -1], [-2, 1], [-2, -1]]
W2_CENTERS = [[-5, 2], [-2, -2], [1, 2], [5, -2]]
blobs = []
for n, centers, std, seed in [(800, W3_CENTERS, 0.4, 2), (2000, W2_CENTERS, 1.0, 30),
                              (100, W2_CENTERS, 1.0, 30), (11, [[0.5, 1, 2], [3, 4, 5.5]], 2.0, 0),
                              (5, [[1.0], [2.0], [3.0]], 0.1, 7)]:
    X, y = make_blobs(n_samples=n, centers=centers, cluster_std=std, random_state=seed, n_features=len(centers[0]))
    blobs.append({"n": n, "centers": centers, "std": std, "seed": seed, "X": mat(X), "y": ints(y)})
X, y = make_blobs(n_samples=800, centers=W3_CENTERS, cluster_std=0.4, random_state=2, n_features=2)
assert list(y[:10]) == [4, 5, 1, 0, 2, 4, 1, 0, 0, 5], y[:10]

splits = []
for n, test_size, seed in [(18, 0.33, 1), (40, 0.40, 1), (16, 0.50, 1), (800, 0.50, 1), (400, 0.20, 1),
                           (50, 0.40, 1), (20, 0.50, 1), (200, 0.40, 1), (80, 0.50, 1), (100, 0.40, 80),
                           (40, 0.50, 80), (1000, 0.40, 80), (400, 0.50, 80), (750, 0.40, 1),
                           (300, 0.50, 1), (7, 0.1, 3), (3, 0.5, 0)]:
    tr, te = train_test_split(np.arange(n), test_size=test_size, random_state=seed)
    splits.append({"n": n, "test_size": test_size, "seed": seed, "train": ints(tr), "test": ints(te)})

train_size_splits = []
for n, train_size, seed in [(918, 0.8, 55), (10, 0.75, 1), (33, 0.5, 2)]:
    tr, te = train_test_split(np.arange(n), train_size=train_size, random_state=seed)
    train_size_splits.append({"n": n, "train_size": train_size, "seed": seed, "train": ints(tr), "test": ints(te)})
assert train_size_splits[0]["train"][:8] == [309, 30, 869, 159, 307, 493, 293, 145]
assert train_size_splits[0]["test"][:8] == [35, 527, 812, 550, 671, 756, 642, 301]

rs = np.random.RandomState(0)
poly = []
for X, degree, bias in [(rs.randn(6, 2), 3, False), (rs.randn(5, 3), 2, False), (rs.rand(4, 1) * 49, 10, False),
                        (rs.randn(4, 2), 2, True), (rs.randn(3, 4), 3, False)]:
    pf = PolynomialFeatures(degree, include_bias=bias)
    poly.append({"X": mat(X), "degree": degree, "include_bias": bias, "out": mat(pf.fit_transform(X))})

scalers = []
for X in [rs.randn(7, 3) * [1, 100, 1e-3] + [5, -3, 0], np.linspace(0, 49, 18).reshape(-1, 1),
          np.column_stack([np.full(5, 3.7), rs.randn(5)]),
          PolynomialFeatures(10, include_bias=False).fit_transform(np.linspace(0, 49, 12).reshape(-1, 1))]:
    sc = StandardScaler().fit(X)
    scalers.append({"X": mat(X), "mean": vec(sc.mean_), "var": vec(sc.var_), "scale": vec(sc.scale_),
                    "out": mat(sc.transform(X))})


def course_features(m, seed, degree, test_size=0.33):
    """gen_data(m, seed, 0.7) and the train split, through PolynomialFeatures and StandardScaler."""
    x = np.linspace(0, 49, m)
    np.random.seed(seed)
    y_ideal = x**2
    y = y_ideal + 0.7 * y_ideal * (np.random.sample((m,)) - 0.5)
    X_train, X_test, y_train, y_test = train_test_split(x, y, test_size=test_size, random_state=1)
    pf = PolynomialFeatures(degree, include_bias=False)
    sc = StandardScaler()
    A = sc.fit_transform(pf.fit_transform(X_train.reshape(-1, 1)))
    At = sc.transform(pf.transform(X_test.reshape(-1, 1)))
    return A, y_train, At, y_test


linear = []
problems = [("random_3", rs.randn(20, 3), None), ("random_wide_rows", rs.randn(9, 5) * 10, None)]
problems[0] = ("random_3", problems[0][1], problems[0][1] @ [1.5, -2, 0.5] + 3 + rs.randn(20) * 0.1)
problems[1] = ("random_wide_rows", problems[1][1], rs.randn(9))
A, yt, At, yte = course_features(18, 2, 10)
problems.append(("course_degree10", A, yt))
A40, yt40, At40, yte40 = course_features(40, 5, 10, 0.40)
problems.append(("course40_degree10", A40, yt40))
for name, P, yy in problems:
    lr = LinearRegression().fit(P, yy)
    linear.append({"name": name, "X": mat(P), "y": vec(yy), "coef": vec(lr.coef_),
                   "intercept": float(lr.intercept_), "predict": vec(lr.predict(P))})
lr = LinearRegression().fit(A, yt)
err_train = mean_squared_error(yt, lr.predict(A)) / 2
err_test = mean_squared_error(yte, lr.predict(At)) / 2
assert f"training err {err_train:0.2f}, test err {err_test:0.2f}" == "training err 58.01, test err 171215.01"

# Why scikit-learn 1.9 prints 2086.18: it calls lstsq with cond=tol=1e-6,
# which zeroes the singular values below 1e-6 times the largest.
Ac = A - A.mean(axis=0)
coef19 = linalg.lstsq(Ac, yt - yt.mean(), cond=1e-6)[0]
pred19 = lambda Z: Z @ coef19 + (yt.mean() - A.mean(axis=0) @ coef19)  # noqa: E731
e19 = (mean_squared_error(yt, pred19(A)) / 2, mean_squared_error(yte, pred19(At)) / 2)
assert f"{e19[0]:0.2f} {e19[1]:0.2f}" == "2086.18 21384.05", e19
tol19 = {"tol": 1e-6, "coef": vec(coef19), "train_err": e19[0], "test_err": e19[1]}

ridge = []
for name, P, yy in problems:
    for alpha in (0.0, 1e-6, 1e-3, 0.1, 1.0, 100.0):
        r = Ridge(alpha=alpha).fit(P, yy)
        ridge.append({"name": name, "alpha": alpha, "X": mat(P), "y": vec(yy), "coef": vec(r.coef_),
                      "intercept": float(r.intercept_), "predict": vec(r.predict(P))})
# More features than samples: Ridge solves the dual (kernel) problem.
Aw, yw = rs.randn(4, 6), rs.randn(4)
for alpha in (0.01, 1.0):
    r = Ridge(alpha=alpha).fit(Aw, yw)
    ridge.append({"name": "more_features", "alpha": alpha, "X": mat(Aw), "y": vec(yw), "coef": vec(r.coef_),
                  "intercept": float(r.intercept_), "predict": vec(r.predict(Aw))})

mse = []
for a, b in [([2.4, 4.2], [2.3, 4.1]), ([3.0] * 10, [3.0] * 10), ([3.0], [0.0]), (rs.randn(13), rs.randn(13))]:
    mse.append({"y": vec(a), "yhat": vec(b), "mse": float(mean_squared_error(a, b))})

out = os.path.join(HERE, "golden.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"versions": PINS, "blobs": blobs, "splits": splits, "train_size_splits": train_size_splits,
               "poly": poly, "scalers": scalers,
               "linear": linear, "sklearn19_course_degree10": tol19, "ridge": ridge, "mse": mse}, f)
    f.write("\n")
print(f"wrote {out}")
