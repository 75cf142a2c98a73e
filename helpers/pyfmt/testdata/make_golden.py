#!/usr/bin/env python3
"""Regenerate golden.json: Go-side inputs and Python's own repr of them.

The Go test ../golden_test.go checks that pyfmt prints each case as Python
(lists, floats, tuples) and numpy (repr of a 1-D int array) print it. Run
with numpy installed (numpy only feeds the "array" cases):

    python3 -m venv /tmp/np && /tmp/np/bin/pip install numpy
    /tmp/np/bin/python make_golden.py
"""
import json
import math
import os
import platform

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

lists = [[], [0], [0, 1, 4, 7], [5], [2, 3, 6, 9], [0, 1, 2, 3, 4, 7, 9], [-1, 10, 200], list(range(12))]
floats = [0.0, 1.0, -1.0, 0.5, 0.034851554559677034, 0.12451124978365313, 0.2780719051126377,
          0.7219280948873623, 0.918295, 1e-05, 0.0001, 1e16, 1e15, 123456.0, 2.0 / 3.0, -0.0,
          math.log2(3), 1 / 3 - 1e-17]
tuples = [([0, 3, 4, 5, 7], [1, 2, 6, 8, 9]), ([], [1]), ([1],), (1, 2.0, [3])]
arrays = [[1, 1, 1], [0, 1, 0], [1], [], [10, -2, 3]]

cases = []
for v in lists:
    cases.append({"kind": "list", "ints": v, "want": repr(v)})
for v in floats:
    cases.append({"kind": "float", "float": repr(v), "want": repr(v)})
for v in tuples:
    parts = []
    for x in v:
        if isinstance(x, list):
            parts.append({"ints": x})
        elif isinstance(x, float):
            parts.append({"float": repr(x)})
        else:
            parts.append({"int": x})
    cases.append({"kind": "tuple", "parts": parts, "want": repr(v)})
for v in arrays:
    cases.append({"kind": "array", "ints": v, "want": repr(np.array(v, dtype=np.int64))})

with open(os.path.join(HERE, "golden.json"), "w") as f:
    json.dump({"python_version": platform.python_version(), "numpy_version": np.__version__,
               "cases": cases}, f, indent=1)
    f.write("\n")
