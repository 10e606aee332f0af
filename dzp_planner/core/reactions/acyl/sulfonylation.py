"""N-Sulfonylation with a sulfonyl chloride: a sulfonamide (fasudil is isoquinoline-5-sulfonyl-homopiperazine)."""

from __future__ import annotations

from dzp_planner.core.reactions.acyl import DEACTIVATING_K2_K1, DEACTIVATING_REASON, PROTOCOL_RATIO, PROTOCOL_RATIO_TEXT
from dzp_planner.core.reactions.base import NH, ReactionType, ReagentClass

SULFONYL_HALIDE = ReagentClass("sulfonyl-halide", "sulfonyl chloride", ("[SX4](=O)(=O)[Cl,F]",), priority=10, releases_acid=True)

REACTION = ReactionType(
    id="sulfonylation",
    title="N-Sulfonylation",
    noun="a sulfonylation",
    reagent_words="a sulfonyl chloride",
    reagent_classes=(SULFONYL_HALIDE,),
    product_smarts=(f"{NH}.[SX4:2](=[OX1:3])(=[OX1:4])-[Cl,F]>>[N:1]-[S:2](=[O:3])=[O:4]",),
    k2_k1=DEACTIVATING_K2_K1,
    k2_k1_reason=DEACTIVATING_REASON.replace("acyl group", "sulfonyl group"),
    conditions="TEA, DCM, 0 °C to RT, 2-4 h",
    template="sulfonylation",
    tree="acylation",
    ratio_reference=PROTOCOL_RATIO,
    ratio_reference_text=PROTOCOL_RATIO_TEXT,
    product_word="mono-sulfonamide",
)
