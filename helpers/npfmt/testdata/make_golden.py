#!/usr/bin/env python3
"""Regenerate golden.json: inputs and numpy's own str() of them.

The Go tests in ../golden_test.go check that npfmt.Sprint prints every case
exactly as numpy does. Run with any numpy >= 1.14 (default print options):

    python3 -m venv /tmp/np && /tmp/np/bin/pip install numpy
    /tmp/np/bin/python make_golden.py [path/to/seed-assignment.txt]

Values are stored as repr() strings so that they round-trip exactly and
nan/inf survive JSON. The optional argument is a text file holding the
course's print of X[0]; its 400 numbers become one more case.
"""
import json
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_DEFAULT = "/work/shared/course/seed-assignment.txt"

cases = []


def add_f32_scalar(name, value):
    v = np.float32(value)
    cases.append({"name": name, "kind": "scalar32", "shape": [],
                  "data": [repr(float(v))], "want": str(v)})


def add(name, value, kind=None):
    """Record value (numpy array or scalar) and numpy's str() of it."""
    if isinstance(value, np.ndarray):
        if kind is None:
            if value.dtype == np.float64:
                kind = "float64"
            elif value.dtype == np.float32:
                kind = "float32"
            elif value.dtype.kind in "iu":
                kind = "int"
            else:
                raise ValueError(f"{name}: unsupported dtype {value.dtype}")
        data = [repr(float(v)) if kind != "int" else str(int(v))
                for v in value.ravel(order="C")]
        cases.append({"name": name, "kind": kind,
                      "shape": list(value.shape), "data": data,
                      "want": str(value)})
    else:
        v = np.float64(value)
        cases.append({"name": name, "kind": "scalar", "shape": [],
                      "data": [repr(float(v))], "want": str(v)})


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


# --- The course's printed outputs (C2_W1.md). ---
W = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
b = np.array([0.1, 0.2, 0.3])
a1 = sigmoid(np.array([0.1, 0.2]) @ W + b)
add("course_my_dense", a1)
assert str(a1) == "[0.54735762 0.57932425 0.61063923]", str(a1)
# This input reproduces the course's printed 4x3 result.
A = np.array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]])
a2 = sigmoid(A @ W + b)
add("course_my_dense_v", a2)
assert str(a2) == ("[[0.54735762 0.57932425 0.61063923]\n"
                   " [0.57199613 0.61301418 0.65248946]\n"
                   " [0.5962827  0.64565631 0.6921095 ]\n"
                   " [0.62010643 0.67699586 0.72908792]]"), str(a2)
p = np.array([[0.981372833251953125]])
add("course_predict_one", p)
assert str(p) == "[[0.98137283]]", str(p)
add("course_predict_zero", np.array([[0.01574531]]))
col = np.array([[1.0], [2.0], [3.0]])
add("broadcast_plus5", col + 5)
add("broadcast_times5", col * 5)
add("broadcast_outer", np.array([[1.0], [2.0], [3.0], [4.0]]) + np.array([[1.0, 2.0, 3.0]]))
add("int_yhat0", np.array([0]))
add("int_yhat1", np.array([1]))
add("int_col", np.array([[0], [1], [1]]))
add("int_mixed", np.array([[-3, 10, 200], [7, -1000, 0]]))
add("exercise_2x3", np.array([[70.0, 80.0, 90.0], [158.0, 184.0, 210.0]]))

# --- Hand-picked edge cases. ---
add("empty_1d", np.array([], dtype=np.float64))
add("single_zero", np.array([0.0]))
add("zeros", np.zeros(5))
add("neg_zero", np.array([-0.0, 1.0]))
add("half", np.array([0.5]))
add("big_int_like", np.array([1e5, 2e5, 3.0e5]))
add("one_e5_and_small", np.array([1e5, 0.5]))
add("tiny_17", np.array([1.28335523e-17, 0.0, 1.0]))
add("tiny_only", np.array([1e-17]))
add("mixed_sign_exp", np.array([-7.37438725e-04, 0.0, 1.00109761, 1e-17]))
add("exp_large", np.array([1e8, 1.0]))
add("exp_huge_exponent", np.array([1e100, 1e-100, -2.5]))
add("exp_short", np.array([1e-5, 1.0]))
add("ratio_1000", np.array([1.0, 1000.0]))
add("ratio_1001", np.array([1.0, 1001.0]))
add("min_1e4", np.array([1e-4, 0.5]))
add("min_below_1e4", np.array([0.99e-4, 0.5]))
add("below_1e8", np.array([99999999.0, 1e6]))
add("ties", np.array([0.001953125, 0.005859375, 0.009765625, 0.0029296875]))
add("tie_exp", np.array([1.5, 1.953125e-5, 2.0**-30]))
add("long_digits", np.array([12345678.123456789, 1e5 + 1 / 3]))
add("third", np.array([1 / 3, 2 / 3, -1 / 3]))
add("point_three", np.array([0.1 + 0.2, 0.7]))
add("nan_inf", np.array([np.nan, 1.0, -np.inf]))
add("nan_only", np.array([np.nan]))
add("inf_pos", np.array([np.inf, 0.25]))
add("nan_exp", np.array([np.nan, 1e-9, 1.0]))
add("neg_inf_exp", np.array([-np.inf, 1e-9, 1.0]))
add("mat_1x1_neg", np.array([[-0.5]]))
add("mat_empty_row", np.zeros((0, 3)))
add("ints_as_float_wide", np.arange(0.0, 40.0))
add("ints_as_float_neg", np.arange(-20.0, 21.0))
add("range_mat", np.arange(0.0, 60.0).reshape(3, 20))
add("f32_vec", np.array([0.1, 1 / 3, -2.5, 1e-3], dtype=np.float32))
add("f32_exp", np.array([1e7, 1.0, 0.25], dtype=np.float32))
add("f32_mat", np.array([[0.1, 0.2], [1e-5, 3.0]], dtype=np.float32))
# float32: the cut-offs compare in float32 (0.0001 stays positional) and
# digits past the shortest ones are exact (7.5231149e-04, not ...150e-04).
add("f32_small_positional", np.array([0.0001, 0.0005, 0.001, 0.0], dtype=np.float32))
add("f32_exact_digits", np.array([-7.5231149e-04, 2.9168036e-04, -3.3790435e-05, 0.0], dtype=np.float32))

