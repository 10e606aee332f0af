"""Amide coupling: a carboxylic acid activated in the flask (HATU/DIPEA, EDC·HCl/HOBt or T3P)."""

from __future__ import annotations

from dzp_planner.core.reactions.acyl import DEACTIVATING_K2_K1, DEACTIVATING_REASON, PROTOCOL_RATIO, PROTOCOL_RATIO_TEXT
from dzp_planner.core.reactions.base import NH, ReactionType, ReagentClass

CARBOXYLIC_ACID = ReagentClass("carboxylic-acid", "carboxylic acid", ("[CX3](=O)([#6,#1])[OX2H1]",), priority=80, releases_acid=True)

REACTION = ReactionType(
    id="amide-coupling",
    title="Amide coupling",
    noun="an amide coupling",
    reagent_words="a carboxylic acid (with a coupling agent: HATU, EDC·HCl/HOBt or T3P)",
    reagent_classes=(CARBOXYLIC_ACID,),
    product_smarts=(f"{NH}.[CX3;$(C([#6,#1])(=O)):2](=[OX1:3])[OX2H1]>>[N:1]-[C:2]=[O:3]",),
    k2_k1=DEACTIVATING_K2_K1,
    k2_k1_reason=DEACTIVATING_REASON,
    conditions="HATU, DIPEA, DMF, RT, 2-16 h",
    template="amide-coupling",
    tree="acylation",
    ratio_reference=PROTOCOL_RATIO,
    ratio_reference_text=PROTOCOL_RATIO_TEXT,
    product_word="mono-amide",
)
