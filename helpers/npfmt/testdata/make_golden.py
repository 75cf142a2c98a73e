#!/usr/bin/env python3
"""Regenerate golden.json: inputs and numpy's own str() of them.

The Go tests in ../golden_test.go check that npfmt prints every case exactly
as numpy does: float64 and float32 arrays (the latter also as float64
containers marked with npfmt.Float32), at numpy's default print options and,
for cases with a "precision" field, under np.set_printoptions(precision=N)
(npfmt.Options{Precision: N}; the multiclass lab uses 2). Run with numpy >= 2:

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


def add(name, value, kind=None, precision=None):
    """Record value (numpy array or scalar) and numpy's str() of it, under
    np.set_printoptions(precision=precision) when precision is given."""
    if precision is not None:
        with np.printoptions(precision=precision):
            add(name, value, kind)
        cases[-1]["precision"] = precision
        return
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

# --- float32 arrays (what a Keras model computes), at precision 8 and 2. ---
# numpy prints the shortest digits that identify the float32: 0.980979,
# not 0.98097903 (the same float32 printed as a float64).
for prec in (None, 2):
    sfx = "" if prec is None else "_p2"
    add("f32_predict_one" + sfx, np.array([[0.980979]], dtype=np.float32), precision=prec)
    add("f32_predict_zero" + sfx, np.array([[0.02547091]], dtype=np.float32), precision=prec)
    add("f32_softmax_4" + sfx, np.exp(np.arange(1.0, 5.0, dtype=np.float32)) /
        np.exp(np.arange(1.0, 5.0, dtype=np.float32)).sum(), precision=prec)
    add("f32_col_15" + sfx, (rng.random((15, 1)) * 2 - 1).astype(np.float32), precision=prec)
    add("f32_glorot_25" + sfx, ((rng.random(25) * 2 - 1) * np.sqrt(6 / 425)).astype(np.float32), precision=prec)
    add("f32_glorot_8x5" + sfx, ((rng.random((8, 5)) * 2 - 1) * np.sqrt(6 / 40)).astype(np.float32), precision=prec)
    add("f32_bias_zero" + sfx, np.zeros(15, dtype=np.float32), precision=prec)
    add("f32_nan_inf" + sfx, np.array([np.nan, -np.inf, 0.1, 2.0], dtype=np.float32), precision=prec)
    add("f32_big" + sfx, np.array([[999999.0, 1.5], [3.0, 0.25]], dtype=np.float32), precision=prec)
    add("f32_million" + sfx, np.array([1e6, 1.5], dtype=np.float32), precision=prec)
    add("f32_exp_small" + sfx, np.array([[1e-5, 0.5, -3.25e-7]], dtype=np.float32), precision=prec)
    add("f32_summary" + sfx, rng.standard_normal((40, 30)).astype(np.float32), precision=prec)
    for i in range(24):
        nd = 1 if i % 2 == 0 else 2
        shape = (int(rng.integers(1, 30)),) if nd == 1 else (int(rng.integers(1, 8)), int(rng.integers(1, 14)))
        x = (rng.standard_normal(shape) * 10.0 ** rng.integers(-9, 9)).astype(np.float32)
        if i % 4 == 1:
            x = np.abs(x)
        elif i % 4 == 2:
            x[rng.random(shape) < 0.4] = 0
        elif i % 4 == 3:
            x = (rng.random(shape) * rng.choice([1.0, 10.0, 100.0, 999.0])).astype(np.float32)
        add(f"f32_random_{i:02d}" + sfx, x, precision=prec)

# --- precision=2, the multiclass lab (C2_W2.md). ---
logits = np.array([[-7.9912, -2.2317, 0.7704, -2.4098, -11.6623, -11.1521,
                    -9.5316, -3.3582, -4.4213, -7.1708]])
add("p2_logits_1x10", logits, precision=2)
with np.printoptions(precision=2):
    assert str(logits) == "[[ -7.99  -2.23   0.77  -2.41 -11.66 -11.15  -9.53  -3.36  -4.42  -7.17]]", str(logits)
add("p2_logits_f32", logits.astype(np.float32), precision=2)
add("p2_logits_tf215", np.array([[-5.2219, 1.1904, 7.0309, 2.7302, -4.7805, -7.9198,
                                  -1.1609, 0.5267, -3.0598, -6.0012]]), precision=2)
probs = np.array([[1.4213e-04, 4.4912e-02, 8.9803e-01, 3.7611e-02, 3.6104e-06,
                   5.9695e-06, 3.0322e-05, 1.4387e-02, 5.0312e-03, 3.2214e-04]])
add("p2_probs_1x10", probs, precision=2)
with np.printoptions(precision=2):
    assert str(probs) == ("[[1.42e-04 4.49e-02 8.98e-01 3.76e-02 3.61e-06 5.97e-06 3.03e-05 1.44e-02\n"
                          "  5.03e-03 3.22e-04]]"), str(probs)
add("p2_probs_1x10_f32", probs.astype(np.float32), precision=2)
z = np.array([1.0, 2.0, 3.0, 4.0])
sm = np.exp(z) / np.exp(z).sum()
add("p2_softmax_4", sm, precision=2)
with np.printoptions(precision=2):
    assert str(sm) == "[0.03 0.09 0.24 0.64]", str(sm)
add("p2_softmax_tenth", np.full(10, 0.1), precision=2)
add("p2_ties", np.array([0.125, 0.375, 0.625, 2.5, 0.005, 0.015, 1.005, -0.875]), precision=2)
add("p2_ties_exp", np.array([1.125e-5, 2.375e-7, 0.5, -1.625]), precision=2)
add("p2_six", np.array([-6.0, 1.5, 0.25]), precision=2)
add("p2_exp_ones", np.array([1.0, 1e-5, 0.0]), precision=2)
add("p2_zeros", np.zeros((2, 3)), precision=2)
add("p2_nan_inf", np.array([np.nan, 1.0, -np.inf, 0.001]), precision=2)
add("p2_nan_inf_exp", np.array([np.nan, 1e-9, np.inf]), precision=2)
add("p2_big", np.array([1e8, 3.0, -2.0]), precision=2)
add("p2_huge_exp", np.array([1e100, 1e-100, -2.5]), precision=2)
add("p2_ratio", np.array([[1.0, 1000.0], [1001.0, 2.0]]), precision=2)
add("p2_summary_1d", np.arange(1001.0) / 7, precision=2)
add("p2_summary_2d", rng.standard_normal((60, 30)) * 1e-3, precision=2)
add("p2_mnist_like_400", img, precision=2)
add("p2_mnist_like_1x400", img.reshape(1, 400), precision=2)
add("p2_mnist_like_20x20", img.reshape(20, 20).T.copy(), precision=2)
add("p2_mnist_positional_400", np.abs(img) * (img > 0.01), precision=2)
for i in range(60):
    nd = 1 if i % 2 == 0 else 2
    shape = (int(rng.integers(1, 40)),) if nd == 1 else (int(rng.integers(1, 8)), int(rng.integers(1, 16)))
    scale = 10.0 ** rng.integers(-12, 12)
    x = rng.standard_normal(shape) * scale
    mode = i % 6
    if mode == 1:
        x = np.abs(x)
    elif mode == 2:
        x[rng.random(shape) < 0.4] = 0.0
    elif mode == 3:
        x = np.round(x, int(rng.integers(0, 3)))
    elif mode == 4:
        x = rng.random(shape) * rng.choice([1.0, 10.0, 100.0, 999.0])
    elif mode == 5:
        x = -rng.random(shape) * rng.choice([1.0, 10.0, 100.0])
    add(f"p2_random_{i:02d}", x, precision=2)
# Other precisions an Options value may carry.
for prec in (1, 3, 4, 5):
    add(f"p{prec}_random_vec", rng.standard_normal(12) * 3, precision=prec)
    add(f"p{prec}_random_exp", rng.standard_normal((3, 4)) * 1e-5, precision=prec)

# --- The course's print of X[0] (400 numbers, scientific notation). ---
seed = sys.argv[1] if len(sys.argv) > 1 else SEED_DEFAULT
if os.path.exists(seed):
    text = open(seed, encoding="utf-8").read()
    m = re.search(r"The first element of X is:\s*\[([^\]]*)\]", text)
    if m:
        x0 = np.array([float(t) for t in m.group(1).split()])
        assert x0.shape == (400,), x0.shape
        add("course_X0", x0)
        add("course_X0_p2", x0, precision=2)
        add("course_X0_1x400_p2", x0.reshape(1, 400), precision=2)
        with np.printoptions(precision=2):
            lines = str(x0).split("\n")
        # C2_W2.md: 58 lines, seven values a line, the last "  0.00e+00]"
        # (the X[0] print of the multiclass lab).
        assert len(lines) == 58 and lines[-1].strip() == "0.00e+00]", lines[-3:]
        assert lines[0] == "[ 0.00e+00  0.00e+00  0.00e+00  0.00e+00  0.00e+00  0.00e+00  0.00e+00", lines[0]
        # The seed lost numpy's line breaks; the tokens must match.
        assert str(x0).strip("[]").split() == m.group(1).split()
else:
    print(f"note: {seed} not found; skipping the course_X0 case", file=sys.stderr)

out = os.path.join(HERE, "golden.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"numpy_version": np.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases to {out} (numpy {np.__version__})")
