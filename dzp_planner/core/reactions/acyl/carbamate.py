"""Carbamates from a chloroformate (Cbz-Cl, methyl or ethyl chloroformate) or a dicarbonate other than Boc2O."""

from __future__ import annotations

from dzp_planner.core.reactions.acyl import DEACTIVATING_K2_K1, DEACTIVATING_REASON, PROTOCOL_RATIO, PROTOCOL_RATIO_TEXT
from dzp_planner.core.reactions.base import NH, ReactionType, ReagentClass

CHLOROFORMATE = ReagentClass("chloroformate", "chloroformate", ("[OX2][CX3](=O)[Cl,Br]",), priority=15, releases_acid=True)
DICARBONATE = ReagentClass("dicarbonate", "dicarbonate", ("[OX2][CX3](=O)[OX2][CX3](=O)[OX2]",), priority=20)

PRODUCTS = (f"{NH}.[OX2:5][CX3:2](=[OX1:3])[Cl,Br]>>[N:1]-[C:2](=[O:3])-[O:5]",
            f"{NH}.[CX3:2](=[OX1:3])(-[OX2:4]-[#6:5])-[$([OX2]C(=O)O),Cl]>>[N:1]-[C:2](=[O:3])-[O:4]-[#6:5]")

REACTION = ReactionType(
    id="carbamate",
    title="Carbamate formation",
    noun="a carbamate formation",
    reagent_words="a chloroformate or a dicarbonate",
    reagent_classes=(CHLOROFORMATE, DICARBONATE),
    product_smarts=PRODUCTS,
    k2_k1=DEACTIVATING_K2_K1,
    k2_k1_reason=DEACTIVATING_REASON,
    conditions="DIPEA, DCM, 0 °C to RT, 1-2 h",
    template="carbamate",
    tree="acylation",
    ratio_reference=PROTOCOL_RATIO,
    ratio_reference_text=PROTOCOL_RATIO_TEXT,
    product_word="mono-carbamate",
)
