"""The dropwise addition: how much goes in, over how long, and so how fast.

A chemist sets an addition by its volume and its time ("50 mL over 1 h"), or by how fast the
reagent goes in: a syringe pump's volume rate ("25 mL/h"), an amount rate ("20 µmol/h") or
equivalents per time ("0.5 equiv/h", as slow-addition procedures state it). Whichever is typed
into the addition's time, the others follow from the added row's amount and the limiting
amount: time = volume / (mL/h) = mmol / (mmol/h) = equiv / (equiv/h).

Kept apart from `stoich` (which calls it once the rows' amounts are known) because it is the
one part of the table that is about time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dzp_planner.core.document.plan import Addition
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.quantities.units import KIND_NAMES, ParsedQuantity, format_quantity, parse_quantity

# What the addition's time field takes: a time, or a rate by volume, amount or equivalents.
TIME_OR_RATE = ("time", "rate", "amount_rate", "equiv_rate")
TIME_OR_RATE_EXAMPLES = "a time (1 h, 45 min) or a rate (25 mL/h, 100 µmol/h, 0.5 equiv/h)"
# the times a typed time may have (`units`): a rate that gives a time outside them is a typo
MIN_SECONDS, MAX_SECONDS = 1e-3, 1e8


def parse_time_or_rate(text: str) -> ParsedQuantity:
    """What was typed into the addition's time, or UserInputError saying what it takes."""
    try:
        typed = parse_quantity(text)
    except UserInputError as exc:
        if "no unit" in str(exc):
            raise UserInputError(f"{text.strip()!r} has no unit; type {TIME_OR_RATE_EXAMPLES}") from None
        raise
    if typed.kind not in TIME_OR_RATE:
        raise UserInputError(f"{text.strip()!r} is {KIND_NAMES[typed.kind]}; type {TIME_OR_RATE_EXAMPLES}")
    return typed


@dataclass(frozen=True, slots=True)
class AddedRow:
    """What the addition needs of a table row: its name, slot and amount (None if unknown)."""

    name: str
    slot: str
    mmol: float | None


@dataclass(frozen=True, slots=True)
class AdditionResult:
    component: str
    volume_ml: float | None
    time_s: float | None
    rate_ml_per_h: float | None
    rate_ml_per_min: float | None
    mmol_per_min: float | None = None  # the added row's amount over the time
    equiv_per_min: float | None = None  # ... and its equivalents
    set_by: str = "time"  # the kind typed into the time field (TIME_OR_RATE)

    def display(self) -> str:
        """The rate as the chemist set it: by volume ("50 mL/h, 0.833 mL/min"), or by amount
        first when a rate by amount or equivalents was typed ("0.5 equiv/h, 250 µmol/h, 5 mL/h, …")."""
        volume = ""
        if self.rate_ml_per_min is not None:
            volume = (f"{format_quantity(self.rate_ml_per_min, 'rate', unit='mL/h')}, "
                      f"{format_quantity(self.rate_ml_per_min, 'rate', unit='mL/min')}")
        if self.set_by not in ("amount_rate", "equiv_rate"):
            return volume
        amounts = []
        if self.equiv_per_min is not None:
            amounts.append(format_quantity(self.equiv_per_min, "equiv_rate", unit="equiv/h"))
        if self.mmol_per_min is not None:
            amounts.append(format_quantity(self.mmol_per_min, "amount_rate"))
        return ", ".join([*amounts, volume] if volume else amounts)


Problem = tuple[str, str, str]  # (text, severity, field), made into the table's messages by `stoich`


def addition_result(addition: Addition | None, rows: Sequence[AddedRow], limiting_mmol: float | None,
                    feed_volume: float | None = None) -> tuple[AdditionResult | None, list[Problem]]:
    """The addition's volume, time and rates, and the problems found (never raises).

    `addition.component` names a row, or a slot ("electrophile"); without a typed volume the
    addition-solvent row's volume (`feed_volume`) is the volume added.
    """
    problems: list[Problem] = []
    if addition is None or not (addition.volume.strip() or addition.time.strip()):
        return None, problems
    component = addition.component.strip()
    by_slot = next((r for r in rows if component and r.slot == component), None)
    if by_slot is not None:
        component = by_slot.name
    added = next((r for r in rows if component and r.name.casefold() == component.casefold()), None)
    label = f"addition of {component}" if component else "addition"
    if component and added is None:
        problems.append((f"{label}: no row of the table is called {component!r}", "warning", "addition.component"))
    mmol = added.mmol if added is not None else None
    equiv = mmol / limiting_mmol if mmol is not None and limiting_mmol else None

    volume = _volume(addition, feed_volume, label, problems)
    time_s, set_by = None, "time"
    text = addition.time.strip()
    if not text:
        problems.append((f"{label}: no time; type {TIME_OR_RATE_EXAMPLES}", "warning", "addition.time"))
    else:
        try:
            typed = parse_time_or_rate(text)
        except UserInputError as exc:
            problems.append((f"{label}: {exc}", "error", "addition.time"))
        else:
            set_by = typed.kind
            time_s = _time_from(typed.kind, typed.value, volume, mmol, equiv, label, problems)
            if typed.kind in ("time", "rate") and volume is None and not addition.volume.strip():
                problems.append((f"{label}: no volume; type the volume added", "warning", "addition.volume"))
    per_min = volume / (time_s / 60.0) if volume and time_s else None
    return AdditionResult(
        component, volume, time_s, per_min * 60.0 if per_min else None, per_min,
        mmol_per_min=mmol / (time_s / 60.0) if mmol and time_s else None,
        equiv_per_min=equiv / (time_s / 60.0) if equiv and time_s else None,
        set_by=set_by,
    ), problems


def _volume(addition: Addition, feed_volume: float | None, label: str, problems: list[Problem]) -> float | None:
    text = addition.volume.strip()
    if not text:
        return feed_volume or None
    try:
        return parse_quantity(text, "volume").value
    except UserInputError as exc:
        problems.append((f"{label}: {exc}", "error", "addition.volume"))
        return None


def _time_from(kind: str, value: float, volume: float | None, mmol: float | None, equiv: float | None,
               label: str, problems: list[Problem]) -> float | None:
    """Seconds of the addition from what was typed: a time, or a rate by volume, amount or equivalents."""
    if kind == "time":
        return value
    needs = {"rate": (volume, "the volume added"), "amount_rate": (mmol, "the amount of the row added"),
             "equiv_rate": (equiv, "the equivalents of the row added")}
    have, what = needs[kind]
    rate = format_quantity(value, kind)
    if not have:
        if kind != "rate" and label == "addition":
            what = "to know what is added: choose the row"
        problems.append((f"{label}: a rate of {rate} needs {what} to give a time", "warning", "addition.time"))
        return None
    seconds = have / value * 60.0  # rates are per minute
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:
        problems.append((f"{label}: at {rate} the addition would take {format_quantity(seconds, 'time')}; "
                         "check the rate and its unit", "warning", "addition.time"))
        return None
    return seconds
