"""Products of N-functionalisation at every reactive nitrogen, and the LCMS mass table.

Each reaction type is an RDKit reaction SMARTS applied to the substrate's free base and the
reagent. The sites that react are the site model's competing sites (`site_model`): every
diazepane ring's free N–H and every exocyclic amine, one mono product per symmetry class,
and a bis product whenever two or more sites can react. Enumeration is bounded: a molecule
with more than `MAX_REACTIVE_SITES` reactive N–H is refused with a reason instead of
producing a combinatorial table.

Reductive amination also gives the iminium intermediate (a secondary amine forms an iminium,
not a neutral imine: that is the m/z to look for); alkylation gives quaternary salts, both of
the new tertiary nitrogen and of a tertiary amine the substrate already has. The latter has
the same formula as the mono product's [M+H]+ ion: the table says they are isobars.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, TypeVar

from dzp_planner.core.errors import UserInputError

T = TypeVar("T")

# reaction -> (product SMARTS, what the reagent must be, in words)
_NH = "[N;!H0;+0;!$(N[C,S]=[O,S]);!$(N-[!#6;!#1]):1]"
REACTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "alkylation": (
        (f"{_NH}.[CX4;!$(C(F)(F)F):2]-[Cl,Br,I]>>[N:1]-[C:2]",
         f"{_NH}.[CX4:2]-[OX2]-[SX4](=O)(=O)>>[N:1]-[C:2]"),
        "an alkyl halide or sulfonate (R–Cl, R–Br, R–I, R–OMs, R–OTs)",
    ),
    "reductive-amination": (
        (f"{_NH}.[CX3;!$(C([O,N,S,Cl,Br,I])=O):2]=[OX1]>>[N:1]-[C:2]",),
        "an aldehyde or ketone",
    ),
    "acylation": (
        (f"{_NH}.[CX3;$(C([#6,#1])(=O)):2](=[OX1:3])-[Cl,Br,$([OX2][CX3]=O),$([OX2H1])]>>[N:1]-[C:2]=[O:3]",),
        "an acyl chloride, anhydride or carboxylic acid",
    ),
    "boc-protection": (
        (f"{_NH}.[CX3:2](=[OX1:3])(-[OX2:4]-[#6:5])-[$([OX2]C(=O)O),Cl]>>[N:1]-[C:2](=[O:3])-[O:4]-[#6:5]",),
        "a dicarbonate (Boc2O) or a chloroformate",
    ),
    "sulfonylation": (
        (f"{_NH}.[SX4:2](=[OX1:3])(=[OX1:4])-[Cl,F]>>[N:1]-[S:2](=[O:3])=[O:4]",),
        "a sulfonyl chloride",
    ),
    "buchwald-hartwig": (
        (f"{_NH}.[c:2]-[Cl,Br,I]>>[N:1]-[c:2]", f"{_NH}.[c:2]-[OX2]-[SX4](=O)(=O)C(F)(F)F>>[N:1]-[c:2]"),
        "an aryl halide or triflate",
    ),
}
IMINIUM = f"{_NH}.[CX3;!$(C([O,N,S,Cl,Br,I])=O):2]=[OX1]>>[N+:1]=[C:2]"
QUATERNARY = "[NX3;H0;+0;!$(N-[C,S]=O);!$(N-a):1].[CX4:2]-[Cl,Br,I]>>[N+:1]-[C:2]"
NA_PLUS = 22.989218  # Na+ (monoisotopic Na minus an electron)
C4H8 = 56.0626  # isobutene lost from a Boc group in the source
BOC = 100.0524  # C5H8O2, a whole Boc group


@dataclass(frozen=True)
class Product:
    smiles: str
    sites: tuple[str, ...]  # site names functionalised, e.g. ("N4",) or ("side-chain NH2",)


def reagent_reacts(reaction: str, reagent_smiles: str) -> bool:
    """Whether the reagent has the group the reaction needs (an aldehyde for reductive amination, ...)."""
    from dzp_planner.core.chem.parsing import StructureError, parse_smiles

    if reaction not in REACTIONS or not reagent_smiles.strip():
        return False
    try:
        reagent = parse_smiles(reagent_smiles)
    except StructureError:
        return False
    for smarts in REACTIONS[reaction][0]:
        template = _reaction(smarts).GetReactantTemplate(1)
        if reagent.HasSubstructMatch(template):
            return True
    return False


@cache
def _reaction(smarts: str) -> Any:
    from rdkit.Chem import rdChemReactions

    rxn = rdChemReactions.ReactionFromSmarts(smarts)
    rxn.Initialize()
    return rxn


def _react_at(mol: Any, reagent: Any, smarts: str, atom: int) -> list[Any]:
    """Products of `smarts` in which the substrate atom `atom` is the one that reacted."""
    from rdkit import Chem

    rxn = _reaction(smarts)
    results = []
    for products in rxn.RunReactants((mol, reagent), maxProducts=200):
        product = products[0]
        reacted = next(
            (a for a in product.GetAtoms() if a.HasProp("old_mapno") and a.GetIntProp("old_mapno") == 1 and a.GetIntProp("react_idx") == 0),
            None,
        )
        if reacted is None or reacted.GetIntProp("react_atom_idx") != atom:
            continue
        try:
            Chem.SanitizeMol(product)
        except Exception:  # noqa: BLE001 - RDKit raises several types; a product that cannot be sanitised is skipped
            continue
        # keep the piece that holds the nitrogen (leaving-group fragments are dropped);
        # atom properties survive, so the substrate's atoms can be found again for the bis step
        frag_ids = next(ids for ids in Chem.GetMolFrags(product) if reacted.GetIdx() in ids)
        if len(frag_ids) < product.GetNumAtoms():
            editable = Chem.RWMol(product)
            for idx in sorted(set(range(product.GetNumAtoms())) - set(frag_ids), reverse=True):
                editable.RemoveAtom(idx)
            product = editable.GetMol()
            Chem.SanitizeMol(product)
        results.append(product)
        break
    return results


def _canonical(mol: Any) -> str:
    from rdkit import Chem

    return Chem.MolToSmiles(mol)


def _reagent_mol(reaction: str, reagent_smiles: str) -> Any:
    from dzp_planner.core.chem.parsing import StructureError, parse_smiles

    if reaction not in REACTIONS:
        raise UserInputError(f"unknown reaction {reaction!r}; expected one of {', '.join(REACTIONS)}")
    try:
        return parse_smiles(reagent_smiles)
    except StructureError as exc:
        raise UserInputError(f"reagent: {exc}") from None


def _first_product(mol: Any, reagent: Any, reaction: str, atom: int) -> Any:
    for smarts in REACTIONS[reaction][0]:
        found = _react_at(mol, reagent, smarts, atom)
        if found:
            return found[0]
    return None


def _model(substrate_smiles: str) -> Any:
    from dzp_planner.core.chem.site_model import MAX_REACTIVE_SITES, site_model_for

    model = site_model_for(substrate_smiles.strip())
    if len(model.reactive) > MAX_REACTIVE_SITES:
        raise UserInputError(
            f"the substrate has {len(model.reactive)} reactive N–H; DZP Planner lists products for molecules with up to "
            f"{MAX_REACTIVE_SITES} (protect some, or plan one part of the molecule at a time)")
    return model


def _first_of_each(items: Iterable[T], key: Callable[[T], Hashable]) -> list[T]:
    """The first item of each key, in the order given (a site per symmetry class, a row per SMILES)."""
    seen: set[Hashable] = set()
    out = []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            out.append(item)
    return out


def _classes(sites: tuple[Any, ...]) -> list[Any]:
    """One site per symmetry class, in the order given (most reactive first)."""
    return _first_of_each(sites, lambda site: site.symmetry)


def enumerate_products(substrate_smiles: str, reaction: str, reagent_smiles: str) -> dict[str, list[Product]]:
    """Mono products (one per symmetry class of competing site, most reactive first) and the bis product."""
    return _enumerate_cached(substrate_smiles.strip(), reaction, reagent_smiles.strip())


@lru_cache(maxsize=256)
def _enumerate_cached(substrate_smiles: str, reaction: str, reagent_smiles: str) -> dict[str, list[Product]]:
    model = _model(substrate_smiles)
    reagent = _reagent_mol(reaction, reagent_smiles)
    sites = model.competing
    if not sites:
        return {"mono": [], "bis": [], "over": []}
    mol = model.parent
    mono: list[Product] = []
    over: list[Product] = []
    for site in _classes(sites):
        product = _first_product(mol, reagent, reaction, site.parent_atom)
        if product is None:
            raise UserInputError(f"the reagent does not react as {REACTIONS[reaction][1]} in {reaction}: {reagent_smiles}")
        mono.append(Product(_canonical(product), (site.name,)))
        if reaction == "alkylation":
            again = _alkylate_again(product, site.parent_atom, reagent)
            if again is not None:
                over.append(Product(_canonical(again), (site.name,)))
    bis: list[Product] = []
    if len(sites) >= 2:
        first_site, second_site = sites[0], next(s for s in sites[1:] if s.atom != sites[0].atom)
        first = _first_product(mol, reagent, reaction, first_site.parent_atom)
        second_atom = _mapped_index(first, second_site.parent_atom)
        second = _first_product(first, reagent, reaction, second_atom) if second_atom is not None else None
        if second is not None:
            bis.append(Product(_canonical(second), (first_site.name, second_site.name)))
    return {"mono": mono, "bis": bis, "over": over}


def _alkylate_again(product: Any, substrate_atom: int, reagent: Any) -> Any:
    """The same nitrogen alkylated once more: a quaternary salt from a secondary amine's product, a
    tertiary amine from a primary amine's."""
    atom = _mapped_index(product, substrate_atom)
    if atom is None:
        return None
    hydrogens = product.GetAtomWithIdx(atom).GetTotalNumHs()
    if hydrogens:
        return _first_product(product, reagent, "alkylation", atom)
    found = _react_at(product, reagent, QUATERNARY, atom)
    return found[0] if found else None


