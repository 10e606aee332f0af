"""A reaction from outside (reaction SMILES, an MDL RXN file) becomes a new plan, and what could not be read is said.

Why: a chemist has the reaction in an ELN or a drawing program already. The substrate is the
reactant with a 1,4-diazepane ring that can react (else the first reactant), the reagent the
other reactant the app can class; the reagent's reaction then builds its protocol for the
substrate, as Apply to plan would. RXN and reaction SMILES carry no amounts, agents are not
placed in the table, and the product is derived rather than read: each is listed in `unread`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dzp_planner.core.document.plan import Plan
from dzp_planner.core.errors import UserInputError

MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class ImportedReaction:
    plan: Plan
    unread: tuple[str, ...]


def _reaction(text: str, name: str) -> object:
    from rdkit import RDLogger
    from rdkit.Chem import rdChemReactions

    RDLogger.DisableLog("rdApp.*")
    try:
        if text.lstrip().startswith("$RXN"):
            rxn = rdChemReactions.ReactionFromRxnBlock(text)
        else:
            line = next((ln.strip().split()[0] for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
            if ">" not in line:
                raise UserInputError(f"{name}: neither an RXN file nor a reaction SMILES (reactants>agents>products)")
            rxn = rdChemReactions.ReactionFromSmarts(line, useSmiles=True)
    except (ValueError, RuntimeError) as exc:
        raise UserInputError(f"{name}: the reaction cannot be read ({' '.join(str(exc).split())[:120]})") from None
    finally:
        RDLogger.EnableLog("rdApp.*")
    if rxn is None or rxn.GetNumReactantTemplates() == 0:
        raise UserInputError(f"{name}: no reactants in the reaction")
    return rxn


def _smiles(mol: object) -> str:
    from rdkit import Chem

    copy = Chem.Mol(mol)
    Chem.SanitizeMol(copy)
    return str(Chem.MolToSmiles(copy))


def read_reaction(text: str, name: str = "the reaction") -> ImportedReaction:
    from dzp_planner.core.chem import editing
    from dzp_planner.core.chem.parsing import StructureError
    from dzp_planner.core.chem.site_model import site_model_for
    from dzp_planner.core.document import plan_edits
    from dzp_planner.core.guidance import protocols
    from dzp_planner.core.reactions import registry

    rxn = _reaction(text, name)
    unread: list[str] = []
    reactants = []
    for mol in rxn.GetReactants():  # type: ignore[attr-defined]
        try:
            reactants.append(_smiles(mol))
        except (ValueError, RuntimeError):
            unread.append("a reactant that does not sanitise")

    def reacts(smiles: str) -> bool:
        try:
            model = site_model_for(smiles)
        except StructureError:
            return False
        return model.first_ring.found and bool(model.competing)

    substrate = next((s for s in reactants if reacts(s)), reactants[0] if reactants else "")
    if not substrate:
        raise UserInputError(f"{name}: no reactant could be read")
    others = [s for s in reactants if s != substrate]
    reagent = next((s for s in others if registry.classify_smiles(s) is not None), others[0] if others else "")
    unread.extend(f"reactant {s}: a second reagent is not placed in the table" for s in others if s != reagent)
    for mol in rxn.GetAgents():  # type: ignore[attr-defined]
        unread.append(f"agent {_smiles(mol)}: agents come from the protocol, not the file")
    for mol in rxn.GetProducts():  # type: ignore[attr-defined]
        unread.append(f"product {_smiles(mol)}: the products are derived from the substrate and the reagent")
    unread.append("amounts: RXN and reaction SMILES carry none; the protocol's quantities are used")
    plan = Plan()
    for section, value in plan_edits.substrate_changes(plan, substrate, editing.from_smiles(substrate)).items():
        plan.set_section(section, value)
    if reagent:
        plan.set_sections(plan_edits.reagent_changes(plan, reagent))
        classified = registry.classify_smiles(reagent)
        if classified is not None:
            plan.set_sections(protocols.build_for_reaction(plan, classified.reaction.id, reagent))
        else:
            unread.append(f"reagent {reagent}: DZP Planner does not know its reaction; choose a tree and Apply")
    else:
        unread.append("reagent: the reaction has one reactant")
    return ImportedReaction(plan, tuple(unread))


ORD_SUFFIXES = (".json", ".pb", ".pbtxt")


def import_file(path: Path) -> ImportedReaction:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UserInputError(f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MB: not a reaction file")
        data = path.read_bytes()
    except OSError as exc:
        raise UserInputError(f"{path} cannot be read: {exc.strerror or exc}") from None
    if path.suffix.lower() in ORD_SUFFIXES:
        return read_ord(data, path.name, json_text=path.suffix.lower() != ".pb")
    return read_reaction(data.decode("utf-8", errors="replace"), path.name)


def read_ord(data: bytes, name: str, json_text: bool = True) -> ImportedReaction:
    """An ORD Reaction (JSON or binary): its reaction SMILES (or its reactants) make the plan, and the
    inputs' amounts are taken where the plan has the same molecule; the rest is listed as unread."""
    try:
        from google.protobuf import json_format, message
        from ord_schema.proto import reaction_pb2
    except ImportError:
        raise UserInputError("ORD import needs the optional ord-schema package: pip install 'dzp-planner[ord]'") from None
    reaction = reaction_pb2.Reaction()
    try:
        if json_text:
            json_format.Parse(data.decode("utf-8", errors="replace"), reaction)
        else:
            reaction.ParseFromString(data)
    except (json_format.ParseError, message.DecodeError, ValueError) as exc:
        raise UserInputError(f"{name}: not an ORD reaction ({' '.join(str(exc).split())[:120]})") from None
    smiles = next((i.value for i in reaction.identifiers if i.type == reaction_pb2.ReactionIdentifier.REACTION_SMILES), "")
    compounds = [c for entry in reaction.inputs.values() for c in entry.components]
    if not smiles:
        reactants = [_ord_smiles(c) for c in compounds if c.reaction_role == reaction_pb2.ReactionRole.REACTANT]
        smiles = ".".join(s for s in reactants if s) + ">>"
    imported = read_reaction(smiles, name)
    plan = imported.plan
    unread = [u for u in imported.unread if not u.startswith("amounts:") and not u.startswith("agent ")]
    rows = plan.get_section("components")
    placed = 0
    for i, row in enumerate(rows):
        match = next((c for c in compounds if _same(_ord_smiles(c), row.smiles)), None)
        if match is None:
            continue
        amount = match.amount
        if amount.HasField("moles") and row.role != "solvent":
            rows[i].quantity = f"{_mmol(amount.moles):.10g} mmol"
            placed += 1
        elif amount.HasField("volume") and row.role == "solvent":
            rows[i].quantity = f"{_ml(amount.volume):.10g} mL"
            placed += 1
    plan.set_section("components", rows)
    if placed < len([c for c in compounds if c.amount.HasField("moles") or c.amount.HasField("volume")]):
        unread.append("amounts of inputs the protocol has no row for (they are not added to the table)")
    if reaction.workups:
        unread.append(f"{len(reaction.workups)} work-up steps: the protocol's work-up is used")
    if reaction.outcomes and any(o.analyses for o in reaction.outcomes):
        unread.append("measured outcomes: record the runs in the runs tab")
    return ImportedReaction(plan, tuple(unread))


