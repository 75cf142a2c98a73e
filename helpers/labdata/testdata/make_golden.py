#!/usr/bin/env python3
"""Regenerate golden.json: the labs' data and the numbers they print, made by
the course's own helper code (typed out below) with the pinned numpy and
scikit-learn, for ../golden_test.go and ../../polyreg's tests.

    python3 -m venv /tmp/sk && /tmp/sk/bin/pip install numpy==2.4.6 scipy==1.17.1 scikit-learn==1.8.0
    /tmp/sk/bin/python make_golden.py

The script asserts every number the course's notebooks print (C2_W3.md,
C2_optional_labs.md §2, §9, §10), so the golden file holds the course's
numbers, not just today's scikit-learn's.
"""
import json
import os

import numpy as np
import scipy
import sklearn
from sklearn.datasets import make_blobs
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

PINS = {"numpy": "2.4.6", "scipy": "1.17.1", "scikit-learn": "1.8.0"}
assert (np.__version__, scipy.__version__, sklearn.__version__) == tuple(PINS.values())

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")


def vec(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def ints(a):
    return [int(v) for v in np.asarray(a).ravel()]


# --- The week-3 lab's helper file (assigment_utils.py). ---
def gen_data(m, seed=1, scale=0.7):
    c = 0
    x_train = np.linspace(0, 49, m)
    np.random.seed(seed)
    y_ideal = x_train**2 + c
    y_train = y_ideal + scale * y_ideal * (np.random.sample((m,)) - 0.5)
    x_ideal = x_train
    return x_train, y_train, x_ideal, y_ideal


def gen_blobs():
    classes = 6
    m = 800
    std = 0.4
    centers = np.array([[-1, 0], [1, 0], [0, 1], [0, -1], [-2, 1], [-2, -1]])
    X, y = make_blobs(n_samples=m, centers=centers, cluster_std=std, random_state=2, n_features=2)
    return (X, y, centers, classes, std)


class lin_model:
    def __init__(self, degree, regularization=False, lambda_=0):
        self.linear_model = Ridge(alpha=lambda_) if regularization else LinearRegression()
        self.poly = PolynomialFeatures(degree, include_bias=False)
        self.scaler = StandardScaler()

    def fit(self, X_train, y_train):
        X_train_mapped = self.poly.fit_transform(X_train.reshape(-1, 1))
        X_train_mapped_scaled = self.scaler.fit_transform(X_train_mapped)
        self.linear_model.fit(X_train_mapped_scaled, y_train)

    def predict(self, X):
        X_mapped = self.poly.transform(X.reshape(-1, 1))
        X_mapped_scaled = self.scaler.transform(X_mapped)
        return self.linear_model.predict(X_mapped_scaled)

    def mse(self, y, yhat):
        return mean_squared_error(y, yhat) / 2


gold = {"versions": PINS}

# 2.1-2.3: 18 points, one split, degree 10.
X, y, x_ideal, y_ideal = gen_data(18, 2, 0.7)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.33, random_state=1)
assert (X_train.shape, X_test.shape) == ((12,), (6,))
lmodel = lin_model(10)
lmodel.fit(X_train, y_train)
err_train = lmodel.mse(y_train, lmodel.predict(X_train))
err_test = lmodel.mse(y_test, lmodel.predict(X_test))
line = f"training err {err_train:0.2f}, test err {err_test:0.2f}"
assert line == "training err 58.01, test err 171215.01", line
gold["w3_18"] = {"x": vec(X), "y": vec(y), "y_ideal": vec(y_ideal), "err_train": err_train, "err_test": err_test,
                 "print": line, "x_plot_pred": vec(lmodel.predict(np.linspace(0, 49, 100)))}

# 2.3-3.3: 40 points, 60/20/20.
X, y, x_ideal, y_ideal = gen_data(40, 5, 0.7)
X_train, X_, y_train, y_ = train_test_split(X, y, test_size=0.40, random_state=1)
X_cv, X_test, y_cv, y_test = train_test_split(X_, y_, test_size=0.50, random_state=1)
assert (X_train.shape, X_cv.shape, X_test.shape) == ((24,), (8,), (8,))
err_train, err_cv = np.zeros(9), np.zeros(9)
for degree in range(1, 10):
    lmodel = lin_model(degree)
    lmodel.fit(X_train, y_train)
    err_train[degree - 1] = lmodel.mse(y_train, lmodel.predict(X_train))
    err_cv[degree - 1] = lmodel.mse(y_cv, lmodel.predict(X_cv))
