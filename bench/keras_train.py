"""Train a lab's digit network with TensorFlow/Keras several times and report figures as JSON.

--lab binary (the default) is the first lab's model: Input(400) -> Dense(25, sigmoid) ->
Dense(15, sigmoid) -> Dense(1, sigmoid), binary cross-entropy, 20 epochs, on 1000 digits.
--lab multiclass is the second lab's: Input(400) -> Dense(25, relu) -> Dense(15, relu) ->
Dense(10, linear), sparse categorical cross-entropy from logits, 40 epochs, on 5000 digits.
--lab w3_complex, w3_simple and w3_regularized are the week-3 lab's networks on 2 inputs and 6
classes: Dense(120, relu) -> Dense(40, relu) -> Dense(6, linear); Dense(6, relu) -> Dense(6, linear);
the first with kernel_regularizer=l2(0.1) on its two hidden layers; sparse categorical
cross-entropy from logits, Adam with learning rate 0.01, 1000 epochs, on 400 points.
The digit labs use Adam with learning rate 0.001; all use batch size 32 (Keras's default, shuffled
each epoch).
The data are the .npy files that bench/cmd/export wrote from our autils (the multiclass set in its
multiclass/ folder, the week-3 points in w3/), so both sides train on exactly the same numbers. Training accuracy is the
share of examples predicted right: at threshold 0.5 (binary), by the argmax of the logits
(multiclass).

Each run builds a fresh model with its own seed. Only model.fit is timed. The first run of the
process pays TensorFlow's one-time start-up costs, so it is reported on its own
(first_fit_seconds) and the warm figure is the median of the other runs, in wall time and in the
process's CPU time, all threads (train_cpu_seconds), which other processes do not inflate.

Usage: python bench/keras_train.py --data build/bench --runs 5 [--epochs 20] [--out FILE]
       python bench/keras_train.py --lab multiclass --data build/bench/multiclass --runs 5
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # keep TensorFlow's start-up chatter quiet

import keras
import numpy as np
import tensorflow as tf

W3_LAYERS = {
    "w3_complex": [(120, "relu", None), (40, "relu", None), (6, "linear", None)],
    "w3_simple": [(6, "relu", None), (6, "linear", None)],
    "w3_regularized": [(120, "relu", 0.1), (40, "relu", 0.1), (6, "linear", None)],
}
# Each lab: its rows and columns of X, and its default epochs.
SHAPES = {"binary": (1000, 400, 20), "multiclass": (5000, 400, 40), **{lab: (400, 2, 1000) for lab in W3_LAYERS}}


def build_model(lab):
    """Return the lab's network, compiled as in the course."""
    if lab in W3_LAYERS:
        layers = [
            keras.layers.Dense(units, activation=act, name=f"L{i + 1}",
                               kernel_regularizer=keras.regularizers.l2(l2) if l2 else None)
            for i, (units, act, l2) in enumerate(W3_LAYERS[lab])
        ]
        model = keras.Sequential([keras.Input(shape=(2,)), *layers], name="w3_model")
        model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                      optimizer=keras.optimizers.Adam(learning_rate=0.01))
        return model
    if lab == "binary":
        layers = [
            keras.layers.Dense(25, activation="sigmoid"),
            keras.layers.Dense(15, activation="sigmoid"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
        loss = keras.losses.BinaryCrossentropy()
    else:
        layers = [
            keras.layers.Dense(25, activation="relu", name="L1"),
            keras.layers.Dense(15, activation="relu", name="L2"),
            keras.layers.Dense(10, activation="linear", name="L3"),
        ]
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    model = keras.Sequential([keras.Input(shape=(400,)), *layers], name="my_model")
    model.compile(loss=loss, optimizer=keras.optimizers.Adam(learning_rate=0.001))
    return model


def predicted_labels(lab, p):
    """The labels the model predicts from its outputs p, as a column like y."""
    if lab == "binary":
        return (p >= 0.5).astype(np.float64)
    return np.argmax(p, axis=1).astype(np.float64).reshape(-1, 1)


def one_run(lab, X, y, seed, epochs, batch_size):
    """Train one fresh model; return its timing, last-epoch loss and training accuracy."""
    keras.utils.set_random_seed(seed)
    model = build_model(lab)
    cpu0, start = time.process_time(), time.perf_counter()
    history = model.fit(X, y, epochs=epochs, batch_size=batch_size, verbose=0)
    fit_seconds, fit_cpu_seconds = time.perf_counter() - start, time.process_time() - cpu0
    p = model.predict(X, verbose=0)
    accuracy = float(np.mean(predicted_labels(lab, p) == y))
    return {
        "seed": seed,
        "fit_seconds": fit_seconds,
        "fit_cpu_seconds": fit_cpu_seconds,
        "final_loss": float(history.history["loss"][-1]),
        "train_accuracy": accuracy,
    }


def spread(values):
    """Median, minimum and maximum of a list of numbers."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lab", choices=tuple(SHAPES), default="binary")
    ap.add_argument("--data", default="build/bench", help="folder with X.npy and y.npy")
    ap.add_argument("--runs", type=int, default=5, help="number of fresh models to train (>= 3)")
    ap.add_argument("--epochs", type=int, help="default: the lab's own, 20 binary, 40 multiclass, 1000 w3_*")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--seed", type=int, default=1, help="seed of the first run; run i uses seed+i")
    ap.add_argument("--out", help="also write the JSON report to this file")
    args = ap.parse_args(argv)
    if args.runs < 2:
        ap.error("--runs must be at least 2 (one cold run, then warm runs)")
    rows, cols, default_epochs = SHAPES[args.lab]
    if args.epochs is None:
        args.epochs = default_epochs

    X = np.load(os.path.join(args.data, "X.npy"))
    y = np.load(os.path.join(args.data, "y.npy")).astype(np.float64).reshape(-1, 1)
    if X.shape != (rows, cols) or y.shape != (rows, 1):
        sys.exit(f"unexpected data shapes X{X.shape} y{y.shape} in {args.data} for the {args.lab} lab")

    runs = [one_run(args.lab, X, y, args.seed + i, args.epochs, args.batch_size) for i in range(args.runs)]
    warm = [r["fit_seconds"] for r in runs[1:]]
    report = {
        "framework": "keras",
        "lab": args.lab,
        "tensorflow_version": tf.__version__,
        "keras_version": keras.__version__,
        "python_version": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "epochs": args.epochs,
        "batch_size": args.batch_size,
        "runs": runs,
        "first_fit_seconds": runs[0]["fit_seconds"],
        "train_seconds": spread(warm),
        "train_cpu_seconds": spread([r["fit_cpu_seconds"] for r in runs[1:]]),
        "final_loss": spread([r["final_loss"] for r in runs]),
        "train_accuracy": spread([r["train_accuracy"] for r in runs]),
    }
    text = json.dumps(report, indent=2)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