def _ord_smiles(compound: object) -> str:
    from ord_schema.proto import reaction_pb2

    return next((i.value for i in compound.identifiers if i.type == reaction_pb2.CompoundIdentifier.SMILES), "")  # type: ignore[attr-defined]


def _same(a: str, b: str) -> bool:
    from dzp_planner.core.chem.parsing import StructureError, canonical_smiles, parse_smiles

    if not a or not b:
        return False
    try:
        return bool(canonical_smiles(parse_smiles(a)) == canonical_smiles(parse_smiles(b)))
    except StructureError:
        return False


def _mmol(moles: object) -> float:
    from ord_schema.proto import reaction_pb2

    scale = {reaction_pb2.Moles.MOLE: 1000.0, reaction_pb2.Moles.MILLIMOLE: 1.0, reaction_pb2.Moles.MICROMOLE: 1e-3,
             reaction_pb2.Moles.NANOMOLE: 1e-6}
    return float(moles.value) * scale.get(moles.units, 1.0)  # type: ignore[attr-defined]


def _ml(volume: object) -> float:
    from ord_schema.proto import reaction_pb2

    scale = {reaction_pb2.Volume.LITER: 1000.0, reaction_pb2.Volume.MILLILITER: 1.0, reaction_pb2.Volume.MICROLITER: 1e-3,
             reaction_pb2.Volume.NANOLITER: 1e-6}
    return float(volume.value) * scale.get(volume.units, 1.0)  # type: ignore[attr-defined]
