"""Apply to plan: a recommendation's protocol built for the drawn substrate, as one set of changes.

The template gives the rows (by slot), the steps and the conditions; the substrate gives the
limiting row (its name, free-base SMILES and salt form, at the plan's current scale) and the
quantities: a substrate with one reactive N–H takes each row's `one_site` quantity (a slight
excess of electrophile, no statistics to fight), two take the template's own. The electrophile
is the reagent asked for, else the plan's reagent when it has the group the reaction needs,
else the template's example (or, for a coupling, an "Aryl halide" row for the chemist to fill).
Every row the protocol needs is there; nothing of the previous protocol is left behind.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from dzp_planner.core.document.plan import Addition, Component, Plan
from dzp_planner.core.document.titles import plan_title
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.guidance.decisions import Recommendation, RowOverride
from dzp_planner.core.guidance.templates import Template, get_template
from dzp_planner.core.reactions import registry


def applicable(rec: Recommendation | None) -> bool:
    return rec is not None and rec.protocol is not None


def why_not_applicable(rec: Recommendation) -> str:
    if rec.id in ("no-free-nh", "not-diazepane", "oxidized-ring"):
        return f"the recommendation '{rec.id}' has nothing to apply: {rec.title.lower()}"
    return f"the recommendation '{rec.id}' ({rec.title}) is advice with no protocol to apply"


def _reagent_component(name: str, role: str, quantity: str, slot: str) -> Component:
    """A row for a named reagent, with its structure and density from the reagent database."""
    from dzp_planner.core.reactions.reagents import lookup

    found = None
    try:
        found = lookup(name, include_user=False)
    except Exception:  # noqa: BLE001 - a broken user store must not stop Apply; the shipped data is enough
        found = None
    if found is None:
        return Component(name=name, role=role, quantity=quantity, slot=slot)
    component = found.to_component(role, quantity)
    return dataclasses.replace(component, slot=slot)


EXAMPLE_NOTE = "Example reagent: replace it with yours."


def _salt_smiles(parent: str, salt: str) -> str:
    """The free base and a salt form as one SMILES ("…" + ".Cl" for HCl), as a chemist would draw the salt;
    the parent alone when the salt form has parts no SMILES is kept for."""
    from dzp_planner.core.errors import UserInputError
    from dzp_planner.core.quantities.salt_forms import SALT_PARTS, parse_salt

    try:
        parts = parse_salt(salt)
    except UserInputError:
        return parent
    pieces = [parent]
    for count, token in parts:
        if count != int(count):
            return parent  # a hemi-salt cannot be drawn per molecule
        pieces.extend([SALT_PARTS[token][0]] * int(count))
    return ".".join(pieces)


def _electrophile_row(template_row: Component, quantity: str, reaction: str, reagent: str, example: bool = True) -> Component:
    """The electrophile row: the chosen reagent, described from its own structure (name, state, density:
    nothing inherited from the template's example), or the template's example, marked as one unless the
    protocol prescribes it (`example` False: the Boc2O of a protect-first step)."""
    from dzp_planner.core.reactions.products import reagent_reacts
    from dzp_planner.core.reactions.reagent_info import describe_reagent

    info = describe_reagent(reagent) if reagent else None
    if info is not None and reagent_reacts(reaction, info.parent_smiles):
        return Component(name=info.name, role="reagent", smiles=info.parent_smiles, quantity=quantity,
                         density=info.density_g_ml, salt=info.salt, slot="electrophile")
    if not template_row.smiles:  # a coupling with no aryl halide yet: a row for the chemist to fill in
        return dataclasses.replace(template_row, quantity=quantity)
    info = describe_reagent(template_row.smiles)
    if not example:
        return dataclasses.replace(template_row, quantity=quantity, density=template_row.density or info.density_g_ml)
    note = template_row.note if EXAMPLE_NOTE in template_row.note else " ".join(p for p in (EXAMPLE_NOTE, template_row.note) if p)
    return dataclasses.replace(template_row, quantity=quantity, density=template_row.density or info.density_g_ml, note=note)


def _apply_override(row: Component, change: RowOverride) -> Component:
    if change.name and change.name != row.name:
        row = _reagent_component(change.name, change.role or row.role, change.quantity or row.quantity, row.slot)
    updates: dict[str, Any] = {}
    if change.role:
        updates["role"] = change.role
    if change.smiles is not None:
        updates["smiles"] = change.smiles
        updates["mw"] = None
    if change.quantity:
        updates["quantity"] = change.quantity
    if change.density is not None:
        updates["density"] = change.density
    if change.concentration is not None:
        updates["concentration"] = change.concentration
        updates["loading"] = None  # a solution now, not a resin: a row is never both
    return dataclasses.replace(row, **updates)


def _substrate_row(plan: Plan, template: Template, smiles: str) -> Component:
    """The limiting row for the drawn substrate, keeping the plan's scale (typed quantity), salt form and purity."""
    from dzp_planner.core.chem.naming import salt_row_name, substrate_name
    from dzp_planner.core.chem.site_model import site_model_for
    from dzp_planner.core.guidance.procedure import slot_rows

    model = site_model_for(smiles)
    default = next(c for c in template.components if c.slot == "substrate")
    current_index = slot_rows(plan.components).get("substrate")
    current = plan.components[current_index] if current_index is not None else None
    quantity = current.quantity if current is not None and current.quantity.strip() else default.quantity
    salt = model.salt or (current.salt if current is not None else "")
    purity = current.purity if current is not None else 100.0
    return Component(name=salt_row_name(substrate_name(smiles), salt), role="limiting", smiles=model.parent_smiles, quantity=quantity,
                     salt=salt, purity=purity, slot="substrate")


def _typed_equiv(quantity: str) -> float | None:
    """The number of a quantity typed as equivalents ("1.1 equiv"), else None (a mass, a volume, a molarity)."""
    typed = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*equiv\s*", quantity)
    return float(typed.group(1)) if typed else None


HINDERED_EQUIV = 1.3  # the hindered-nh alert's 1.2–1.5 equiv; a one-site template charges 1.05–1.1


def _for_a_hindered_site(rows: list[Component], reaction: str, site_name: str) -> None:
    """One reactive N–H next to a substituted ring carbon reacts slowly: more electrophile and, for an acyl,
    sulfonyl or carbamoyl electrophile, DMAP (0.1 equiv) as the hindered-nh alert says; the procedure's
    own step (substrate_steps) says when to warm."""
    from dzp_planner.core.guidance.structure_alerts import DMAP_HELPS

    index = next((i for i, r in enumerate(rows) if r.slot == "electrophile"), None)
    if index is None:
        return
    typed = _typed_equiv(rows[index].quantity)
    if typed is not None and typed < HINDERED_EQUIV and reaction != "amide-coupling":  # a coupling: its agent is the limit
        row = rows[index]
        why = f"{HINDERED_EQUIV:g} equiv: {site_name} is hindered (next to a substituted ring carbon) and reacts slowly."
        rows[index] = dataclasses.replace(row, quantity=f"{HINDERED_EQUIV:g} equiv", note=" ".join(p for p in (row.note, why) if p))
    if reaction in DMAP_HELPS and not any(r.name == "DMAP" for r in rows):
        dmap = _reagent_component("DMAP", "catalyst", "0.1 equiv", "")
        rows.insert(index + 1, dataclasses.replace(dmap, note=f"Acyl-transfer catalyst for the hindered {site_name}."))


def _salt_for_acid_route(rows: list[Component], acid_row: int, model: Any) -> None:
    """A protocol that puts acid on the diamine (mono-protonation), for a substrate weighed as a salt: the salt
    already brings `salt_acid_equiv`; freeing it with acid + 1 equiv of TEA and then adding the protocol's acid
    would undo the route. Charge only the difference: less acid, or base for the salt's excess (one TEA per
    proton, no extra: here the last proton is meant to stay on the diamine)."""
    acid = rows[acid_row]
    typed = _typed_equiv(acid.quantity)
    wanted = typed if typed is not None else 1.0  # the route's one equivalent where the row says otherwise
    extra = model.salt_acid_equiv - wanted
    if extra >= 0:
        del rows[acid_row]
        if extra > 0:
            base = _reagent_component("TEA", "base", f"{extra:g} equiv", "")
            rows.insert(1, dataclasses.replace(base, name=f"TEA (takes {extra:g} of the {model.salt} salt's acid)", note=(
                f"The {model.salt} salt brings {model.salt_acid_equiv:g} equiv of acid; the route wants {wanted:g} "
                f"on the diamine, so {extra:g} equiv of TEA takes the rest and no {acid.name} is added.")))
    else:
        rows[acid_row] = dataclasses.replace(rows[acid_row], quantity=f"{-extra:g} equiv", note=(
            f"{-extra:g} equiv: the {model.salt} salt brings {model.salt_acid_equiv:g} of the route's {wanted:g}."))


def _base_for_reagent_salt(rows: list[Component], index: int) -> None:
    """A reagent weighed as its salt (isoquinoline-5-sulfonyl chloride·HCl) brings acid that would sit on the
    diamine: one more equivalent of the protocol's base per proton, so the procedure's own base step charges
    it; a protocol with no base row gets a TEA row."""
    from dzp_planner.core.quantities.salt_forms import salt_acid_equiv

    reagent = rows[index]
    acid = salt_acid_equiv(reagent.salt)
    typed = _typed_equiv(reagent.quantity)
    if acid <= 0 or typed is None:
        return
    charge = acid * typed
    why = (f"{charge:g} equiv of it for the reagent, weighed as its {reagent.salt} salt: {acid:g} equiv of acid per "
           "equivalent, which would otherwise protonate the diamine.")
    base_index = next((i for i, r in enumerate(rows) if r.slot == "base" and r.role == "base"), None)
    base_equiv = _typed_equiv(rows[base_index].quantity) if base_index is not None else None
    if base_index is not None and base_equiv is not None:
        base = rows[base_index]
        rows[base_index] = dataclasses.replace(base, quantity=f"{base_equiv + charge:g} equiv",
                                               note=" ".join(p for p in (base.note, why[0].upper() + why[1:]) if p))
        return
    row = _reagent_component("TEA", "base", f"{charge:g} equiv", "")
    rows.insert(index + 1, dataclasses.replace(row, name=f"TEA (frees the reagent's {reagent.salt})", note=why))


class ReagentOfAnotherReactionError(UserInputError):
    """The chemist's reagent takes another reaction than the recommendation builds: the GUI asks before the
    template's example replaces it, the command line refuses."""


def _reagent_for_reaction(reagent: str, reaction: str, asked: bool) -> tuple[str, str]:
    """(reagent for this protocol, note for a later step) for the chemist's reagent and the protocol's reaction.

    A protection step prescribes its own Boc2O: the chemist's reagent of another reaction is the step after
    it, said in the plan's notes. Otherwise a reagent the chemist chose (`plan --reagent`, or the plan's own
    row when it is not marked as an example) that takes another reaction is refused (the walk went down
    another tree) rather than swapped for the template's example; a previous protocol's example gives way."""
    from dzp_planner.core.reactions.products import reagent_reacts
    from dzp_planner.core.reactions.reagent_info import describe_reagent

    if not reagent:
        return "", ""
    info = describe_reagent(reagent)
    if not info.reaction_type or info.reaction_type == reaction or reagent_reacts(reaction, info.parent_smiles):
        return reagent, ""  # the protocol's reagent, or one the app cannot class (the template's example then)
    theirs, ours = registry.get(info.reaction_type), registry.get(reaction)
    if reaction == "boc-protection":
        return "", (f"Next step (a plan of its own, from the mono-Boc product): {theirs.title} of the free N with {info.name}, "
                    "the reagent this plan was started with; then remove the Boc (TFA/DCM or HCl/dioxane).")
    if not asked:
        return "", ""
    raise ReagentOfAnotherReactionError(
        f"{info.name} takes {theirs.noun}, but this recommendation builds {ours.noun}: walk the {theirs.tree} tree "
        f"(the reagent's own), or change the reagent to {ours.reagent_words}")


def _plan_reagent_is_example(plan: Plan) -> bool:
    """Whether the plan's reagent is a previous protocol's example (marked so in its row), which a new
    protocol may replace; a reagent the chemist chose (typed before any protocol made its row, or put in
    the row) is theirs until they say otherwise."""
    from dzp_planner.core.guidance.templates import all_templates

    row = next((c for c in plan.components if c.slot == "electrophile"), None)
    if row is None:
        return False
    template = all_templates().get(plan.template_id) if plan.template_id else None
    own = next((r.component.smiles for r in template.rows if r.component.slot == "electrophile"), None) if template else None
    return EXAMPLE_NOTE in row.note or (bool(own) and row.smiles.strip() == own)  # the template's own, never changed


def freeing_base_equiv(acid_equiv: float) -> float:
    """TEA to free a salt: one equivalent more than its acid. TEA's pKaH (10.75) is within half a unit of
    homopiperazine's first (10.41): with exactly the acid's equivalents the exchange DH+ + TEA = D + TEAH+
    (K = 10^0.34 = 2.2) leaves about 55 % of the most basic N protonated, with one more equivalent about
    36 % (water's pKa values: an estimate for DCM). As the free amine reacts the exchange refills it, so the
    excess mostly speeds the reaction up."""
    return acid_equiv + 1.0


def build(plan: Plan, rec: Recommendation, tree_id: str | None = None, reagent_smiles: str | None = None,
          scale: str | None = None) -> dict[str, Any]:
    """The plan sections `rec` changes, as {section: new value} (one undo step).

    Raises UserInputError when the recommendation has nothing to apply or the scale is not an amount.
    """
    from dzp_planner.core.chem.parsing import StructureError
    from dzp_planner.core.chem.site_model import site_model_for
    from dzp_planner.core.guidance.structure_alerts import hindered_sites
    from dzp_planner.core.quantities.stoich import rescale

    if rec.protocol is None:
        raise UserInputError(why_not_applicable(rec))
    reagent = (reagent_smiles if reagent_smiles is not None else plan.reagent_smiles).strip()
    if reagent_smiles is None:  # the plan's own reagent: weighed as the plan's row weighs it (a salt stays a salt)
        current = next((c for c in plan.components if c.slot == "electrophile" and c.salt and c.smiles.strip() == reagent), None)
        if current is not None:
            reagent = _salt_smiles(reagent, current.salt)
    template = get_template(rec.protocol)
    changes: dict[str, Any] = {}
    smiles, molblock = plan.substrate_smiles.strip(), plan.substrate_molblock
    if not smiles:  # an empty plan takes the protocol's own substrate, the parent diamine
        smiles, molblock = "C1CNCCNC1", get_template("mono-boc-protection").substrate_molblock
        changes["substrate"] = (smiles, molblock)
    try:
        model = site_model_for(smiles)
    except StructureError as exc:
        raise UserInputError(f"the substrate cannot be read: {exc}") from None
    if not model.competing:
        raise UserInputError("the substrate has no reactive N–H: there is nothing for this protocol to functionalise")
    one_site = model.model_kind == "one-site"
    reaction = rec.reaction_type or template.reaction_type
    chosen = reagent_smiles is not None or not _plan_reagent_is_example(plan)
    reagent, later_step = _reagent_for_reaction(reagent, reaction, asked=chosen)
    overrides = {change.slot: change for change in rec.rows}
    rows: list[Component] = []
    not_with: list[tuple[str, ...]] = []  # per row: the reagent classes that need no such row
    for template_row in template.rows:
        row = dataclasses.replace(template_row.component)
        quantity = template_row.one_site if one_site and template_row.one_site else row.quantity
        if row.slot == "substrate":
            row = _substrate_row(plan, template, smiles)
        elif row.slot == "electrophile":
            row = _electrophile_row(row, quantity, reaction, reagent, example=not later_step)
        elif not row.smiles and row.name:
            row = _reagent_component(row.name, row.role, quantity, row.slot)
        else:
            row = dataclasses.replace(row, quantity=quantity)
        if row.slot in overrides:
            row = _apply_override(row, overrides[row.slot])
        rows.append(row)
        not_with.append(template_row.not_with)
    rows = _without_rows_the_reagent_needs_not(rows, not_with)
    hindered = hindered_sites(model)
    if one_site and hindered:
        _for_a_hindered_site(rows, reaction, hindered[0].name)
    acid_row = next((i for i, r in enumerate(rows) if r.role == "acid"), None)
    if model.salt_acid_equiv > 0 and acid_row is not None:
        _salt_for_acid_route(rows, acid_row, model)  # the salt's own acid is the route's acid: free only the rest
    elif model.salt_acid_equiv > 0:  # a salt: base to free the amine, on top of what the protocol needs
        charge = freeing_base_equiv(model.salt_acid_equiv)
        freeing = _reagent_component("TEA", "base", f"{charge:g} equiv", "")
        rows.insert(1, dataclasses.replace(freeing, name=f"TEA (frees the {model.salt} salt)", note=(
            f"{charge:g} equiv of base per substrate to free the amine from its {model.salt} salt: one more than the "
            f"{model.salt_acid_equiv:g} equiv of acid, since TEA (pKaH 10.75) and the diamine (pKaH 10.41) share the last proton.")))
    electrophile_index = next((i for i, r in enumerate(rows) if r.slot == "electrophile"), None)
    if electrophile_index is not None and rows[electrophile_index].salt:
        _base_for_reagent_salt(rows, electrophile_index)
    # the template's rows are at its own scale (a mass typed for the parent diamine, a solvent in mL):
    # put the substrate at the template's amount in mmol, then rescale to the chemist's amount, so
    # every row keeps its equivalents and the solvents their concentration
    from dzp_planner.core.quantities.stoich import compute_table

    index = next(i for i, r in enumerate(rows) if r.slot == "substrate")
    wanted = scale or rows[index].quantity
    template_mmol = compute_table(list(template.components), template.addition).limiting_mmol
    if template_mmol:
        rows[index] = dataclasses.replace(rows[index], quantity=f"{template_mmol:.6g} mmol")
    rows = rescale(rows, wanted)
    electrophile = next((r for r in rows if r.slot == "electrophile"), None)
    product = _product(smiles, reaction, electrophile.smiles if electrophile is not None else "")
    changes["components"] = rows
    changes["reaction"] = (reaction, electrophile.smiles if electrophile is not None else "", product, template.conditions)
    changes["procedure"] = (template.id, Addition(**vars(template.addition)))
    model_settings = plan.get_section("model")
    if not (plan.results and model_settings.k2_k1_source == "fitted"):  # this plan's own fit stays; else the protocol's value
        preset = registry.get(reaction)
        rec_value = rec.k2_k1
        model_settings.k2_k1 = rec_value if rec_value is not None else preset.k2_k1
        model_settings.k2_k1_source = "assumed"
        model_settings.k2_k1_note = "" if rec_value is not None else preset.preset_note()
    model_settings.electrophile_equiv = None  # the table has the electrophile now
    changes["model"] = model_settings
    changes["meta"] = {"title": plan_title(template, rows), "author": plan.author}
    if later_step and later_step not in plan.notes:
        changes["notes"] = "\n\n".join(p for p in (plan.notes.strip(), later_step) if p)
    decisions, active = plan.get_section("decisions")
    changes["decisions"] = (decisions, tree_id or active)
    return changes


def _without_rows_the_reagent_needs_not(rows: list[Component], not_with: list[tuple[str, ...]]) -> list[Component]:
    """The rows less those the electrophile row's reagent (the chemist's or the example) needs not: an isocyanate
    gives off no HCl, so a urea from one has no base row."""
    from dzp_planner.core.reactions.reagent_info import describe_reagent

    electrophile = next((r for r in rows if r.slot == "electrophile" and r.smiles), None)
    reagent_class = describe_reagent(electrophile.smiles).class_id if electrophile is not None else ""
    return [row for row, unneeded in zip(rows, not_with, strict=True) if not (reagent_class and reagent_class in unneeded)]


def _product(substrate: str, reaction: str, reagent: str) -> str:
    """The mono product at the most reactive site, or "" when the reagent is not known yet."""
    from dzp_planner.core.reactions.products import enumerate_products, reagent_reacts

    if not reagent or not reagent_reacts(reaction, reagent):
        return ""
    try:
        mono = enumerate_products(substrate, reaction, reagent)["mono"]
    except UserInputError:
        return ""
    return mono[0].smiles if mono else ""


def build_for_reaction(plan: Plan, reaction_id: str, reagent_smiles: str, scale: str | None = None) -> dict[str, Any]:
    """The protocol of a reaction type for the drawn substrate (a new reagent of another reaction)."""
    kind = registry.get(reaction_id)
    rec = Recommendation(id=f"{kind.id}-protocol", title=kind.title, reasoning=kind.k2_k1_reason,
                         protocol=kind.template, reaction_type=kind.id)
    return build(plan, rec, kind.tree, reagent_smiles=reagent_smiles, scale=scale)
