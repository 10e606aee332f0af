"""SNAr arylation with an activated (hetero)aryl halide: no palladium, so nothing for the diamine to poison."""

from __future__ import annotations

from dzp_planner.core.reactions.aryl.activation import is_activated
from dzp_planner.core.reactions.base import NH, ReactionType, ReagentClass

ACTIVATED_ARYL_HALIDE = ReagentClass("activated-aryl-halide", "activated (hetero)aryl halide", priority=90, releases_acid=True,
                                     test=is_activated)

REACTION = ReactionType(
    id="snar",
    title="SNAr arylation",
    noun="an SNAr arylation",
    reagent_words="an activated (hetero)aryl halide (2-chloropyrimidine, 4-chloroquinazoline, 2-fluoronitrobenzene)",
    reagent_classes=(ACTIVATED_ARYL_HALIDE,),
    product_smarts=(f"{NH}.[c:2]-[F,Cl,Br,I]>>[N:1]-[c:2]",),
    k2_k1=0.5,
    k2_k1_reason="two equal, independent sites (statistical); an estimate: an N-heteroaryl slows the other N a little",
    conditions="K2CO3, DMSO, 80-120 °C, 4-16 h",
    template="snar",
    tree="buchwald-hartwig",
    product_word="mono-aryl product",
)
