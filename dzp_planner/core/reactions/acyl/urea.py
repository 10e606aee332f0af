"""Ureas from an isocyanate (no base needed) or a carbamoyl chloride (with a base).

An isothiocyanate gives the thiourea by the same SMARTS. CDI ureas need a second amine and are
planned as two steps, so CDI is named in the protocol text, not recognised as a reagent here.
"""

from __future__ import annotations

from dzp_planner.core.reactions.acyl import DEACTIVATING_K2_K1, DEACTIVATING_REASON, PROTOCOL_RATIO, PROTOCOL_RATIO_TEXT
from dzp_planner.core.reactions.base import NH, ReactionType, ReagentClass

ISOCYANATE = ReagentClass("isocyanate", "isocyanate", ("[NX2]=[CX2]=[OX1]", "[NX2]=[CX2]=[SX1]"), priority=14)
CARBAMOYL_HALIDE = ReagentClass("carbamoyl-halide", "carbamoyl chloride", ("[NX3][CX3](=O)[Cl,Br]",), priority=16, releases_acid=True)

REACTION = ReactionType(
    id="urea",
    title="Urea formation",
    noun="a urea formation",
    reagent_words="an isocyanate or a carbamoyl chloride",
    reagent_classes=(ISOCYANATE, CARBAMOYL_HALIDE),
    product_smarts=(f"{NH}.[NX2:2]=[CX2:3]=[O,S;X1:4]>>[N:1]-[C:3](=[*:4])-[N:2]",
                    f"{NH}.[NX3:2][CX3:3](=[OX1:4])[Cl,Br]>>[N:1]-[C:3](=[O:4])-[N:2]"),
    k2_k1=DEACTIVATING_K2_K1,
    k2_k1_reason=DEACTIVATING_REASON.replace("acyl group", "carbamoyl group"),
    conditions="DCM, 0 °C to RT, 1-4 h",
    template="urea",
    tree="acylation",
    ratio_reference=PROTOCOL_RATIO,
    ratio_reference_text=PROTOCOL_RATIO_TEXT,
    product_word="mono-urea",
)
