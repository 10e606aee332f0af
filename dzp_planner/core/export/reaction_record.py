"""The plan's reaction as reactants, agents and products, the one record RXN, reaction SMILES and ORD are written from.

Why a record of its own: the substrate (its free base: what reacts) and the electrophile are the
reactants, every other row with a structure is an agent (base, reductant, catalyst, ligand,
solvent), the product is the scheme's mono product; Ketcher and Indigo drop agents above the arrow,
so they are kept here explicitly, with each row's amounts for the formats that carry them.
"""

from __future__ import annotations

from dataclasses import dataclass

from dzp_planner.core.document.derivation import derive
from dzp_planner.core.document.plan import Plan


@dataclass(frozen=True)
class Participant:
    name: str
    smiles: str
    role: str  # the table's role (limiting, reagent, base, solvent ...)
    mmol: float | None
    mass_g: float | None
    volume_ml: float | None
    equiv: float | None
    limiting: bool = False


@dataclass(frozen=True)
class ReactionRecord:
    title: str
    reaction_type: str
    reactants: tuple[Participant, ...]
    agents: tuple[Participant, ...]
    products: tuple[Participant, ...]  # the mono product first; bis as a side product
    conditions: str


def reaction_record(plan: Plan) -> ReactionRecord:
    d = derive(plan)
    reactants: list[Participant] = []
    agents: list[Participant] = []
    for index, (component, row) in enumerate(zip(plan.components, d.table.rows, strict=True)):
        smiles = component.smiles.strip()
        if not smiles:
            continue
        if index == d.substrate_row and d.site_model is not None:
            smiles = d.site_model.parent_smiles  # the free base is what reacts (a salt's counter-ions are not)
        one = Participant(component.name, smiles, component.role, row.mmol, row.mass_g, row.volume_ml, row.equiv,
                          limiting=index == d.table.limiting_index)
        (reactants if index in (d.substrate_row, d.electrophile_row) else agents).append(one)
    products = []
    if d.product_smiles:
        products.append(Participant("mono product", d.product_smiles, "product", None, None, None, None))
    for species in d.products:
        if species.species == "bis":
            products.append(Participant("bis product", species.smiles, "side product", None, None, None, None))
    return ReactionRecord(plan.title, plan.reaction_type, tuple(reactants), tuple(agents), tuple(products), plan.conditions)
