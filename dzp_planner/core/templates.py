"""Protocol templates: the guide's protocols as data, turned into plans.

Templates are TOML files in `resources/templates/`, one per protocol, so a chemist can read
and correct them without reading Python. Loading validates every key and names the file
and key in the error.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from dzp_planner import paths
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.plan import REACTION_TYPES, ROLES, Addition, Component, ModelSettings, Plan


@dataclass(frozen=True)
class Step:
    """One procedure step; `text` may hold {ROW:FIELD} placeholders filled from the table."""

    text: str
    correction: str = ""  # what the chemistry notes say where the guide is wrong or loose
    checkpoint: str = ""  # what to look for (LCMS, pH) before moving on


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
    components: tuple[Component, ...]
    steps: tuple[Step, ...]
    addition: Addition = field(default_factory=Addition)
    source: str = ""
    substrate_molblock: str = ""  # the drawing, so a new plan needs no 2D layout (RDKit pulls numpy for it)


def templates_dir() -> Path:
    return paths.resource("templates")


@lru_cache(maxsize=None)
def all_templates() -> dict[str, Template]:
    """Every shipped template by id (parsed once per process)."""
    found: dict[str, Template] = {}
    for path in sorted(templates_dir().glob("*.toml")):
        template = load_template_file(path)
        found[template.id] = template
    return found


def get_template(template_id: str) -> Template:
    templates = all_templates()
    if template_id not in templates:
        raise UserInputError(f"unknown template {template_id!r}; available: {', '.join(sorted(templates))}")
    return templates[template_id]


def load_template_file(path: Path) -> Template:
    name = path.name
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserInputError(f"template {name}: cannot be read: {exc}") from None

    def text(table: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            raise UserInputError(f"template {name}: '{where}{key}' must be text")
        return value

    reaction_type = text(raw, "reaction_type", "")
    if reaction_type not in REACTION_TYPES:
        raise UserInputError(f"template {name}: 'reaction_type' is {reaction_type!r}; expected one of {', '.join(REACTION_TYPES)}")
    components = []
    for i, row in enumerate(raw.get("components", [])):
        where = f"components[{i}]."
        role = text(row, "role", where, "reagent")
        if role not in ROLES:
            raise UserInputError(f"template {name}: '{where}role' is {role!r}; expected one of {', '.join(ROLES)}")
        density = row.get("density")
        if density is not None and (not isinstance(density, (int, float)) or density <= 0):
            raise UserInputError(f"template {name}: '{where}density' must be a positive number (g/mL)")
        components.append(
            Component(
                name=text(row, "name", where),
                role=role,
                smiles=text(row, "smiles", where, ""),
                quantity=text(row, "quantity", where, ""),
                density=float(density) if density is not None else None,
                note=text(row, "note", where, ""),
            )
        )
    steps = tuple(
        Step(
            text=text(step, "text", f"steps[{i}]."),
            correction=text(step, "correction", f"steps[{i}].", ""),
            checkpoint=text(step, "checkpoint", f"steps[{i}].", ""),
        )
        for i, step in enumerate(raw.get("steps", []))
    )
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
        components=tuple(components),
        steps=steps,
        addition=addition,
        source=name,
    )


def plan_from_template(template_id: str) -> Plan:
    """A new plan holding the template's substrate, reaction, table and procedure."""
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
