"""Numbers several views need from one plan, computed in one place.

The distribution panel, the decision panel and the PDF report all ask "how many
equivalents of electrophile does this plan use?" and "at what concentration?"; they get the
answer from the reaction table here rather than each reading the table its own way.
"""

from __future__ import annotations

from dzp_planner.core.plan import Component, Plan


def electrophile_row(plan: Plan) -> tuple[int, Component] | None:
    """The table row that is the electrophile: the row with the plan's reagent SMILES, else the first reagent."""
    rows = list(enumerate(plan.components))
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
    return next(((i, r) for i, r in rows if r.role == "reagent"), None)


def electrophile_equiv(plan: Plan) -> float | None:
    """Equivalents of electrophile per diamine: the model's override, else the reaction table's."""
    if plan.model.electrophile_equiv is not None:
        return plan.model.electrophile_equiv
    found = electrophile_row(plan)
    if found is None:
        return None
    from dzp_planner.core.stoich import compute_table

    table = compute_table(plan.components, plan.addition)
    row = table.rows[found[0]]
    return row.equiv if row.ok else None


def reaction_concentration(plan: Plan) -> float | None:
    from dzp_planner.core.stoich import compute_table

    return compute_table(plan.components, plan.addition).concentration_m