optimal_degree = int(np.argmin(err_cv)) + 1
assert optimal_degree == 2
lambda_range = [0.0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100]
reg_train, reg_cv = np.zeros(10), np.zeros(10)
for i, lam in enumerate(lambda_range):
    lmodel = lin_model(10, regularization=True, lambda_=lam)
    lmodel.fit(X_train, y_train)
    reg_train[i] = lmodel.mse(y_train, lmodel.predict(X_train))
    reg_cv[i] = lmodel.mse(y_cv, lmodel.predict(X_cv))
optimal_reg_idx = int(np.argmin(reg_cv))
assert lambda_range[optimal_reg_idx] == 1.0
gold["w3_40"] = {"x": vec(X), "y": vec(y), "degree_err_train": vec(err_train), "degree_err_cv": vec(err_cv),
                 "optimal_degree": optimal_degree, "lambdas": lambda_range, "reg_err_train": vec(reg_train),
                 "reg_err_cv": vec(reg_cv), "optimal_reg_idx": optimal_reg_idx}

# 3.4: more data, degree 16.
m_range = list(range(50, 751, 50))
tm_train, tm_cv = [], []
for m in m_range:
    X, y, _, _ = gen_data(m, 5, 0.7)
    X_train, X_, y_train, y_ = train_test_split(X, y, test_size=0.40, random_state=1)
    X_cv, X_test, y_cv, y_test = train_test_split(X_, y_, test_size=0.50, random_state=1)
    lmodel = lin_model(16)
    lmodel.fit(X_train, y_train)
    tm_train.append(lmodel.mse(y_train, lmodel.predict(X_train)))
    tm_cv.append(lmodel.mse(y_cv, lmodel.predict(X_cv)))
gold["w3_tune_m"] = {"m": m_range, "err_train": tm_train, "err_cv": tm_cv, "y750": vec(gen_data(750, 5, 0.7)[1])}

# 4.1: the blobs and their two splits.
X, y, centers, classes, std = gen_blobs()
X_train, X_, y_train, y_ = train_test_split(X, y, test_size=0.50, random_state=1)
X_cv, X_test, y_cv, y_test = train_test_split(X_, y_, test_size=0.20, random_state=1)
line = f"X_train.shape: {X_train.shape} X_cv.shape: {X_cv.shape} X_test.shape: {X_test.shape}"
assert line == "X_train.shape: (400, 2) X_cv.shape: (320, 2) X_test.shape: (80, 2)", line
gold["w3_blobs"] = {"X": vec(X), "y": ints(y), "X_train": vec(X_train), "y_train": ints(y_train),
                    "X_cv": vec(X_cv), "y_cv": ints(y_cv), "X_test": vec(X_test), "y_test": ints(y_test),
                    "print": line}


# --- The coffee-roasting labs (lab_coffee_utils.py). ---
def load_coffee_data():
    rng = np.random.default_rng(2)
    X = rng.random(400).reshape(-1, 2)
    X[:, 1] = X[:, 1] * 4 + 11.5
    X[:, 0] = X[:, 0] * (285 - 150) + 150
    Y = np.zeros(len(X))
    i = 0
    for t, d in X:
        y = -3 / (260 - 175) * t + 21
        if t > 175 and t < 260 and d > 12 and d < 15 and d <= y:
            Y[i] = 1
        else:
            Y[i] = 0
        i += 1
    return (X, Y.reshape(-1, 1))


X, Y = load_coffee_data()
assert int(Y.sum()) == 43
prints = [f"Temperature Max, Min pre normalization: {np.max(X[:, 0]):0.2f}, {np.min(X[:, 0]):0.2f}",
          f"Duration    Max, Min pre normalization: {np.max(X[:, 1]):0.2f}, {np.min(X[:, 1]):0.2f}"]
