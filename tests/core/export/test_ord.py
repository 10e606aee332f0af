"""ORD records of plans of every reaction type: ord-schema's validator finds no error, and the record
parses back (ord-schema) to the same substrate, reagent, amounts and products (issue 26)."""

from __future__ import annotations

import json

import pytest
from rdkit import Chem

pytest.importorskip("ord_schema")

from google.protobuf import json_format
from ord_schema.proto import reaction_pb2

from dzp_planner import cli
from dzp_planner.cli.plans.show import show
from dzp_planner.core.document import plan_edits
from dzp_planner.core.document.plan import TrialRun
from dzp_planner.core.export.ord_record import export_ord, ord_bytes
from dzp_planner.core.guidance.templates import plan_from_template
from dzp_planner.core.io import storage
from dzp_planner.core.io.reaction_import import read_ord
from dzp_planner.core.reactions import registry

REAGENT_OF = {"acylation": "CC(=O)Cl", "sulfonylation": "O=S(=O)(Cl)c1cccc2cnccc12", "amide-coupling": "OC(=O)c1ccccc1",
              "urea": "O=C=Nc1ccccc1", "carbamate": "O=C(Cl)OCc1ccccc1", "boc-protection": "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C",
              "reductive-amination": "O=Cc1ccccc1", "alkylation": "BrCc1ccccc1", "snar": "Clc1ncccn1",
              "buchwald-hartwig": "Brc1ccccc1", "aza-michael": "C=CC(=O)OC", "epoxide-opening": "C1OC1c1ccccc1"}
BOC = "CC(C)(C)OC(=O)N1CCCNCC1"


def canon(smiles: str) -> str:
    return Chem.MolToSmiles(Chem.MolFromSmiles(smiles))


def test_every_reaction_type_has_a_reagent_here():
    assert set(REAGENT_OF) == set(registry.ids())


@pytest.mark.parametrize("reaction", sorted(REAGENT_OF))
def test_the_ord_record_validates_and_reads_back(tmp_path, capsys, reaction):
    out = tmp_path / "p.dzp"
    args = ["plan", str(out), "--smiles", BOC, "--reagent", REAGENT_OF[reaction], "--answer", "stalled=no",
            "--answer", "amine=ring", "--answer", "base=none"]
    code = cli.run(args)
    capsys.readouterr()
    if reaction == "boc-protection":  # Boc2O is planned by the regioselectivity tree, on the parent diamine
        plan = plan_from_template("mono-boc-protection")
    else:
        assert code == 0
        plan = storage.load_plan(out)
    record = export_ord(plan)
    assert record.errors == ()
    # every warning is one the module explains: the author's e-mail, or a workup with no input compound
    assert all("e-mail" in w or "missing recommended inputs" in w for w in record.warnings), record.warnings
    back = reaction_pb2.Reaction()
    json_format.Parse(ord_bytes(record, json_text=True).decode(), back)
    from ord_schema import validations  # here, not at the top: it imports pandas, 0.35 s a worker

    assert validations.validate_message(back, raise_on_error=False).errors == []
    shown = show(plan)
    reactants = [c for entry in back.inputs.values() for c in entry.components if c.reaction_role == reaction_pb2.ReactionRole.REACTANT]
    smiles = {canon(next(i.value for i in c.identifiers if i.type == reaction_pb2.CompoundIdentifier.SMILES)) for c in reactants}
    assert smiles == {canon(shown["substrate"]["parent_smiles"]), canon(shown["reagent"]["smiles"])}
    limiting = next(c for c in reactants if c.is_limiting)
    substrate_row = next(c for c in shown["components"] if c["slot"] == "substrate")
    assert limiting.amount.moles.value == pytest.approx(substrate_row["mmol"]) and limiting.amount.moles.units == reaction_pb2.Moles.MILLIMOLE
    desired = [p for o in back.outcomes for p in o.products if p.is_desired_product]
    assert canon(desired[0].identifiers[0].value) == canon(shown["scheme"]["product"])
    imported = read_ord(ord_bytes(record, json_text=False), "p.pb", json_text=False)
    after, before = show(imported.plan), dict(shown)
    for side in (after, before):
        side.pop("recommendation")
    for mine, theirs in zip(after["components"], before["components"], strict=True):
        assert (mine["mmol"] is None) == (theirs["mmol"] is None)
        if mine["mmol"] is not None:
            assert mine["mmol"] == pytest.approx(theirs["mmol"], rel=1e-6)
    assert after["products"] == before["products"] and after["reaction_type"] == before["reaction_type"]


def test_runs_become_outcomes_with_their_measured_areas(tmp_path, capsys):
    from tests.closed_form import exact_point

    plan = plan_from_template("mono-boc-protection")
    runs = [TrialRun(equiv=e, sm=s * 100, mono=m * 100, bis=b * 100, analysis="ELSD area") for e in (0.7, 1.1)
            for s, m, b in [exact_point(e, 0.3)]]
    plan.set_sections(plan_edits.result_changes(plan, runs))
    record = export_ord(plan)
    assert record.errors == ()
    assert len(record.message.outcomes) == 2
    first = record.message.outcomes[0]
    assert first.analyses["run 1"].type == reaction_pb2.Analysis.ELSD
    mono = next(p for p in first.products if p.is_desired_product)
    assert mono.measurements[0].float_value.value == pytest.approx(runs[0].mono)
    bis = next(p for p in first.products if not p.is_desired_product)
    assert bis.reaction_role == reaction_pb2.ReactionRole.SIDE_PRODUCT
    assert [w.target_ph for w in record.message.workups if w.type == reaction_pb2.ReactionWorkup.PH_ADJUST] == [3.0, 11.0]
    path = tmp_path / "p.dzp"
    storage.save_plan(plan, path)
    assert cli.run(["export", str(path), "--ord", str(tmp_path / "p.json")]) == 0
    written = json.loads(capsys.readouterr().out)["written"]
    assert written[0]["format"] == "ord" and written[0]["errors"] == []
