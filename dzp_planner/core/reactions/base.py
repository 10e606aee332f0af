"""What a reaction type declares: the one shape every module under `reactions/` fills in.

Why plain frozen dataclasses: a reaction type is data with a few hooks (extra LCMS species,
a reagent test SMARTS cannot express), so a new type is one module that builds one value and a
registry line; a test can build one in the test alone and register it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dzp_planner.core.chem.rdtypes import Mol

# an amine N–H that takes an electrophile: not an amide, carbamate, sulfonamide or N-heteroatom N–H
NH = "[N;!H0;+0;!$(N[C,S]=[O,S]);!$(N-[!#6;!#1]):1]"


@dataclass(frozen=True)
class ReagentClass:
    """A kind of reagent, recognised by any of its SMARTS (or by `test`, where SMARTS cannot say)."""

    id: str  # "acyl-halide"
    label: str  # "acid chloride" (how a chemist says it)
    smarts: tuple[str, ...] = ()
    priority: int = 50  # checked in ascending order: the most reactive group of a reagent decides
    test: Callable[[Mol], bool] | None = None
    # the by-product is an acid that protonates an amine (HCl, HBr, a carboxylic acid, N-hydroxysuccinimide):
    # with no base to take it, each reaction ties up one more amine as its salt (the protonation model)
    releases_acid: bool = False


@dataclass(frozen=True)
class Species:
    """An extra row of the LCMS table (an intermediate or an over-reaction product)."""

    label: str  # "iminium (N1)", "quaternary of SM (N1)"
    smiles: str


@dataclass(frozen=True)
class ReactionType:
    id: str  # "acylation": the plan file's and the commands' name
    title: str  # "N-Acylation": how a plan title names it
    noun: str  # "an acylation": how a sentence names it
    reagent_words: str  # "an acid chloride, anhydride or active ester": what the reagent must be
    reagent_classes: tuple[ReagentClass, ...]
    product_smarts: tuple[str, ...]  # reaction SMARTS, substrate N–H first (`NH`), the reagent second
    k2_k1: float  # the preset for two sites
    k2_k1_reason: str  # why that preset (and whether it is an estimate)
    conditions: str  # over the arrow
    template: str  # the protocol template Apply builds for this reaction
    tree: str  # the decision tree that plans it
    product_word: str = "mono product"  # "mono-Boc"
    ratio_reference: float = 10.0  # diamine : electrophile the guide advises for two sites
    ratio_reference_text: str = "Module A of the guide recommends 10 : 1"
    one_site_excess: bool = True  # with one N–H, a slight excess of electrophile drives conversion
    short_ratio_warns: bool = True  # less diamine than the reference ratio is a warning (Protocol 2's 2 : 1 is by design)
    over_reaction: str = ""  # what over-reacts beyond bis (alkylation: quaternisation)
    deficit_note: str = ""  # said when a deficit of electrophile is charged to two sites
    ceiling_note: str = ""  # said beside the ceiling of mono per electrophile
    gas: str = ""  # a gas the reaction or its quench gives off
    gas_from_rows: tuple[str, ...] = ()  # SMILES of the rows that give it off (STAB); () = the reaction itself
    extra_species: Callable[[str, str], list[Species]] | None = None  # (substrate, reagent) -> rows

    def preset_note(self) -> str:
        """What a plan says of a k2/k1 taken from this type's preset ("the sulfonylation preset: an estimate ...")."""
        return f"the {self.noun.split(' ', 1)[1]} preset: {self.k2_k1_reason}"
