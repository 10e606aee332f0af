"""`dzp-planner show PLAN`: the derived plan as one JSON object, as every view shows it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

HELP = "Print the derived plan (table, procedure, checks, products, scheme, distribution model) as JSON."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", help="path of the .dzp file")


def _num(value: float | None, digits: int = 6) -> float | None:
    return None if value is None else round(value, digits)


def show(plan: Any) -> dict[str, Any]:
    """The contract of `show`, from the one derivation (the GUI's test compares against this)."""
    from dzp_planner.core.document.derivation import derive

    d = derive(plan)
    components = []
    for component, row in zip(plan.components, d.table.rows, strict=True):
        components.append({
            "name": component.name, "role": component.role, "smiles": component.smiles, "slot": component.slot,
            "mw": _num(row.mw, 4), "mmol": _num(row.mmol), "equiv": _num(row.equiv), "mass_g": _num(row.mass_g),
            "volume_ml": _num(row.volume_ml), "concentration_M": _num(row.concentration),
        })
    rec = d.walk.recommendation if d.walk is not None else None
    state = d.distribution
    from dzp_planner.core.guidance.routes import for_plan
    from dzp_planner.core.reactions import registry

    classified = registry.classify_smiles(d.electrophile_smiles) if d.electrophile_smiles else None
    e_row = plan.components[d.electrophile_row] if d.electrophile_row is not None else None
    distribution: dict[str, Any] = {"model": state.model, "k2_k1": state.k2_k1, "electrophile_equiv": _num(state.electrophile_equiv),
                                    "sm": _num(state.sm), "mono": _num(state.mono), "bis": _num(state.bis)}
    if state.mono_ratio:
        distribution["mono_ratio"] = {label: _num(value) for label, value in state.mono_ratio}
    if state.sites is not None:  # each site's rate relative to the faster one, and whether it was set or estimated
        distribution["site_rates"] = {state.sites.first: 1.0, state.sites.second: _num(state.sites.ratio)}
        distribution["site_rates_source"] = state.sites.source
    if state.route == "protonation":
        distribution.update(route="protonation", acid_equiv=_num(state.acid_equiv))
    return {
        "title": plan.title,
        "substrate": {"smiles": plan.substrate_smiles, "mw": _num(d.summary.mw, 4) if d.summary else None,
                      "parent_smiles": d.site_model.parent_smiles if d.site_model is not None else "",
                      "salt": d.site_model.salt if d.site_model is not None else ""},
        "reaction_type": plan.reaction_type,
        "recommendation": rec.id if rec is not None else None,
        "components": components,
        "procedure": [step.text for step in d.procedure],
        # beside each step (same order): where the guide's quantity gives a mixture and what the model expects,
        # and what to look for before going on; "" where the step has none
        "procedure_notes": [{"correction": step.correction, "checkpoint": step.checkpoint} for step in d.procedure],
        "checks": [check.text for check in d.checks],
        "products": [{"species": r.species, "smiles": r.smiles,
                      "mh_plus": round(r.mh_plus if r.mh_plus is not None else r.observed_mz, 5),
                      "look_for": {"ion": r.ions[0][0] if r.ions else "m/z", "mz": round(r.observed_mz, 5)}} for r in d.products],
        "scheme": d.scheme,
        "distribution": distribution,
        "reagent": {"smiles": d.electrophile_smiles, "class": classified.reagent_class.id if classified else None,
                    "name": e_row.name if e_row is not None else (d.electrophile_smiles and "")},
        "warnings": [{"id": c.id, "text": c.text} for c in d.checks if c.id],
        **({"routes": [route.as_dict() for route in routes]} if (routes := for_plan(plan)) else {}),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.document.pending_fit import settle_pending_fit
    from dzp_planner.core.io import storage

    return show(settle_pending_fit(storage.load_plan(Path(args.plan))))
