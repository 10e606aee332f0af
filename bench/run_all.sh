#!/usr/bin/env bash
# Run every benchmark in bench/ and print their tables (issue 9). Benchmarks report; they
# never fail on time. Needs the virtual environment from `bash .ci/bootstrap test`.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY="${PYTHON:-.venv/bin/python}"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
status=0
for script in bench/bench_*.py; do
  [[ "$script" == bench/bench_bundle.py && -z "${DZP_BENCH_BUNDLE:-}" ]] && { echo "== $script (skipped: set DZP_BENCH_BUNDLE=1, needs a built bundle)"; continue; }
  echo "== $script"
  "$PY" "$script" || { echo "   (failed to run)"; status=1; }
  echo
done
exit $status
