"""Products of N-functionalisation at the ring nitrogens, and the LCMS mass table.

Each reaction type is an RDKit reaction SMARTS applied to the substrate and the reagent.
Only the ring's free N–H sites (secondary amines) are allowed to react; one product is made
per symmetry class of site (equivalent N1/N4 give one mono product), and the bis product has
both functionalised. Reductive amination also gives the iminium intermediate (a secondary
amine forms an iminium, not a neutral imine: that is the m/z to look for), and alkylation the
quaternary salt from a second alkylation of the same nitrogen, which has the same m/z as the
bis product's [M+H]+.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dzp_planner.core.errors import UserInputError

# reaction -> (product SMARTS, what the reagent must be, in words)
REACTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "alkylation": (
        ("[N;H1;+0:1].[CX4;!$(C(F)(F)F):2]-[Cl,Br,I]>>[N:1]-[C:2]",
         "[N;H1;+0:1].[CX4:2]-[OX2]-[SX4](=O)(=O)>>[N:1]-[C:2]"),
        "an alkyl halide or sulfonate (R–Cl, R–Br, R–I, R–OMs, R–OTs)",
    ),
    "reductive-amination": (
        ("[N;H1;+0:1].[CX3;!$(C([O,N,S,Cl,Br,I])=O):2]=[OX1]>>[N:1]-[C:2]",),
        "an aldehyde or ketone",
    ),
    "acylation": (
        ("[N;H1;+0:1].[CX3;$(C([#6,#1])(=O)):2](=[OX1:3])-[Cl,Br,$([OX2][CX3]=O),$([OX2H1])]>>[N:1]-[C:2]=[O:3]",),
        "an acyl chloride, anhydride or carboxylic acid",
    ),
    "boc-protection": (
        ("[N;H1;+0:1].[CX3:2](=[OX1:3])(-[OX2:4]-[#6:5])-[$([OX2]C(=O)O),Cl]>>[N:1]-[C:2](=[O:3])-[O:4]-[#6:5]",),
        "a dicarbonate (Boc2O) or a chloroformate",
    ),
    "sulfonylation": (
        ("[N;H1;+0:1].[SX4:2](=[OX1:3])(=[OX1:4])-[Cl,F]>>[N:1]-[S:2](=[O:3])=[O:4]",),
        "a sulfonyl chloride",
    ),
    "buchwald-hartwig": (
        ("[N;H1;+0:1].[c:2]-[Cl,Br,I]>>[N:1]-[c:2]", "[N;H1;+0:1].[c:2]-[OX2]-[SX4](=O)(=O)C(F)(F)F>>[N:1]-[c:2]"),
        "an aryl halide or triflate",
    ),
}
IMINIUM = "[N;H1;+0:1].[CX3;!$(C([O,N,S,Cl,Br,I])=O):2]=[OX1]>>[N+:1]=[C:2]"
QUATERNARY = "[NX3;H0;+0;!$(N-[C,S]=O):1].[CX4:2]-[Cl,Br,I]>>[N+:1]-[C:2]"


@dataclass(frozen=True)
class Product:
    smiles: str
    sites: tuple[str, ...]  # ring labels functionalised, e.g. ("N4",)


@lru_cache(maxsize=None)
def _reaction(smarts: str):  # type: ignore[no-untyped-def]
    from rdkit.Chem import rdChemReactions

    rxn = rdChemReactions.ReactionFromSmarts(smarts)
    rxn.Initialize()
    return rxn


def _react_at(mol, reagent, smarts: str, atom: int) -> list:  # type: ignore[no-untyped-def]
    """Products of `smarts` in which the substrate atom `atom` is the one that reacted."""
    from rdkit import Chem

    rxn = _reaction(smarts)
    results = []
    for products in rxn.RunReactants((mol, reagent)):
        product = products[0]
        reacted = next(
            (a for a in product.GetAtoms() if a.HasProp("old_mapno") and a.GetIntProp("old_mapno") == 1 and a.GetIntProp("react_idx") == 0),
            None,
        )
        if reacted is None or reacted.GetIntProp("react_atom_idx") != atom:
            continue
        try:
            Chem.SanitizeMol(product)
        except Exception:
            continue
        # keep the piece that holds the ring nitrogen (leaving-group fragments are dropped);
        # atom properties survive, so the substrate's atoms can be found again for the bis step
        frag_ids = next(ids for ids in Chem.GetMolFrags(product) if reacted.GetIdx() in ids)
        if len(frag_ids) < product.GetNumAtoms():
            editable = Chem.RWMol(product)
            for idx in sorted(set(range(product.GetNumAtoms())) - set(frag_ids), reverse=True):
                editable.RemoveAtom(idx)
            product = editable.GetMol()
            Chem.SanitizeMol(product)
        results.append(product)
    return results


def _canonical(mol) -> str:  # type: ignore[no-untyped-def]
    from rdkit import Chem

    return Chem.MolToSmiles(mol)


def _reagent_mol(reaction: str, reagent_smiles: str):  # type: ignore[no-untyped-def]
    from dzp_planner.core.chem.parsing import StructureError, parse_smiles

    if reaction not in REACTIONS:
        raise UserInputError(f"unknown reaction {reaction!r}; expected one of {', '.join(REACTIONS)}")
    try:
        return parse_smiles(reagent_smiles)
    except StructureError as exc:
        raise UserInputError(f"reagent: {exc}") from None


def _first_product(mol, reagent, reaction: str, atom: int):  # type: ignore[no-untyped-def]
    for smarts in REACTIONS[reaction][0]:
        found = _react_at(mol, reagent, smarts, atom)
        if found:
            return found[0]
    return None


def enumerate_products(substrate_smiles: str, reaction: str, reagent_smiles: str) -> dict[str, list[Product]]:
    """Mono products (one per non-equivalent free ring N–H) and the bis product."""
    from rdkit import Chem

    from dzp_planner.core.chem.parsing import parse_smiles
    from dzp_planner.core.chem.sites import analyze_mol

    mol = parse_smiles(substrate_smiles)
    reagent = _reagent_mol(reaction, reagent_smiles)
    analysis = analyze_mol(mol)
    sites = analysis.free_nh_sites
    if not sites:
        return {"mono": [], "bis": []}
    ranks = list(Chem.CanonicalRankAtoms(mol, breakTies=False))
    mono: list[Product] = []
    seen_classes: set[int] = set()
    for site in sites:
        if ranks[site.atom] in seen_classes:
            continue
        seen_classes.add(ranks[site.atom])
        product = _first_product(mol, reagent, reaction, site.atom)
        if product is None:
            raise UserInputError(f"the reagent does not react as {REACTIONS[reaction][1]} in {reaction}: {reagent_smiles}")
        mono.append(Product(_canonical(product), (site.label,)))
    bis: list[Product] = []
    if len(sites) == 2:
        first = _first_product(mol, reagent, reaction, sites[0].atom)
        # atom indices of the substrate survive in the product's first atoms for these reactions
        second_atom = _mapped_index(first, sites[1].atom)
        second = _first_product(first, reagent, reaction, second_atom) if second_atom is not None else None
        if second is not None:
            bis.append(Product(_canonical(second), ("N1", "N4")))
    return {"mono": mono, "bis": bis}


def _mapped_index(product, substrate_atom: int) -> int | None:  # type: ignore[no-untyped-def]
    """Index in `product` of the substrate's atom `substrate_atom` (reactant 0, not the reagent)."""
    for atom in product.GetAtoms():
        if (
            atom.HasProp("react_idx") and atom.GetIntProp("react_idx") == 0
            and atom.HasProp("react_atom_idx") and atom.GetIntProp("react_atom_idx") == substrate_atom
        ):
            return atom.GetIdx()
    return None


