"""Procedure steps generated from the plan's rows, and scaling a plan to a new amount.

Template steps hold placeholders `{KEY:FIELD}`. KEY is a row's slot (`substrate`,
`electrophile`, `reductant`, `acid`, `base`, `catalyst`, `solvent`, `addition-solvent`; a row
name is accepted too, for hand-written steps) with FIELD one of `name`, `amount` (what to
measure: the volume of a liquid or solution, else the mass), `mass`, `mmol`, `equiv`,
`volume`; or one of the plan-wide keys the derivation fills (`reaction`, `addition`,
`workup`, `model`, `lcms`). Steps name rows by what they are for, so renaming a row or
changing the substrate cannot leave a placeholder behind, and the amounts always come from the
same computed table as the panel.

Rendering never raises and never prints a bracketed placeholder: a value that cannot be had
(a row with no MW, a missing row) becomes a short phrase in parentheses saying what to enter,
and the reason is reported as a problem the checks show.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from dzp_planner.core.document.plan import SLOTS, Component
from dzp_planner.core.guidance.templates import Step
from dzp_planner.core.quantities.stoich import RowResult, TableResult, rescale
from dzp_planner.core.quantities.units import format_quantity

log = logging.getLogger(__name__)

PLACEHOLDER = re.compile(r"\{([^{}\n]+?):([^{}:\n]+)\}")
ROW_FIELDS: dict[str, tuple[str, str]] = {  # placeholder field -> (RowResult attribute, quantity kind)
    "mass": ("mass_g", "mass"),
    "mmol": ("mmol", "amount"),
    "equiv": ("equiv", "equiv"),
    "volume": ("volume_ml", "volume"),
}
Resolver = Callable[[str, str], "tuple[str | None, str]"]  # (key, field) -> (text, or None and why not)


@dataclass(frozen=True, slots=True)
class RenderedStep:
    text: str
    correction: str = ""
    checkpoint: str = ""
    problems: tuple[str, ...] = ()  # one line per placeholder that could not be filled


def frees_a_salt(component: Component) -> bool:
    """A base row the protocol added to free a salt ("TEA (frees the 2HCl salt)", "TEA (takes 1 of the 2HCl salt's
    acid)"): not the protocol's own base, so no step that charges "the base" may take it for one."""
    return component.role == "base" and ("(frees the " in component.name or "(takes " in component.name)


def slot_rows(components: list[Component], electrophile: int | None = None) -> dict[str, int]:
    """Row index per slot: the rows' own `slot` first, then a role-based guess for plans written
    before rows had slots (the limiting row is the substrate, the first solvent the solvent...)."""
    found: dict[str, int] = {}
    for i, c in enumerate(components):
        if c.slot in SLOTS and c.slot not in found:
            found[c.slot] = i
    guesses: dict[str, Callable[[Component], bool]] = {
        "substrate": lambda c: c.role == "limiting",
        "solvent": lambda c: c.role == "solvent" and c.slot != "addition-solvent",
        "catalyst": lambda c: c.role == "catalyst",
        "ligand": lambda c: c.role == "ligand",
        "base": lambda c: c.role == "base" and not frees_a_salt(c),
        "acid": lambda c: c.role == "additive" and "acid" in c.name.casefold(),
        "reductant": lambda c: any(w in c.name.casefold() for w in ("stab", "borohydride", "nabh")),
    }
    taken = set(found.values())
    for slot, test in guesses.items():
        if slot not in found:
            index = next((i for i, c in enumerate(components) if i not in taken and not c.slot and test(c)), None)
            if index is not None:
                found[slot] = index
                taken.add(index)
    if "electrophile" not in found and electrophile is not None:
        found["electrophile"] = electrophile
    return found


def _measure(row: RowResult) -> tuple[str, str]:
    """What to measure: a volume for a neat liquid or a solution, else the mass (a resin's, said so)."""
    if row.loading and row.mass_g is not None:
        return f"{format_quantity(row.mass_g, 'mass')} of resin at {format_quantity(row.loading, 'loading')}", ""
    if row.volume_ml is not None and (row.density or row.concentration):
        return format_quantity(row.volume_ml, "volume"), ""
    if row.mass_g is not None:
        return format_quantity(row.mass_g, "mass"), ""
    if row.volume_ml is not None:
        return format_quantity(row.volume_ml, "volume"), ""
    return "", "amount"


