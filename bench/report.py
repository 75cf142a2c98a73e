"""Combine the benchmark's JSON pieces into build/bench.json and print the comparison tables.

Inputs (under --dir, written by bench/run.sh): train_ours.json (bench/cmd/train),
train_keras.json (bench/keras_train.py), peak_go.json (bench/cmd/peak), peak_numpy.json
(bench/peak.py), notebooks.json (bench/nbtime.py; optional: missing means not measured) and
load.json (load averages before and after), celltime.json (bench/celltime.py: a trivial cell's time
through the kernel by what the notebook declared; optional), for the binary lab (C2_W1); the same with the suffix
_multiclass (train_ours_multiclass.json, ...) for the multiclass lab (C2_W2), whose figures go into
bench.json under the same keys prefixed with multiclass_, and with _w3_complex, _w3_simple and
_w3_regularized for the week-3 lab's three networks (training; keys prefixed w3_complex_ etc.), and
notebooks_w3.json for the week-3 lab's whole notebook (keys w3_notebook_seconds_ours, ...);
all but the binary lab optional: missing means not measured.

The arithmetic limit: one forward pass of one example costs 2 * (400*25 + 25*15 + 15*1) = 20,780
floating-point operations in the three matrix products (2 per multiply-add); training costs about
three times the forward pass (forward, plus the two products of the backward pass), so 20 epochs of
1000 examples cost 3 * 20,780 * 1000 * 20 = 1.25 GFLOP. The multiclass network's forward pass is
2 * (400*25 + 25*15 + 15*10) = 21,050, so its 40 epochs of 5000 examples cost 12.6 GFLOP. Divided by the fastest rate this machine
reached for the dominant product, (32 x 400) @ (400 x 25) (numpy/OpenBLAS or gonum, float32 or
float64), it is the time training would take if it did nothing but multiply at peak speed.

Usage: python bench/report.py [--dir build/bench] [--out build/bench.json]
"""

import argparse
import json
import os
import pathlib

# Each lab: its name, the suffix of its files, the prefix of its keys in bench.json, its layers,
# examples and epochs.
# The whole-notebook goal of each lab: ours at most this share of the Python notebook's time (the
# week-3 lab, with its 130,000 training steps, must take at most half).
NOTEBOOK_GOALS = {"": 1.0, "_multiclass": 1.0, "_w3": 0.5}

LABS = [
    {"name": "binary lab (C2_W1)", "suffix": "", "prefix": "",
     "layers": [(400, 25), (25, 15), (15, 1)], "examples": 1000, "epochs": 20},
    {"name": "multiclass lab (C2_W2)", "suffix": "_multiclass", "prefix": "multiclass_",
     "layers": [(400, 25), (25, 15), (15, 10)], "examples": 5000, "epochs": 40},
    {"name": "week-3 complex model (C2_W3)", "suffix": "_w3_complex", "prefix": "w3_complex_",
     "layers": [(2, 120), (120, 40), (40, 6)], "examples": 400, "epochs": 1000},
    {"name": "week-3 simple model (C2_W3)", "suffix": "_w3_simple", "prefix": "w3_simple_",
     "layers": [(2, 6), (6, 6)], "examples": 400, "epochs": 1000},
    {"name": "week-3 regularized model (C2_W3)", "suffix": "_w3_regularized", "prefix": "w3_regularized_",
     "layers": [(2, 120), (120, 40), (40, 6)], "examples": 400, "epochs": 1000},
]


def train_flops(lab):
    forward = sum(2 * n_in * n_out for n_in, n_out in lab["layers"])
    return 3 * forward * lab["examples"] * lab["epochs"]


def load(path):
    if not path.is_file():
        return None
    with open(path) as f:
        return json.load(f)


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


def fmt(x, kind):
    if x is None:
        return "n/a"
    if kind == "s":
        return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"
    if kind == "loss":
        return f"{x:.4f}"
    if kind == "acc":
        return f"{100 * x:.1f}%"
    return f"{x:g}"


