"""Aza-Michael addition of the ring N–H to an acrylate, acrylamide, acrylonitrile, vinyl sulfone or enone.

Why its own type: no leaving group and no base, the product is a β-amino carbonyl (or nitrile);
the addition is reversible on heating (retro-Michael), so it is run at RT in MeOH or neat.
"""

from __future__ import annotations

from dzp_planner.core.reactions.base import NH, ReactionType, ReagentClass

_ACCEPTOR = "[$([CX3]=O),$([CX2]#N),$([SX4](=O)=O),$([NX3+](=O)[O-])]"
MICHAEL_ACCEPTOR = ReagentClass("michael-acceptor", "Michael acceptor", (f"[CX3;!a]=[CX3;!a]-{_ACCEPTOR}",), priority=60)

REACTION = ReactionType(
    id="aza-michael",
    title="Aza-Michael addition",
    noun="an aza-Michael addition",
    reagent_words="a Michael acceptor (acrylate, acrylamide, acrylonitrile, vinyl sulfone, enone)",
    reagent_classes=(MICHAEL_ACCEPTOR,),
    product_smarts=(f"{NH}.[CX3;!a:2]=[CX3;!a:3]-[{_ACCEPTOR[1:-1]}:4]>>[N:1]-[C:2]-[C:3]-[*:4]",),
    k2_k1=0.5,
    k2_k1_reason="two equal, independent sites (statistical); an estimate: the β-amino ester hardly changes the other N",
    conditions="MeOH, RT, 2-24 h",
    template="aza-michael",
    tree="acylation",
    ratio_reference=3.0,
    ratio_reference_text="the protocol uses 3 : 1 (Module A's 10 : 1 is its advice for alkylation)",
)
