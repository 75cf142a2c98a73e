"""Measure numpy's matrix-product speed for the lab's layer sizes and print JSON.

The product timed is the first layer's for one batch, (32 x 400) @ (400 x 25), in float32 (what
Keras trains in) and float64; the two smaller layers' products are timed too. Each figure is the
best of several repetitions of a loop lasting at least --min seconds, with preallocated output
(np.matmul(..., out=c)), so it is the speed of the BLAS numpy links (OpenBLAS in the wheel).

Usage: python bench/peak.py [--reps 5] [--min 0.2]
"""

import argparse
import json
import time

import numpy as np


def measure(m, k, n, dtype, reps, min_seconds):
    rng = np.random.default_rng(1)
    a = rng.random((m, k)).astype(dtype)
    b = rng.random((k, n)).astype(dtype)
    c = np.empty((m, n), dtype=dtype)
    count = 1
    while True:  # calibrate: one repetition lasts at least min_seconds
        start = time.perf_counter()
        for _ in range(count):
            np.matmul(a, b, out=c)
        if time.perf_counter() - start >= min_seconds / 4:
            break
        count *= 2
    count *= 4
    best = float("inf")
    for _ in range(reps):
        start = time.perf_counter()
        for _ in range(count):
            np.matmul(a, b, out=c)
        best = min(best, time.perf_counter() - start)
    sec = best / count
    return {
        "shape": f"({m} x {k}) @ ({k} x {n})",
        "dtype": np.dtype(dtype).name,
        "seconds_per_product": sec,
        "gflops": 2.0 * m * k * n / sec / 1e9,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--min", type=float, default=0.2, help="minimum seconds of one repetition")
    args = ap.parse_args()
    results = []
    for m, k, n in [(32, 400, 25), (32, 25, 15), (32, 15, 1)]:
        for dtype in (np.float32, np.float64):
            results.append(measure(m, k, n, dtype, args.reps, args.min))
    best = max(results[:2], key=lambda r: r["gflops"])  # the dominant (first) shape
    print(json.dumps({
        "tool": f"numpy {np.__version__} matmul",
        "results": results,
        "peak_gflops": best["gflops"],
        "peak_measure": f"{best['shape']} {best['dtype']}, best of {args.reps} x >= {args.min}s",
    }, indent=2))


if __name__ == "__main__":
    main()