def fmt_spread(med, lo, hi, kind):
    if med is None:
        return "n/a"
    return f"{fmt(med, kind)} [{fmt(lo, kind)}..{fmt(hi, kind)}]"


def put_spread(out, key, stats):
    """Sets out[key] to the median of stats and out[key_min], out[key_max] to its range (None when
    stats is None)."""
    for suffix, field in (("", "median"), ("_min", "min"), ("_max", "max")):
        out[key + suffix] = stats[field] if stats else None


def rank_sum_z(a, b):
    """The Mann-Whitney rank-sum statistic of samples a and b as a z-score (normal approximation, ties
    counted half): positive when a's values tend to be larger. |z| < 2 means the runs show no
    difference between the two sides beyond their run-to-run spread. None for too few runs."""
    if len(a) < 3 or len(b) < 3:
        return None
    u = sum((x > y) + 0.5 * (x == y) for x in a for y in b)
    n, m = len(a), len(b)
    return (u - n * m / 2) / ((n * m * (n + m + 1) / 12) ** 0.5)


def notebook_figures(nbs):
    """The whole-notebook figures of one lab (nbs: nbtime.py's report, or None), keys unprefixed."""
    out = {}
    for side in ("ours", "python"):
        put_spread(out, f"notebook_seconds_{side}", nbs[side]["seconds"] if nbs else None)
        put_spread(out, f"notebook_cpu_seconds_{side}", nbs[side].get("cpu_seconds") if nbs else None)
    out["notebook_runs"] = len(nbs["ours"]["runs"]) if nbs else 0
    return out


def notebook_goal(f, share):
    """The goal line of a whole notebook: ours at most share of Python's (1: no slower)."""
    what = "no slower than Python" if share == 1 else f"at most {share:g} of Python's time"
    if not f["notebook_runs"]:
        return f"  whole notebook {what}: not measured"
    ours, py = f["notebook_seconds_ours"], f["notebook_seconds_python"]
    cpu = ""
    if f.get("notebook_cpu_seconds_ours") is not None and f.get("notebook_cpu_seconds_python"):
        cpu = (f" (CPU {f['notebook_cpu_seconds_ours']:.1f} s vs {f['notebook_cpu_seconds_python']:.1f} s, "
               f"{f['notebook_cpu_seconds_ours'] / f['notebook_cpu_seconds_python']:.2f})")
    return (f"  whole notebook {what}: {ours:.1f} s vs {py:.1f} s, {ours / py:.2f}{cpu} -> "
            f"{'met' if ours <= share * py else 'NOT met'}")


def lab_figures(lab, ours, keras, nbs, peak_gflops, peak_go):
    """The bench.json figures of one lab, keys without the lab's prefix."""
    flops = train_flops(lab)
    out = {}
    # Each measured figure as its median, KEY, and its range, KEY_min and KEY_max.
    for key in ("train_seconds", "train_cpu_seconds", "final_loss", "train_accuracy"):
        for side, res in (("ours", ours), ("keras", keras)):
            put_spread(out, f"{key}_{side}", res.get(key))
    out["final_loss_rank_z"] = rank_sum_z(
        [r["final_loss"] for r in ours["runs"]], [r["final_loss"] for r in keras["runs"]]
    )
    out["train_seconds_first_ours"] = ours["first_fit_seconds"]
    out["train_seconds_first_keras"] = keras["first_fit_seconds"]
    out.update(notebook_figures(nbs))
    out.update({
        "train_runs_ours": len(ours["runs"]),
        "train_runs_keras": len(keras["runs"]),
        "train_seconds_limit": flops / (peak_gflops * 1e9) if peak_gflops else None,
        "train_flops": flops,
        "train_seconds_limit_gonum": flops / (peak_go["peak_gflops"] * 1e9) if peak_go else None,
    })
    return out


