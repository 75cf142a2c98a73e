#!/usr/bin/env python3
"""Regenerate golden.json: numpy's own random streams, for ../golden_test.go.

The Go package must give these values bit for bit: the legacy RandomState
(MT19937 seeded by np.random.seed(n) / RandomState(n)) and default_rng(n)
(SeedSequence + PCG64). Run it in a throwaway venv with the pinned numpy:

    python3 -m venv /tmp/np && /tmp/np/bin/pip install numpy==2.4.6
    /tmp/np/bin/python make_golden.py

Floats are written by json (Python's repr), which Go's strconv.ParseFloat
reads back exactly.
"""
import json
import os

import numpy as np

NUMPY = "2.4.6"
assert np.__version__ == NUMPY, f"numpy {np.__version__}; the golden file is pinned to {NUMPY}"

HERE = os.path.dirname(os.path.abspath(__file__))


def floats(a):
    return [float(v) for v in np.asarray(a).ravel()]


def ints(a):
    return [int(v) for v in np.asarray(a).ravel()]


legacy = []
# Each case is one RandomState and a list of calls made on it in order, so the
# state carried between calls (the MT position, the cached Gaussian) is tested.
for seed, n_sample, n_gauss in [(0, 50, 51), (1, 700, 50), (2, 50, 701), (5, 700, 7),
                                (30, 40, 40), (80, 10, 10), (12345, 10, 3),
                                (2**32 - 1, 700, 700)]:
    rs = np.random.RandomState(seed)
    calls = []
    calls.append({"call": "random_sample", "n": n_sample, "floats": floats(rs.random_sample(n_sample))})
    calls.append({"call": "randn", "n": n_gauss, "floats": floats(rs.randn(n_gauss))})
    # An odd count leaves a Gaussian cached; permutation must not drop it.
    calls.append({"call": "permutation", "n": 10, "ints": ints(rs.permutation(10))})
    calls.append({"call": "normal", "loc": 3.5, "scale": 0.4, "n": 5,
                  "floats": floats(rs.normal(3.5, 0.4, 5))})
    calls.append({"call": "randint", "low": 0, "high": 10, "n": 30, "ints": ints(rs.randint(0, 10, 30))})
    calls.append({"call": "randint", "low": -5, "high": 1000, "n": 30, "ints": ints(rs.randint(-5, 1000, 30))})
    calls.append({"call": "randint", "low": 7, "high": 8, "n": 3, "ints": ints(rs.randint(7, 8, 3))})
    calls.append({"call": "randint", "low": 0, "high": 2**32, "n": 5, "ints": ints(rs.randint(0, 2**32, 5))})
    calls.append({"call": "rand", "n": 3, "floats": floats(rs.rand(3))})
    for n in (0, 1, 2, 18, 40, 800, 1000):
        calls.append({"call": "permutation", "n": n, "ints": ints(rs.permutation(n))})
    a = np.arange(25)
    rs.shuffle(a)
    calls.append({"call": "shuffle", "n": 25, "ints": ints(a)})
    calls.append({"call": "randn", "n": 3, "floats": floats(rs.randn(3))})
    legacy.append({"seed": seed, "calls": calls})

# np.random.seed(n) seeds the global RandomState exactly as RandomState(n) does.
np.random.seed(2)
global_sample = floats(np.random.sample((18,)))
assert global_sample == floats(np.random.RandomState(2).random_sample(18))

pcg = []
for seed in (0, 1, 2, 42, 12345, 2**32, 2**40 + 3, 2**64 - 1):
    ss = np.random.SeedSequence(seed)
    g = np.random.default_rng(seed)
    raw = np.random.PCG64(seed).random_raw(20)
    pcg.append({
        "seed": str(seed),  # may not fit an IEEE double
        "pool": ints(ss.pool),
        "state32": ints(ss.generate_state(8, np.uint32)),
        "state64": [str(v) for v in ss.generate_state(4, np.uint64)],
        "raw": [str(int(v)) for v in raw],
        "random": floats(g.random(300)),
    })

out = os.path.join(HERE, "golden.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"numpy_version": np.__version__, "legacy": legacy, "global_seed2_sample18": global_sample,
               "pcg64": pcg}, f, indent=0)
    f.write("\n")
print(f"wrote {out} (numpy {np.__version__})")
