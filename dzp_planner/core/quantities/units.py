"""Safe parsing and display of the quantities a chemist types ("5.0 g", "180 µL", "0.1 M").

Why not hand the text to pint? pint *evaluates* what it is given: with pint 0.25,
`10**10**10 g` never returns, `1e400 g` becomes `inf gram` and `5 g/mol/s` is accepted.
A typo must never freeze the window, so the text is first matched against the small grammar
chemists actually use, a number and one unit from an allow-list, and only a validated
magnitude and a known unit ever reach pint (`unit_registry.as_pint`).

The conversion factors are pint's, worked out at run time from the app's own definitions file
by `unit_registry.install` (which also checks each unit's dimensions against its kind). The
table below keeps a written copy of them, so that parsing needs no pint import (0.12 s) on
the start path: the window's first reaction table is computed before pint is loaded in the
background. `tests/core/quantities/test_unit_registry.py` checks the copy against pint.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from dzp_planner.core.errors import UserInputError

log = logging.getLogger(__name__)

KINDS: tuple[str, ...] = (
    "mass", "amount", "volume", "concentration", "equiv", "density",
    "mw", "time", "rate", "percent", "temperature", "mass_concentration",
    "loading", "amount_rate", "equiv_rate",
)

# The unit every value of a kind is returned in: what the reaction table computes with.
BASE_UNITS: dict[str, str] = {
    "mass": "g", "amount": "mmol", "volume": "mL", "concentration": "M", "equiv": "equiv",
    "density": "g/mL", "mw": "g/mol", "time": "s", "rate": "mL/min", "percent": "%",
    "temperature": "°C", "mass_concentration": "g/L",
    "loading": "mmol/g", "amount_rate": "mmol/min", "equiv_rate": "equiv/min",
}

KIND_NAMES: dict[str, str] = {
    "mass": "a mass", "amount": "an amount", "volume": "a volume", "concentration": "a concentration",
    "equiv": "equivalents", "density": "a density", "mw": "a molecular weight", "time": "a time",
    "rate": "an addition rate", "percent": "a percentage", "temperature": "a temperature",
    "mass_concentration": "a mass concentration", "loading": "a loading (amount per gram of resin)",
    "amount_rate": "an addition rate in amount per time", "equiv_rate": "an addition rate in equivalents per time",
}

MICRO = "µ"  # U+00B5 MICRO SIGN, what the keyboard types and what we display

# canonical token -> (kind, factor to the base unit, pint unit expression)
_UNITS: dict[str, tuple[str, float, str]] = {
    "kg": ("mass", 1e3, "kilogram"),
    "g": ("mass", 1.0, "gram"),
    "mg": ("mass", 1e-3, "milligram"),
    "µg": ("mass", 1e-6, "microgram"),
    "mol": ("amount", 1e3, "mole"),
    "mmol": ("amount", 1.0, "millimole"),
    "µmol": ("amount", 1e-3, "micromole"),
    "L": ("volume", 1e3, "liter"),
    "mL": ("volume", 1.0, "milliliter"),
    "µL": ("volume", 1e-3, "microliter"),
    "M": ("concentration", 1.0, "molar"),
    "mM": ("concentration", 1e-3, "millimolar"),
    "µM": ("concentration", 1e-6, "micromolar"),
    "mol/L": ("concentration", 1.0, "mole / liter"),
    "mmol/mL": ("concentration", 1.0, "millimole / milliliter"),
    "mmol/L": ("concentration", 1e-3, "millimole / liter"),
    "equiv": ("equiv", 1.0, "equiv"),
    "%": ("percent", 1.0, "percent"),
    "g/mL": ("density", 1.0, "gram / milliliter"),
    "g/cm3": ("density", 1.0, "gram / centimeter ** 3"),
    "g/mol": ("mw", 1.0, "gram / mole"),
    "h": ("time", 3600.0, "hour"),
    "min": ("time", 60.0, "minute"),
    "s": ("time", 1.0, "second"),
    "mL/h": ("rate", 1.0 / 60.0, "milliliter / hour"),
    "mL/min": ("rate", 1.0, "milliliter / minute"),
    "°C": ("temperature", 1.0, "degree_Celsius"),
    # solutions sold or made up by mass per volume; the table turns them into M with the row's MW
    "g/L": ("mass_concentration", 1.0, "gram / liter"),
    "mg/mL": ("mass_concentration", 1.0, "milligram / milliliter"),
    "mg/L": ("mass_concentration", 1e-3, "milligram / liter"),
    "µg/mL": ("mass_concentration", 1e-3, "microgram / milliliter"),
    "% w/v": ("mass_concentration", 10.0, "gram / deciliter"),  # 1 % w/v = 1 g per 100 mL
    # resin-bound (polymer-supported) reagents are sold by their loading
    "mmol/g": ("loading", 1.0, "millimole / gram"),
    "mol/kg": ("loading", 1.0, "mole / kilogram"),
    "µmol/g": ("loading", 1e-3, "micromole / gram"),
    # a dropwise addition set by how fast the reagent goes in, not by its volume
    "mmol/min": ("amount_rate", 1.0, "millimole / minute"),
    "mmol/h": ("amount_rate", 1.0 / 60.0, "millimole / hour"),
    "µmol/min": ("amount_rate", 1e-3, "micromole / minute"),
    "µmol/h": ("amount_rate", 1e-3 / 60.0, "micromole / hour"),
    "equiv/min": ("equiv_rate", 1.0, "equivalent / minute"),
    "equiv/h": ("equiv_rate", 1.0 / 60.0, "equivalent / hour"),
}

# The factor each token converts with: the written copy above until `unit_registry.install`
# replaces it with pint's (swapped as one dict, so a parse on another thread sees one or the other).
_FACTORS: dict[str, float] = {token: entry[1] for token, entry in _UNITS.items()}


def use_factors(factors: dict[str, float]) -> None:
    """Convert with these factors from now on (pint's, from `unit_registry.install`)."""
    global _FACTORS
    missing = set(_UNITS) - set(factors)
    if missing:
        raise ValueError(f"no factor for {', '.join(sorted(missing))}")
    _FACTORS = {token: float(factors[token]) for token in _UNITS}


# Spellings that mean a canonical token. L is case-insensitive (mL/ml); M and g are not
# (m is a metre, G is giga).
_ALIASES: dict[str, str] = {
    "ug": "µg", "mcg": "µg",
    "umol": "µmol",
    "l": "L", "ml": "mL", "ul": "µL", "µl": "µL",
    "uM": "µM",
    "mol/l": "mol/L", "mmol/ml": "mmol/mL", "mmol/l": "mmol/L",
    "eq": "equiv", "eq.": "equiv", "equiv.": "equiv", "equivs": "equiv", "equiv": "equiv",
    "equivalent": "equiv", "equivalents": "equiv", "eqs": "equiv",
    "wt%": "%", "wt.%": "%", "wt %": "%", "% w/w": "%", "percent": "%",
    "g/ml": "g/mL", "g/cm³": "g/cm3", "g/cc": "g/cm3",
    "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
    "mins": "min", "minute": "min", "minutes": "min",
    "sec": "s", "secs": "s",
    "ml/h": "mL/h", "ml/hr": "mL/h", "mL/hr": "mL/h", "ml/min": "mL/min",
    "mg/ml": "mg/mL", "g/l": "g/L", "mg/l": "mg/L", "ug/mL": "µg/mL", "ug/ml": "µg/mL", "µg/ml": "µg/mL",
    "%w/v": "% w/v", "% (w/v)": "% w/v", "w/v%": "% w/v", "wt/vol%": "% w/v",
    "umol/g": "µmol/g", "mmol/hr": "mmol/h", "umol/h": "µmol/h", "umol/hr": "µmol/h", "µmol/hr": "µmol/h",
    "umol/min": "µmol/min", "eq/h": "equiv/h", "eq/hr": "equiv/h", "equiv/hr": "equiv/h", "eq/min": "equiv/min",
    "°c": "°C", "degc": "°C", "degC": "°C", "ºC": "°C", "° C": "°C", "oC": "°C", "o C": "°C",
}

# Tokens also accepted in any letter case (no clash with another unit when upper-cased).
_CASE_FREE: dict[str, str] = {"mol": "mol", "mmol": "mmol", "µmol": "µmol", "min": "min", "h": "h"}

# Tokens a chemist might type that are real units but not ones this app takes.
_WRONG_KIND: dict[str, str] = {
    "m": "a length (metres)", "cm": "a length", "mm": "a length (millimetres; millimolar is mM)",
    "km": "a length", "nm": "a length", "µm": "a length", "um": "a length", "in": "a length",
    "N": "a normality or a force; give the molarity (M)", "K": "a temperature in kelvin; use °C",
    "°F": "a temperature in Fahrenheit; use °C", "lb": "a mass in pounds; use g or kg",
    "oz": "a mass in ounces; use g", "gal": "a volume in gallons; use L",
}

# Largest value of each kind, in its base unit: larger is a typo (1e6 kg, 1e6 L...).
_MAXIMUM: dict[str, float] = {
    "mass": 1e9, "amount": 1e9, "volume": 1e9, "concentration": 100.0, "equiv": 1e6,
    "density": 25.0, "mw": 1e7, "time": 1e8, "rate": 1e6, "percent": 100.0, "temperature": 1e4,
    "mass_concentration": 5000.0,  # g/L: no solution holds more than a few kg per litre
    "loading": 100.0,  # mmol/g: even a pure compound of MW 10 holds only 100 mmol per gram
    "amount_rate": 1e6, "equiv_rate": 1e4,
}

# Smallest positive value of each kind: smaller is a typo in the exponent or the unit.
_MINIMUM: dict[str, float] = {
    "mass": 1e-9, "amount": 1e-9, "volume": 1e-6, "concentration": 1e-12, "equiv": 1e-6,
    "density": 1e-4, "mw": 1.0, "time": 1e-3, "rate": 1e-9, "percent": 1e-6, "mass_concentration": 1e-9,
    "loading": 1e-6, "amount_rate": 1e-9, "equiv_rate": 1e-9,
}

# A bare number is accepted only where its unit cannot be misread.
BARE_UNITS: dict[str, str] = {
    "equiv": "equiv", "density": "g/mL", "mw": "g/mol", "percent": "%",
    "concentration": "M", "temperature": "°C", "loading": "mmol/g",
}

MAX_TEXT = 64
EXAMPLES = "5 g, 250 mg, 2.5 mL, 0.1 M, 1.5 equiv"

# number: digits with an optional decimal point (or comma) and a short exponent.
_NUMBER = r"(?P<sign>[-+]?)(?P<num>(?:\d+(?:[.,]\d*)?|[.,]\d+))(?:[eE](?P<exp>[-+]?\d+))?"
_QUANTITY_RE = re.compile(rf"^{_NUMBER}\s*(?P<unit>.*?)$")


@dataclass(frozen=True, slots=True)
class ParsedQuantity:
    """A validated quantity: `value` is in `BASE_UNITS[kind]`; `unit` is the canonical token."""

    value: float
    kind: str
    unit: str
    magnitude: float  # the number as typed, in `unit`
    text: str

    def to(self, unit: str) -> float:
        """The value in another allow-listed unit of the same kind."""
        token = canonical_unit(unit)
        kind = _UNITS[token][0]
        if kind != self.kind:
            raise UserInputError(f"cannot express {self.text!r} ({KIND_NAMES[self.kind]}) in {unit}")
        return self.value / _FACTORS[token]

    def __str__(self) -> str:
        return format_quantity(self.value, self.kind)


def canonical_unit(token: str) -> str:
    """The allow-list token for a spelling ("ml" -> "mL", "uL" -> "µL"), or UserInputError."""
    t = _normalise_unit(token)
    if t in _UNITS:
        return t
    if t in _ALIASES:
        return _ALIASES[t]
    low = t.lower()
    if low in _ALIASES:
        return _ALIASES[low]
    if low in _CASE_FREE:
        return _CASE_FREE[low]
    raise UserInputError(f"unknown unit {token!r}")


def _normalise_unit(token: str) -> str:
    t = token.strip()
    t = t.replace("μ", MICRO)  # GREEK SMALL LETTER MU -> MICRO SIGN
    t = re.sub(r"\s*/\s*", "/", t)
    return re.sub(r"\s+", " ", t)


def _normalise_text(text: str) -> str:
    # NFKC folds full-width digits, no-break spaces and superscript 3; it also turns the
    # micro sign into a mu, which _normalise_unit turns back.
    t = unicodedata.normalize("NFKC", text)
    t = t.replace("\u2212", "-").replace("\u2013", "-")  # minus sign, en dash
    return t.strip()


def _refuse_odd_digits(text: str) -> None:
    """Superscript, subscript and other non-ASCII digits are not numbers here: NFKC would read
    '5² g' as 52 g, a silent tenfold error. A unit's exponent (cm³, m²) stays allowed; full-width
    digits (what an East Asian input method types) are plain digits and fold as before."""
    for i, char in enumerate(text):
        if char.isascii() or not (char.isdigit() or char.isnumeric()):
            continue
        if "\uff10" <= char <= "\uff19":  # FULLWIDTH DIGIT ZERO..NINE
            continue
        if char in "²³" and i > 0 and text[i - 1].isalpha():
            continue
        name = unicodedata.name(char, "a non-ASCII digit").lower()
        raise UserInputError(f"{text!r}: {char!r} is {name}, not a digit DZP Planner reads as a number; "
                             "type plain digits (0-9), such as 5 g")


def _reject(text: str, why: str = "") -> UserInputError:
    shown = text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"
    reason = f" ({why})" if why else ""
    return UserInputError(
        f"{shown!r} is not a quantity DZP Planner understands{reason}; "
        f"type a number and a unit such as {EXAMPLES}"
    )


def _kinds(expected: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if expected is None:
        return None
    kinds = (expected,) if isinstance(expected, str) else tuple(expected)
    for k in kinds:
        if k not in KINDS:
            raise ValueError(f"unknown quantity kind {k!r}")
    return kinds


def _number(num: str, raw: str) -> float:
    """The mantissa as a float; a comma is a decimal separator unless it looks like 1,000."""
    if "," in num:
        whole, _, frac = num.partition(",")
        if len(frac) == 3 and whole not in ("", "0"):
            raise UserInputError(
                f"{raw!r} is ambiguous: is the comma a decimal separator or a thousands separator? "
                f"Write it without the comma (e.g. {whole}{frac}) or with a decimal point"
            )
        num = f"{whole}.{frac}"
    if len(num.replace(".", "").lstrip("0")) > 17:  # more than a double holds
        raise UserInputError(f"{raw!r} has more digits than any balance or pipette gives; round it")
    return float(num)


def parse_quantity(
    text: str | float | int,
    expected_kind: str | Iterable[str] | None = None,
    *,
    allow_zero: bool = False,
) -> ParsedQuantity:
    """Parse what a chemist typed into a value in the base unit of its kind.

    `expected_kind` (a kind or several) rejects a quantity of another kind with a message
    that says what was expected. A bare number is read in `BARE_UNITS[kind]` when exactly one
    kind is expected and it has a bare unit; elsewhere a unit is required. Negative values
    (except temperatures), zero (unless `allow_zero`), non-finite and absurd values are
    errors. Always returns quickly: the text is length-capped and matched by a linear regex.
    """
    kinds = _kinds(expected_kind)
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        raise UserInputError(f"expected a quantity as text such as {EXAMPLES}, got {type(text).__name__}")
    if isinstance(text, int):
        if abs(text) > 10**15:
            raise _reject("a very large number", "more digits than any balance or pipette gives")
        text = str(text)
    elif isinstance(text, float):
        if not math.isfinite(text):
            raise _reject(str(text), "not a finite number")
        text = repr(text)
    raw = text
    if len(raw) > MAX_TEXT:
        raise _reject(raw, f"longer than {MAX_TEXT} characters")
    _refuse_odd_digits(raw)
    t = _normalise_text(raw)
    if not t:
        raise UserInputError(f"empty quantity; type a number and a unit such as {EXAMPLES}")
    m = _QUANTITY_RE.match(t) if t.isprintable() else None
    if m is None:
        raise _reject(raw)
    unit_text = m.group("unit")
    if unit_text == "":
        bare_kind = kinds[0] if kinds is not None and len(kinds) == 1 else None
        if bare_kind is None or bare_kind not in BARE_UNITS:
            need = f"{KIND_NAMES[kinds[0]]}" if kinds and len(kinds) == 1 else "a quantity"
            raise UserInputError(f"{raw!r} has no unit; {need} needs one, e.g. {EXAMPLES}")
        token = BARE_UNITS[bare_kind]
    else:
        norm = _normalise_unit(unit_text)
        if norm in _WRONG_KIND:
            raise _reject(raw, f"{norm!r} is {_WRONG_KIND[norm]}")
        try:
            token = canonical_unit(norm)
        except UserInputError:
            if re.search(r"[*^()+]|\d|/.*/", norm):
                raise _reject(raw, "one number and one unit, no arithmetic") from None
            raise _reject(raw, f"unknown unit {unit_text!r}") from None
    kind, factor = _UNITS[token][0], _FACTORS[token]
    if kinds is not None and kind not in kinds:
        wanted = " or ".join(KIND_NAMES[k] for k in kinds)
        raise UserInputError(f"{raw!r} is {KIND_NAMES[kind]}; expected {wanted}")
    magnitude = _number(m.group("num"), raw)
    exp = m.group("exp")
    if exp:
        if len(exp.lstrip("+-")) > 2:
            raise _reject(raw, "the exponent is out of range")
        magnitude *= 10.0 ** int(exp)
    if m.group("sign") == "-":
        magnitude = -magnitude
    value = magnitude * factor
    _check_range(raw, kind, value, allow_zero)
    return ParsedQuantity(value=value, kind=kind, unit=token, magnitude=magnitude, text=raw)


def _check_range(raw: str, kind: str, value: float, allow_zero: bool) -> None:
    if not math.isfinite(value):
        raise _reject(raw, "not a finite number")
    if kind == "temperature":
        if value < -273.15:
            raise UserInputError(f"{raw!r} is below absolute zero")
    elif value < 0:
        raise UserInputError(f"{raw!r} is negative; {KIND_NAMES[kind]} must be positive")
    elif value == 0 and not allow_zero:
        raise UserInputError(f"{raw!r} is zero; {KIND_NAMES[kind]} must be more than zero")
    if 0 < value < _MINIMUM.get(kind, 0.0):
        limit = format_quantity(_MINIMUM[kind], kind)
        raise UserInputError(f"{raw!r} is less than {limit}; check the number and the unit")
    if value > _MAXIMUM[kind]:
        limit = format_quantity(_MAXIMUM[kind], kind)
        raise UserInputError(f"{raw!r} is more than {limit}; check the number and the unit")


# -- display -------------------------------------------------------------------------------

def _fmt_number(x: float, sig: int, keep_zeros: bool = False) -> str:
    """`sig` significant figures, no exponent for everyday magnitudes.

    Trailing zeros are dropped unless `keep_zeros`: a computed mass of 25.0 mmol is shown as
    "25.0 mmol" (three significant figures, as a chemist writes a measured amount), while
    equivalents and typed values read better as "1 equiv" or "0.5".
    """
    if x == 0:
        return "0"
    if 1e-4 <= abs(x) < 1e6:
        digits = max(sig - 1 - math.floor(math.log10(abs(x))), 0)
        s = f"{round(x, digits):.{digits}f}"
        # rounding can carry into a new digit (999.6 -> 1000): re-round once
        if "." in s and not keep_zeros:
            s = s.rstrip("0").rstrip(".")
        return "0" if s in ("-0", "") else s
    mantissa, _, exponent = f"{x:.{sig - 1}e}".partition("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{int(exponent)}"


MEASURED_KINDS = frozenset({"mass", "amount", "volume", "concentration"})


def display_unit(value: float, kind: str) -> str:
    """The unit a chemist writes for this value: mg below 1 g, µL below 1 mL, mol above 1000 mmol..."""
    a = abs(value)
    if kind == "mass":
        return "kg" if a >= 1000 else "g" if a >= 1 else "mg" if a >= 1e-3 or a == 0 else "µg"
    if kind == "amount":
        return "mol" if a >= 1000 else "mmol" if a >= 0.01 or a == 0 else "µmol"
    if kind == "volume":
        return "L" if a >= 1000 else "mL" if a >= 1 or a == 0 else "µL"
    if kind == "concentration":
        return "M" if a >= 0.01 or a == 0 else "mM" if a >= 1e-5 else "µM"
    if kind == "time":
        return "h" if a >= 3600 else "min" if a >= 60 else "s"
    if kind == "rate":
        return "mL/min" if a >= 1 else "mL/h"
    if kind == "mass_concentration":
        return "mg/mL" if a >= 0.1 or a == 0 else "µg/mL"
    if kind == "amount_rate":  # base mmol/min
        return "mmol/min" if a >= 1 else "mmol/h" if a >= 1 / 60 or a == 0 else "µmol/h"
    if kind == "equiv_rate":  # base equiv/min: a chemist counts equivalents per hour
        return "equiv/min" if a >= 1 else "equiv/h"
    return BASE_UNITS[kind]


def pint_unit(token: str) -> str:
    """pint's name of an allow-listed unit token ("mg" -> "milligram")."""
    return _UNITS[token][2]


def format_quantity(value: float | None, kind: str, sig: int = 3, unit: str | None = None, measured: bool = False) -> str:
    """Show a base-unit value as a chemist writes it: "200 mg", "183 µL", "0.496 equiv".

    3 significant figures by default (pass sig=4 for more); MW always with two decimals.
    `measured=True` keeps trailing zeros of masses, amounts, volumes and concentrations
    ("25.0 mmol"): what a computed table cell should show.
    The output parses back with `parse_quantity` to the same value within the rounding.
    None shows as an empty string (a value that does not apply).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown quantity kind {kind!r}")
    if value is None:
        return ""
    if not math.isfinite(value):
        return "—"
    if unit:
        token = canonical_unit(unit)
    else:  # choose the unit after rounding, so 999.7 mg shows as 1 g, not 1000 mg
        rounded = float(f"{value:.{sig - 1}e}") if kind != "mw" else value
        token = display_unit(rounded, kind)
    shown = value / _FACTORS[token]
    if kind == "mw":
        number = f"{shown:.2f}"
    elif kind == "density":
        number = _fmt_number(shown, max(sig, 4))
    else:
        number = _fmt_number(shown, sig, keep_zeros=measured and kind in MEASURED_KINDS)
    sep = "" if token == "%" else " "
    return f"{number}{sep}{token}"


def unit_table() -> dict[str, tuple[str, float, str]]:
    """The allow-list: canonical token -> (kind, factor to the base unit, pint expression)."""
    return dict(_UNITS)


def accepted_spellings() -> dict[str, str]:
    """Every unit spelling the parser takes (besides letter-case variants) -> canonical token."""
    spellings = {t: t for t in _UNITS}
    spellings.update(_ALIASES)
    return spellings
