"""N-Acylation with an acid chloride, anhydride or active ester: an amide.

Acid chlorides react in minutes at 0 °C with TEA or DIPEA in DCM or THF; the HCl they make
would otherwise protonate the diamine, so a base takes it.
"""

from __future__ import annotations

from dzp_planner.core.reactions.acyl import DEACTIVATING_K2_K1, DEACTIVATING_REASON, PROTOCOL_RATIO, PROTOCOL_RATIO_TEXT
from dzp_planner.core.reactions.base import NH, ReactionType, ReagentClass

_LEAVING = "[Cl,Br,F,$([OX2][CX3]=O),$([OX2H1]),$([OX2]N(C=O)C=O),$([OX2]n),$([OX2]c)]"

ACYL_HALIDE = ReagentClass("acyl-halide", "acid chloride", ("[CX3](=O)([#6,#1])[Cl,Br,F]",), priority=12,
                           releases_acid=True)
ANHYDRIDE = ReagentClass("anhydride", "anhydride", ("[#6][CX3](=O)[OX2][CX3](=O)[#6]",), priority=30, releases_acid=True)
ACTIVE_ESTER = ReagentClass("active-ester", "active ester", (
    "[#6][CX3](=O)[OX2]N1C(=O)CCC1=O",  # NHS
    "[#6][CX3](=O)[OX2]n1nnc2ccccc21",  # HOBt
    "[#6][CX3](=O)[OX2]c1c(F)c(F)c(F)c(F)c1F",  # pentafluorophenyl
    "[#6][CX3](=O)[OX2]c1ccc([N+](=O)[O-])cc1",  # 4-nitrophenyl
), priority=32, releases_acid=True)

REACTION = ReactionType(
    id="acylation",
    title="N-Acylation",
    noun="an acylation",
    reagent_words="an acid chloride, anhydride or active ester",
    reagent_classes=(ACYL_HALIDE, ANHYDRIDE, ACTIVE_ESTER),
    product_smarts=(f"{NH}.[CX3;$(C([#6,#1])(=O)):2](=[OX1:3])-{_LEAVING}>>[N:1]-[C:2]=[O:3]",),
    k2_k1=DEACTIVATING_K2_K1,
    k2_k1_reason=DEACTIVATING_REASON,
    conditions="TEA, DCM, 0 °C to RT, 1-2 h",
    template="acylation",
    tree="acylation",
    ratio_reference=PROTOCOL_RATIO,
    ratio_reference_text=PROTOCOL_RATIO_TEXT,
    product_word="mono-amide",
)
