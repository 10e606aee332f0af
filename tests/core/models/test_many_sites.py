"""Three or more reactive amines are refused with the reason, not given two-site numbers (issue 24).

6-Amino-1,4-diazepane has two ring N–H and a primary NH2 on C6: three nucleophiles, so the SM/mono/bis
models (two sites) would understate the over-reaction. The plan says so in the distribution, the plot,
the procedure and the routes, and still plans the step; two competing amines keep their numbers.
"""

from __future__ import annotations

import json

import pytest

from dzp_planner import cli
from dzp_planner.cli.plans.show import show
from dzp_planner.core.io import storage
from dzp_planner.core.models.caveats import MODEL_CAVEATS

THREE_AMINES = {
    "6-amino-1,4-diazepane": "NC1CNCCNC1",
    "its trihydrochloride": "NC1CNCCNC1.Cl.Cl.Cl",
    "6-(aminomethyl)-1,4-diazepane": "NCC1CNCCNC1",
}


@pytest.mark.parametrize("reagent", ["CC(=O)Cl", "O=S(=O)(Cl)c1cccc2cnccc12", "O=C=Nc1ccccc1"])
@pytest.mark.parametrize("substrate", sorted(THREE_AMINES))
def test_three_reactive_amines_give_no_two_site_numbers(substrate, reagent, tmp_path, capsys):
    out = tmp_path / "p.dzp"
    code = cli.run(["plan", str(out), "--smiles", THREE_AMINES[substrate], "--reagent", reagent, "--answer", "excess=yes"])
    assert code == 0, capsys.readouterr().err
    shown = show(storage.load_plan(out))
    d = shown["distribution"]
    assert d["model"] == "many-sites" and d["sm"] is None and d["mono"] is None and d["bis"] is None
    assert d["electrophile_equiv"] == pytest.approx(1 / 3, abs=0.01)  # the plan itself is still built at 3 : 1
    assert any("3 reactive amines compete" in c for c in shown["checks"])
    assert not any("Procedure:" in c for c in shown["checks"])  # no placeholder left unfilled
    assert not shown.get("routes")  # the three routes' numbers are two-site numbers too
    assert not any("SM /" in step for step in shown["procedure"])


def test_the_reductive_amination_of_three_amines_is_refused_too():
    from dzp_planner.core.document import plan_edits
    from dzp_planner.core.document.derivation import derive
    from dzp_planner.core.guidance.templates import plan_from_template

    plan = plan_from_template("reductive-mono-alkylation")
    for section, value in plan_edits.substrate_changes(plan, "NC1CNCCNC1", "").items():
        plan.set_section(section, value)
    derived = derive(plan)
    assert derived.distribution.model == "many-sites" and derived.distribution.sm is None
    corrections = [s.correction for s in derived.procedure if s.correction]
    assert MODEL_CAVEATS["many-sites"] in corrections  # the step that gave the model's numbers now says why not


@pytest.mark.parametrize("smiles, model", [
    ("C1CNCCNC1", "two-equivalent-sites"),       # the parent: two amines
    ("NCCN1CCCNCC1", "two-different-sites"),     # a side-chain NH2 and one ring N–H: still two
    ("CC(C)(C)OC(=O)NC1CNCCNC1", "two-equivalent-sites"),  # the NH2 protected, as the warning advises
])
def test_two_competing_amines_keep_their_numbers(smiles, model, tmp_path):
    out = tmp_path / "p.dzp"
    assert cli.run(["plan", str(out), "--smiles", smiles, "--reagent", "CC(=O)Cl", "--answer", "excess=yes"]) == 0
    d = show(storage.load_plan(out))["distribution"]
    assert d["model"] == model and d["sm"] is not None and d["mono"] is not None


def test_show_output_is_json(tmp_path, capsys):
    out = tmp_path / "p.dzp"
    assert cli.run(["plan", str(out), "--smiles", "NC1CNCCNC1", "--reagent", "CC(=O)Cl", "--answer", "excess=yes"]) == 0
    capsys.readouterr()
    assert cli.run(["show", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["distribution"]["model"] == "many-sites"
