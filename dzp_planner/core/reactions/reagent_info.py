"""What a reagent is, in one record: its class, the reaction it takes part in, its name, MW, state, density.

Why one function: the `reagent` command, a changed electrophile row and Apply to plan must describe
a reagent the same way, and nothing may be inherited from the previous reagent (a solid never
keeps a liquid's density).
"""

from __future__ import annotations

from dataclasses import dataclass

from dzp_planner.core.errors import UserInputError
from dzp_planner.core.reactions import registry


@dataclass(frozen=True)
class ReagentInfo:
    smiles: str
    class_id: str  # "" when the app does not know the reagent's group
    reaction_type: str  # "" likewise
    name: str
    mw: float
    state: str  # solid / liquid / gas / unknown
    density_g_ml: float | None  # only for a known liquid
    known: bool  # named from the shipped data set
    parent_smiles: str = ""  # the free base that reacts (the SMILES itself when it is no salt)
    salt: str = ""  # "HCl" for isoquinoline-5-sulfonyl chloride·HCl: the row is weighed as the salt
    salt_acid_equiv: float = 0.0  # acid the salt brings per mole: base the reaction needs on top

    def as_dict(self) -> dict[str, object]:
        return {"class": self.class_id or None, "reaction_type": self.reaction_type or None, "name": self.name,
                "mw": round(self.mw, 4), "state": self.state, "density_g_ml": self.density_g_ml}


def describe_reagent(smiles: str) -> ReagentInfo:
    """Raises UserInputError (one line) when the SMILES cannot be read."""
    from dzp_planner.core.chem.naming import reagent_name, salt_row_name
    from dzp_planner.core.chem.parsing import StructureError, parse_smiles
    from dzp_planner.core.quantities.salt_forms import mw_from_smiles
    from dzp_planner.core.reactions.reagents import by_structure

    text = smiles.strip()
    if not text:
        raise UserInputError("give the reagent as SMILES")
    try:
        mol = parse_smiles(text)
    except StructureError as exc:
        raise UserInputError(f"reagent: {exc}") from None
    parent, salt, acid = _free_base(mol, text)
    classified = registry.classify_smiles(parent)
    known = by_structure(text) or (by_structure(parent) if salt else None)
    known_salt = known is not None and known.salt == salt
    state = known.state if known is not None and known.state else "unknown"
    density = known.density if known is not None and known.state == "liquid" and not salt else None
    if known is None:  # the names table: a handbook's state and a checked density, or nothing
        from dzp_planner.core.chem.identity import inchikey
        from dzp_planner.core.reactions.reagent_names import lookup

        named = lookup(inchikey(parent))
        if named is not None:
            state, density = named.state, named.density if not salt else None
    if salt:  # a salt is weighed as the salt: its MW, a solid's state (no liquid's density)
        mw = known.mw if known_salt and known is not None and known.mw else _salt_mw(parent, salt)
        state = "solid" if state in ("liquid", "unknown") else state
    else:
        mw = known.mw if known is not None and known.mw else mw_from_smiles(text)
    name = reagent_name(parent) if not (known_salt and known is not None) else known.name
    return ReagentInfo(
        smiles=text,
        class_id=classified.reagent_class.id if classified else "",
        reaction_type=classified.reaction.id if classified else "",
        name=salt_row_name(name, salt), mw=mw, state=state, density_g_ml=density, known=known is not None or not name.startswith("unnamed"),
        parent_smiles=parent, salt=salt, salt_acid_equiv=acid,
    )


def _free_base(mol: object, text: str) -> tuple[str, str, float]:
    """(free base SMILES, salt form, acid per mole) of a reagent drawn as a salt; (text, "", 0) otherwise."""
    from rdkit import Chem

    from dzp_planner.core.chem.salts import split_salt

    if "." not in text and "+" not in text:
        return text, "", 0.0
    split = split_salt(mol)
    if not split.salt:
        return text, "", 0.0
    return Chem.MolToSmiles(split.parent), split.salt, split.acid_equiv


def _salt_mw(parent: str, salt: str) -> float:
    from dzp_planner.core.quantities.salt_forms import salt_form_mw

    return salt_form_mw(parent, salt)
