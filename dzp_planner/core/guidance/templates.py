"""Protocol templates: the guide's protocols (and the ones the trees recommend) as data.

Templates are TOML files in `resources/templates/`, one per protocol, so a chemist can read
and correct them without reading Python. Loading validates every key and names the file
and key in the error. Rows carry a `slot` (what they are for: substrate, electrophile,
reductant, ...) and steps name rows by slot, so a protocol applied to any substrate fills its
own table (`protocols.build`). A row's `one_site` quantity replaces `quantity` when the
substrate has a single reactive N–H (no bis product: a slight excess of electrophile), and a
step's `when` lists the distribution models it applies to, its `needs` the slots the table must
have for it (the mono-protonation route's acid step, when a salt's own acid stands for the row).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from dzp_planner import paths
from dzp_planner.core.document.plan import ROLES, SLOTS, Addition, Component, ModelSettings, Plan
from dzp_planner.core.errors import UserInputError

MODEL_KINDS = ("two-equivalent-sites", "two-different-sites", "one-site", "none")


@dataclass(frozen=True)
class Step:
    """One procedure step; `text` holds {SLOT:FIELD} placeholders filled from the plan's table."""

    text: str
    correction: str = ""  # what the chemistry notes say where the guide is wrong or loose
    checkpoint: str = ""  # what to look for (LCMS, pH) before moving on
    when: tuple[str, ...] = ()  # distribution models the step applies to; () = every one
    needs: tuple[str, ...] = ()  # slots the table must have (a salt's own acid can stand for the acid row)

    def applies_to(self, model_kind: str) -> bool:
        return not self.when or model_kind in self.when


@dataclass(frozen=True)
class TemplateRow:
    """A row of a template: the component, and its quantity for a one-site substrate."""

    component: Component
    one_site: str = ""
    not_with: tuple[str, ...] = ()  # reagent classes that need no such row (an isocyanate: no base)


