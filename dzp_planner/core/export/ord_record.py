"""The plan as an Open Reaction Database record (ord-schema, an optional extra imported only here).

What goes in: every row as an input (amounts, role, the limiting reagent; the fed row dropwise with
its duration), the conditions (temperature from the conditions line, the atmosphere, the text),
the work-up read from the procedure's steps (pH adjustments with their target pH, extractions,
washes, drying, concentration), the mono product desired and bis as a side product, each recorded
run as an outcome whose analysis holds its measured SM / mono / bis, the provenance, and the
procedure and the structure alerts as notes. Validated with ord-schema's own validator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from dzp_planner.core.document.plan import Plan
from dzp_planner.core.errors import UserInputError

# ORD wants an e-mail for who made the record; a plan keeps only an author's name. The reserved
# .invalid domain says plainly that none was recorded (the export's warnings say so too)
NO_EMAIL = "not-recorded@example.invalid"
ANALYSIS_TYPES = {"LCMS UV area": "LCMS", "ELSD area": "ELSD", "CAD area": "CAD", "1H NMR integral": "NMR_1H",
                  "isolated yield": "WEIGHT"}
ROLE_TYPES = {"limiting": "REACTANT", "reagent": "REAGENT", "base": "REAGENT", "acid": "REAGENT", "additive": "REAGENT",
              "catalyst": "CATALYST", "ligand": "CATALYST", "solvent": "SOLVENT"}
_PH_AGENTS = (("naoh", "NaOH", "[Na+].[OH-]"), ("hcl", "HCl", "Cl"), ("nahco3", "NaHCO3", "[Na+].OC([O-])=O"))
# work-up steps recognised in the procedure's text, in the order they appear
_WORKUP_WORDS = (("ph", "PH_ADJUST"), ("extract", "EXTRACTION"), ("wash", "WASH"), ("dry", "DRY_WITH_MATERIAL"),
                 ("filter", "FILTRATION"), ("concentrate", "CONCENTRATION"), ("evaporate", "CONCENTRATION"))


@dataclass(frozen=True)
class OrdExport:
    message: Any  # ord_schema.proto.reaction_pb2.Reaction
    errors: tuple[str, ...]
    warnings: tuple[str, ...]


def _pb() -> Any:
    try:
        from ord_schema.proto import reaction_pb2
    except ImportError:
        raise UserInputError("ORD export needs the optional ord-schema package: pip install 'dzp-planner[ord]'") from None
    return reaction_pb2


def _compound(pb: Any, target: Any, name: str, smiles: str) -> None:
    if smiles:
        target.identifiers.add(type=pb.CompoundIdentifier.SMILES, value=smiles)
    target.identifiers.add(type=pb.CompoundIdentifier.NAME, value=name or smiles)


def reaction_message(plan: Plan) -> Any:
    from dzp_planner.core.document.derivation import derive
    from dzp_planner.core.export.reaction_files import reaction_smiles

    pb = _pb()
    d = derive(plan)
    reaction = pb.Reaction()
    reaction.identifiers.add(type=pb.ReactionIdentifier.REACTION_SMILES, value=reaction_smiles(plan))
    fed = plan.addition.component.strip()
    fed_time = d.table.addition_time_s if hasattr(d.table, "addition_time_s") else None
    for index, (component, row) in enumerate(zip(plan.components, d.table.rows, strict=True)):
        key = f"{index + 1:02d} {component.name}"
        entry = reaction.inputs[key]
        entry.addition_order = 2 if component.name == fed else 1
        if component.name == fed:
            entry.addition_speed.type = pb.ReactionInput.AdditionSpeed.DROPWISE
            if fed_time:
                entry.addition_duration.value = float(fed_time) / 60.0
                entry.addition_duration.units = pb.Time.MINUTE
        compound = entry.components.add()
        smiles = d.site_model.parent_smiles if index == d.substrate_row and d.site_model is not None else component.smiles.strip()
        _compound(pb, compound, component.name, smiles)
        role = "REACTANT" if index in (d.substrate_row, d.electrophile_row) else ROLE_TYPES.get(component.role, "REAGENT")
        compound.reaction_role = getattr(pb.ReactionRole, role)
        compound.is_limiting = index == d.table.limiting_index
        if component.role == "solvent" and row.volume_ml:
            compound.amount.volume.value, compound.amount.volume.units = row.volume_ml, pb.Volume.MILLILITER
        elif row.mmol:
            compound.amount.moles.value, compound.amount.moles.units = row.mmol, pb.Moles.MILLIMOLE
        elif row.volume_ml:
            compound.amount.volume.value, compound.amount.volume.units = row.volume_ml, pb.Volume.MILLILITER
        else:
            compound.amount.unmeasured.type = pb.UnmeasuredAmount.CUSTOM
            compound.amount.unmeasured.details = "no amount in the plan yet"
    _conditions(pb, reaction, plan, d)
    _workups(pb, reaction, d)
    _outcomes(pb, reaction, plan, d)
    reaction.notes.procedure_details = "\n".join(step.text for step in d.procedure)
    alerts = [c.text for c in d.checks if c.id]
    if alerts:
        reaction.notes.safety_notes = "\n".join(alerts)
    reaction.notes.offgasses = any(c.id == "gas-evolution" for c in d.checks)
    for event, when in ((reaction.provenance.record_created, plan.created), (reaction.provenance.record_modified.add(), plan.modified)):
        event.time.value = when
        event.person.name = plan.author or "DZP Planner user"
        event.person.email = plan.author if "@" in plan.author else NO_EMAIL
    modified = reaction.provenance.record_modified[0]
    modified.details = f"DZP Planner plan {plan.plan_id}: {plan.title}"
    return reaction


def _conditions(pb: Any, reaction: Any, plan: Plan, d: Any) -> None:
    text = plan.conditions or (d.procedure[0].text if d.procedure else "")
    reaction.conditions.details = plan.conditions
    reaction.conditions.conditions_are_dynamic = bool(plan.conditions)  # the text holds what the fields cannot
    found = re.search(r"(-?\d+(?:\.\d+)?)\s*°C", plan.conditions)
    if found:
        reaction.conditions.temperature.setpoint.value = float(found.group(1))
        reaction.conditions.temperature.setpoint.units = pb.Temperature.CELSIUS
        reaction.conditions.temperature.control.type = pb.TemperatureConditions.TemperatureControl.CUSTOM
        reaction.conditions.temperature.control.details = plan.conditions
    else:
        reaction.conditions.temperature.control.type = pb.TemperatureConditions.TemperatureControl.AMBIENT
    steps = " ".join(step.text for step in d.procedure) + " " + text
    if re.search(r"\bN2\b|nitrogen|argon|\bAr\b", steps):
        reaction.conditions.pressure.atmosphere.type = (pb.PressureConditions.Atmosphere.ARGON if "argon" in steps.lower()
                                                        else pb.PressureConditions.Atmosphere.NITROGEN)


def _workups(pb: Any, reaction: Any, d: Any) -> None:
    for step in d.procedure:
        lower = step.text.lower()
        for word, kind in _WORKUP_WORDS:
            if word not in lower:
                continue
            if word == "ph":
                for value in re.findall(r"ph\s*[~>≈<]?\s*(\d+(?:\.\d+)?)", lower):
                    workup = reaction.workups.add(type=pb.ReactionWorkup.PH_ADJUST, details=step.text)
                    workup.target_ph = float(value)
                    agent = next(((n, smi) for key, n, smi in _PH_AGENTS if key in lower), None)
                    if agent is not None:
                        added = workup.input.components.add()
                        added.identifiers.add(type=pb.CompoundIdentifier.SMILES, value=agent[1])
                        added.identifiers.add(type=pb.CompoundIdentifier.NAME, value=agent[0])
                        added.reaction_role = pb.ReactionRole.WORKUP
                        added.amount.unmeasured.type = pb.UnmeasuredAmount.CUSTOM
                        added.amount.unmeasured.details = f"to pH {value}"
                continue
            workup = reaction.workups.add(type=getattr(pb.ReactionWorkup, kind), details=step.text)
            if kind == "EXTRACTION":
                workup.keep_phase = "aqueous" if "discard" in lower and "organic" in lower else "organic"
            if kind == "FILTRATION":
                workup.keep_phase = "solid" if any(w in lower for w in ("precipitate", "collect", "wash with cold")) else "filtrate"
            if kind == "DRY_WITH_MATERIAL":
                drying = workup.input.components.add()
                drying.identifiers.add(type=pb.CompoundIdentifier.SMILES, value="[Na+].[Na+].[O-]S([O-])(=O)=O")
                drying.identifiers.add(type=pb.CompoundIdentifier.NAME, value="Na2SO4")
                workup.input.components[0].reaction_role = pb.ReactionRole.WORKUP
                workup.input.components[0].amount.unmeasured.type = pb.UnmeasuredAmount.CUSTOM
                workup.input.components[0].amount.unmeasured.details = "to dryness"


def _products(pb: Any, outcome: Any, d: Any) -> dict[str, Any]:
    made = {}
    for row in d.products:
        if row.species == "mono" or row.species.startswith("mono (") or row.species == "bis":
            product = outcome.products.add()
            _compound(pb, product, row.species, row.smiles)
            desired = row.smiles == d.product_smiles
            product.is_desired_product = desired
            product.reaction_role = pb.ReactionRole.PRODUCT if desired else pb.ReactionRole.SIDE_PRODUCT
            made[row.species] = product
    return made


def _outcomes(pb: Any, reaction: Any, plan: Plan, d: Any) -> None:
    if not plan.results:
        outcome = reaction.outcomes.add()
        _products(pb, outcome, d)
        return
    for number, run in enumerate(plan.results, start=1):
        outcome = reaction.outcomes.add()
        key = f"run {number}"
        analysis = outcome.analyses[key]
        analysis.type = getattr(pb.Analysis, ANALYSIS_TYPES.get(run.analysis, "CUSTOM"))
        if analysis.type == pb.Analysis.CUSTOM:
            analysis.details = run.analysis
        equiv = run.equiv if run.equiv is not None else d.distribution.electrophile_equiv
        analysis.details = (f"{run.analysis}; {equiv:g} equiv charged; " if equiv is not None else f"{run.analysis}; ") + (
            f"SM {run.sm:g} (response factor {run.rf_sm:g}); " if run.sm is not None else "SM not seen; ") + (run.note or "")
        made = _products(pb, outcome, d)
        for species, value, factor in (("mono", run.mono, run.rf_mono), ("bis", run.bis, run.rf_bis)):
            product = made.get(species) or next((p for s, p in made.items() if s.startswith(species)), None)
            if product is None or value is None:
                continue
            measurement = product.measurements.add(analysis_key=key, type=pb.ProductMeasurement.AREA)
            measurement.float_value.value = float(value)
            measurement.details = f"response factor {factor:g}; σ {run.sigma:g} area-% points"


def export_ord(plan: Plan) -> OrdExport:
    """The record and what ord-schema's validator says of it."""
    from ord_schema import validations

    message = reaction_message(plan)
    output = validations.validate_message(message, raise_on_error=False)
    warnings = list(output.warnings)
    if NO_EMAIL in (message.provenance.record_created.person.email,):
        warnings.append(f"provenance: the plan has no author e-mail; the record says {NO_EMAIL} (set the author to an e-mail in Plan properties)")
    return OrdExport(message, tuple(output.errors), tuple(warnings))


def ord_bytes(export: OrdExport, json_text: bool) -> bytes:
    from google.protobuf import json_format

    if json_text:
        return json_format.MessageToJson(export.message, indent=2).encode("utf-8")
    return bytes(export.message.SerializeToString())
