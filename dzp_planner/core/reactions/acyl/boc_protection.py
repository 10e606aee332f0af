"""Boc protection with Boc2O (Protocol 2 of the guide: the pH switch).

Recognised before the other dicarbonates: Boc2O is a dicarbonate of tert-butanol, and the
guide's own protocol (2 : 1 diamine : Boc2O, the pH-switch work-up) is planned for it.
"""

from __future__ import annotations

from dzp_planner.core.reactions.acyl.carbamate import PRODUCTS
from dzp_planner.core.reactions.base import ReactionType, ReagentClass

BOC2O = ReagentClass("boc-anhydride", "Boc2O", ("CC(C)(C)OC(=O)OC(=O)OC(C)(C)C",), priority=18)

REACTION = ReactionType(
    id="boc-protection",
    title="Boc protection",
    noun="a Boc protection",
    reagent_words="a dicarbonate (Boc2O) or a chloroformate",
    reagent_classes=(BOC2O,),
    product_smarts=PRODUCTS[1:] + PRODUCTS[:1],
    k2_k1=0.5,
    k2_k1_reason="two equal, independent sites (statistical): the guide's 25 / 50 / 25 at one equivalent",
    conditions="DCM, 0 °C, 1 h (dropwise)",
    template="mono-boc-protection",
    tree="regioselectivity",
    product_word="mono-Boc",
    ratio_reference=2.0,
    ratio_reference_text="Protocol 2 uses 2 : 1; Module A's 10 : 1 is its advice for alkylation",
    one_site_excess=False,
    short_ratio_warns=False,
    ceiling_note=("A yield based on Boc2O above this (the guide's 85–90 %) needs a slower second reaction, "
                  "k2/k1 of about 0.25 or less."),
    gas="Boc2O gives off CO2 as it reacts (one mole per mole): never run it in a closed vessel.",
)
