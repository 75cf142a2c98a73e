#!/usr/bin/env bash
# bench/run.sh (make bench) measures the labs in Go (our nn package and GoNB notebooks) against the
# course's TensorFlow/Keras versions on this machine, in one run, and writes build/bench.json: the
# binary lab (C2_W1) and the multiclass lab (C2_W2), each its training and its whole notebook, and the
# week-3 lab (C2_W3): its three networks' training (complex, simple, regularized) and its whole
# notebook, lambda sweep included.
#
#   1. installs what it needs, idempotently: the Keras virtualenv build/bench-venv from the lock
#      bench/requirements.txt, and the notebook kernel via kernel/setup.sh (.venv, GoNB);
#   2. exports autils' digits to build/bench/X.npy and y.npy (binary) and build/bench/multiclass/
#      (all ten digits), and the week-3 stand-in points to build/bench/w3/, so both sides train on the
#      same data;
#   3. measures the peak speed of the layer-1 matrix product (gonum and numpy);
#   4. trains ours (bench/cmd/train) and Keras (bench/keras_train.py), BENCH_TRAIN_RUNS fresh models
#      each, alternating the two for BENCH_TRAIN_ROUNDS rounds, for each lab;
#   5. times each lab's two whole notebooks (bench/nbtime.py), alternating, median of BENCH_NB_RUNS,
#      then a trivial cell through the kernel by what the notebook declared (bench/celltime.py);
#   6. prints the table and writes build/bench.json (bench/report.py).
#
# Environment: BENCH_TRAIN_RUNS (default 5, >= 3), BENCH_TRAIN_ROUNDS (default 1),
# BENCH_NB_RUNS (default 3), BENCH_NB_WARMUP (default 1), BENCH_QUICK=1 (a short development run:
# 3 training runs, 1 notebook run without warm-up; not for reporting), PYTHON (interpreter for the
# virtualenv, default python3), GOMLX_BACKEND (default unset, as in the notebook kernel: helpers/nn's
# own choice, GoMLX's pure-Go backend with its operations in sequence).
# Not part of CI: it takes several minutes and its figures depend on the machine's load.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/build/bench"
VENV="$ROOT/build/bench-venv"
PYTHON="${PYTHON:-python3}"
TRAIN_RUNS="${BENCH_TRAIN_RUNS:-5}"
TRAIN_ROUNDS="${BENCH_TRAIN_ROUNDS:-1}"
NB_RUNS="${BENCH_NB_RUNS:-3}"
NB_WARMUP="${BENCH_NB_WARMUP:-1}"
NOTE=""
NB_FAILED=0
if [ "${BENCH_QUICK:-}" = 1 ]; then
	TRAIN_RUNS=3 NB_RUNS=1 NB_WARMUP=0
	NOTE="BENCH_QUICK=1: short development run, not for reporting"
fi
NOTEBOOK="$ROOT/notebooks/C2_W1_Assignment.ipynb"
NOTEBOOK2="$ROOT/notebooks/C2_W2_Assignment.ipynb"
NOTEBOOK3="$ROOT/notebooks/C2_W3_Assignment.ipynb"

say() { printf '\nbench: %s\n' "$*"; }
die() {
	printf '\nbench: ERROR: %s\n' "$*" >&2
	exit 1
}
loadavg() { cut -d' ' -f1 /proc/loadavg; }

[ "$TRAIN_RUNS" -ge 3 ] || die "BENCH_TRAIN_RUNS must be at least 3 (one cold run and the warm ones)"
command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found; install Python >= 3.11 or set PYTHON"
command -v go >/dev/null 2>&1 || die "go not found on PATH"
mkdir -p "$OUT"
rm -f "$OUT"/train_ours*.json "$OUT"/train_keras*.json "$OUT"/notebooks*.json "$OUT"/peak_*.json "$OUT"/celltime.json

# ------------------------------------------------------------------ 1. install (idempotent)
KEY="$({ cat bench/requirements.txt; "$PYTHON" -c 'import sys; print(sys.version)'; command -v "$PYTHON"; } | sha256sum | cut -d' ' -f1)"
if [ -x "$VENV/bin/python" ] && [ -f "$VENV/.stamp" ] && [ "$(cat "$VENV/.stamp")" = "$KEY" ]; then
	say "Keras virtualenv up to date ($VENV)"
else
	say "creating $VENV and installing bench/requirements.txt (tensorflow-cpu: a few minutes)"
	rm -rf "$VENV"
	"$PYTHON" -m venv "$VENV" || die "'$PYTHON -m venv' failed (Debian: apt-get install python3-venv)"
	"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt ||
		die "pip could not install bench/requirements.txt"
	echo "$KEY" >"$VENV/.stamp"
fi
PY="$VENV/bin/python"

if [ -f "$NOTEBOOK" ] || [ -f "$NOTEBOOK2" ] || [ -f "$NOTEBOOK3" ]; then
	say "notebook kernel (kernel/setup.sh)"
	bash kernel/setup.sh
fi
for nb in "$NOTEBOOK" "$NOTEBOOK2" "$NOTEBOOK3"; do
	[ -f "$nb" ] || say "WARNING: $nb not found: its whole-notebook timing will be skipped"
done

say "building the Go programs into $OUT/bin"
go build -o "$OUT/bin/" ./bench/cmd/export ./bench/cmd/train ./bench/cmd/peak

# ------------------------------------------------------------------ 2. data
"$OUT/bin/export" -out "$OUT"
LOAD_BEFORE="$(loadavg)"