def row_value(row: RowResult, component: Component, field: str) -> tuple[str | None, str]:
    """The text for one field of one computed row, or (None, why not)."""
    if field == "name":
        from dzp_planner.core.chem.naming import in_sentence

        return in_sentence(component.name.strip() or row.name), ""
    if row.errors:
        return None, f"{row.name} cannot be computed: {row.errors[0]}"
    if field == "amount":
        text, missing = _measure(row)
        if not missing:
            return text, ""
        return None, f"{row.name} has no mass or volume: enter its structure or MW (or a density)"
    if field not in ROW_FIELDS:
        return None, f"unknown field {field!r}; use name, amount or one of {', '.join(ROW_FIELDS)}"
    attribute, kind = ROW_FIELDS[field]
    value = getattr(row, attribute)
    if value is None:
        reasons = {"volume": "it is weighed (no density or solution strength)",
                   "mass": "it is a solution, or has no MW: enter its structure or MW",
                   "mmol": "it is a solvent", "equiv": "it is a solvent"}
        return None, f"{row.name} has no {field}: {reasons[field]}"
    return format_quantity(value, kind), ""


def table_resolver(table: TableResult, components: list[Component], slots: dict[str, int]) -> Resolver:
    """Resolve `{slot:field}` and `{Row name:field}` from a computed table (plus the reaction
    concentration and the addition rate); plan-wide keys are added by the derivation."""

    def resolve(key: str, field: str) -> tuple[str | None, str]:
        name = key.strip()
        if name.casefold() == "reaction":
            return _reaction_value(table, field)
        if name.casefold() == "addition":
            return _addition_value(table, field)
        index = slots.get(name)
        if index is None:
            row = table.row(name)
            index = row.index if row is not None else None
        if index is None or index >= len(table.rows):
            article = "an" if name[:1] in "aeiou" else "a"
            return None, f"the table has no {name} row: add {article} {name} row"
        return row_value(table.rows[index], components[index], field.strip())

    return resolve


def _reaction_value(table: TableResult, field: str) -> tuple[str | None, str]:
    values = {"concentration": table.concentration_m, "concentration_after_addition": table.concentration_after_addition_m}
    if field not in values:
        return None, f"the 'reaction' placeholder has the fields {', '.join(values)}"
    value = values[field]
    if value is None:
        return None, "no reaction concentration: give the solvent a volume or a target concentration"
    return format_quantity(value, "concentration"), ""


def _addition_value(table: TableResult, field: str) -> tuple[str | None, str]:
    add = table.addition
    if field == "rate":
        if add is None or not add.display():
            return None, "no addition rate: give the addition a volume and a time, or a rate"
        return add.display(), ""
    if field == "time":
        if add is None or not add.time_s:
            return None, "no addition time"
        return format_quantity(add.time_s, "time"), ""
    if field == "volume":
        if add is None or not add.volume_ml:
            return None, "no addition volume"
        return format_quantity(add.volume_ml, "volume"), ""
    return None, "the 'addition' placeholder has the fields rate, time and volume"


def _missing_phrase(why: str) -> str:
    """What a reader sees where a value is missing: a short instruction, never a placeholder."""
    if "enter its structure or MW" in why or "has no mass or volume" in why:
        return "amount: enter its structure or MW in the table"
    if why.startswith("the table has no"):
        return f"(no {why.removeprefix('the table has no ').split(':')[0]} in the table)"
    if "reagent" in why or "no products" in why:
        return "the products' masses once the reagent's structure is entered"
    return "see the table"


def render_text(text: str, resolve: Resolver) -> tuple[str, list[str]]:
    """Fill every placeholder of `text`; returns the text and the problems found."""
    problems: list[str] = []

    def substitute(match: re.Match[str]) -> str:
        key, field = match.group(1), match.group(2)
        value, why = resolve(key, field)
        if value is None:
            problems.append(f"{{{key}:{field}}}: {why}")
            return _missing_phrase(why)
        return value

    return PLACEHOLDER.sub(substitute, text), problems


def render_steps(steps: Iterable[Step | str], resolve: Resolver, model_kind: str = "") -> list[RenderedStep]:
    """The steps that apply to `model_kind`, with every placeholder filled (corrections and checkpoints too)."""
    rendered = []
    for step in steps:
        if isinstance(step, str):
            step = Step(text=step)
        if model_kind and not step.applies_to(model_kind):
            continue
        parts = [render_text(part, resolve) for part in (step.text, step.correction, step.checkpoint)]
        problems = tuple(p for _, found in parts for p in found)
        for p in problems:
            log.info("procedure placeholder not filled: %s", p)
        rendered.append(RenderedStep(parts[0][0], parts[1][0], parts[2][0], problems))
    return rendered


def scale_plan_components(components: list[Component], target: str) -> list[Component]:
    """The table at a new scale ("make it 2.0 mmol", or "2.0 g"): the limiting row takes
    `target`, the other rows keep their equivalents (see `stoich.rescale`). Raises
    UserInputError for a target that is not an amount, mass or volume."""
    return rescale(components, target)