assert prints == ["Temperature Max, Min pre normalization: 284.99, 151.32",
                  "Duration    Max, Min pre normalization: 15.45, 11.51"], prints
gold["coffee"] = {"X": vec(X), "Y": vec(Y), "prints": prints}

# --- Week 3, optional lab 1 (model evaluation and selection). ---
data = np.loadtxt(os.path.join(DATA, "data_w3_ex1.csv"), delimiter=",")
x = np.expand_dims(data[:, 0], axis=1)
y = np.expand_dims(data[:, 1], axis=1)
x_train, x_, y_train, y_ = train_test_split(x, y, test_size=0.40, random_state=1)
x_cv, x_test, y_cv, y_test = train_test_split(x_, y_, test_size=0.50, random_state=1)
scaler_linear = StandardScaler()
X_train_scaled = scaler_linear.fit_transform(x_train)
lab1 = [f"Computed mean of the training set: {scaler_linear.mean_.squeeze():.2f}",
        f"Computed standard deviation of the training set: {scaler_linear.scale_.squeeze():.2f}"]
linear_model = LinearRegression()
linear_model.fit(X_train_scaled, y_train)
lin_train = mean_squared_error(y_train, linear_model.predict(X_train_scaled)) / 2
lin_cv = mean_squared_error(y_cv, linear_model.predict(scaler_linear.transform(x_cv))) / 2
poly = PolynomialFeatures(degree=2, include_bias=False)
X_train_mapped = poly.fit_transform(x_train)
scaler_poly = StandardScaler()
X_train_mapped_scaled = scaler_poly.fit_transform(X_train_mapped)
with np.printoptions(precision=2):
    previews = [str(X_train_mapped[:5]), str(X_train_mapped_scaled[:5])]
model = LinearRegression()
model.fit(X_train_mapped_scaled, y_train)
poly2_train = mean_squared_error(y_train, model.predict(X_train_mapped_scaled)) / 2
poly2_cv = mean_squared_error(y_cv, model.predict(scaler_poly.transform(poly.transform(x_cv)))) / 2
train_mses, cv_mses, models, polys, scalers = [], [], [], [], []
for degree in range(1, 11):
    poly = PolynomialFeatures(degree, include_bias=False)
    X_train_mapped = poly.fit_transform(x_train)
    polys.append(poly)
    scaler_poly = StandardScaler()
    X_train_mapped_scaled = scaler_poly.fit_transform(X_train_mapped)
    scalers.append(scaler_poly)
    model = LinearRegression()
    model.fit(X_train_mapped_scaled, y_train)
    models.append(model)
    train_mses.append(mean_squared_error(y_train, model.predict(X_train_mapped_scaled)) / 2)
    X_cv_mapped_scaled = scaler_poly.transform(poly.transform(x_cv))
    cv_mses.append(mean_squared_error(y_cv, model.predict(X_cv_mapped_scaled)) / 2)
degree = int(np.argmin(cv_mses)) + 1
X_test_mapped_scaled = scalers[degree - 1].transform(polys[degree - 1].transform(x_test))
test_mse = mean_squared_error(y_test, models[degree - 1].predict(X_test_mapped_scaled)) / 2
lab1 += [f"Lowest CV MSE is found in the model with degree={degree}",
         f"Training MSE: {train_mses[degree - 1]:.2f}",
         f"Cross Validation MSE: {cv_mses[degree - 1]:.2f}",
         f"Test MSE: {test_mse:.2f}"]
assert lab1 == ["Computed mean of the training set: 2504.06",
                "Computed standard deviation of the training set: 574.85",
                "Lowest CV MSE is found in the model with degree=4",
                "Training MSE: 47.15", "Cross Validation MSE: 79.43", "Test MSE: 104.63"], lab1
assert f"{lin_train:.8f}" == "406.19374193" and f"{lin_cv:.8f}" == "551.77890270", (lin_train, lin_cv)
assert f"{poly2_train:.8f}" == "49.11160933" and f"{poly2_cv:.8f}" == "87.69841211", (poly2_train, poly2_cv)
assert previews[0] == ("[[3.32e+03 1.11e+07]\n [2.34e+03 5.50e+06]\n [3.49e+03 1.22e+07]\n"
                       " [2.63e+03 6.92e+06]\n [2.59e+03 6.71e+06]]"), previews[0]
