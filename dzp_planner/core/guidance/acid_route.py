"""The mono-protonation model's inputs for a plan: one place for the derivation, the route table and the plot.

pKa from the plan's pH-switch fields (homopiperazine's and the mono product's estimate where a field is
empty), the plan's k2/k1, and the HCl (or other acid) the reagent makes, from its class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dzp_planner.core.document.plan import Plan
    from dzp_planner.core.models.protonation import ProtonationInputs


def protonation_inputs(plan: Plan, electrophile_equiv: float, acid_equiv: float, electrophile: str) -> ProtonationInputs:
    """The mono-protonation model's inputs for this plan: pKa from its pH-switch fields (homopiperazine's and
    the mono product's estimate where a field is empty), k2/k1, and HCl made by the reagent where its class makes it."""
    from dzp_planner.core.models import protonation
    from dzp_planner.core.reactions.registry import classify_smiles

    pka = plan.model.pka
    diamine, product = pka.get("diamine", []), pka.get("mono", [])
    classified = classify_smiles(electrophile) if electrophile else None
    return protonation.ProtonationInputs(
        electrophile_equiv=min(electrophile_equiv, 20.0), acid_equiv=min(max(acid_equiv, 0.0), 2.0),
        pka_high=diamine[0] if len(diamine) == 2 else 10.41, pka_low=diamine[1] if len(diamine) == 2 else 6.70,
        product_pka=product[0] if product else 9.0, k2_k1=min(max(plan.model.k2_k1, 1e-6), 1e6),
        byproduct_acid=1.0 if classified is not None and classified.reagent_class.releases_acid else 0.0)