# ------------------------------------------------------------------ 3. peak matrix-product speed
say "peak speed of (32 x 400) @ (400 x 25): gonum, then numpy"
"$OUT/bin/peak" -reps 10 -min 100ms >"$OUT/peak_go.json"
"$PY" bench/peak.py --reps 10 --min 0.1 >"$OUT/peak_numpy.json"

# ------------------------------------------------------------------ 4. training
# Files: train_{ours,keras}_ROUND.json for the binary lab, train_{ours,keras}_multiclass_ROUND.json
# for the multiclass one (its data in $OUT/multiclass), train_{ours,keras}_w3_MODEL_ROUND.json for
# the week-3 models (data in $OUT/w3).
for round in $(seq 1 "$TRAIN_ROUNDS"); do
	for lab in binary multiclass w3_complex w3_simple w3_regularized; do
		suffix="" data="$OUT"
		case "$lab" in
		multiclass) suffix="_multiclass" data="$OUT/multiclass" ;;
		w3_*) suffix="_$lab" data="$OUT/w3" ;;
		esac
		say "training round $round/$TRAIN_ROUNDS, $lab lab: ours, $TRAIN_RUNS runs"
		"$OUT/bin/train" -lab "$lab" -runs "$TRAIN_RUNS" -seed $((100 * round + 1)) \
			-out "$OUT/train_ours${suffix}_$round.json" >/dev/null
		say "training round $round/$TRAIN_ROUNDS, $lab lab: Keras, $TRAIN_RUNS runs"
		"$PY" bench/keras_train.py --lab "$lab" --data "$data" --runs "$TRAIN_RUNS" --seed $((100 * round + 1)) \
			--out "$OUT/train_keras${suffix}_$round.json" >/dev/null
	done
done
# Merge the rounds: every run counts; the warm figure excludes each process's first Fit.
"$PY" - "$OUT" "$TRAIN_ROUNDS" <<'EOF'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def spread(v): return {"median": statistics.median(v), "min": min(v), "max": max(v)}
for side in [s + lab for s in ("ours", "keras")
             for lab in ("", "_multiclass", "_w3_complex", "_w3_simple", "_w3_regularized")]:
    parts = [json.load(open(f"{out}/train_{side}_{r}.json")) for r in range(1, rounds + 1)]
    merged = dict(parts[0])
    merged["runs"] = [run for p in parts for run in p["runs"]]
    warm = [run["fit_seconds"] for p in parts for run in p["runs"][1:]]
    merged["first_fit_seconds"] = statistics.median(p["first_fit_seconds"] for p in parts)
    merged["train_seconds"] = spread(warm)
    merged["train_cpu_seconds"] = spread([run["fit_cpu_seconds"] for p in parts for run in p["runs"][1:]])
    merged["final_loss"] = spread([run["final_loss"] for run in merged["runs"]])
    merged["train_accuracy"] = spread([run["train_accuracy"] for run in merged["runs"]])
    json.dump(merged, open(f"{out}/train_{side}.json", "w"), indent=2)
EOF

# ------------------------------------------------------------------ 5. whole notebooks
# notebooks.json for the binary lab, notebooks_multiclass.json for the multiclass one, notebooks_w3.json
# for week 3 (its Python twin generates its data, so --data is not read; nbtime.py unsets
# NBGRADER_EXECUTION, so our notebook runs its lambda sweep as the Python one does).
time_notebooks() { # ours python data out
	[ -f "$1" ] || return 0
	say "whole notebooks $(basename "$1") and $(basename "$2"): $NB_WARMUP warm-up + $NB_RUNS timed runs each, alternating"
	if ! "$PY" bench/nbtime.py --ours "$1" --python "$2" \
		--runs "$NB_RUNS" --warmup "$NB_WARMUP" --work "$OUT" --data "$3" --out "$4" >/dev/null; then
		NB_FAILED=1
		NOTE="${NOTE:+$NOTE; }$(basename "$1") or its Python twin failed, so that pair was not timed"
	fi
}
time_notebooks "$NOTEBOOK" bench/C2_W1_python.ipynb "$OUT" "$OUT/notebooks.json"
time_notebooks "$NOTEBOOK2" bench/C2_W2_python.ipynb "$OUT/multiclass" "$OUT/notebooks_multiclass.json"
time_notebooks "$NOTEBOOK3" bench/C2_W3_python.ipynb "$OUT" "$OUT/notebooks_w3.json"
say "a trivial cell through the kernel: with only fmt, autils, figures, nn, a model declared"
if ! "$PY" bench/celltime.py --work "$OUT" --out "$OUT/celltime.json" >/dev/null; then
	NB_FAILED=1
	NOTE="${NOTE:+$NOTE; }bench/celltime.py failed, so the per-cell time was not measured"
fi

# ------------------------------------------------------------------ 6. report
printf '{"before": %s, "after": %s, "note": %s}\n' "$LOAD_BEFORE" "$(loadavg)" \
	"$("$PY" -c 'import json, sys; print(json.dumps(sys.argv[1]))' "$NOTE")" >"$OUT/load.json"
say "results"
"$PY" bench/report.py --dir "$OUT" --out "$ROOT/build/bench.json"
if [ "$NB_FAILED" = 1 ]; then
	die "a notebook failed (see above; executed copies and kernel logs in $OUT/executed)"
fi
for nb in "$NOTEBOOK" "$NOTEBOOK2" "$NOTEBOOK3"; do
	[ -f "$nb" ] || die "no $nb: its whole-notebook comparison is missing from build/bench.json"
done
