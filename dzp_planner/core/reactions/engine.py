"""RDKit's reaction machinery as the reaction types use it: run a SMARTS at one substrate atom.

Why a module of its own: the products table (`products`) and the reaction types' extra species
(an iminium, a quaternary salt) both run reaction SMARTS at a chosen nitrogen of the free base,
and neither should own the other. Enumeration is bounded: a molecule with more than
`MAX_REACTIVE_SITES` reactive N–H is refused with a reason instead of a combinatorial table.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from functools import cache
from typing import Any, TypeVar

from dzp_planner.core.chem.rdtypes import Mol
from dzp_planner.core.errors import UserInputError

T = TypeVar("T")


@cache
def reaction(smarts: str) -> Any:
    from rdkit.Chem import rdChemReactions

    rxn = rdChemReactions.ReactionFromSmarts(smarts)
    rxn.Initialize()
    return rxn


@cache
def pattern(smarts: str) -> Any:
    from rdkit import Chem

    found = Chem.MolFromSmarts(smarts)
    if found is None:
        raise ValueError(f"not a SMARTS: {smarts}")
    return found


def react_at(mol: Mol, reagent: Mol, smarts: str, atom: int) -> list[Mol]:
    """Products of `smarts` in which the substrate atom `atom` is the one that reacted."""
    from rdkit import Chem

    rxn = reaction(smarts)
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


def first_product(mol: Mol, reagent: Mol, smarts: Iterable[str], atom: int) -> Mol | None:
    """The product of the first SMARTS that reacts at `atom`, or None."""
    for one in smarts:
        found = react_at(mol, reagent, one, atom)
        if found:
            return found[0]
    return None


def canonical(mol: Mol) -> str:
    from rdkit import Chem

    return Chem.MolToSmiles(mol)


def mapped_index(product: Mol, substrate_atom: int) -> int | None:
    """Index in `product` of the substrate's atom `substrate_atom` (reactant 0, not the reagent)."""
    for atom in product.GetAtoms():
        if (
            atom.HasProp("react_idx") and atom.GetIntProp("react_idx") == 0
            and atom.HasProp("react_atom_idx") and atom.GetIntProp("react_atom_idx") == substrate_atom
        ):
            return atom.GetIdx()
    return None


def reagent_mol(reagent_smiles: str) -> Mol:
    from dzp_planner.core.chem.parsing import StructureError, parse_smiles

    try:
        return parse_smiles(reagent_smiles)
    except StructureError as exc:
        raise UserInputError(f"reagent: {exc}") from None


def site_model(substrate_smiles: str) -> Any:
    """The substrate's site model, refused with a reason when enumeration would be combinatorial."""
    from dzp_planner.core.chem.site_model import MAX_REACTIVE_SITES, site_model_for

    model = site_model_for(substrate_smiles.strip())
    if len(model.reactive) > MAX_REACTIVE_SITES:
        raise UserInputError(
            f"the substrate has {len(model.reactive)} reactive N–H; DZP Planner lists products for molecules with up to "
            f"{MAX_REACTIVE_SITES} (protect some, or plan one part of the molecule at a time)")
    return model


def first_of_each(items: Iterable[T], key: Callable[[T], Hashable]) -> list[T]:
    """The first item of each key, in the order given (a site per symmetry class, a row per SMILES)."""
    seen: set[Hashable] = set()
    out = []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            out.append(item)
    return out


def one_per_class(sites: Iterable[Any]) -> list[Any]:
    """One site per symmetry class, in the order given (most reactive first)."""
    return first_of_each(sites, lambda site: site.symmetry)
