"""Steps the drawn substrate adds to a template's procedure, or rewrites in it.

A template is written for a free-base diamine. A salt must be freed first (by its acid equivalents, or,
on the mono-protonation route, only beyond the route's acid); a quaternary ammonium salt is never freed and
its product never leaves the water; one hindered N–H needs its DMAP charged and a longer, warmer stir.
Each rule is here once, so the GUI, the PDF and `show` print the same procedure.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from dzp_planner.core.guidance.procedure import RenderedStep, frees_a_salt, row_value

if TYPE_CHECKING:
    from dzp_planner.core.document.derivation import Derivation
    from dzp_planner.core.document.plan import Plan


def for_the_substrate(steps: list[RenderedStep], model: Any, plan: Plan, derivation: Derivation,
                      acid_route: bool) -> list[RenderedStep]:
    """The template's rendered steps as the substrate needs them (`acid_route`: the template puts acid on the diamine)."""
    if model.model_kind == "one-site":
        steps = _slow_hindered_site(steps, model, plan, derivation)
    if model.permanent_cation:
        return _quaternary_workup(steps)  # nothing to free; the product stays in water
    if model.salt:  # after the substrate is dissolved on the acid route: the salt is the acid step
        steps = list(steps)
        steps.insert(1 if acid_route and steps else 0, _freeing_step(plan, derivation, model, acid_route))
    return steps


QUATERNARY_WORKUP = ("Concentrate (no aqueous extraction: the product is a quaternary ammonium salt, a permanent cation, "
                     "and stays in the water); triturate the residue with Et2O or EtOAc to take off the neutral by-products, "
                     "then purify by reverse-phase chromatography (C18, water/MeCN with 0.1 % formic acid) or recrystallise.")


def _slow_hindered_site(steps: list[RenderedStep], model: Any, plan: Plan, derivation: Derivation) -> list[RenderedStep]:
    """The one reactive N–H is hindered (next to a substituted ring carbon): the DMAP the protocol added goes in
    with the substrate, and before the work-up a step says what to do when the template's time is not enough."""
    from dzp_planner.core.guidance.structure_alerts import hindered_sites

    hindered = hindered_sites(model)
    if not hindered:
        return steps
    name = hindered[0].name
    dmap = next((i for i, c in enumerate(plan.components) if c.name == "DMAP"), None)
    if dmap is not None and steps and dmap < len(derivation.table.rows):
        amount, _ = row_value(derivation.table.rows[dmap], plan.components[dmap], "amount")
        equiv, _ = row_value(derivation.table.rows[dmap], plan.components[dmap], "equiv")
        steps = [steps[0], RenderedStep(f"Add DMAP ({amount or 'see the table'}, {equiv or 'see the table'}), a nucleophilic catalyst for "
                                        f"the hindered {name}."), *steps[1:]]
    wait = RenderedStep(f"Before working up, check by LCMS: {name} is hindered (next to a substituted ring carbon) and "
                        "reacts slowly; if SM remains, warm to 40 °C and stir up to 16 h more.")
    workup = next((i for i, step in enumerate(steps) if i and _WORKUP_START.match(step.text)), len(steps))
    return [*steps[:workup], wait, *steps[workup:]]


_WORKUP_START = re.compile(r"(Quench|Dilute|Concentrate|Filter|Cool, dilute|Wash|Evaporate)\b")


_EXTRACTIVE_WORKUP = re.compile(r"\b(extract|partition|wash with|dilute with EtOAc)", re.IGNORECASE)


def _quaternary_workup(steps: list[RenderedStep]) -> list[RenderedStep]:
    """The work-up that takes the product into an organic solvent, rewritten once for a salt that never leaves
    the water (the steps after it, washing an organic layer that holds nothing, dropped)."""
    out: list[RenderedStep] = []
    for step in steps:
        if not _EXTRACTIVE_WORKUP.search(step.text):
            out.append(step)
        elif not any(s.text == QUATERNARY_WORKUP for s in out):
            out.append(dataclasses.replace(step, text=QUATERNARY_WORKUP))
    return out


def _freeing_step(plan: Plan, derivation: Derivation, model: Any, acid_route: bool) -> RenderedStep:
    """A salt is weighed as the salt; the amine must be freed before it can react. On the mono-protonation
    route the salt's acid is the route's acid: only what it brings beyond that is taken off."""
    base = next((i for i, c in enumerate(plan.components) if frees_a_salt(c)), None)
    if base is None and not acid_route:
        base = derivation.slots.get("base")
    from dzp_planner.core.guidance.protocols import freeing_base_equiv

    if acid_route:
        text = f"The {model.salt} salt's acid ({model.salt_acid_equiv:g} equiv) is the route's acid: no Me3SiCl"
        if base is not None:
            amount, _ = row_value(derivation.table.rows[base], plan.components[base], "amount")
            mmol, _ = row_value(derivation.table.rows[base], plan.components[base], "mmol")
            text += (f"; add {plan.components[base].name.split(' (')[0]} ({amount or 'see the table'}, {mmol}) for the "
                     "acid beyond one equivalent and stir 15–30 min, letting it warm to RT")
        else:
            text += " and no base"
        return RenderedStep(text + ".", correction="No more base than the table says: one proton must stay on each diamine.")
    text = (f"The substrate is weighed as its {model.salt} salt: free the amine with {freeing_base_equiv(model.salt_acid_equiv):g} "
            f"equiv of base ({model.salt_acid_equiv:g} for the acid, one more because TEA and the diamine share the last proton) "
            "before the electrophile goes in")
    if base is not None:
        amount, _ = row_value(derivation.table.rows[base], plan.components[base], "amount")
        text += f" ({plan.components[base].name.split(' (')[0]}, {amount or 'see the table'}, stirred with the substrate in the solvent)"
    return RenderedStep(text + ".", correction="Or buy or make the free base and weigh it instead; LCMS sees the free base either way.")
