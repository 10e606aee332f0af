"""Reductive amination: an aldehyde or ketone and a hydride (Protocol 1 of the guide).

A secondary amine gives an iminium ion, not a neutral imine: that is the m/z the "check LCMS for
the imine" step should name. A ketone is recognised apart from an aldehyde because NaBH(OAc)3 is
slow with ketones and poor with aryl ketones (Abdel-Magid, J. Org. Chem. 1996, 61, 3849):
Ti(OiPr)4 then NaBH4, or NaBH3CN at pH 5-6, are the usual answers.
"""

from __future__ import annotations

from dzp_planner.core.reactions import engine
from dzp_planner.core.reactions.base import NH, ReactionType, ReagentClass, Species

CARBONYL = "[CX3;!$(C([O,N,S,Cl,Br,I])=O):2]=[OX1]"
IMINIUM = f"{NH}.{CARBONYL}>>[N+:1]=[C:2]"

ALDEHYDE = ReagentClass("aldehyde", "aldehyde", ("[CX3H1](=O)[#6]", "[CX3H2]=O"), priority=40)
KETONE = ReagentClass("ketone", "ketone", ("[#6][CX3](=O)[#6]",), priority=70)


def iminium_species(substrate_smiles: str, reagent_smiles: str) -> list[Species]:
    """Iminium ions from the carbonyl and each competing secondary N–H (a primary amine gives a
    neutral imine, seen as its [M+H]+)."""
    model = engine.site_model(substrate_smiles)
    reagent = engine.reagent_mol(reagent_smiles)
    out = []
    for site in engine.one_per_class(model.competing):
        if site.kind == "primary_amine":
            continue
        found = engine.react_at(model.parent, reagent, IMINIUM, site.parent_atom)
        if found:
            out.append(Species(f"iminium ({site.name})", engine.canonical(found[0])))
    return out


REACTION = ReactionType(
    id="reductive-amination",
    title="Reductive amination",
    noun="a reductive amination",
    reagent_words="an aldehyde or ketone",
    reagent_classes=(ALDEHYDE, KETONE),
    product_smarts=(f"{NH}.{CARBONYL}>>[N:1]-[C:2]",),
    k2_k1=0.5,
    k2_k1_reason="two equal, independent sites: the new alkyl group is two or three carbons from the other N (statistical)",
    conditions="NaBH(OAc)3, AcOH, DCE, RT, 2-4 h",
    template="reductive-mono-alkylation",
    tree="alkylation",
    deficit_note=("A deficit of aldehyde does not ensure mono-reaction: reductive amination does better because "
                  "the iminium forms reversibly before reduction, not because of the deficit."),
    gas="Quenching NaBH(OAc)3 with aqueous NaHCO3 gives off H2 and CO2: add the quench slowly, in an open or vented flask.",
    gas_from_rows=("CC(=O)O[BH-](OC(C)=O)OC(C)=O.[Na+]",),  # the ketone protocol's Ti(OiPr)4/NaBH4 has its own
    extra_species=iminium_species,
)
