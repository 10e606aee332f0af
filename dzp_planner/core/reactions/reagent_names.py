"""Names a chemist knows, MW, state and density for ~28,000 reagents and solvents, offline, by InChIKey.

Why a second data set beside `reagents.toml`: the curated file names the ~80 reagents the guide and the
protocols use, with supplier densities; a chemist's own acid chloride, aryl bromide or aldehyde was
"unnamed (C7H4BrClO)" and weighed as a solid. `resources/data/reagent-names.tsv` is made by
`tools/make_reagent_names.py` from the `chemicals` package's PubChem-derived identifier tables (names,
CAS) and its handbook property tables (melting and boiling points, liquid densities); its header says how.

The file is sorted by InChIKey and read by bisection over a memory map: a lookup touches a few pages
and nothing is parsed at start-up. What the app takes from a row is filtered here, in one place:
- the name and formula always;
- the state only where a handbook decided it (CRC, HEOS, NIST WebBook, Yaws), or both a melting and a
  boiling point agree; a state from one melting point of a crowd-sourced table is "unknown";
- a liquid's density only from a coefficient fit evaluated at 25 °C (DIPPR/Perry, VDI), the CRC constant
  volume, or a tabulated value that passed the file's refractive-index or second-source screen.
"""

from __future__ import annotations

import mmap
import re
from dataclasses import dataclass
from functools import cache

from dzp_planner import paths

FILE = ("data", "reagent-names.tsv")
_HANDBOOKS = frozenset({"CRC_ORG", "CRC_INORG", "HEOS", "WEBBOOK", "YAWS"})
_DENSITY_FITS = ("DIPPR_PERRY_8E", "VDI_PPDS", "CRC_INORG_L_CONST")
_SCREENED = ("RI-checked", "CC-agrees")
_TEMPERATURE = re.compile(r"(Tm|Tb)=[0-9.]+K\(([A-Z_]+)\)")


@dataclass(frozen=True)
class NamedReagent:
    inchikey: str
    name: str
    formula: str
    mw: float
    state: str  # solid / liquid / gas / unknown, after the filter above
    density: float | None  # g/mL at about 25 °C, a liquid's only, after the filter above
    cas: str


def trusted_state(state: str, source: str) -> str:
    """The row's state where its source can carry it, else "unknown" (see the module's docstring)."""
    found = dict(_TEMPERATURE.findall(source))
    if state == "solid" and (found.get("Tm") in _HANDBOOKS or {"Tm", "Tb"} <= set(found)):
        return state
    if state in ("liquid", "gas") and "Tb" in found and ("Tm" in found or state == "gas" or found["Tb"] in _HANDBOOKS):
        return state
    return "unknown"


def trusted_density(text: str, source: str) -> float | None:
    if not text or not (source.startswith(_DENSITY_FITS) or any(mark in source for mark in _SCREENED)):
        return None
    value = float(text)
    return value if 0.3 < value < 5.0 else None


@cache
def _table() -> mmap.mmap | None:
    """The file mapped read-only (kept for the session); None when it is not shipped."""
    path = paths.resource(*FILE)
    try:
        with path.open("rb") as handle:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing or empty: names fall back to "unnamed (formula)"
        return None


def _first_data_line(table: mmap.mmap) -> int:
    """Offset of the first row after the '#' comments and the column header."""
    offset = 0
    while True:
        end = table.find(b"\n", offset)
        if end < 0:
            return len(table)
        line = table[offset:end]
        offset = end + 1
        if line.startswith(b"inchikey\t"):
            return offset


def _line_at(table: mmap.mmap, offset: int) -> tuple[int, int]:
    """(start, end) of the line holding byte `offset`."""
    start = table.rfind(b"\n", 0, offset) + 1
    end = table.find(b"\n", offset)
    return start, len(table) if end < 0 else end


def lookup(inchikey: str) -> NamedReagent | None:
    """The row for a standard InChIKey, or None (no such row, or no file)."""
    table = _table()
    key = inchikey.strip().encode("ascii", "ignore")
    if table is None or len(key) != 27:
        return None
    lo, hi = _first_data_line(table), len(table)
    while lo < hi:  # bisection on byte offsets, each probe read as the whole line it falls in
        mid = (lo + hi) // 2
        start, end = _line_at(table, mid)
        found = table[start:start + 27]
        if found == key:
            return _parse(table[start:end].decode("utf-8"))
        if found < key:
            lo = end + 1
        else:
            hi = start
    return None


def _parse(line: str) -> NamedReagent | None:
    cells = line.split("\t")
    if len(cells) < 9:
        return None
    key, name, formula, mw, state, density, state_source, density_source, cas = cells[:9]
    try:
        weight = float(mw)
        liquid_density = trusted_density(density, density_source)
    except ValueError:
        return None
    kept_state = trusted_state(state, state_source)
    return NamedReagent(key, name, formula, weight, kept_state, liquid_density if kept_state == "liquid" else None, cas)
