"""The reaction types the app knows, by id, and the one place a reagent is classed.

A new reaction type is a module that defines `REACTION` and a line in `_MODULES`; a test (or a
lab's plug-in) can `register` one at run time. Everything that depends on the reaction —
products, checks, the procedure, the trees' facts, `show`, the GUI's list — asks here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache

from dzp_planner.core.errors import UserInputError
from dzp_planner.core.reactions.base import ReactionType, ReagentClass

# the guide's order first (Module A, B, C), then the rest: the order of every list the chemist sees
_MODULES = (
    "alkyl.alkylation", "alkyl.reductive_amination", "acyl.acylation", "acyl.boc_protection", "acyl.sulfonylation",
    "aryl.buchwald_hartwig", "aryl.snar", "acyl.amide_coupling", "acyl.urea", "acyl.carbamate",
    "alkyl.aza_michael", "alkyl.epoxide_opening",
)
_REGISTRY: dict[str, ReactionType] = {}


def _load() -> dict[str, ReactionType]:
    if not _REGISTRY:
        for name in _MODULES:
            module = importlib.import_module(f"dzp_planner.core.reactions.{name}")
            reaction: ReactionType = module.REACTION
            _REGISTRY.setdefault(reaction.id, reaction)
    return _REGISTRY


def register(reaction: ReactionType) -> None:
    """Add (or replace) a reaction type; classification caches are dropped."""
    _load()[reaction.id] = reaction
    classify_smiles.cache_clear()


def unregister(reaction_id: str) -> None:
    _load().pop(reaction_id, None)
    classify_smiles.cache_clear()


def ids() -> tuple[str, ...]:
    return tuple(_load())


def all_types() -> tuple[ReactionType, ...]:
    return tuple(_load().values())


def find(reaction_id: str) -> ReactionType | None:
    return _load().get(reaction_id)


def get(reaction_id: str) -> ReactionType:
    found = find(reaction_id)
    if found is None:
        raise UserInputError(f"unknown reaction {reaction_id!r}; expected one of {', '.join(ids())}")
    return found


@dataclass(frozen=True)
class Classified:
    """What a reagent is: its class and the reaction it takes part in."""

    reagent_class: ReagentClass
    reaction: ReactionType


def _matches(cls: ReagentClass, mol: object) -> bool:
    from dzp_planner.core.reactions.engine import pattern

    if cls.test is not None:
        return cls.test(mol)
    return any(mol.HasSubstructMatch(pattern(s)) for s in cls.smarts)  # type: ignore[attr-defined]


@lru_cache(maxsize=512)
def classify_smiles(smiles: str) -> Classified | None:
    """The reagent's most reactive group decides (a 4-bromobenzoyl chloride is an acid chloride);
    None: unreadable, or no group the app knows."""
    from dzp_planner.core.chem.parsing import StructureError, parse_smiles
    from dzp_planner.core.chem.salts import split_salt

    if not smiles.strip():
        return None
    try:
        mol = split_salt(parse_smiles(smiles.strip())).parent
    except StructureError:
        return None
    candidates = sorted(((cls.priority, i, cls, rt) for i, rt in enumerate(all_types()) for cls in rt.reagent_classes),
                        key=lambda item: (item[0], item[1]))
    for _priority, _index, cls, reaction in candidates:
        if _matches(cls, mol):
            return Classified(cls, reaction)
    return None
