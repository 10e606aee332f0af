"""The lab's pooled k2/k1 on this workstation: fetched at each sync, looked up offline.

Why a local copy: Apply to plan and New from template look the pair up while the chemist waits, and a
network round trip (or a server that is down) must never stall the window. A sync (on a worker) fits every
pair the server has runs for and writes the answers here (lab-measured.json beside the library, atomically);
the lookup is then a file read and two InChIKeys. The pair is keyed as on the server: free-base InChIKeys of
substrate and electrophile, and the reaction type.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from dzp_planner import paths
from dzp_planner.core.io.safe_write import atomic_write_bytes


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


@dataclass(frozen=True)
class LabMeasured:
    """The lab's k2/k1 for a pair: a pooled fit of every chemist's runs, with what it rests on."""

    substrate_key: str
    electrophile_key: str
    reaction: str
    k2_k1: float
    low: float
    high: float
    runs: int
    plans: int
    chemists: int
    synced: str  # YYYY-MM-DD of the sync that fetched it

    def note(self) -> str:
        """What the plan says of its k2/k1 (runs tab, PDF): the lab, and how much it rests on."""
        return (f"measured by the lab: {_count(self.runs, 'run')} in {_count(self.plans, 'plan')} by "
                f"{_count(self.chemists, 'chemist')}, {self.k2_k1:.3g} [{self.low:.3g}, {self.high:.3g}] "
                f"(synced {self.synced})")


def cache_path() -> Path:
    return paths.data_home() / "lab-measured.json"


Key = tuple[str, str, str]  # (substrate InChIKey, electrophile InChIKey, reaction type)


def save(pairs: list[LabMeasured], fingerprints: dict[Key, str] | None = None) -> None:
    """Keep the pairs, and the server's fingerprint of each pair's runs they were fitted from (the next sync
    refits only the pairs whose fingerprint changed)."""
    prints = {"\t".join(key): value for key, value in sorted((fingerprints or {}).items())}
    document = {"pairs": [asdict(p) for p in pairs], "fingerprints": prints}
    atomic_write_bytes(cache_path(), json.dumps(document, indent=0).encode("utf-8"))
    _load.cache_clear()


def _valid(row: object) -> LabMeasured | None:
    """A cached pair read back through the checks a typed k2/k1 gets (a hand-edited or damaged file gives none)."""
    from dzp_planner.core.models.presets import valid_k2_k1

    try:
        pair = LabMeasured(**row) if isinstance(row, dict) else None
    except TypeError:
        return None
    if pair is None:
        return None
    k2_k1, low, high = (valid_k2_k1(v) for v in (pair.k2_k1, pair.low, pair.high))
    counts = (pair.runs, pair.plans, pair.chemists)
    if k2_k1 is None or low is None or high is None or not low <= k2_k1 <= high \
            or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in counts) \
            or not all(isinstance(t, str) for t in (pair.substrate_key, pair.electrophile_key, pair.reaction, pair.synced)):
        return None
    return pair


@lru_cache(maxsize=4)
def _load(path: Path, _stamp: tuple[int, int]) -> tuple[dict[Key, LabMeasured], dict[Key, str]]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, {}
    rows = raw.get("pairs", []) if isinstance(raw, dict) else []
    rows = rows if isinstance(rows, list) else []
    pairs = [p for p in map(_valid, rows) if p is not None]
    prints = raw.get("fingerprints", {}) if isinstance(raw, dict) else {}
    fingerprints: dict[Key, str] = {}
    if len(pairs) == len(rows) and isinstance(prints, dict):  # a damaged pair: forget every fingerprint (all refitted)
        for key, value in prints.items():
            parts = tuple(str(key).split("\t"))
            if len(parts) == 3 and isinstance(value, str):
                fingerprints[(parts[0], parts[1], parts[2])] = value
    return {(p.substrate_key, p.electrophile_key, p.reaction): p for p in pairs}, fingerprints


def _read() -> tuple[dict[Key, LabMeasured], dict[Key, str]]:
    path = cache_path()
    try:
        info = path.stat()
    except OSError:
        return {}, {}
    return _load(path, (info.st_mtime_ns, info.st_size))


def cached() -> dict[Key, LabMeasured]:
    return _read()[0]


def cached_fingerprints() -> dict[Key, str]:
    """The fingerprint of each pair's runs as of the last sync (empty when never synced or the file is damaged)."""
    return _read()[1]


def lab_measured_for(substrate: str, electrophile: str, reaction: str) -> LabMeasured | None:
    """The lab's k2/k1 for the pair as of the last sync, or None (no lab, never synced, no runs for it)."""
    from dzp_planner.core.io.lab.connection import configured_dsn

    pairs = cached()
    if not pairs or not substrate or not electrophile or not configured_dsn():
        return None  # a workstation no longer connected to a lab does not go on quoting it
    from dzp_planner.core.chem.identity import inchikey

    return pairs.get((inchikey(substrate), inchikey(electrophile), reaction))
