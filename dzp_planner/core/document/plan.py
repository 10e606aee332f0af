"""The Plan: the one document that the four panels look at and edit.

It is plain dataclasses with no Qt, so it can be saved, loaded, validated and tested
anywhere. Every change replaces one section through `Plan.set_section`, which tells
subscribers; what a change should be (the substrate driving the limiting row, a recommendation
replacing the protocol) is computed by `plan_edits` and `protocols`, and the GUI wraps each
change in a `QUndoCommand` (see `dzp_planner.gui.document.plan_commands`), so an edit in any panel is
undoable and reaches the other panels only through the plan. What follows from the plan
(table, products, model, procedure, checks) is `derivation.derive(plan)`.
"""

from __future__ import annotations

import copy
import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

# what one plan holds at most: enforced where the data is made (Add run, Add row) and where a file
# is read (plan_format), so the app never writes a plan it then refuses to open
MAX_RUNS = 200
MAX_COMPONENTS = 200

ROLES: tuple[str, ...] = ("limiting", "reagent", "catalyst", "ligand", "base", "acid", "additive", "solvent")

# What a row is for in the procedure: steps name rows by slot ("{electrophile:mass}"), never by
# a name typed into a template, so renaming a row or changing the substrate cannot break them.
SLOTS: tuple[str, ...] = ("substrate", "electrophile", "reductant", "acid", "base", "catalyst", "ligand",
                          "solvent", "addition-solvent", "coupling-agent")


def new_plan_id() -> str:
    """128 random bits as 32 hex digits, the shape of uuid4().hex.

    Not uuid4 itself: importing uuid imports `platform`, a few ms before the window's first
    paint for nothing.
    """
    return os.urandom(16).hex()


_ATOMS: frozenset[type] = frozenset({str, int, float, bool, type(None)})


