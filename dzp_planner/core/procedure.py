"""Procedure steps that quote the reaction table, and scaling a plan to a new amount.

Template steps hold placeholders, `{ROW:FIELD}` (FIELD: mass, mmol, equiv, volume),
`{reaction:concentration}` and `{addition:rate}`, so the amounts in the text always come
from the same computed table as the panel: scale the plan and the steps quote the new
amounts. A placeholder that cannot be filled (unknown row or field, or a value that does
not apply such as the volume of a weighed solid) renders visibly as `[?ROW:FIELD]` and is
reported; rendering never raises, since a typo in a template must not hide the procedure.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Iterable

from dzp_planner.core.plan import Addition, Component, Plan
from dzp_planner.core.stoich import TableResult, compute_table, rescale
from dzp_planner.core.templates import Step, Template, get_template
from dzp_planner.core.units import format_quantity

log = logging.getLogger(__name__)

PLACEHOLDER = re.compile(r"\{([^{}\n]+?):([^{}:\n]+)\}")
ROW_FIELDS: dict[str, tuple[str, str]] = {  # placeholder field -> (RowResult attribute, quantity kind)
    "mass": ("mass_g", "mass"),
    "mmol": ("mmol", "amount"),
    "equiv": ("equiv", "equiv"),
    "volume": ("volume_ml", "volume"),
}


@dataclass(frozen=True, slots=True)
class RenderedStep:
    text: str
    correction: str = ""
    checkpoint: str = ""
    problems: tuple[str, ...] = ()  # one line per placeholder that could not be filled


def _fill(row_name: str, field: str, table: TableResult) -> tuple[str | None, str]:
    """The text for one placeholder, or (None, why not)."""
    key, fld = row_name.strip(), field.strip()
    if key.casefold() == "reaction":
        if fld != "concentration":
            return None, "the 'reaction' placeholder has only the field 'concentration'"
        if table.concentration_m is None:
            return None, "no reaction concentration: give the solvent a volume or a target concentration"
        return format_quantity(table.concentration_m, "concentration"), ""
    if key.casefold() == "addition":
        if fld != "rate":
            return None, "the 'addition' placeholder has only the field 'rate'"
        if table.addition is None or table.addition.rate_ml_per_min is None:
            return None, "no addition rate: give the addition a volume and a time"
        return table.addition.display(), ""
    if fld not in ROW_FIELDS:
        return None, f"unknown field {fld!r}; use one of {', '.join(ROW_FIELDS)}"
    row = table.row(key)
    if row is None:
        return None, f"no row of the table is called {key!r}"
    if row.errors:
        return None, f"{row.name} cannot be computed: {row.errors[0]}"
    attribute, kind = ROW_FIELDS[fld]
    value = getattr(row, attribute)
    if value is None:
        reasons = {"volume": "it is weighed (no density or solution strength)",
                   "mass": "it is a solution, or has no MW", "mmol": "it is a solvent", "equiv": "it is a solvent"}
        return None, f"{row.name} has no {fld}: {reasons[fld]}"
    return format_quantity(value, kind), ""


def render_text(text: str, table: TableResult) -> tuple[str, list[str]]:
    """Fill every placeholder of `text`; returns the text and the problems found."""
    problems: list[str] = []

    def substitute(match: re.Match[str]) -> str:
        row_name, field = match.group(1), match.group(2)
        value, why = _fill(row_name, field, table)
        if value is None:
            problems.append(f"{match.group(0)}: {why}")
            return f"[?{row_name}:{field}]"
        return value

    return PLACEHOLDER.sub(substitute, text), problems


def render_steps(steps: Iterable[Step | str], table: TableResult) -> list[RenderedStep]:
    """Each step with its amounts filled from `table` (corrections and checkpoints kept)."""
    rendered = []
    for step in steps:
        if isinstance(step, str):
            step = Step(text=step)
        text, problems = render_text(step.text, table)
        for p in problems:
            log.info("procedure placeholder not filled: %s", p)
        rendered.append(RenderedStep(text, step.correction, step.checkpoint, tuple(problems)))
    return rendered


def render_template(template: Template | str, components: list[Component] | None = None,
                    addition: Addition | None = None) -> list[RenderedStep]:
    """A template's steps over the given table (by default the template's own quantities)."""
    t = get_template(template) if isinstance(template, str) else template
    rows = list(components) if components is not None else [Component(**vars(c)) for c in t.components]
    table = compute_table(rows, addition if addition is not None else t.addition)
    return render_steps(t.steps, table)


def render_plan(plan: Plan) -> list[RenderedStep]:
    """The procedure of a plan made from a template, quoting the plan's current table."""
    if not plan.template_id:
        return []
    return render_template(plan.template_id, plan.components, plan.addition)


def scale_plan_components(components: list[Component], target: str) -> list[Component]:
    """The table at a new scale ("make it 2.0 mmol", or "2.0 g"): the limiting row takes
    `target`, the other rows keep their equivalents (see `stoich.rescale`). Raises
    UserInputError for a target that is not an amount, mass or volume."""
    return rescale(components, target)