def _mapped_index(product: Any, substrate_atom: int) -> int | None:
    """Index in `product` of the substrate's atom `substrate_atom` (reactant 0, not the reagent)."""
    for atom in product.GetAtoms():
        if (
            atom.HasProp("react_idx") and atom.GetIntProp("react_idx") == 0
            and atom.HasProp("react_atom_idx") and atom.GetIntProp("react_atom_idx") == substrate_atom
        ):
            return atom.GetIdx()
    return None


def iminium_intermediates(substrate_smiles: str, reagent_smiles: str) -> list[Product]:
    """Iminium ions from a carbonyl and each competing secondary N–H (reductive amination)."""
    model = _model(substrate_smiles)
    reagent = _reagent_mol("reductive-amination", reagent_smiles)
    out = []
    for site in _classes(model.competing):
        if site.kind == "primary_amine":
            continue  # a primary amine forms a neutral imine, seen as its [M+H]+
        found = _react_at(model.parent, reagent, IMINIUM, site.parent_atom)
        if found:
            out.append(Product(_canonical(found[0]), (site.name,)))
    return out


def substrate_quaternary_salts(substrate_smiles: str, reagent_smiles: str) -> list[Product]:
    """Alkylation of a tertiary amine the substrate already has (1-methyl: the N-benzyl-N-methyl salt)."""
    model = _model(substrate_smiles)
    reagent = _reagent_mol("alkylation", reagent_smiles)
    out = []
    for site in _classes(tuple(s for s in model.sites if s.quaternizable)):
        found = _react_at(model.parent, reagent, QUATERNARY, site.parent_atom)
        if found:
            out.append(Product(_canonical(found[0]), (site.name,)))
    return out


