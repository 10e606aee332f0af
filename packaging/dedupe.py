"""Replace identical copies of a file inside the bundle with relative symlinks to one copy.

Used by build.sh on Linux and macOS (Windows bundles are not deduplicated). Only files of
1 MiB or more are considered: small duplicates are not worth a symlink. Prints what it saved.

    python packaging/dedupe.py BUNDLE_DIR
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

MIN_SIZE = 1 << 20


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def dedupe(root: Path) -> int:
    """Return the bytes saved."""
    by_size: dict[int, list[Path]] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.stat().st_size >= MIN_SIZE:
            by_size.setdefault(path.stat().st_size, []).append(path)
    saved = 0
    for size, paths in by_size.items():
        if len(paths) < 2:
            continue
        by_hash: dict[str, list[Path]] = {}
        for path in paths:
            by_hash.setdefault(_digest(path), []).append(path)
        for same in by_hash.values():
            keep, *copies = same
            for copy in copies:
                copy.unlink()
                copy.symlink_to(os.path.relpath(keep, copy.parent))
                saved += size
                print(f"dedupe: {copy.relative_to(root)} -> {keep.relative_to(root)}")
    return saved


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.platform == "win32":
        sys.exit("usage: python packaging/dedupe.py BUNDLE_DIR  (Linux/macOS)")
    saved = dedupe(Path(sys.argv[1]))
    print(f"dedupe: {saved / (1 << 20):.1f} MiB saved")
