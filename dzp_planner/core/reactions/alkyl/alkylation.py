"""Direct N-alkylation with an alkyl halide or sulfonate (Module A of the guide).

Beyond bis, an alkylation over-reacts by quaternisation: of the nitrogen just alkylated, and of a
tertiary amine the substrate already has. The latter cation has the formula of the mono product's
[M+H]+ ion, so the LCMS table flags the isobar.
"""

from __future__ import annotations

from dzp_planner.core.chem.rdtypes import Mol
from dzp_planner.core.reactions import engine
from dzp_planner.core.reactions.base import NH, ReactionType, ReagentClass, Species

PRODUCTS = (f"{NH}.[CX4;!$(C(F)(F)F):2]-[Cl,Br,I]>>[N:1]-[C:2]",
            f"{NH}.[CX4:2]-[OX2]-[SX4](=O)(=O)>>[N:1]-[C:2]")
QUATERNARY = "[NX3;H0;+0;!$(N-[C,S]=O);!$(N-a):1].[CX4:2]-[Cl,Br,I]>>[N+:1]-[C:2]"

ALKYL_HALIDE = ReagentClass("alkyl-halide", "alkyl halide", ("[CX4;!$(C(F)(F)F)]-[Cl,Br,I]",), priority=45,
                            releases_acid=True)
ALKYL_SULFONATE = ReagentClass("alkyl-sulfonate", "alkyl sulfonate", ("[CX4]-[OX2]-[SX4](=O)(=O)[#6]",), priority=44,
                               releases_acid=True)


def _again(product: Mol, substrate_atom: int, reagent: Mol) -> Mol | None:
    """The same nitrogen alkylated once more: a quaternary salt from a secondary amine's product, a
    tertiary amine from a primary amine's."""
    atom = engine.mapped_index(product, substrate_atom)
    if atom is None:
        return None
    if product.GetAtomWithIdx(atom).GetTotalNumHs():
        return engine.first_product(product, reagent, PRODUCTS, atom)
    found = engine.react_at(product, reagent, QUATERNARY, atom)
    return found[0] if found else None


def over_alkylation_species(substrate_smiles: str, reagent_smiles: str) -> list[Species]:
    model = engine.site_model(substrate_smiles)
    reagent = engine.reagent_mol(reagent_smiles)
    out = []
    for site in engine.one_per_class(model.competing):
        mono = engine.first_product(model.parent, reagent, PRODUCTS, site.parent_atom)
        again = _again(mono, site.parent_atom, reagent) if mono is not None else None
        if again is not None:
            smiles = engine.canonical(again)
            out.append(Species(f"{'quaternary' if '+' in smiles else 'dialkylated'} ({site.name})", smiles))
    for site in engine.one_per_class(s for s in model.sites if s.quaternizable):
        found = engine.react_at(model.parent, reagent, QUATERNARY, site.parent_atom)
        if found:
            out.append(Species(f"quaternary of SM ({site.name})", engine.canonical(found[0])))
    return out


REACTION = ReactionType(
    id="alkylation",
    title="N-Alkylation",
    noun="an alkylation",
    reagent_words="an alkyl halide or sulfonate (R–Cl, R–Br, R–I, R–OMs, R–OTs)",
    reagent_classes=(ALKYL_HALIDE, ALKYL_SULFONATE),
    product_smarts=PRODUCTS,
    k2_k1=2.0,
    k2_k1_reason="pessimistic: the mono-alkylated amine may react faster than the diamine (the guide's over-alkylation trap)",
    conditions="K2CO3, MeCN, RT to 60 °C, 4-16 h",
    template="direct-alkylation",
    tree="alkylation",
    over_reaction=("The over-reaction of an alkylation is quaternisation, of the new tertiary nitrogen and of a "
                   "tertiary amine the substrate already has (an isobar of the product's [M+H]+ in LCMS)."),
    extra_species=over_alkylation_species,
)
