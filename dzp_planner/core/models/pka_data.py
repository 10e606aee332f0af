"""The pKa values the app knows, each with its temperature, solvent, method and source (resources/data/pka.toml).

Why a table a chemist can read: a pKa decides the pH switch and the mono-protonation route, and a
number without its source cannot be checked or replaced for another solvent or temperature. A value
with no published source says "estimate" and how it was estimated.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dzp_planner import paths
from dzp_planner.core.errors import UserInputError

KEYS = {"name", "smiles", "values", "temperature_c", "solvent", "method", "source"}
OPTIONAL = {"series", "assessment"}  # series: [[°C, pKa high, (pKa low)], ...] from the same source, for other temperatures


@dataclass(frozen=True)
class PkaRecord:
    name: str
    smiles: str
    values: tuple[float, ...]  # high first
    temperature_c: float
    solvent: str
    method: str
    source: str
    series: tuple[tuple[float, ...], ...] = ()  # (°C, values…) measured at other temperatures, ascending
    assessment: str = ""  # the compilation's rating ("Reliable", "Approximate", "Uncertain")

    @property
    def is_estimate(self) -> bool:
        return self.source.strip().lower() == "estimate"

    def at_temperature(self, celsius: float) -> tuple[float, ...]:
        """The values at `celsius`: linear between the measured temperatures; outside them, refused."""
        if not self.series:
            if abs(celsius - self.temperature_c) > 0.5:
                raise UserInputError(f"{self.name}: measured at {self.temperature_c:g} °C only; give --pka for {celsius:g} °C")
            return self.values
        temps = [row[0] for row in self.series]
        if not temps[0] <= celsius <= temps[-1]:
            raise UserInputError(f"{self.name}: measured from {temps[0]:g} to {temps[-1]:g} °C; {celsius:g} °C is outside")
        for low, high in zip(self.series, self.series[1:], strict=False):
            if low[0] <= celsius <= high[0]:
                w = 0.0 if high[0] == low[0] else (celsius - low[0]) / (high[0] - low[0])
                return tuple(a + w * (b - a) for a, b in zip(low[1:], high[1:], strict=True))
        return tuple(self.series[-1][1:])


def _record(raw: Any, where: str) -> PkaRecord:
    if not isinstance(raw, dict):
        raise UserInputError(f"{where} must be a table")
    unknown = sorted(set(raw) - KEYS - OPTIONAL)
    missing = sorted(KEYS - set(raw))
    if unknown or missing:
        raise UserInputError(f"{where}: {'unknown key ' + repr(unknown[0]) if unknown else 'missing ' + repr(missing[0])}")
    values = raw["values"]
    if not isinstance(values, list) or not 1 <= len(values) <= 3 or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and -5 <= v <= 20 for v in values):
        raise UserInputError(f"{where}: 'values' must list one to three pKa values between -5 and 20")
    if list(values) != sorted(values, reverse=True):
        raise UserInputError(f"{where}: 'values' must be high first")
    text = {k: raw[k] for k in ("name", "smiles", "solvent", "method", "source")}
    if not all(isinstance(v, str) and v.strip() for v in text.values()):
        raise UserInputError(f"{where}: name, smiles, solvent, method and source must be text")
    if text["source"].strip().lower() == "estimate" and "estimate" not in text["method"].lower():
        raise UserInputError(f"{where}: an estimate says how it was estimated in 'method'")
    temperature = raw["temperature_c"]
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) or not -80 <= temperature <= 200:
        raise UserInputError(f"{where}: 'temperature_c' must be a temperature in °C")
    series = _series(raw.get("series", []), len(values), where)
    assessment = raw.get("assessment", "")
    if not isinstance(assessment, str):
        raise UserInputError(f"{where}: 'assessment' must be text")
    return PkaRecord(text["name"], text["smiles"], tuple(float(v) for v in values), float(temperature), text["solvent"],
                     text["method"], text["source"], series, assessment)


def _series(raw: Any, count: int, where: str) -> tuple[tuple[float, ...], ...]:
    def number(v: Any) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)

    if not isinstance(raw, list) or not all(isinstance(r, list) and len(r) == count + 1 and all(map(number, r)) for r in raw):
        raise UserInputError(f"{where}: 'series' must list [°C, {count} pKa value(s)] rows")
    rows = tuple(tuple(float(v) for v in r) for r in raw)
    if [r[0] for r in rows] != sorted({r[0] for r in rows}):
        raise UserInputError(f"{where}: 'series' must go up in temperature, each once")
    return rows


def load(path: Path | None = None) -> tuple[PkaRecord, ...]:
    from dzp_planner.core.io.data_files import entries, read_toml

    path = path or paths.resource("data", "pka.toml")
    found = entries(read_toml(path, path.name), "pka", path.name)
    return tuple(_record(e, f"{path.name}: pka[{i}]") for i, e in enumerate(found))


@cache
def shipped() -> tuple[PkaRecord, ...]:
    return load()


def for_smiles(smiles: str) -> PkaRecord | None:
    """The record of this structure (by InChIKey of the free base), or None."""
    from dzp_planner.core.chem.identity import inchikey

    key = inchikey(smiles)
    return next((r for r in shipped() if key and inchikey(r.smiles) == key), None)


PARENT_SMILES = "C1CNCCNC1"
MONO_PRODUCT_SMILES = "CC(C)(C)OC(=O)N1CCCNCC1"  # the mono-Boc product stands for a mono-acyl product's amine


def citation(record: PkaRecord) -> str:
    """One line a chemist can check: the values, conditions and where they come from."""
    values = " and ".join(f"{v:g}" for v in record.values)
    where = record.method if record.is_estimate else record.source
    return f"{record.name}: pKa {values} at {record.temperature_c:g} °C in {record.solvent}; {where}"


def parent_and_product() -> tuple[PkaRecord, PkaRecord]:
    """The defaults of the protonation model: homopiperazine and its mono-Boc product, from the table."""
    parent, product = for_smiles(PARENT_SMILES), for_smiles(MONO_PRODUCT_SMILES)
    if parent is None or product is None or len(parent.values) != 2 or not product.values:
        raise UserInputError("pka.toml must list homopiperazine (two values) and 1-Boc-homopiperazine")
    return parent, product
