"""Epoxide opening by the ring N–H: a β-amino alcohol, at the less hindered carbon.

The first SMARTS opens at a CH2 (terminal epoxides: the usual regiochemistry of an amine under
neutral conditions), the second at any carbon.
"""

from __future__ import annotations

from dzp_planner.core.reactions.base import NH, ReactionType, ReagentClass

EPOXIDE = ReagentClass("epoxide", "epoxide", ("[CX4]1[OX2][CX4]1",), priority=46)

REACTION = ReactionType(
    id="epoxide-opening",
    title="Epoxide opening",
    noun="an epoxide opening",
    reagent_words="an epoxide",
    reagent_classes=(EPOXIDE,),
    product_smarts=(f"{NH}.[CH2X4:2]1[OX2:3][CX4:4]1>>[N:1]-[C:2]-[C:4]-[O:3]",
                    f"{NH}.[CX4:2]1[OX2:3][CX4:4]1>>[N:1]-[C:2]-[C:4]-[O:3]"),
    k2_k1=0.5,
    k2_k1_reason="two equal, independent sites (statistical); an estimate",
    conditions="iPrOH or EtOH, 60-80 °C, 4-16 h",
    template="epoxide-opening",
    tree="acylation",
    ratio_reference=3.0,
    ratio_reference_text="the protocol uses 3 : 1 (Module A's 10 : 1 is its advice for alkylation)",
)
