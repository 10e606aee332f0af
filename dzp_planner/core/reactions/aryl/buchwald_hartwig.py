"""Buchwald–Hartwig arylation of the ring N–H (Module C of the guide): palladium, a bulky biaryl phosphine."""

from __future__ import annotations

from dzp_planner.core.reactions.base import NH, ReactionType, ReagentClass

ARYL_HALIDE = ReagentClass("aryl-halide", "aryl halide or triflate",
                           ("c[Cl,Br,I]", "c[OX2][SX4](=O)(=O)C(F)(F)F"), priority=95, releases_acid=True)

REACTION = ReactionType(
    id="buchwald-hartwig",
    title="Buchwald–Hartwig arylation",
    noun="a Buchwald–Hartwig arylation",
    reagent_words="an aryl halide or triflate",
    reagent_classes=(ARYL_HALIDE,),
    product_smarts=(f"{NH}.[c:2]-[Cl,Br,I]>>[N:1]-[c:2]", f"{NH}.[c:2]-[OX2]-[SX4](=O)(=O)C(F)(F)F>>[N:1]-[c:2]"),
    k2_k1=0.5,
    k2_k1_reason="two equal, independent sites (statistical); an estimate",
    conditions="RuPhos Pd G3, NaOtBu, toluene, 80-100 °C",
    template="buchwald-hartwig",
    tree="buchwald-hartwig",
    product_word="mono-aryl product",
)