def clone(value: Any) -> Any:
    """An independent copy of a section's value, sharing only immutable leaves.

    What copy.deepcopy gives for the plan's own shapes (lists, tuples and dicts of strings,
    numbers and dataclasses), in a fifth of the time: deepcopy's memo and reduce protocol cost
    ~3 ms for a 200-run section, and every undoable edit copies its section twice. Anything
    else falls back to deepcopy.
    """
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is list:
        return [clone(item) for item in value]
    if kind is tuple:
        return tuple(clone(item) for item in value)
    if kind is dict:
        return {key: clone(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        duplicate = copy.copy(value)
        for name in _field_names(kind):
            item = getattr(value, name)
            if type(item) not in _ATOMS:
                setattr(duplicate, name, clone(item))
        return duplicate
    return copy.deepcopy(value)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return names


def now_iso() -> str:
    """UTC timestamp with seconds, the form stored in plan files."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Component:
    """One row of the reaction table, stored as the chemist typed it.

    `quantity` is the one value the user entered ("5.0 g", "1.5 equiv", "100 mL", and for
    the solvent also "0.1 M" as a target concentration); every other column is derived
    from it by `dzp_planner.core.quantities.stoich`, so the plan never holds two numbers that can
    disagree.
    """

    name: str
    role: str = "reagent"
    smiles: str = ""
    quantity: str = ""
    mw: float | None = None  # g/mol override (salts, hydrates); None means "from the structure"
    density: float | None = None  # g/mL, for liquids
    concentration: float | None = None  # mol/L, for reagents sold as solutions
    loading: float | None = None  # mmol/g, for resin-bound (polymer-supported) reagents, weighed as the resin
    purity: float = 100.0  # wt %
    salt: str = ""  # e.g. "2HCl": MW is the salt's, the amount is the free base's
    equiv_locked: bool = False
    note: str = ""
    slot: str = ""  # one of SLOTS, or "" for a row the procedure does not mention


@dataclass
class Addition:
    """A dropwise addition: which row is fed, as what volume of solution, over what time."""

    component: str = ""  # name of the reaction-table row that is added
    volume: str = ""  # typed, e.g. "50 mL"
    time: str = ""  # typed, e.g. "1 h" or "60 min"
    solvent: str = ""  # what it is dissolved in, e.g. "DCM"


@dataclass
class ModelSettings:
    """Inputs of the product-distribution and pH-switch models that belong to the plan."""

    k2_k1: float = 0.5
    electrophile_equiv: float | None = None  # None: take it from the reaction table
    mixing_time_s: float = 1.0
    addition_time_s: float = 3600.0
    rate_constant_m_s: float = 1.0  # k1, L/(mol·s)
    # where k2/k1 comes from: "assumed" (a preset or typed), "fitted" (this plan's runs) or
    # "measured" (a fit stored in the library for this substrate and electrophile); the note says
    # which runs or which plan, so the plot and the PDF can say what is measured and what assumed
    k2_k1_source: str = "assumed"
    k2_k1_note: str = ""
    # two different reactive N–H: the second site's rate over the first's (the sites as the plan lists them);
    # None means the estimate from the structure (tenfold per nucleophilicity rank), a number the chemist's value
    site_rate_ratio: float | None = None
    pka: dict[str, list[float]] = field(
        default_factory=lambda: {
            "diamine": [10.41, 6.70],
            "mono": [9.0],
            "bis": [],
        }
    )


K2_K1_SOURCES: tuple[str, ...] = ("assumed", "fitted", "measured")
# the gas over the flask: ambient CO2 forms carbamates with amines and can change mono-acylation selectivity
ATMOSPHERES: tuple[str, ...] = ("", "air", "N2", "Ar", "CO2")  # "": not recorded
ANALYSES: tuple[str, ...] = ("LCMS UV area", "ELSD area", "CAD area", "1H NMR integral", "isolated yield")


@dataclass
class TrialRun:
    """One run of the reaction as measured: what the chemist entered, not what the model says.

    SM / mono / bis are areas, integrals or amounts in any common scale; each is divided by its
    response factor before they are compared (a Boc group adds no UV chromophore, a benzyl
    does, so UV areas of SM, mono and bis are not moles). `sm` is None when SM could not be
    seen (homopiperazine has no chromophore): mono:bis and the equivalents then fit k2/k1.
    """

    equiv: float | None = None  # equivalents of electrophile charged; None: the table's
    analysis: str = "LCMS UV area"  # one of ANALYSES
    sm: float | None = None
    mono: float | None = None
    bis: float | None = None
    rf_sm: float = 1.0
    rf_mono: float = 1.0
    rf_bis: float = 1.0
    sigma: float = 1.0  # uncertainty of each number, area-% points
    date: str = ""  # ISO date of the run
    note: str = ""
    atmosphere: str = ""  # one of ATMOSPHERES


@dataclass
class Plan:
    """A reaction plan. Field names are the keys of the plan file (see `storage`)."""

    title: str = "Untitled plan"
    author: str = ""
    plan_id: str = field(default_factory=new_plan_id)
    created: str = field(default_factory=now_iso)
    modified: str = field(default_factory=now_iso)
    substrate_smiles: str = ""
    substrate_molblock: str = ""  # keeps the chemist's 2D layout; SMILES is the identity
    reaction_type: str = "alkylation"
    reagent_smiles: str = ""  # the electrophile used for product enumeration
    product_smiles: str = ""  # the target, for theoretical yield
    conditions: str = ""  # over the arrow: "DCM, 0 °C to RT, 1 h"
    components: list[Component] = field(default_factory=list)
    decisions: dict[str, dict[str, str]] = field(default_factory=dict)  # tree -> node -> choice
    active_tree: str = "alkylation"
    model: ModelSettings = field(default_factory=ModelSettings)
    template_id: str = ""  # protocol template the procedure comes from
    addition: Addition = field(default_factory=Addition)
    notes: str = ""
    results: list[TrialRun] = field(default_factory=list)  # measured runs (what k2/k1 is fitted to)

    def __post_init__(self) -> None:
        self._subscribers: list[Callable[[str], None]] = []
        self.load_warnings: list[str] = []  # what opening the file found and repaired (not saved)

    # -- observation ---------------------------------------------------------------
    def subscribe(self, callback: Callable[[str], None]) -> None:
        """Call `callback(section)` after every change to that section."""
        self._subscribers.append(callback)

    def unsubscribe(self, callback: Callable[[str], None]) -> None:
        if callback in self._subscribers:
            self._subscribers.remove(callback)

    def _changed(self, section: str) -> None:
        self.modified = now_iso()
        for callback in list(self._subscribers):
            callback(section)

    # -- generic section access (what undo commands use) ----------------------------
    def get_section(self, section: str) -> Any:
        """A deep copy of one section's state, suitable for restoring with `set_section`."""
        return clone(self._section_value(section))

    def set_section(self, section: str, value: Any) -> None:
        """Replace one section wholesale (undo/redo and template application use this)."""
        self._assign(section, value)
        self._changed(section)

    def set_sections(self, values: dict[str, Any]) -> None:
        """Replace several sections, then tell subscribers: nobody sees (or derives) a half-made
        state such as a new substrate beside the previous substrate's table."""
        for section, value in values.items():
            self._assign(section, value)
        for section in values:
            self._changed(section)

    def _assign(self, section: str, value: Any) -> None:
        value = clone(value)
        if section == "meta":
            self.title, self.author = value["title"], value["author"]
        elif section == "substrate":
            self.substrate_smiles, self.substrate_molblock = value
        elif section == "reaction":
            self.reaction_type, self.reagent_smiles, self.product_smiles, self.conditions = value
        elif section == "components":
            self.components = value
        elif section == "decisions":
            self.decisions, self.active_tree = value
        elif section == "model":
            self.model = value
        elif section == "procedure":
            self.template_id, self.addition = value
        elif section == "notes":
            self.notes = value
        elif section == "results":
            self.results = value
        else:
            raise KeyError(f"unknown plan section {section!r}")

    def _section_value(self, section: str) -> Any:
        if section == "meta":
            return {"title": self.title, "author": self.author}
        if section == "substrate":
            return (self.substrate_smiles, self.substrate_molblock)
        if section == "reaction":
            return (self.reaction_type, self.reagent_smiles, self.product_smiles, self.conditions)
        if section == "components":
            return self.components
        if section == "decisions":
            return (self.decisions, self.active_tree)
        if section == "model":
            return self.model
        if section == "procedure":
            return (self.template_id, self.addition)
        if section == "notes":
            return self.notes
        if section == "results":
            return self.results
        raise KeyError(f"unknown plan section {section!r}")

    # -- queries --------------------------------------------------------------------
    def copy(self) -> Plan:
        """An independent copy with no subscribers (for saving in a worker, or duplicating)."""
        return Plan(**{f.name: clone(getattr(self, f.name)) for f in dataclasses.fields(self)})
