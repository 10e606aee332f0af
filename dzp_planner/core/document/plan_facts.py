"""Small questions about a plan that predate the derivation, answered from it.

`electrophile_row` finds the row that is the electrophile in a plan written before rows had
slots (the row with the plan's reagent SMILES, else the first reagent). It imports nothing that
derives: the derivation asks it, never the other way round (no import circle).
"""

from __future__ import annotations

from dzp_planner.core.document.plan import Component, Plan


def electrophile_row(plan: Plan) -> tuple[int, Component] | None:
    """The table row that is the electrophile: a row with slot "electrophile", the row with the
    plan's reagent SMILES, else the first reagent that is not the reductant."""
    rows = list(enumerate(plan.components))
    explicit = next(((i, r) for i, r in rows if r.slot == "electrophile"), None)
    if explicit is not None:
        return explicit
    if plan.reagent_smiles:
        from dzp_planner.core.chem.parsing import StructureError, canonical_smiles, parse_smiles

        try:
            wanted = canonical_smiles(parse_smiles(plan.reagent_smiles))
        except StructureError:
            wanted = None
        for index, row in rows:
            if row.smiles and wanted:
                try:
                    if canonical_smiles(parse_smiles(row.smiles)) == wanted:
                        return index, row
                except StructureError:
                    continue
    return next(((i, r) for i, r in rows if r.role == "reagent" and r.slot in ("", "electrophile")), None)