def print_lab(lab, f, peak_gflops, peak_source, peak_go):
    """Prints one lab's table, its arithmetic limit and its goals; f holds its unprefixed figures."""
    def spread(key):
        return (f[key], f[f"{key}_min"], f[f"{key}_max"])

    rows = [
        ("training, warm Fit (median [min..max])", "s", spread("train_seconds_ours"), spread("train_seconds_keras")),
        ("training CPU time, warm Fit (median [min..max])", "s",
         spread("train_cpu_seconds_ours"), spread("train_cpu_seconds_keras")),
        ("training, first Fit of the process", "s",
         (f["train_seconds_first_ours"],), (f["train_seconds_first_keras"],)),
        ("final loss (median [min..max])", "loss", spread("final_loss_ours"), spread("final_loss_keras")),
        ("training accuracy (median [min..max])", "acc", spread("train_accuracy_ours"), spread("train_accuracy_keras")),
        ("whole notebook (median [min..max])", "s", spread("notebook_seconds_ours"), spread("notebook_seconds_python")),
        ("whole notebook CPU time (median [min..max])", "s",
         spread("notebook_cpu_seconds_ours"), spread("notebook_cpu_seconds_python")),
    ]
    cells = []
    for name, kind, a, b in rows:
        sa = fmt_spread(*a, kind) if len(a) == 3 else fmt(a[0], kind)
        sb = fmt_spread(*b, kind) if len(b) == 3 else fmt(b[0], kind)
        r = ratio(a[0], b[0])
        cells.append((name, sa, sb, "n/a" if r is None else f"{r:.3f}"))
    head = (lab["name"], "ours (Go, nn)", "theirs (Keras)", "ours/theirs")
    widths = [max(len(row[i]) for row in cells + [head]) for i in range(4)]
    def line(row):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells:
        print(line(row))
    print()
    limit, flops = f["train_seconds_limit"], f["train_flops"]
    if limit is not None:
        print(f"arithmetic limit of training: {fmt(limit, 's')} "
              f"({flops / 1e9:.3f} GFLOP at {peak_gflops:.1f} GFLOP/s, {peak_source}); "
              f"ours is {f['train_seconds_ours'] / limit:.0f}x it, Keras {f['train_seconds_keras'] / limit:.0f}x")
        if f["train_seconds_limit_gonum"]:
            print(f"  (with gonum's pure-Go peak of {peak_go['peak_gflops']:.1f} GFLOP/s instead: "
                  f"{fmt(f['train_seconds_limit_gonum'], 's')})")
    print(f"runs: training {f['train_runs_ours']} ours / {f['train_runs_keras']} Keras "
          f"(warm figures exclude each process's first Fit); notebooks {f['notebook_runs']} each")

    print("goals:")
    speed = ratio(f["train_seconds_keras"], f["train_seconds_ours"])
    print(f"  training >= 10x faster than Keras: {speed:.1f}x -> {'met' if speed >= 10 else 'NOT met'}")
    if lab["suffix"] in NOTEBOOK_GOALS:
        print(notebook_goal(f, NOTEBOOK_GOALS[lab["suffix"]]))
    for key, kind in (("final_loss", "loss"), ("train_accuracy", "acc")):
        lo, hi, v = f[f"{key}_keras_min"], f[f"{key}_keras_max"], f[f"{key}_ours"]
        if lo <= v <= hi:
            verdict = "met"
        else:
            better = v < lo if key == "final_loss" else v > hi
            verdict = "NOT met (" + ("better" if better else "worse") + " than every Keras run)"
        print(f"  {key} within Keras's run-to-run spread [{fmt(lo, kind)}..{fmt(hi, kind)}]: "
              f"ours median {fmt(v, kind)} -> {verdict}")
    z = f["final_loss_rank_z"]
    if z is not None:
        # A median outside a handful of Keras runs happens by chance; the rank-sum test uses every run.
        verdict = "met" if abs(z) < 2 else "NOT met (" + ("higher" if z > 0 else "lower") + " than Keras's)"
        print(f"  final_loss no different from Keras's (rank-sum z = {z:+.2f} over "
              f"{f['train_runs_ours']} + {f['train_runs_keras']} runs, |z| < 2) -> {verdict}")
    print()


