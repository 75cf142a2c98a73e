#!/usr/bin/env bash
# bench/grade_jobs.sh SUBMISSIONS [N]: grades the same class with `make grade JOBS=1` and
# `JOBS=N` (default 2), one after the other, each into a build folder of its own, and
# prints both wall times, their ratio, and whether grades.csv came out the same.
set -euo pipefail
subs="$(realpath "${1:?usage: bench/grade_jobs.sh SUBMISSIONS [N]}")"
n="${2:-2}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d)"
declare -A wall
for jobs in 1 "$n"; do
	start=$(date +%s.%N)
	NNLAB_BUILD="$out/jobs$jobs" make -s -C "$root" grade SUBMISSIONS="$subs" JOBS="$jobs" >"$out/jobs$jobs.log" 2>&1 || true
	wall[$jobs]=$(echo "$(date +%s.%N) - $start" | bc)
	printf 'JOBS=%s: %.1f s\n' "$jobs" "${wall[$jobs]}"
done
printf 'JOBS=1 / JOBS=%s: %.2f\n' "$n" "$(echo "${wall[1]} / ${wall[$n]}" | bc -l)"
if cmp -s "$out/jobs1/grades/grades.csv" "$out/jobs$n/grades/grades.csv"; then
	echo "grades.csv: the same"
else
	echo "grades.csv: DIFFERENT"; diff "$out/jobs1/grades/grades.csv" "$out/jobs$n/grades/grades.csv" || true
fi
echo "logs and results: $out"