def iminium_intermediates(substrate_smiles: str, reagent_smiles: str) -> list[Product]:
    """Iminium ions from a carbonyl and each non-equivalent free ring N–H (reductive amination)."""
    from rdkit import Chem

    from dzp_planner.core.chem.parsing import parse_smiles
    from dzp_planner.core.chem.sites import analyze_mol

    mol = parse_smiles(substrate_smiles)
    reagent = _reagent_mol("reductive-amination", reagent_smiles)
    ranks = list(Chem.CanonicalRankAtoms(mol, breakTies=False))
    out, seen = [], set()
    for site in analyze_mol(mol).free_nh_sites:
        if ranks[site.atom] in seen:
            continue
        seen.add(ranks[site.atom])
        found = _react_at(mol, reagent, IMINIUM, site.atom)
        if found:
            out.append(Product(_canonical(found[0]), (site.label,)))
    return out


def quaternary_salts(mono_smiles: str, site_label: str, reagent_smiles: str) -> list[Product]:
    """Over-alkylation of the same nitrogen: the N,N-dialkyl ammonium salt."""
    from dzp_planner.core.chem.parsing import parse_smiles
    from dzp_planner.core.chem.sites import analyze_mol

    mol = parse_smiles(mono_smiles)
    reagent = _reagent_mol("alkylation", reagent_smiles)
    analysis = analyze_mol(mol)
    site = next((s for s in analysis.sites if s.label == site_label and s.kind == "tertiary_amine"), None)
    if site is None:
        # numbering can swap once a substituent is added: take the tertiary ring N
        site = next((s for s in analysis.sites if s.kind == "tertiary_amine"), None)
    if site is None:
        return []
    found = _react_at(mol, reagent, QUATERNARY, site.atom)
    return [Product(_canonical(found[0]), (site_label,))] if found else []


