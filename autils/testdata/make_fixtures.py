"""Writes the .npy fixtures of package autils's tests with real NumPy.

Run from anywhere (a throwaway venv is enough):

    python3 -m venv /tmp/npvenv && /tmp/npvenv/bin/pip install numpy
    /tmp/npvenv/bin/python autils/testdata/make_fixtures.py

Files land in testdata/npy/: x_*.npy are candidate X files and y_*.npy
candidate y files, each with only ROWS rows (the tests read the first 4).
The tests copy a pair into a temporary data/ folder. Pixel (i, j) of every
valid X is i*1000 + j, so a test can tell rows, columns and storage order
apart. Labels are 0, 0, 0, 1, 1, 1: the first 4 rows hold both classes.

y_u8_digits holds ten-class labels. course_X.npy.gz and course_y.npy.gz are
the course's exact layout, gzipped (see course_layout).
"""
import gzip
import os
import shutil

import numpy as np

ROWS = 6
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "npy")


def pixels(dtype, order="C", rows=ROWS, cols=400):
    i, j = np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij")
    return np.asarray(i * 1000 + j, dtype=dtype, order=order)


def labels(dtype, rows=ROWS, shape=None):
    y = np.array(([0, 0, 0, 1, 1, 1] * rows)[:rows], dtype=dtype)
    return y.reshape(shape or (rows, 1))


def save(name, a):
    path = os.path.join(OUT, name + ".npy")
    np.save(path, a)
    return path


def truncate(path, keep):
    with open(path, "rb") as f:
        b = f.read()
    assert keep < len(b)
    with open(path, "wb") as f:
        f.write(b[:keep])


def course_layout():
    """The course's data/X.npy and data/y.npy layout, full size: X is
    (5000, 400) float64 in Fortran (column-major) order, y is (5000, 1)
    uint8 with labels 0..9 in blocks of 500. Mostly zeros, so gzip makes
    16 MB a few kB. Row i holds i + 1 at column (7 i) mod 400 and
    -(i + 1) * 1e-8 at column 399 - (i mod 400), the kind of tiny value
    the course's images have; the tests recompute both.
    """
    n = 5000
    X = np.zeros((n, 400), dtype=np.float64, order="F")
    i = np.arange(n)
    X[i, (7 * i) % 400] = i + 1
    X[i, 399 - (i % 400)] = -(i + 1) * 1e-8
    y = np.repeat(np.arange(10, dtype=np.uint8), 500).reshape(n, 1)
    assert np.isfortran(X) and X.dtype == np.float64 and y.dtype == np.uint8
    for name, a in (("course_X", X), ("course_y", y)):
        path = os.path.join(OUT, name + ".npy.gz")
        with gzip.GzipFile(path, "wb", mtime=0) as f:
            np.save(f, a)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)

    # Valid files: every layout the course or a learner may have.
    save("x_f_f64", pixels(np.float64, "F"))  # like the course's X
    save("x_c_f64", pixels(np.float64, "C"))
    save("x_c_f32", pixels(np.float32, "C"))
    save("x_f_f32", pixels(np.float32, "F"))
    save("x_f_f64_bigendian", pixels(">f8", "F"))
    save("y_u8", labels(np.uint8))  # like the course's y
    save("y_i64", labels(np.int64))
    save("y_i64_1d", labels(np.int64, shape=(ROWS,)))
    save("y_f64", labels(np.float64))
    save("y_i16_fortran", np.asfortranarray(labels(np.int16)))
    save("y_u8_digits", np.array([[0], [9], [2], [5], [7], [3]], dtype=np.uint8))
    course_layout()

    # Wrong shapes and dtypes.
    save("x_399_cols", pixels(np.float32, cols=399))
    save("x_3d", pixels(np.float32).reshape(ROWS, 20, 20))
    save("x_int64", pixels(np.int64))
    save("x_bool", np.zeros((ROWS, 400), dtype=bool))
    save("y_2_cols", np.zeros((ROWS, 2), dtype=np.uint8))
    save("y_bool", labels(np.bool_))
    save("y_str", np.array([["0"]] * ROWS))
    save("y_complex", labels(np.complex128))

    # Wrong sizes and contents.
    save("x_3_rows", pixels(np.float32, rows=3))
    save("y_3_rows", labels(np.uint8, rows=3))
    save("y_5_rows", labels(np.uint8, rows=5))
    y = labels(np.int64)
    y[2] = 7
    save("y_label_7", y)
    save("y_label_10", np.array([[0], [9], [10], [5], [7], [3]], dtype=np.uint8))
    y = labels(np.float64)
    y[1] = 0.5
    save("y_label_half", y)
    x = pixels(np.float32)
    x[1, 2] = np.nan
    save("x_nan", x)

    # Damaged files.
    p = save("x_truncated_data", pixels(np.float32, "F"))
    truncate(p, os.path.getsize(p) - 100)
    p = save("x_truncated_header", pixels(np.float32))
    truncate(p, 40)
    p = save("y_truncated", labels(np.int64))
    truncate(p, os.path.getsize(p) - 3)
    p = save("x_extra_bytes", pixels(np.float32))
    with open(p, "ab") as f:
        f.write(b"\x00" * 8)
    with open(os.path.join(OUT, "x_not_npy.npy"), "wb") as f:
        f.write(b"PK\x03\x04 this is a zip archive, not an array\n")


if __name__ == "__main__":
    main()
