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

    def as_dict(self) -> dict[str, object]:
        return {"class": self.class_id or None, "reaction_type": self.reaction_type or None, "name": self.name,
                "mw": round(self.mw, 4), "state": self.state, "density_g_ml": self.density_g_ml}


def describe_reagent(smiles: str) -> ReagentInfo:
    """Raises UserInputError (one line) when the SMILES cannot be read."""
    from dzp_planner.core.chem.naming import reagent_name
    from dzp_planner.core.chem.parsing import StructureError, parse_smiles
    from dzp_planner.core.quantities.salt_forms import mw_from_smiles
    from dzp_planner.core.reactions.reagents import by_structure

    text = smiles.strip()
    if not text:
        raise UserInputError("give the reagent as SMILES")
    try:
        parse_smiles(text)
    except StructureError as exc:
        raise UserInputError(f"reagent: {exc}") from None
    classified = registry.classify_smiles(text)
    known = by_structure(text)
    state = known.state if known is not None and known.state else "unknown"
    density = known.density if known is not None and known.state == "liquid" else None
    mw = known.mw if known is not None and known.mw else mw_from_smiles(text)
    return ReagentInfo(
        smiles=text,
        class_id=classified.reagent_class.id if classified else "",
        reaction_type=classified.reaction.id if classified else "",
        name=reagent_name(text), mw=mw, state=state, density_g_ml=density, known=known is not None,
    )
