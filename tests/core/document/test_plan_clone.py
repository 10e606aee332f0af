"""A section handed out or taken in by the plan is the plan's own: no list, dict or row is shared.

`Plan.get_section` and `set_section` copy with `plan.clone` (deepcopy was ~3 ms for a 200-run
section, and every undoable edit copies twice); these tests mutate every mutable level of what
they got and check the plan did not move, and compare the copy with deepcopy's.
"""

from __future__ import annotations

import copy

from dzp_planner.core.document.plan import Component, ModelSettings, Plan, TrialRun, clone


def _plan() -> Plan:
    plan = Plan(title="t")
    plan.components = [Component("1,4-diazepane", "limiting", "C1CNCCNC1", "5 g", salt="2HCl"),
                       Component("Boc2O", "reagent", "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C", "0.5 equiv", density=0.95)]
    plan.results = [TrialRun(equiv=1.0, sm=25.0, mono=50.0, bis=25.0, note="run 1")]
    plan.model = ModelSettings(k2_k1=0.4)
    plan.decisions = {"regioselectivity": {"q1": "yes"}}
    return plan


def test_every_section_copy_equals_deepcopy_and_shares_nothing_mutable():
    plan = _plan()
    for section in ("meta", "substrate", "reaction", "components", "decisions", "model", "procedure", "notes", "results"):
        got = plan.get_section(section)
        assert got == copy.deepcopy(plan._section_value(section)), section
    components = plan.get_section("components")
    components[0].quantity = "1 g"
    components.append(Component("x"))
    results = plan.get_section("results")
    results[0].mono = 99.0
    model = plan.get_section("model")
    model.pka["diamine"][0] = 1.0
    decisions, _tree = plan.get_section("decisions")
    decisions["regioselectivity"]["q1"] = "no"
    assert [c.quantity for c in plan.components] == ["5 g", "0.5 equiv"]
    assert plan.results[0].mono == 50.0
    assert plan.model.pka["diamine"] == [10.41, 6.70]
    assert plan.decisions == {"regioselectivity": {"q1": "yes"}}


def test_a_section_set_from_a_value_does_not_follow_later_changes_of_that_value():
    plan = _plan()
    model = ModelSettings()
    plan.set_section("model", model)
    model.pka["mono"].append(3.0)
    model.k2_k1 = 2.0
    assert plan.model.pka["mono"] == [9.0] and plan.model.k2_k1 == 0.5
    rows = [Component("a", quantity="1 g")]
    plan.set_section("components", rows)
    rows[0].quantity = "2 g"
    assert plan.components[0].quantity == "1 g"


def test_a_plan_copy_shares_no_row_and_an_unknown_shape_is_deep_copied():
    plan = _plan()
    duplicate = plan.copy()
    duplicate.components[1].quantity = "2 equiv"
    duplicate.model.pka["bis"].append(1.0)
    assert plan.components[1].quantity == "0.5 equiv" and plan.model.pka["bis"] == []
    odd = {"set": {1, 2}}
    copied = clone(odd)
    copied["set"].add(3)
    assert odd == {"set": {1, 2}}