@dataclass(frozen=True)
class MassRow:
    species: str  # "SM", "mono (N4)", "bis", "iminium (N1)", "quaternary (N1)"
    smiles: str
    formula: str
    mw: float
    exact_mass: float
    mh_plus: float | None  # [M+H]+ of a neutral species
    m2h_plus: float | None  # [M+2H]2+, only with two basic nitrogens
    observed_mz: float  # the ion to look for first
    note: str = ""
    ions: tuple[tuple[str, float], ...] = field(default_factory=tuple)  # every listed ion: (name, m/z)


def _basic_nitrogens(mol: Any) -> int:
    from dzp_planner.core.chem.sites import classify_nitrogen

    return sum(1 for a in mol.GetAtoms() if a.GetSymbol() == "N"
               and classify_nitrogen(mol, a.GetIdx()) in ("primary_amine", "secondary_amine", "tertiary_amine", "aryl_amine"))


def _boc_groups(mol: Any) -> int:
    return len(mol.GetSubstructMatches(_pattern("[NX3]C(=O)OC(C)(C)C")))


@cache
def _pattern(smarts: str) -> Any:
    from rdkit import Chem

    return Chem.MolFromSmarts(smarts)


def mass_row(species: str, smiles: str) -> MassRow:
    """One species with the ions a chemist looks for: [M+H]+ (and [M+2H]2+) for amines; [M+Na]+ and
    the Boc fragments for a carbamate with no basic N (bis-Boc is not protonated in the source)."""
    from dzp_planner.core.chem.masses import PROTON, masses
    from dzp_planner.core.chem.parsing import parse_smiles

    mol = parse_smiles(smiles)
    m = masses(mol)
    if m.charge > 0:
        return MassRow(species, smiles, m.formula, m.mw, m.exact_mass, None, None, m.observed_mz, ions=(("M+", m.observed_mz),))
    basic = _basic_nitrogens(mol)
    boc = _boc_groups(mol)
    mh = m.exact_mass + PROTON
    m2h = (m.exact_mass + 2 * PROTON) / 2 if basic >= 2 else None
    ions: list[tuple[str, float]] = []
    if basic:
        ions.append(("[M+H]+", mh))
        if m2h is not None:
            ions.append(("[M+2H]2+", m2h))
    else:
        ions.append(("[M+Na]+", m.exact_mass + NA_PLUS))
        ions.append(("[M+H]+", mh))
    if boc:
        ions.append(("[M+H−C4H8]+", mh - C4H8))
        ions.append(("[M+H−Boc]+", mh - BOC))
    return MassRow(species, smiles, m.formula, m.mw, m.exact_mass, mh, m2h, ions[0][1], ions=tuple(ions))