assert previews[1] == ("[[ 1.43  1.47]\n [-0.28 -0.36]\n [ 1.71  1.84]\n [ 0.22  0.11]\n [ 0.15  0.04]]"), previews[1]
data2 = np.loadtxt(os.path.join(DATA, "data_w3_ex2.csv"), delimiter=",")
bc_train, _, _, _ = train_test_split(np.arange(200), np.arange(200), test_size=0.40, random_state=1)
gold["lab1"] = {"prints": lab1, "linear_train_mse": lin_train, "linear_cv_mse": lin_cv,
                "poly2_train_mse": poly2_train, "poly2_cv_mse": poly2_cv, "previews": previews,
                "train_mses": train_mses, "cv_mses": cv_mses, "degree": degree, "test_mse": test_mse,
                "ex2_train_rows": ints(bc_train)}


# --- Week 3, optional lab 2 (utils.py: prepare_dataset and the sweeps behind its plots). ---
def prepare_dataset(filename):
    data = np.loadtxt(filename, delimiter=",")
    x = data[:, :-1]
    y = data[:, -1]
    x_train, x_, y_train, y_ = train_test_split(x, y, test_size=0.40, random_state=80)
    x_cv, x_test, y_cv, y_test = train_test_split(x_, y_, test_size=0.50, random_state=80)
    return x_train, y_train, x_cv, y_cv, x_test, y_test


def sweep(x_train, y_train, x_cv, y_cv, degrees, alphas=None):
    """The fits utils' train_plot_poly (alphas None) and train_plot_reg_params make."""
    train, cv = [], []
    for i in range(len(degrees) if alphas is None else len(alphas)):
        degree = degrees[i] if alphas is None else degrees[0]
        model = LinearRegression() if alphas is None else Ridge(alpha=alphas[i])
        poly = PolynomialFeatures(degree, include_bias=False)
        scaler = StandardScaler()
        A = scaler.fit_transform(poly.fit_transform(x_train))
        model.fit(A, y_train)
        train.append(mean_squared_error(y_train, model.predict(A)) / 2)
        cv.append(mean_squared_error(y_cv, model.predict(scaler.transform(poly.transform(x_cv)))) / 2)
    return train, cv


lab2 = {}
for name in ("c2w3_lab2_data1.csv", "c2w3_lab2_data2.csv", "c2w3_lab2_data3.csv", "c2w3_lab2_data4.csv"):
    x_train, y_train, x_cv, y_cv, x_test, y_test = prepare_dataset(os.path.join(DATA, name))
    entry = {"shapes": [list(a.shape) for a in (x_train, y_train, x_cv, y_cv, x_test, y_test)],
             "first5": str(x_train[:5])}
    max_degree = {"c2w3_lab2_data1.csv": 10, "c2w3_lab2_data2.csv": 6}.get(name, 4)
    entry["poly_train"], entry["poly_cv"] = sweep(x_train, y_train, x_cv, y_cv, list(range(1, max_degree + 1)))
    if name == "c2w3_lab2_data2.csv":
        alphas = [10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01]
        entry["alphas"] = alphas
        entry["ridge_train"], entry["ridge_cv"] = sweep(x_train, y_train, x_cv, y_cv, [4], alphas)
    lab2[name] = entry
assert lab2["c2w3_lab2_data1.csv"]["first5"] == ("[[3757.57575758]\n [2878.78787879]\n [3545.45454545]\n"
                                                 " [1575.75757576]\n [1666.66666667]]")
assert lab2["c2w3_lab2_data3.csv"]["first5"].startswith("[[1.41929130e+07 3.75757576e+03 5.49494949e+00]")
assert lab2["c2w3_lab2_data4.csv"]["shapes"][0] == [600, 2]
gold["lab2"] = lab2

with open(os.path.join(HERE, "golden.json"), "w", encoding="utf-8") as f:
    json.dump(gold, f)
    f.write("\n")
print("wrote golden.json")
