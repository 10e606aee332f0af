"""`dzp-planner table FILE`: fill a reaction table from JSON (FILE or - for stdin).

Input: {"components": [{"name", "smiles"?, "role"?, one of "mass" | "amount" | "volume" |
"equiv" | "quantity", "density"?, "concentration"?, "loading"?, "mw"?, "purity"?, "salt"?}...],
"addition"?: {"component", "volume", "time"}, "reaction"?: a reaction type}; the addition's "time" is a
time ("1 h") or a rate ("25 mL/h", "100 µmol/h", "0.5 equiv/h"). Quantities are strings with units ("5.0 g",
"2.0 mmol", "180 µL", "1.5 equiv"). A bare number is accepted only where its unit cannot be
misread: equiv, density (g/mL), concentration (mol/L), loading (mmol/g of a resin-bound reagent,
whose mass_g is then the resin's), mw (g/mol), purity (wt %); a bare mass,
amount or volume is refused (is 250 grams or milligrams?). For a solvent, "concentration" is
the target reaction concentration ("0.1 M" -> its volume). A name found in the reagent
database fills a missing SMILES, salt and (for liquids) density.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any

from dzp_planner.core.errors import UserInputError

HELP = ("Fill a reaction table from JSON {\"components\": [...]} (FILE, or - for stdin); prints each row's "
        "mw, mmol, equiv, mass_g, volume_ml and the reaction concentration_M.")

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 500
_AMOUNT_KEYS = ("mass", "amount", "volume", "equiv", "quantity")
_KNOWN_KEYS = {"name", "smiles", "role", "density", "concentration", "loading", "mw", "purity", "salt", "note",
               "equiv_locked", *_AMOUNT_KEYS}
_KINDS = {"mass": "mass", "amount": "amount", "volume": "volume", "equiv": "equiv"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="JSON file with {\"components\": [...]}, or - for stdin")
    parser.add_argument("--no-database", action="store_true",
                        help="do not fill missing SMILES, salt or density from the reagent database")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.quantities.stoich import compute_table
    from dzp_planner.core.reactions import reagents

    data = _read_json(args.file)
    if not isinstance(data, dict) or not isinstance(data.get("components"), list):
        raise UserInputError('the input must be a JSON object with a "components" list')
    rows = data["components"]
    if not rows:
        raise UserInputError('"components" is empty: give at least the limiting reagent')
    if len(rows) > MAX_ROWS:
        raise UserInputError(f'"components" has {len(rows)} rows; at most {MAX_ROWS} are accepted')
    components = [_component(i, raw) for i, raw in enumerate(rows)]
    if not args.no_database:
        components = [reagents.complete_component(c) for c in components]
    addition = _addition(data.get("addition"))
    table = compute_table(components, addition)
    if table.errors:
        shown = "; ".join(_component_error(m) for m in table.errors[:3])
        more = f" (and {len(table.errors) - 3} more)" if len(table.errors) > 3 else ""
        raise UserInputError(shown + more)
    result: dict[str, Any] = {
        "components": [
            {"name": r.name, "mw": _r(r.mw), "mmol": _r(r.mmol), "equiv": _r(r.equiv), "mass_g": _r(r.mass_g),
             "volume_ml": _r(r.volume_ml)}
            for r in table.rows
        ],
        "concentration_M": _r(table.concentration_m),
        "hints": _hints(components, addition, data.get("reaction")),
    }
    if table.addition is not None:
        add = table.addition
        result["addition"] = {"rate_ml_per_h": _r(add.rate_ml_per_h), "rate_ml_per_min": _r(add.rate_ml_per_min),
                              # added with the rates by amount: what a time typed as a rate works out to
                              "time_s": _r(add.time_s),
                              "rate_mmol_per_h": _r(add.mmol_per_min * 60.0 if add.mmol_per_min else None),
                              "rate_equiv_per_h": _r(add.equiv_per_min * 60.0 if add.equiv_per_min else None)}
    return result


def _hints(components: list[Any], addition: Any, reaction: Any) -> list[dict[str, str]]:
    """The guide's checks for this table, as the GUI shows them: the limiting row is the
    substrate, the first reagent with a structure the electrophile, and the reaction type the
    one given or the first that reagent can undergo."""
    from dzp_planner.core.document.derivation import derive
    from dzp_planner.core.document.plan import Plan
    from dzp_planner.core.reactions import registry

    limiting = next((c for c in components if c.role == "limiting"), None)
    reagent = next((c for c in components if c.role == "reagent" and c.smiles), None)
    if reaction is not None and registry.find(reaction) is None:
        raise UserInputError(f'"reaction" is {reaction!r}; expected one of {", ".join(registry.ids())}')
    if reaction is None:
        classified = registry.classify_smiles(reagent.smiles) if reagent is not None else None
        reaction = classified.reaction.id if classified is not None else "alkylation"
    plan = Plan(substrate_smiles=limiting.smiles if limiting is not None else "", reaction_type=reaction,
                reagent_smiles=reagent.smiles if reagent is not None else "", components=list(components),
                addition=addition if addition is not None else Plan().addition)
    return [c.as_dict() for c in derive(plan).checks if c.severity != "error"]


def _r(x: float | None) -> float | None:
    """10 significant figures: drops float noise (218.24899999999997) and keeps all real precision."""
    return None if x is None else float(f"{x:.10g}")


def _component_error(message: Any) -> str:
    if message.row is None:
        return str(message)
    text = str(message)
    prefix = f"{message.row}: "
    return f"component {message.row!r}: {text[len(prefix):] if text.startswith(prefix) else text}"


def _read_json(name: str) -> Any:
    if name == "-":
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        where = "stdin"
    else:
        try:
            with open(name, "rb") as fh:
                raw = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise UserInputError(f"cannot read {name}: {exc.strerror or exc}") from None
        where = name
    if len(raw) > MAX_BYTES:
        raise UserInputError(f"{where} is larger than {MAX_BYTES // (1024 * 1024)} MB; a reaction table is a few kB")
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UserInputError(f"{where} is not UTF-8 text") from None
    except RecursionError:
        raise UserInputError(f"{where} is nested too deeply to be a reaction table") from None
    except ValueError as exc:
        raise UserInputError(f"{where} is not valid JSON: {exc}") from None


def _component(i: int, raw: Any) -> Any:
    from dzp_planner.core.document.plan import ROLES, Component
    from dzp_planner.core.quantities.units import parse_quantity

    if not isinstance(raw, dict):
        raise UserInputError(f"components[{i}] must be an object with at least a name")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise UserInputError(f"components[{i}] has no \"name\"")
    label = f"component {name.strip()!r}"
    unknown = sorted(set(raw) - _KNOWN_KEYS)
    if unknown:
        raise UserInputError(f"{label}: unknown key {unknown[0]!r}; known keys: {', '.join(sorted(_KNOWN_KEYS))}")
    role = raw.get("role", "reagent")
    if role not in ROLES:
        raise UserInputError(f"{label}: role {role!r} is not one of {', '.join(ROLES)}")

    def text(key: str) -> str:
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise UserInputError(f"{label}: {key!r} must be text")
        return value

    def number(key: str, kind: str) -> float | None:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise UserInputError(f"{label}: {key!r} must be a number or a quantity such as \"1.044 g/mL\"")
        try:
            return parse_quantity(value, kind).value
        except UserInputError as exc:
            raise UserInputError(f"{label}: {key}: {exc}") from None

    given = [k for k in _AMOUNT_KEYS if raw.get(k) not in (None, "")]
    concentration = raw.get("concentration")
    target = role == "solvent" and concentration is not None
    if len(given) + int(target) > 1:
        both = given + (["concentration"] if target else [])
        raise UserInputError(f"{label}: give one of {', '.join(both)}, not several")
    if not given and not target:
        need = "volume or concentration (the target, e.g. \"0.1 M\")" if role == "solvent" else "mass, amount, volume or equiv"
        raise UserInputError(f"{label}: no quantity; give its {need}")
    key = given[0] if given else "concentration"
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise UserInputError(f"{label}: {key!r} must be a quantity such as \"5.0 g\"")
    if isinstance(value, (int, float)):
        if key != "equiv" and not (key == "concentration" and target):
            raise UserInputError(f"{label}: {key!r} is a bare number; give it with a unit, e.g. \"5.0 g\", "
                                 "\"250 mg\", \"2.0 mmol\", \"180 µL\" (bare numbers are taken only for equiv, "
                                 "density, concentration, mw and purity)")
        value = f"{float(value)!r}"
    if (key == "equiv" or target) and re.fullmatch(r"\s*[0-9.,eE+-]+\s*", value):  # a bare number here cannot be misread
            value = f"{value.strip()} {'equiv' if key == 'equiv' else 'M'}"
    if key in _KINDS:  # check the kind here, so "mass": "5 mL" names the key
        try:
            parse_quantity(value, _KINDS[key])
        except UserInputError as exc:
            raise UserInputError(f"{label}: {key}: {exc}") from None
    purity = number("purity", "percent")
    locked = raw.get("equiv_locked", False)
    if not isinstance(locked, bool):
        raise UserInputError(f"{label}: 'equiv_locked' must be true or false")
    return Component(
        name=name.strip(), role=role, smiles=text("smiles"), quantity=value.strip(),
        mw=number("mw", "mw"), density=number("density", "density"),
        concentration=None if target else number("concentration", "concentration"),
        loading=number("loading", "loading"),
        purity=100.0 if purity is None else purity, salt=text("salt"), note=text("note"), equiv_locked=locked,
    )


def _addition(raw: Any) -> Any:
    from dzp_planner.core.document.plan import Addition

    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) - {"component", "volume", "time", "solvent"} or not all(
            isinstance(v, str) for v in raw.values()):
        raise UserInputError('"addition" must be an object of text: component, volume, time (and solvent)')
    return Addition(**raw)
