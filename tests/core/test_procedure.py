"""Procedure steps quote the computed table, and scaling the plan changes the quoted amounts."""

from __future__ import annotations

import pytest

from dzp_planner.core import procedure, templates
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.plan import Addition, Component, Plan
from dzp_planner.core.stoich import compute_table

MW_DIAZEPANE = 5 * 12.011 + 12 * 1.008 + 2 * 14.007  # 100.165


def test_protocol_2_steps_quote_the_guides_numbers():
    steps = procedure.render_template("mono-boc-protection")
    first, second = steps[0].text, steps[1].text
    # 5.0 g; 5000 / 100.165 = 49.9 mmol; 100 mL; 49.92 / 100 = 0.499 M
    assert first == ("Dissolve 1,4-diazepane (5 g, 49.9 mmol) in DCM (100 mL); the solution is 0.499 M.")
    # 5.4 g = 24.7 mmol = 0.496 equiv; 50 mL over 1 h = 50 mL/h = 0.833 mL/min
    assert "(5.4 g, 24.7 mmol, 0.496 equiv)" in second
    assert "(50 mL/h, 0.833 mL/min)" in second
    assert all(not s.problems for s in steps)
    assert "0.5 M" in steps[0].correction  # corrections travel with their step


def test_protocol_1_steps_at_2_mmol():
    steps = procedure.render_template("reductive-mono-alkylation")
    texts = [s.text for s in steps]
    # 2.0 mmol × 100.165 = 200 mg; 2.0 / 0.1 M = 20 mL
    assert texts[0] == "Dissolve 1,4-diazepane (200 mg, 2 mmol) in DCE (20 mL, 0.1 M)."
    # 1.8 mmol × 106.124 / 1.044 = 183 µL
    assert texts[1] == "Add benzaldehyde (183 µL, 1.8 mmol, 0.9 equiv)."
    # 2.0 mmol × 60.052 / 1.049 = 114.5 µL, 3 significant figures
    assert texts[2].startswith("Add acetic acid (114 µL, 1 equiv)")
    # 3.0 mmol × 211.94 = 636 mg
    assert texts[3].startswith("Add STAB (636 mg, 1.5 equiv)")


def test_scaling_the_plan_changes_the_quoted_amounts():
    plan = templates.plan_from_template("reductive-mono-alkylation")
    scaled = procedure.scale_plan_components(plan.components, "10 mmol")
    plan.set_section("components", scaled)
    texts = [s.text for s in procedure.render_plan(plan)]
    # 10 mmol × 100.165 = 1.00 g; 10 / 0.1 = 100 mL
    assert texts[0] == "Dissolve 1,4-diazepane (1 g, 10 mmol) in DCE (100 mL, 0.1 M)."
    # 9 mmol × 106.124 / 1.044 = 914.9 µL
    assert texts[1] == "Add benzaldehyde (915 µL, 9 mmol, 0.9 equiv)."
    by_mass = procedure.scale_plan_components(plan.components, "2.0 g")
    assert compute_table(by_mass).row("1,4-Diazepane").mmol == pytest.approx(2000 / MW_DIAZEPANE)
    with pytest.raises(UserInputError):
        procedure.scale_plan_components(plan.components, "lots")


def test_protocol_2_scaled_by_mass():
    plan = templates.plan_from_template("mono-boc-protection")
    scaled = procedure.scale_plan_components(plan.components, "1.0 g")
    steps = procedure.render_template("mono-boc-protection", scaled, plan.addition)
    # 5.4 g × 1/5 = 1.08 g Boc2O; DCM 100 mL × 1/5 = 20 mL, so still 0.499 M
    assert "(1.08 g, 4.95 mmol, 0.496 equiv)" in steps[1].text
    assert "DCM (20 mL); the solution is 0.499 M" in steps[0].text


def test_unknown_placeholders_render_visibly_and_are_reported():
    table = compute_table([
        Component("Amine", "limiting", "C1CNCCNC1", "1 mmol"),
        Component("STAB", "reagent", "CC(=O)O[BH-](OC(C)=O)OC(C)=O.[Na+]", "1.5 equiv"),
        Component("Bad", "reagent", "C", "5 m"),
    ])
    text, problems = procedure.render_text(
        "{Ghost:mass} {Amine:colour} {STAB:volume} {Bad:mass} {reaction:concentration} {addition:rate} "
        "{reaction:temperature} {Amine:mmol} {not a placeholder}", table)
    assert text.startswith("[?Ghost:mass] [?Amine:colour] [?STAB:volume] [?Bad:mass] [?reaction:concentration] "
                           "[?addition:rate] [?reaction:temperature] 1 mmol {not a placeholder}")
    assert len(problems) == 7
    assert any("no row of the table is called 'Ghost'" in p for p in problems)
    assert any("STAB has no volume" in p for p in problems)


def test_render_steps_takes_plain_strings_and_empty_plans():
    table = compute_table([Component("A", "limiting", "C1CNCCNC1", "1 mmol")], Addition("A", "5 mL", "10 min"))
    [step] = procedure.render_steps(["Add A ({A:mass}) at {addition:rate}."], table)
    assert step.text == "Add A (100 mg) at 30 mL/h, 0.5 mL/min."  # 1 × 100.165 mg; 5 mL / 10 min
    assert procedure.render_plan(Plan()) == []
