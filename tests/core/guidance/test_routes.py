"""The three routes side by side (issue 27): excess, mono-protonation and protection, for the plan's reaction."""

from __future__ import annotations

import json

import pytest
from tests.protonation_ode import ode_outcome
from tests.substrates import SUBSTRATES

from dzp_planner import cli
from dzp_planner.core.document.derivation import derive
from dzp_planner.core.document.plan import Plan
from dzp_planner.core.guidance.routes import compare
from dzp_planner.core.models.protonation import ProtonationInputs

BOC2O = "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C"
BENZOYL_CHLORIDE = "O=C(Cl)c1ccccc1"


def by_id(plan: Plan, reagent: str) -> dict:
    return {route.id: route for route in compare(plan, reagent)}


def test_the_excess_route_is_the_closed_form_at_four_to_one():
    """r = 1/2, e = 1/4: √a = 1 − e/2 = 0.875, a = 0.765625, m = 2(√a − a) = 0.21875, b = 0.015625."""
    routes = by_id(Plan(), BOC2O)
    excess = routes["excess"]
    assert (excess.mono, excess.bis) == pytest.approx((0.21875, 0.015625), abs=1e-9)
    assert excess.mono_per_electrophile == pytest.approx(0.875, abs=1e-9) and excess.diamine_per_electrophile == 4.0
    assert routes["protect-first"].bis == 0.0 and routes["protect-first"].steps == 3


def test_the_acid_route_with_boc2o_beats_the_excess_on_the_electrophile_and_makes_little_bis():
    acid = by_id(Plan(), BOC2O)["mono-protonation"]
    near = ode_outcome(ProtonationInputs(0.99, 1.0, 10.41, 6.70, 9.0))[1]
    # the ODE at 0.99 equiv (1 equiv uses up every free N: a tail the time span does not reach) brackets it
    assert acid.mono == pytest.approx(near, abs=0.01)
    assert acid.mono > by_id(Plan(), BOC2O)["excess"].mono_per_electrophile and acid.bis < 0.06


def test_an_acid_chloride_stalls_the_acid_route_at_half_conversion():
    """Each benzoylation makes one HCl: free N (2 − e) meet the protons (1 + e) at e = 1/2, so mono ≤ 1/2."""
    acid = by_id(Plan(), BENZOYL_CHLORIDE)["mono-protonation"]
    assert acid.mono <= 0.5 + 1e-6 and "half conversion" in acid.note


@pytest.mark.parametrize("name, shown", [("parent", True), ("2-methyl", True), ("1-Boc", False), ("1-methyl", False),
                                         ("1-phenyl", False)])
def test_the_routes_appear_where_the_recommendation_chooses_a_route(tmp_path, capsys, name, shown):
    out = tmp_path / "p.dzp"
    args = ["plan", "--tree", "acylation", "--smiles", SUBSTRATES[name][0], "--reagent", BENZOYL_CHLORIDE, str(out)]
    if shown:
        args[-1:-1] = ["--answer", "excess=yes"]
    assert cli.run(args) == 0
    capsys.readouterr()
    assert cli.run(["show", str(out)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert ("routes" in found) == shown
    if shown:
        assert [r["id"] for r in found["routes"]] == ["excess", "mono-protonation", "protect-first"]


def test_an_acid_row_answers_the_route_question(tmp_path, capsys):
    out = tmp_path / "acid.dzp"
    assert cli.run(["plan", "--tree", "regioselectivity", "--smiles", SUBSTRATES["parent"][0], "--answer", "route=acid",
                    str(out)]) == 0
    capsys.readouterr()
    assert cli.run(["show", str(out)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["recommendation"] == "mono-protonate" and found["distribution"]["route"] == "protonation"
    assert any(c["role"] == "acid" and c["equiv"] == pytest.approx(1.0) for c in found["components"])
    from dzp_planner.core.io import storage

    plan = storage.load_plan(out)
    plan.decisions["regioselectivity"].pop("route")  # unanswered: the acid row answers it
    walked = derive(plan).walk
    assert [(s.answer, s.auto) for s in walked.path if s.node == "route"] == [("acid", True)]
    assert walked.recommendation.id == "mono-protonate"


def _route_plan(tmp_path, capsys, smiles: str) -> dict:
    out = tmp_path / f"route-{len(list(tmp_path.iterdir()))}.dzp"
    assert cli.run(["plan", "--tree", "regioselectivity", "--smiles", smiles, "--answer", "route=acid", str(out)]) == 0
    capsys.readouterr()
    assert cli.run(["show", str(out)]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(("salt", "acid_in_salt"), [("C1CNCCNC1.Cl.Cl", 2), ("C1CNCCNC1.Cl", 1),
                                                    ("C1CNCCNC1.OC(=O)C(=O)O", 2)])
def test_a_salt_on_the_acid_route_brings_the_acid_itself(tmp_path, capsys, salt, acid_in_salt):
    """The route wants one proton per diamine: a 2HCl salt (2 protons, counted by hand) needs no Me3SiCl and
    one TEA for the second proton; a mono-HCl salt needs neither. The outcome is the free diamine's with 1 equiv
    of acid, and the procedure never asks for a row the table does not have."""
    free = _route_plan(tmp_path, capsys, SUBSTRATES["parent"][0])
    found = _route_plan(tmp_path, capsys, salt)
    roles = [c["role"] for c in found["components"]]
    assert "acid" not in roles
    bases = [c for c in found["components"] if c["role"] == "base"]
    assert [b["equiv"] for b in bases] == ([pytest.approx(acid_in_salt - 1)] if acid_in_salt > 1 else [])
    assert found["distribution"]["route"] == "protonation"
    for key in ("sm", "mono", "bis"):
        assert found["distribution"][key] == pytest.approx(free["distribution"][key], abs=1e-6)
    text = json.dumps(found["procedure"])
    assert "no acid" not in text and "[?" not in text and "free the amine with" not in text
    assert "route's acid" in found["procedure"][1] and "Dissolve" in found["procedure"][0]