def print_w3_notebook(f, nbs):
    """Prints the week-3 lab's whole-notebook line (its networks' tables are printed above)."""
    print("week-3 lab (C2_W3), whole notebook, lambda sweep included (ten networks of 1000 epochs):")
    if f["notebook_runs"]:
        def spread(key):
            return fmt_spread(f[key], f[key + "_min"], f[key + "_max"], "s")
        print(f"  ours (Go, GoNB)       {spread('notebook_seconds_ours')}, CPU {spread('notebook_cpu_seconds_ours')}")
        print(f"  theirs (Python, Keras) {spread('notebook_seconds_python')}, CPU {spread('notebook_cpu_seconds_python')}")
        print(f"  runs: {f['notebook_runs']} each ({nbs['method']})")
    print("goals:")
    print(notebook_goal(f, NOTEBOOK_GOALS["_w3"]))
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=pathlib.Path, default=pathlib.Path("build/bench"))
    ap.add_argument("--out", type=pathlib.Path, default=pathlib.Path("build/bench.json"))
    args = ap.parse_args()
    d = args.dir

    peak_go, peak_np = load(d / "peak_go.json"), load(d / "peak_numpy.json")
    loadavg = load(d / "load.json") or {}
    peaks = [(p["peak_gflops"], f"{p['tool']}: {p['peak_measure']}") for p in (peak_go, peak_np) if p]
    peak_gflops, peak_source = max(peaks) if peaks else (None, None)

    out, per_lab = {}, []
    for lab in LABS:
        sfx = lab["suffix"]
        ours, keras = load(d / f"train_ours{sfx}.json"), load(d / f"train_keras{sfx}.json")
        if ours is None or keras is None:
            if sfx == "":
                raise SystemExit(f"report: missing {d}/train_ours.json or {d}/train_keras.json")
            print(f"report: no {d}/train_ours{sfx}.json or train_keras{sfx}.json: the {lab['name']} was not measured\n")
            continue
        f = lab_figures(lab, ours, keras, load(d / f"notebooks{sfx}.json"), peak_gflops, peak_go)
        out.update({lab["prefix"] + k: v for k, v in f.items()})
        per_lab.append((lab, f, ours, keras))
    # The week-3 lab's whole notebook: one notebook for its three networks (and the sweep's seven).
    w3_nbs = load(d / "notebooks_w3.json")
    w3_nb = notebook_figures(w3_nbs)
    out.update({"w3_" + k: v for k, v in w3_nb.items()})
    ours, keras = per_lab[0][2], per_lab[0][3]
    out.update({
        "peak_gflops": peak_gflops,
        "peak_source": peak_source,
        "peak_gflops_gonum": peak_go["peak_gflops"] if peak_go else None,
        "peak_gflops_numpy": peak_np["peak_gflops"] if peak_np else None,
        "versions": {
            "ours": f"nnlab/nn, {ours.get('go_version')}, GOMLX_BACKEND={ours.get('backend') or 'default'}",
            "keras": f"tensorflow-cpu {keras.get('tensorflow_version')}, keras {keras.get('keras_version')}, "
                     f"Python {keras.get('python_version')}",
        },
        "cpu_count": os.cpu_count(),
        "load_average_before": loadavg.get("before"),
        "load_average_after": loadavg.get("after"),
        "notes": loadavg.get("note", ""),
    })
    celltime = load(d / "celltime.json")
    if celltime:
        out["cell_seconds"] = {case: v["median"] for case, v in celltime["cases"].items()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n")

    for lab, f, _, _ in per_lab:
        print_lab(lab, f, peak_gflops, peak_source, peak_go)
    print_w3_notebook(w3_nb, w3_nbs)
    if celltime:
        print("a trivial cell through the kernel, by what the notebook declared before it (median s):")
        for case, v in celltime["cases"].items():
            print(f"  {case:8s} {v['median']:.3f}  ({v['min']:.3f}..{v['max']:.3f})")
        print()
    print(f"versions: ours {out['versions']['ours']}; theirs {out['versions']['keras']}")
    print(f"load average (1 min) before/after: {out['load_average_before']} / {out['load_average_after']} "
          f"on {out['cpu_count']} CPUs" + (f"; {out['notes']}" if out["notes"] else ""))
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
