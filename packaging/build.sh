#!/usr/bin/env bash
# Build the one-folder bundle: packaging/build.sh [OUTDIR]  (default: dist)
# Creates build/venv-bundle, installs DZP Planner (non-editable) and PyInstaller into it,
# builds OUTDIR/dzp-planner/dzp-planner and OUTDIR/dzp-planner-<version>-<platform>.tar.gz.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-dist}"
[[ "$OUT" = /* ]] || OUT="$ROOT/$OUT"
PYTHON="${PYTHON:-python3}"
VENV="$ROOT/build/venv-bundle"
BIN="$VENV/bin"  # Linux, macOS
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) BIN="$VENV/Scripts" ;; esac  # Git Bash on Windows
if [[ ! -x "$BIN/python" && ! -x "$BIN/python.exe" ]]; then
  "$PYTHON" -m venv "$VENV"
  "$BIN/python" -m pip install -q --upgrade pip
fi
"$BIN/python" -m pip install -q "$ROOT" "pyinstaller>=6.10,<7"
"$BIN/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$OUT" --workpath "$ROOT/build/pyinstaller" "$ROOT/packaging/dzp-planner.spec"
# Strip symbols from shared objects, except the vendored OpenBLAS/image libraries in *.libs/,
# which stripping corrupts (PyInstaller's own strip=True does not skip them). Saves ~50 MiB.
if [[ "$(uname)" == Linux ]] && command -v strip >/dev/null; then
  find "$OUT/dzp-planner/_internal" -type f -name "*.so*" ! -path "*.libs/*" -exec strip --strip-unneeded {} + 2>/dev/null || true
fi
# Wheels vendor the same library twice (numpy.libs and scipy.libs both carry numpy's gfortran
# and quadmath): keep one copy, the other becomes a relative symlink (tar keeps symlinks).
if [[ "$BIN" == "$VENV/bin" ]]; then
  "$BIN/python" "$ROOT/packaging/dedupe.py" "$OUT/dzp-planner/_internal"
fi
VERSION="$("$BIN/python" -c 'import dzp_planner; print(dzp_planner.__version__)')"
PLATFORM="$("$BIN/python" -c 'import sys, platform; print(f"{sys.platform}-{platform.machine()}")')"
tar -C "$OUT" -czf "$OUT/dzp-planner-$VERSION-$PLATFORM.tar.gz" dzp-planner
echo "bundle: $OUT/dzp-planner/dzp-planner ($(du -sh "$OUT/dzp-planner" | cut -f1)); archive: $OUT/dzp-planner-$VERSION-$PLATFORM.tar.gz"
