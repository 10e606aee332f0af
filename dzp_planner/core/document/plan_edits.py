"""The rules of editing a plan, once, in the core: each returns the sections to change.

Views call these and push the result as one undoable step; none of them keeps a rule of its
own. The substrate drives the table's limiting row (name, free-base SMILES, salt form; the
chemist's typed amount, purity and salt are kept); the reagent field and the electrophile row
stay one structure; one row is limiting; a cell re-entered with the value it shows changes
nothing; pKa values, purities and roles are checked here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from dzp_planner.core.document import titles
from dzp_planner.core.document.plan import ROLES, Addition, Component, Plan
from dzp_planner.core.errors import UserInputError

QUANTITY_COLUMNS = ("equiv", "mmol", "mass_g", "volume_ml")
COLUMN_NAMES = {"role": "Role", "name": "Name", "smiles": "Structure", "mw": "MW", "equiv": "Equiv", "mmol": "Amount",
                "mass_g": "Mass", "volume_ml": "Volume", "density": "Density", "concentration": "Solution",
                "purity": "Purity", "salt": "Salt", "equiv_locked": "Lock"}
DEFAULT_SUBSTRATE_QUANTITY = "1.0 mmol"


# -- the substrate ----------------------------------------------------------------------------

def substrate_changes(plan: Plan, smiles: str, molblock: str) -> dict[str, Any]:
    """Set the drawn substrate, and make the table's substrate row describe it.

    The row found is the one with slot "substrate", else the row holding the previous
    substrate, else the limiting row; an empty table gets a limiting row. The row keeps the
    chemist's typed amount (mass or mmol), purity and a salt form entered by hand; its name,
    structure and MW follow the drawing. The old product no longer belongs to the plan.
    """
    from dzp_planner.core.chem.naming import salt_row_name, substrate_name
    from dzp_planner.core.chem.parsing import StructureError
    from dzp_planner.core.chem.site_model import site_model_for
    from dzp_planner.core.document.derivation import derive

    changes: dict[str, Any] = {"substrate": (smiles, molblock)}
    if not smiles.strip() or smiles.strip() == plan.substrate_smiles.strip():
        return changes
    try:
        model = site_model_for(smiles.strip())
    except StructureError:
        return changes  # the editor shows the problem; the table keeps its row until the drawing is valid
    rows = plan.get_section("components")
    index = derive(plan).substrate_row if plan.substrate_smiles.strip() else None
    if index is None:
        index = next((i for i, c in enumerate(rows) if c.slot == "substrate"), None)
    if index is None:
        index = next((i for i, c in enumerate(rows) if c.role == "limiting"), None)
    name = substrate_name(smiles)
    if index is None:
        role = "reagent" if any(c.role == "limiting" for c in rows) else "limiting"
        rows.insert(0, Component(name=salt_row_name(name, model.salt), role=role, smiles=model.parent_smiles,
                                 quantity=DEFAULT_SUBSTRATE_QUANTITY, salt=model.salt, slot="substrate"))
    else:
        row = rows[index]
        rows[index] = dataclasses.replace(row, name=salt_row_name(name, model.salt or row.salt), smiles=model.parent_smiles, mw=None,
                                          salt=model.salt or row.salt, slot="substrate")
    changes["components"] = rows
    reaction = list(plan.get_section("reaction"))
    reaction[2] = ""  # the previous product belongs to the previous substrate
    changes["reaction"] = tuple(reaction)
    return changes


def reagent_changes(plan: Plan, reagent_smiles: str) -> dict[str, Any]:
    """The reagent decides the reaction: one set of changes (one undo step) for a new reagent.

    The reagent over the products table and the table's electrophile row are one structure. The
    row is described from the new reagent alone (name, MW, state and density: a solid never keeps
    a liquid's density). When the reagent takes part in another reaction, the reaction type, the
    conditions, the k2/k1 preset (unless fitted or measured) and, for a plan built from a protocol,
    the protocol itself follow; a title the app wrote follows too, a title the chemist typed stays.
    """
    from dzp_planner.core.chem.parsing import parse_smiles
    from dzp_planner.core.document.derivation import derive
    from dzp_planner.core.reactions import registry
    from dzp_planner.core.reactions.reagent_info import describe_reagent

    reagent = reagent_smiles.strip()
    if reagent:
        parse_smiles(reagent)  # UserInputError with a one-line reason
    info = describe_reagent(reagent) if reagent else None
    new_type = info.reaction_type if info is not None and info.reaction_type else plan.reaction_type
    generated = titles.is_generated(plan)
    if new_type != plan.reaction_type and plan.template_id and plan.substrate_smiles.strip():
        rebuilt = _rebuilt_protocol(plan, new_type, reagent)
        if rebuilt is not None:
            if not generated:
                rebuilt.pop("meta", None)
            return rebuilt
    index = derive(plan).electrophile_row
    if info is not None and info.salt and index is not None:
        reagent = info.parent_smiles  # the free base reacts; the row says what is weighed (its salt)
    # (no electrophile row yet: the reagent keeps its salt until a protocol builds the row from it)
    reaction = list(plan.get_section("reaction"))
    reaction[1] = reagent
    reaction[2] = ""
    changes: dict[str, Any] = {}
    if new_type != plan.reaction_type:
        kind = registry.get(new_type)
        reaction[0], reaction[3] = new_type, kind.conditions
        decisions, _active = plan.get_section("decisions")
        changes["decisions"] = (decisions, kind.tree)
        if plan.model.k2_k1_source == "assumed":
            changes["model"] = dataclasses.replace(plan.get_section("model"), k2_k1=kind.k2_k1,
                                                   k2_k1_note=kind.preset_note())
    changes["reaction"] = tuple(reaction)
    rows = plan.get_section("components")
    if index is not None and info is not None and (rows[index].smiles.strip(), rows[index].salt) != (reagent, info.salt):
        rows[index] = dataclasses.replace(rows[index], name=info.name, smiles=reagent, mw=None, slot="electrophile",
                                          density=info.density_g_ml, salt=info.salt, loading=None,
                                          note="" if "Example reagent" in rows[index].note else rows[index].note)
        changes["components"] = rows
    if generated:
        after = plan.copy()
        for section, value in changes.items():
            after.set_section(section, value)
        title = titles.generated_title(after)
        if title and title != plan.title:
            changes["meta"] = {"title": title, "author": plan.author}
    return changes


def _rebuilt_protocol(plan: Plan, reaction_id: str, reagent: str) -> dict[str, Any] | None:
    """The new reaction's own protocol for the drawn substrate at the plan's scale (None: cannot be built)."""
    from dzp_planner.core.guidance import protocols

    try:
        return protocols.build_for_reaction(plan, reaction_id, reagent)
    except UserInputError:
        return None


# -- the table ----------------------------------------------------------------------------------

def table_cell_changes(plan: Plan, row_index: int, key: str, text: str, shown: str = "") -> tuple[str, dict[str, Any]] | None:
    """(undo text, sections) for typing into one cell: a new structure in the electrophile row is a new
    reagent, which changes the reaction with it (`reagent_changes`); every other cell changes the rows."""
    from dzp_planner.core.document.derivation import derive

    if key == "smiles" and text.strip() and row_index == derive(plan).electrophile_row:
        if text.strip() == plan.components[row_index].smiles.strip():
            return None
        changes = reagent_changes(plan, text)
        return "Change the reagent", changes
    edit = cell_edit(plan, row_index, key, text, shown)
    if edit is None:
        return None
    return edit[0], {"components": edit[1]}


def cell_edit(plan: Plan, row_index: int, key: str, text: str, shown: str = "") -> tuple[str, list[Component]] | None:
    """(undo text, new rows) for typing `text` into one cell, or None when nothing changes.

    `shown` is what the cell displays: typing it back ("200 mg" for 200.33 mg) is not an edit,
    and a bare number typed into a quantity cell takes the unit the cell shows.
    Raises UserInputError with a message for the cell.
    """
    from dzp_planner.core.quantities.stoich import quantity_for_cell, rescale
    from dzp_planner.core.quantities.units import parse_quantity

    rows = plan.get_section("components")
    row = rows[row_index]
    stripped = text.strip()
    if (key in QUANTITY_COLUMNS or (key == "concentration" and row.role == "solvent")) and shown and _same_text(stripped, shown):
        return None
    if key in QUANTITY_COLUMNS:
        parts = shown.split()
        shown_unit = parts[-1] if len(parts) == 2 else None
        quantity = quantity_for_cell(key, stripped, shown_unit)
        if row.role == "limiting" and key != "equiv":
            return f"Scale the table to {quantity}", rescale(rows, quantity)
        rows[row_index] = dataclasses.replace(row, quantity=quantity)
        return f"Set {row.name} to {quantity}", rows
    if key == "concentration" and row.role == "solvent":
        quantity = quantity_for_cell("concentration", stripped)
        rows[row_index] = dataclasses.replace(row, quantity=quantity)
        return f"Set {row.name} to {quantity}", rows
    if key == "role":
        return f"Make {row.name} {stripped}", set_role(rows, row_index, stripped)
    if key == "name":
        return _rename(rows, row_index, stripped)
    if key == "smiles":
        if stripped:
            from dzp_planner.core.chem.parsing import parse_smiles

            parse_smiles(stripped)
        rows[row_index] = dataclasses.replace(row, smiles=stripped, mw=None)
        return f"Set the structure of {row.name}", rows
    if key == "concentration" and stripped:
        return _solution_strength(plan, row_index, stripped)
    if key == "concentration":  # cleared: neither a solution nor a resin any more
        rows[row_index] = dataclasses.replace(row, concentration=None, loading=None)
        return f"Set {COLUMN_NAMES[key]} of {row.name}", rows
    if key in ("mw", "density", "concentration", "purity"):
        value = None
        if stripped:
            kind = {"mw": "mw", "density": "density", "concentration": "concentration", "purity": "percent"}[key]
            value = parse_quantity(stripped, kind).value
        if key == "purity":
            value = check_purity(value)
        rows[row_index] = dataclasses.replace(row, **{key: value})
        return f"Set {COLUMN_NAMES[key]} of {row.name}", rows
    if key == "salt":
        from dzp_planner.core.quantities.salt_forms import parse_salt

        if stripped:
            parse_salt(stripped)
        rows[row_index] = dataclasses.replace(row, salt=stripped)
        return f"Set the salt form of {row.name}", rows
    raise UserInputError(f"{COLUMN_NAMES.get(key, key)} cannot be typed into")


def _solution_strength(plan: Plan, row_index: int, text: str) -> tuple[str, list[Component]]:
    """A reagent sold or made up as a solution: molar ("0.5 M", "250 mM") or by mass per volume
    ("25 mg/mL", "10 % w/v", "5 g/L"), which the row's MW (of what is weighed) turns into M;
    or bound to a resin and sold by its loading ("2.3 mmol/g"), weighed as the resin."""
    from dzp_planner.core.document.derivation import derive
    from dzp_planner.core.quantities.units import format_quantity, parse_quantity

    rows = plan.get_section("components")
    row = rows[row_index]
    quantity = parse_quantity(text, ("concentration", "mass_concentration", "loading"))
    if quantity.kind == "loading":
        rows[row_index] = dataclasses.replace(row, loading=quantity.value, concentration=None)
        return f"Set the resin loading of {row.name} to {format_quantity(quantity.value, 'loading')}", rows
    molar = quantity.value
    said = ""
    if quantity.kind == "mass_concentration":
        mw = derive(plan).table.rows[row_index].mw
        if not mw:
            raise UserInputError(f"{text!r} is a mass per volume: give {row.name} a structure or an MW first, "
                                 "so it can be turned into mol/L")
        molar = quantity.value / mw  # (g/L) / (g/mol) = mol/L
        said = f" ({text.strip()} at MW {mw:.2f})"
    rows[row_index] = dataclasses.replace(row, concentration=molar, loading=None)
    return f"Set the solution strength of {row.name} to {format_quantity(molar, 'concentration')}{said}", rows


def _same_text(typed: str, shown: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(shown.split()).casefold()


def check_purity(value: float | None) -> float:
    if value is None or not 0 < value <= 100:
        raise UserInputError("purity must be between 0 and 100 wt %")
    return value


def inserted_row(plan: Plan, position: int, component: Component | None = None) -> list[Component]:
    """The rows with a new one at `position`; refused at the plan's limit (a file holds no more)."""
    from dzp_planner.core.document.plan import MAX_COMPONENTS

    rows = plan.get_section("components")
    if len(rows) >= MAX_COMPONENTS:
        raise UserInputError(f"a plan holds at most {MAX_COMPONENTS} rows: remove one first")
    rows.insert(max(0, min(position, len(rows))), component or Component(name="New reagent", role="reagent", quantity="1.0 equiv"))
    return rows


def moved_row(plan: Plan, position: int, delta: int) -> list[Component] | None:
    """The rows with one moved up or down (None: already at that end)."""
    rows = plan.get_section("components")
    target = position + delta
    if not (0 <= position < len(rows) and 0 <= target < len(rows)):
        return None
    rows[position], rows[target] = rows[target], rows[position]
    return rows


def set_role(rows: list[Component], index: int, role: str) -> list[Component]:
    """The rows with row `index` in `role`; making a row limiting demotes the previous one."""
    if role not in ROLES:
        raise UserInputError(f"role must be one of {', '.join(ROLES)}")
    rows = list(rows)
    if role == "limiting":
        rows = [dataclasses.replace(c, role="reagent") if c.role == "limiting" else c for c in rows]
    rows[index] = dataclasses.replace(rows[index], role=role)
    return rows


def _rename(rows: list[Component], index: int, name: str) -> tuple[str, list[Component]]:
    from dzp_planner.core.reactions.reagents import lookup

    if not name:
        raise UserInputError("a row needs a name")
    row = rows[index]
    try:
        found = lookup(name)
    except Exception:  # noqa: BLE001 - a broken user store: the rename still works, without the lookup
        found = None
    if found is not None and row.slot != "substrate":
        rows[index] = dataclasses.replace(row, name=found.name, smiles=found.smiles or row.smiles, density=found.density,
                                          salt=found.salt or "", mw=None)
        return f"Set {row.name or 'row'} to {found.name} (from the reagent database)", rows
    rows[index] = dataclasses.replace(row, name=name)
    return f"Rename {row.name} to {name}", rows


# -- decisions ----------------------------------------------------------------------------------

def answer(plan: Plan, node: str, choice: str) -> tuple[dict[str, dict[str, str]], str]:
    """The decisions section with `choice` recorded for `node` of the active tree."""
    decisions, active = plan.get_section("decisions")
    decisions.setdefault(active, {})[node] = choice
    return decisions, active


def rewind(plan: Plan, path_nodes: list[str], node: str) -> tuple[dict[str, dict[str, str]], str] | None:
    """The decisions section with `node` and every later answer on the path forgotten (None if
    `node` is not on the path). An automatic answer is recomputed from the structure on the
    next walk, so a view shows that question again and stores the chemist's button as an override."""
    if node not in path_nodes:
        return None
    decisions, active = plan.get_section("decisions")
    answers = decisions.setdefault(active, {})
    for later in path_nodes[path_nodes.index(node):]:
        answers.pop(later, None)
    return decisions, active


def choose_tree(plan: Plan, tree_id: str) -> tuple[dict[str, dict[str, str]], str]:
    decisions, _active = plan.get_section("decisions")
    return decisions, tree_id


# -- the model ----------------------------------------------------------------------------------

def parse_pka(text: str, species: str = "") -> list[float]:
    """'10.41 6.70' or '10.41, 6.7' -> [10.41, 6.7] (highest first); UserInputError otherwise."""
    import math

    words = text.replace(",", " ").split()
    try:
        values = [float(w) for w in words]
    except ValueError:
        values = []
        words = ["x"]
    who = f"{species}: " if species else ""
    if (words and not values) or len(values) > 4 or any(not math.isfinite(v) or not -2 <= v <= 16 for v in values):
        raise UserInputError(f"{who}type up to four pKa values between −2 and 16, separated by spaces")
    return sorted(values, reverse=True)


def site_ratio_changes(plan: Plan, text: str) -> Any:
    """The model section with the site-rate ratio typed by the chemist ("" or "auto": the structure's estimate);
    UserInputError, in words, for anything that cannot be one."""
    from dzp_planner.core.models.two_sites import valid_ratio

    typed = text.strip().lower()
    model = plan.get_section("model")
    if typed in ("", "auto", "estimate"):
        model.site_rate_ratio = None
        return model
    try:
        value = float(typed.replace(",", "."))
    except ValueError:
        raise UserInputError(f"{text.strip()!r} is not a number: type the slower site's rate over the faster's, e.g. 0.1") from None
    problem = valid_ratio(value)
    if problem:
        raise UserInputError(problem)
    model.site_rate_ratio = value
    return model


def model_changes(plan: Plan, **fields: Any) -> Any:
    """The model section with `fields` set (k2_k1, electrophile_equiv, mixing_time_s, addition_time_s,
    rate_constant_m_s, or pka={species: values}); checked for range."""
    import math

    model = plan.get_section("model")
    for key, value in fields.items():
        if key == "pka":
            for species, values in value.items():
                model.pka[species] = list(values)
            continue
        if not hasattr(model, key):
            raise KeyError(key)
        if value is not None and (not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0):
            raise UserInputError(f"{key.replace('_', ' ')} must be a finite number ≥ 0")
        if key == "k2_k1" and (value is None or value <= 0):
            raise UserInputError("k2/k1 must be greater than 0")
        setattr(model, key, value)
    return model


def k2_k1_changes(plan: Plan, value: float) -> Any:
    """The model with k2/k1 chosen by the chemist (a preset, the slider, typed): now an assumption."""
    model = model_changes(plan, k2_k1=value)
    model.k2_k1_source, model.k2_k1_note = "assumed", ""
    return model


def result_changes(plan: Plan, runs: list[Any]) -> dict[str, Any]:
    """Recording runs: the runs, and k2/k1 fitted to them (one undoable step).

    While the runs give a fit, the plan's k2/k1 is the fitted value and says so; when the runs
    no longer give one (the last removed, a run half entered), a fitted k2/k1 stays as the
    chemist's assumption rather than silently jumping back to a preset.
    """
    from dzp_planner.core.document.derivation import derive
    from dzp_planner.core.document.pending_fit import FIT_PENDING_NOTE
    from dzp_planner.core.document.plan import MAX_RUNS
    from dzp_planner.core.models.plan_fit import fit_for_derivation

    if len(runs) > MAX_RUNS:
        raise UserInputError(f"a plan holds at most {MAX_RUNS} runs: remove one, or record the next in a copy of the plan")
    model = plan.get_section("model")
    state = derive(plan).distribution
    fit = fit_for_derivation(runs, state.electrophile_equiv) if state.fits_k2_k1 else None
    if fit is not None and fit.pending:  # fitted on a worker: the GUI applies the result when it arrives
        model.k2_k1_source, model.k2_k1_note = "fitted", FIT_PENDING_NOTE
    elif fit is not None and fit.result is not None:
        model.k2_k1 = round(fit.result.k2_k1, 4)
        model.k2_k1_source, model.k2_k1_note = "fitted", fit.summary()
    elif model.k2_k1_source == "fitted":
        model.k2_k1_source, model.k2_k1_note = "assumed", "kept from an earlier fit"
    return {"results": list(runs), "model": model}


def start_from_measured(plan: Plan, changes: dict[str, Any], lookup: Callable[[str, str, str], Any]) -> dict[str, Any]:
    """Applying a protocol: a plan whose k2/k1 is only assumed starts from the k2/k1 measured
    for the same substrate, electrophile and reaction in another plan (`lookup`: the library's
    `measured_for`), and says where it came from. A plan with its own runs keeps its fit."""
    from dzp_planner.core.document.derivation import derive

    after = plan.copy()
    after.set_sections(changes)
    if after.results or after.model.k2_k1_source != "assumed":
        return changes
    derived = derive(after)
    if not derived.distribution.fits_k2_k1:
        return changes
    measured = lookup(after.substrate_smiles, derived.electrophile_smiles, after.reaction_type)
    if measured is None:
        return changes
    model = after.get_section("model")
    model.k2_k1, model.k2_k1_source, model.k2_k1_note = round(measured.k2_k1, 4), "measured", measured.note()
    return {**changes, "model": model}


# -- the dropwise addition ------------------------------------------------------------------------

ADDITION_FIELDS = ("component", "volume", "time")


def addition_edit(plan: Plan, field: str, text: str) -> tuple[str, tuple[str, Addition]] | None:
    """(undo text, new procedure section) for typing `text` into one field of the addition,
    or None when nothing changes. The time takes a time or a rate ("1 h", "25 mL/h",
    "100 µmol/h", "0.5 equiv/h"); an empty field clears it. Raises UserInputError for the field."""
    from dzp_planner.core.quantities.addition import parse_time_or_rate
    from dzp_planner.core.quantities.units import parse_quantity

    if field not in ADDITION_FIELDS:
        raise ValueError(f"the addition has no field {field!r}")
    template_id, addition = plan.get_section("procedure")
    stripped = " ".join(text.split())
    if stripped == getattr(addition, field):
        return None
    if stripped and field == "volume":
        parse_quantity(stripped, "volume")
    elif stripped and field == "time":
        parse_time_or_rate(stripped)
    elif stripped and field == "component" and not any(
            c.name.casefold() == stripped.casefold() or c.slot == stripped for c in plan.components):
        raise UserInputError(f"no row of the table is called {stripped!r}")
    new = dataclasses.replace(addition, **{field: stripped})
    what = {"component": "what is added", "volume": "the volume added", "time": "the addition's time or rate"}[field]
    return f"Set {what} to {stripped}" if stripped else f"Clear {what}", (template_id, new)