# Scalars print like Python floats.
for i, s in enumerate([0.5, 3.0, 1e-5, 1e16, 1e15, 0.1 + 0.2, -0.0, 0.0001,
                       123456789.125, 1.2345678901234567e17, float("nan"),
                       float("inf"), -float("inf"), 0.98137283, 5e-324]):
    add(f"scalar_{i}", s)

for i, s in enumerate([0.1, 1 / 3, 1e-5, 3.0, 1e16, 16777216.0, 1e-45,
                       999999.0, 1e6, 1e-4, 1.0001e-4, -2.5]):
    add_f32_scalar(f"scalar32_{i}", s)

# --- Random arrays of many scales and shapes (seeded). ---
rng = np.random.default_rng(20240611)
for i in range(60):
    nd = 1 if i % 2 == 0 else 2
    shape = (int(rng.integers(1, 30)),) if nd == 1 else (int(rng.integers(1, 8)), int(rng.integers(1, 14)))
    scale = 10.0 ** rng.integers(-20, 12)
    x = rng.standard_normal(shape) * scale
    mode = i % 5
    if mode == 1:
        x = np.abs(x)
    elif mode == 2:
        x[rng.random(shape) < 0.4] = 0.0
    elif mode == 3:
        x = np.round(x)
    elif mode == 4:
        x = rng.random(shape) * rng.choice([1.0, 10.0, 100.0, 999.0])
    add(f"random_{i:02d}", x)

# Uniform [0,1): the common case of probabilities.
add("probs_25", rng.random(25))
add("probs_15x1", rng.random((15, 1)))
add("glorot_15", (rng.random(15) * 2 - 1) * np.sqrt(6 / 16))
add("glorot_400x3", (rng.random((40, 3)) * 2 - 1) * np.sqrt(6 / 425))

# MNIST-like pixels: mostly zeros, a stroke near 1, small resampling noise
# (negatives and values like 1e-17), as one 400-vector and as a 1x400 matrix.
img = np.zeros(400)
stroke = rng.choice(400, 120, replace=False)
img[stroke] = rng.random(120) * 1.05
noise = rng.choice(400, 60, replace=False)
img[noise] = (rng.random(60) - 0.6) * 0.05
img[[5, 77]] = [1.28335523e-17, 6.20939216e-18]
add("mnist_like_400", img)
add("mnist_like_1x400", img.reshape(1, 400))
add("mnist_like_20x20", img.reshape(20, 20).T.copy())

# Summarised output (more than 1000 elements).
add("summary_1d_1001", np.arange(1001.0) / 7)
add("summary_2d_50x25", rng.random((50, 25)))
add("summary_2d_2x600", rng.standard_normal((2, 600)))
add("summary_2d_600x2", rng.standard_normal((600, 2)) * 1e-6)
add("summary_int_col", np.arange(1001).reshape(1001, 1) % 2)
add("no_summary_1000", np.arange(1000.0) / 1000)

# --- The course's print of X[0] (400 numbers, scientific notation). ---
seed = sys.argv[1] if len(sys.argv) > 1 else SEED_DEFAULT
if os.path.exists(seed):
    text = open(seed, encoding="utf-8").read()
    m = re.search(r"The first element of X is:\s*\[([^\]]*)\]", text)
    if m:
        x0 = np.array([float(t) for t in m.group(1).split()])
        assert x0.shape == (400,), x0.shape
        add("course_X0", x0)
        # The seed lost numpy's line breaks; the tokens must match.
        assert str(x0).strip("[]").split() == m.group(1).split()
else:
    print(f"note: {seed} not found; skipping the course_X0 case", file=sys.stderr)

out = os.path.join(HERE, "golden.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"numpy_version": np.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases to {out} (numpy {np.__version__})")
