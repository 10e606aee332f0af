"""Dilution calculator: C1·V1 = C2·V2, any three give the fourth, plus the solvent to add.

Inputs are typed the way chemists type them, in any of M, mM, µM, mol/L, mmol/mL, mmol/L
and L, mL, µL (parsed by `units.parse_quantity`); numbers are taken as M and mL. A result
that would make the solution stronger, or need a stock larger than the final volume, is an
error that says which input is inconsistent, because a silently negative "solvent to add"
is how a wrong dilution ends up in a flask.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from dzp_planner.core.errors import UserInputError
from dzp_planner.core.quantities.units import ParsedQuantity, format_quantity, parse_quantity

log = logging.getLogger(__name__)

Value = str | float | int | ParsedQuantity | None
_KINDS = {"c1": "concentration", "c2": "concentration", "v1": "volume", "v2": "volume"}
_LABELS = {"c1": "C1", "v1": "V1", "c2": "C2", "v2": "V2"}
_MAX_M, _MAX_ML, _MIN_ML = 100.0, 1e9, 1e-6
_TOLERANCE = 1 + 1e-9  # equal within float rounding counts as equal (no dilution)


@dataclass(frozen=True, slots=True)
class DilutionResult:
    c1_m: float
    v1_ml: float
    c2_m: float
    v2_ml: float
    solvent_to_add_ml: float
    solved_for: str  # which of c1, v1, c2, v2 was computed

    def as_dict(self) -> dict[str, float]:
        return {"c1_m": self.c1_m, "v1_ml": self.v1_ml, "c2_m": self.c2_m, "v2_ml": self.v2_ml,
                "solvent_to_add_ml": self.solvent_to_add_ml}

    def display(self) -> dict[str, str]:
        """Each value as a chemist writes it ("2.5 mL", "250 µL", "0.1 M")."""
        return {
            "c1": format_quantity(self.c1_m, "concentration"), "v1": format_quantity(self.v1_ml, "volume"),
            "c2": format_quantity(self.c2_m, "concentration"), "v2": format_quantity(self.v2_ml, "volume"),
            "solvent_to_add": format_quantity(self.solvent_to_add_ml, "volume") or "0 mL",
        }


def _value(key: str, value: Value) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = _KINDS[key]
    if isinstance(value, ParsedQuantity):
        if value.kind != kind:
            raise UserInputError(f"{_LABELS[key]}: {value.text!r} is not a {kind}")
        return value.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and kind == "volume":
        value = f"{float(value)!r} mL"  # numbers are mL (see the module docstring)
    try:
        return parse_quantity(value, kind).value
    except UserInputError as exc:
        raise UserInputError(f"{_LABELS[key]}: {exc}") from None


def _check(label: str, value: float, kind: str) -> None:
    if kind == "concentration" and value > _MAX_M:
        raise UserInputError(f"{label} would be {format_quantity(value, kind)}, more than any solution holds; check the inputs")
    if kind == "volume" and not _MIN_ML <= value <= _MAX_ML:
        raise UserInputError(f"{label} would be {format_quantity(value, kind)}; check the inputs")


def solve_dilution(c1: Value = None, v1: Value = None, c2: Value = None, v2: Value = None) -> DilutionResult:
    """Solve C1·V1 = C2·V2 for the one value not given. Concentrations in M, volumes in mL."""
    given = {k: _value(k, v) for k, v in (("c1", c1), ("v1", v1), ("c2", c2), ("v2", v2))}
    missing = [k for k, v in given.items() if v is None]
    if len(missing) != 1:
        have = ", ".join(_LABELS[k] for k, v in given.items() if v is not None) or "none"
        raise UserInputError(f"give exactly three of C1, V1, C2 and V2 (given: {have})")
    unknown = missing[0]
    a, b, c, d = given["c1"], given["v1"], given["c2"], given["v2"]
    if unknown in ("v2", "v1") and c is not None and a is not None and c > a * _TOLERANCE:
        raise UserInputError(
            f"C2 ({format_quantity(c, 'concentration')}) is above C1 ({format_quantity(a, 'concentration')}): "
            "a dilution cannot make the solution stronger; swap them or check the units")
    if unknown in ("c2", "c1") and b is not None and d is not None and b > d * _TOLERANCE:
        raise UserInputError(
            f"V2 ({format_quantity(d, 'volume')}) is less than V1 ({format_quantity(b, 'volume')}): "
            "the final volume includes the stock taken, so it must be at least V1")
    if unknown == "v2" and a is not None and b is not None and c is not None:
        d = a * b / c
    elif unknown == "v1" and a is not None and c is not None and d is not None:
        b = c * d / a
    elif unknown == "c2" and a is not None and b is not None and d is not None:
        c = a * b / d
    elif b is not None and c is not None and d is not None:
        a = c * d / b
    assert a is not None and b is not None and c is not None and d is not None  # exactly one was missing: now none is
    _check(_LABELS[unknown], {"c1": a, "v1": b, "c2": c, "v2": d}[unknown], _KINDS[unknown])
    solvent = max(d - b, 0.0)
    log.debug("dilution solved for %s: C1=%s V1=%s C2=%s V2=%s", unknown, a, b, c, d)
    return DilutionResult(a, b, c, d, solvent, unknown)