def mass_table(substrate_smiles: str, reaction: str, reagent_smiles: str) -> list[MassRow]:
    """SM, mono, bis and intermediates with the masses to look for, and shared-m/z notes (free base)."""
    model = _model(substrate_smiles)
    rows = [mass_row("SM", model.parent_smiles)]
    found = enumerate_products(substrate_smiles, reaction, reagent_smiles)
    single = len(found["mono"]) == 1
    for product in found["mono"]:
        rows.append(mass_row("mono" if single else f"mono ({product.sites[0]})", product.smiles))
    rows.extend(mass_row("bis", p.smiles) for p in found["bis"])
    if reaction == "reductive-amination":
        rows.extend(mass_row(f"iminium ({p.sites[0]})", p.smiles) for p in iminium_intermediates(substrate_smiles, reagent_smiles))
    if reaction == "alkylation":
        for p in found["over"]:
            label = "quaternary" if "+" in p.smiles else "dialkylated"
            rows.append(mass_row(f"{label} ({p.sites[0]})", p.smiles))
        rows.extend(mass_row(f"quaternary of SM ({p.sites[0]})", p.smiles)
                    for p in substrate_quaternary_salts(substrate_smiles, reagent_smiles))
    return _note_shared_mz(_unique(rows))


def _unique(rows: list[MassRow]) -> list[MassRow]:
    return _first_of_each(rows, lambda row: row.smiles)


def _note_shared_mz(rows: list[MassRow]) -> list[MassRow]:
    """LCMS cannot tell apart species observed at the same m/z (within 0.001): say so."""
    from dataclasses import replace

    out = []
    for r in rows:
        twins = [o.species for o in rows if o is not r and abs(o.observed_mz - r.observed_mz) < 0.001]
        note = r.note
        if twins:
            note = f"same m/z as {', '.join(twins)}: LCMS alone cannot tell them apart (isobars)"
        elif r.species.startswith("iminium"):
            note = "a secondary amine gives an iminium ion, not a neutral imine: look for this m/z"
        elif r.ions and r.ions[0][0] == "[M+Na]+":
            note = "no basic nitrogen: look for [M+Na]+ and the Boc fragments rather than [M+H]+"
        out.append(replace(r, note=note))
    return out