def _classes(row: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
    """A row's `not_with`: reagent classes (reactions.reagent_info) for which the protocol leaves the row out."""
    from dzp_planner.core.reactions import registry

    known = sorted({cls.id for reaction in registry.all_types() for cls in reaction.reagent_classes})
    value = row.get("not_with", [])
    if not isinstance(value, list) or any(c not in known for c in value):
        raise UserInputError(f"template {name}: '{where}not_with' must list reagent classes from {', '.join(known)}")
    return tuple(value)


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    guide_section: str
    reaction_type: str
    substrate_smiles: str
    reagent_smiles: str
    product_smiles: str
    conditions: str
    active_tree: str
    k2_k1: float
    rows: tuple[TemplateRow, ...]
    steps: tuple[Step, ...]
    addition: Addition = field(default_factory=Addition)
    source: str = ""
    substrate_molblock: str = ""  # the drawing, so a new plan needs no 2D layout (RDKit pulls numpy for it)
    plan_title: str = ""  # the title of a plan built from it: {substrate}, {electrophile}, {SLOT} name rows

    @property
    def components(self) -> tuple[Component, ...]:
        return tuple(row.component for row in self.rows)

    @property
    def puts_acid_on_diamine(self) -> bool:
        """The mono-protonation route: an acid row holds one N of the diamine, so a salt's own acid counts."""
        return any(row.component.role == "acid" for row in self.rows)


def templates_dir() -> Path:
    return paths.resource("templates")


@cache
def all_templates() -> dict[str, Template]:
    """Every shipped template by id (parsed once per process)."""
    found: dict[str, Template] = {}
    for path in sorted(templates_dir().glob("*.toml")):
        template = load_template_file(path)
        found[template.id] = template
    return found


def guide_templates() -> dict[str, Template]:
    """The guide's own protocols on the parent diamine (File ▸ New from template): the ones
    that carry a drawn substrate. The others are built for a substrate by `protocols.build`."""
    return {tid: t for tid, t in all_templates().items() if t.substrate_molblock}


def get_template(template_id: str) -> Template:
    """One template by id. Before `all_templates` has run, the file named by the id is read alone (a
    shipped template's file is named by its id, and a test keeps it so): the start opens the sample from
    one file instead of parsing all fifteen with tomllib."""
    if all_templates.cache_info().currsize == 0:
        alone = _template_named(template_id)
        if alone is not None:
            return alone
    templates = all_templates()
    if template_id not in templates:
        raise UserInputError(f"unknown template {template_id!r}; available: {', '.join(sorted(templates))}")
    return templates[template_id]


@lru_cache(maxsize=64)
def _template_named(template_id: str) -> Template | None:
    path = templates_dir() / f"{template_id}.toml"
    if not template_id or "/" in template_id or "\\" in template_id or template_id.startswith(".") or not path.is_file():
        return None
    template = load_template_file(path)
    return template if template.id == template_id else None


def load_template_file(path: Path) -> Template:
    from dzp_planner.core.io.data_files import read_toml

    name = path.name
    raw = read_toml(path, f"template {name}")

    def text(table: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            raise UserInputError(f"template {name}: '{where}{key}' must be text")
        return value

    reaction_type = text(raw, "reaction_type", "")
    from dzp_planner.core.reactions import registry

    if registry.find(reaction_type) is None:
        raise UserInputError(f"template {name}: 'reaction_type' is {reaction_type!r}; expected one of {', '.join(registry.ids())}")
    rows = []
    for i, row in enumerate(raw.get("components", [])):
        where = f"components[{i}]."
        role = text(row, "role", where, "reagent")
        if role not in ROLES:
            raise UserInputError(f"template {name}: '{where}role' is {role!r}; expected one of {', '.join(ROLES)}")
        slot = text(row, "slot", where, "")
        if slot and slot not in SLOTS:
            raise UserInputError(f"template {name}: '{where}slot' is {slot!r}; expected one of {', '.join(SLOTS)}")
        numbers = {}
        for key, unit in (("density", "g/mL"), ("concentration", "mol/L")):
            value = row.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0):
                raise UserInputError(f"template {name}: '{where}{key}' must be a positive number ({unit})")
            numbers[key] = float(value) if value is not None else None
        rows.append(TemplateRow(
            Component(name=text(row, "name", where), role=role, smiles=text(row, "smiles", where, ""),
                      quantity=text(row, "quantity", where, ""), note=text(row, "note", where, ""), slot=slot,
                      density=numbers["density"], concentration=numbers["concentration"]),
            one_site=text(row, "one_site", where, ""),
            not_with=_classes(row, name, where),
        ))
    steps = []
    for i, step in enumerate(raw.get("steps", [])):
        when = step.get("when", [])
        if not isinstance(when, list) or any(w not in MODEL_KINDS for w in when):
            raise UserInputError(f"template {name}: 'steps[{i}].when' must list models from {', '.join(MODEL_KINDS)}")
        needs = step.get("needs", [])
        if not isinstance(needs, list) or any(n not in SLOTS for n in needs):
            raise UserInputError(f"template {name}: 'steps[{i}].needs' must list slots from {', '.join(SLOTS)}")
        steps.append(Step(
            text=text(step, "text", f"steps[{i}]."),
            correction=text(step, "correction", f"steps[{i}].", ""),
            checkpoint=text(step, "checkpoint", f"steps[{i}].", ""),
            when=tuple(when), needs=tuple(needs),
        ))
    addition_raw = raw.get("addition", {})
    addition = Addition(**{k: text(addition_raw, k, "addition.", "") for k in ("component", "volume", "time", "solvent")})
    k2_k1 = raw.get("k2_k1", 0.5)
    if not isinstance(k2_k1, (int, float)) or k2_k1 <= 0:
        raise UserInputError(f"template {name}: 'k2_k1' must be a positive number")
    return Template(
        id=text(raw, "id", ""),
        title=text(raw, "title", ""),
        guide_section=text(raw, "guide_section", "", ""),
        reaction_type=reaction_type,
        substrate_smiles=text(raw, "substrate_smiles", "", ""),
        substrate_molblock=text(raw, "substrate_molblock", "", ""),
        reagent_smiles=text(raw, "reagent_smiles", "", ""),
        product_smiles=text(raw, "product_smiles", "", ""),
        conditions=text(raw, "conditions", "", ""),
        active_tree=text(raw, "active_tree", "", "alkylation"),
        k2_k1=float(k2_k1),
        rows=tuple(rows),
        steps=tuple(steps),
        addition=addition,
        source=name,
        plan_title=text(raw, "plan_title", "", ""),
    )


def plan_from_template(template_id: str) -> Plan:
    """A new plan holding the template's substrate, reaction, table and procedure (the guide's
    own protocol on the parent diamine, as printed)."""
    t = get_template(template_id)
    return Plan(
        title=t.title,
        substrate_smiles=t.substrate_smiles,
        substrate_molblock=t.substrate_molblock,
        reaction_type=t.reaction_type,
        reagent_smiles=t.reagent_smiles,
        product_smiles=t.product_smiles,
        conditions=t.conditions,
        components=[Component(**vars(c)) for c in t.components],
        active_tree=t.active_tree,
        model=ModelSettings(k2_k1=t.k2_k1),
        template_id=t.id,
        addition=Addition(**vars(t.addition)),
    )