@dataclass(frozen=True)
class MassRow:
    species: str  # "SM", "mono (N4)", "bis", "iminium (N1)", "quaternary (N1)"
    smiles: str
    formula: str
    mw: float
    exact_mass: float
    mh_plus: float | None
    m2h_plus: float | None
    observed_mz: float
    note: str = ""


def mass_table(substrate_smiles: str, reaction: str, reagent_smiles: str) -> list[MassRow]:
    """SM, mono, bis and intermediates with the masses to look for, and shared-m/z notes."""
    from dzp_planner.core.chem.masses import masses
    from dzp_planner.core.chem.parsing import parse_smiles

    def row(species: str, smiles: str) -> MassRow:
        m = masses(parse_smiles(smiles))
        return MassRow(species, smiles, m.formula, m.mw, m.exact_mass, m.mh_plus, m.m2h_plus, m.observed_mz)

    rows = [row("SM", _canonical(parse_smiles(substrate_smiles)))]
    found = enumerate_products(substrate_smiles, reaction, reagent_smiles)
    single = len(found["mono"]) == 1
    for product in found["mono"]:
        rows.append(row("mono" if single else f"mono ({product.sites[0]})", product.smiles))
    rows.extend(row("bis", p.smiles) for p in found["bis"])
    if reaction == "reductive-amination":
        rows.extend(row(f"iminium ({p.sites[0]})", p.smiles) for p in iminium_intermediates(substrate_smiles, reagent_smiles))
    if reaction == "alkylation":
        for product in found["mono"]:
            rows.extend(row(f"quaternary ({p.sites[0]})", p.smiles) for p in quaternary_salts(product.smiles, product.sites[0], reagent_smiles))
    return _note_shared_mz(rows)


def _note_shared_mz(rows: list[MassRow]) -> list[MassRow]:
    """LCMS cannot tell apart species observed at the same m/z (within 0.001): say so."""
    from dataclasses import replace

    out = []
    for r in rows:
        twins = [o.species for o in rows if o is not r and abs(o.observed_mz - r.observed_mz) < 0.001]
        note = r.note
        if twins:
            note = f"same m/z as {', '.join(twins)}: LCMS alone cannot tell them apart"
        elif r.species.startswith("iminium"):
            note = "a secondary amine gives an iminium ion, not a neutral imine: look for this m/z"
        out.append(replace(r, note=note))
    return out
