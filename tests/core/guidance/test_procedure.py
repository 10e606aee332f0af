"""Procedure steps quote the plan's own rows by slot, and never print a placeholder."""

from __future__ import annotations

import pytest

from dzp_planner.core.document.derivation import derive
from dzp_planner.core.document.plan import Addition, Component, Plan
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.guidance import procedure, templates
from dzp_planner.core.quantities.stoich import compute_table

MW_DIAZEPANE = 5 * 12.011 + 12 * 1.008 + 2 * 14.007  # 100.165


def steps(plan: Plan) -> list[str]:
    return [s.text for s in derive(plan).procedure]


def test_protocol_2_steps_quote_the_guides_numbers():
    plan = templates.plan_from_template("mono-boc-protection")
    rendered = derive(plan).procedure
    first, second = rendered[0].text, rendered[1].text
    # 5.0 g; 5000 / 100.165 = 49.9 mmol; 100 mL; 49.92 / 100 = 0.499 M
    assert first == "Dissolve 1,4-diazepane (5 g, 49.9 mmol) in DCM (100 mL); the solution is 0.499 M."
    # 5.4 g = 24.7 mmol = 0.496 equiv; 50 mL over 1 h = 50 mL/h = 0.833 mL/min; 49.92 / 150 mL = 0.333 M
    assert "(5.4 g, 24.7 mmol, 0.496 equiv) in DCM for the Boc2O (50 mL)" in second
    assert "(50 mL/h, 0.833 mL/min)" in second and "after the addition the reaction is 0.333 M" in second
    assert all(not s.problems for s in rendered)
    assert "0.05 M" in rendered[0].correction  # corrections travel with their step


def test_protocol_2_says_how_much_acid_reaches_ph_3():
    plan = templates.plan_from_template("mono-boc-protection")
    acid = next(s.text for s in derive(plan).procedure if "pH ~3" in s.text)
    n = 5000 / MW_DIAZEPANE
    e = (5400 / (10 * 12.011 + 18 * 1.008 + 5 * 15.999)) / n
    a, m = (1 - e / 2) ** 2, e * (1 - e / 2)  # two equal sites, k2/k1 = 1/2
    hcl = 2 * a * n + m * n  # two protons per diamine left, one per mono-Boc, none per bis-Boc
    assert hcl == pytest.approx(75.1, abs=0.1)
    assert f"about {round(hcl)} mL" in acid and "75.1 mmol of HCl" in acid


def test_protocol_1_steps_at_2_mmol():
    texts = steps(templates.plan_from_template("reductive-mono-alkylation"))
    # 2.0 mmol × 100.165 = 200 mg; 2.0 / 0.1 M = 20 mL
    assert texts[0] == "Dissolve 1,4-diazepane (200 mg, 2 mmol) in DCE (20 mL, 0.1 M)."
    # 1.8 mmol × 106.124 / 1.044 = 183 µL
    assert texts[1] == "Add benzaldehyde (183 µL, 1.8 mmol, 0.9 equiv)."
    # 2.0 mmol × 60.052 / 1.049 = 114.5 µL, 3 significant figures
    assert texts[2].startswith("Add acetic acid (114 µL, 1 equiv)")
    # 3.0 mmol × 211.94 = 636 mg
    assert texts[3].startswith("Add STAB (636 mg, 1.5 equiv)")


def test_renaming_a_row_renames_it_in_the_steps():
    plan = templates.plan_from_template("reductive-mono-alkylation")
    rows = plan.get_section("components")
    rows[1].name = "PhCHO (batch 7)"
    plan.set_section("components", rows)
    assert steps(plan)[1] == "Add PhCHO (batch 7) (183 µL, 1.8 mmol, 0.9 equiv)."


def test_scaling_the_plan_changes_the_quoted_amounts():
    plan = templates.plan_from_template("reductive-mono-alkylation")
    plan.set_section("components", procedure.scale_plan_components(plan.components, "10 mmol"))
    texts = steps(plan)
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
    plan.set_section("components", procedure.scale_plan_components(plan.components, "1.0 g"))
    texts = steps(plan)
    # 5.4 g × 1/5 = 1.08 g Boc2O; DCM 100 mL × 1/5 = 20 mL, so still 0.499 M; work-up 10 mL per g
    assert "(1.08 g, 4.95 mmol, 0.496 equiv)" in texts[1]
    assert "DCM (20 mL); the solution is 0.499 M" in texts[0]
    assert "water (10 mL)" in texts[2]


def test_missing_values_are_phrases_and_problems_never_placeholders():
    table = compute_table([
        Component("Amine", "limiting", "C1CNCCNC1", "1 mmol", slot="substrate"),
        Component("STAB", "reagent", "CC(=O)O[BH-](OC(C)=O)OC(C)=O.[Na+]", "1.5 equiv", slot="reductant"),
        Component("Aryl halide", "reagent", "", "1.1 equiv", slot="electrophile"),
    ])
    slots = procedure.slot_rows([Component("Amine", "limiting", slot="substrate"), Component("STAB", slot="reductant"),
                                 Component("Aryl halide", slot="electrophile")])
    resolve = procedure.table_resolver(table, [Component("Amine", "limiting"), Component("STAB"), Component("Aryl halide")], slots)
    text, problems = procedure.render_text(
        "{ghost:mass} {substrate:colour} {reductant:volume} {electrophile:amount} {reaction:concentration} "
        "{addition:rate} {reaction:temperature} {substrate:mmol} {not a placeholder}", resolve)
    assert "[?" not in text and "{ghost" not in text
    assert text.startswith("(no ghost row in the table) see the table see the table amount: enter its structure or MW in the table")
    assert text.endswith("1 mmol {not a placeholder}")
    assert len(problems) == 7
    assert any("the table has no ghost row" in p for p in problems)
    assert any("STAB has no volume" in p for p in problems)


def test_plain_steps_and_empty_plans():
    table = compute_table([Component("A", "limiting", "C1CNCCNC1", "1 mmol")], Addition("A", "5 mL", "10 min"))
    resolve = procedure.table_resolver(table, [Component("A", "limiting")], {"substrate": 0})
    [step] = procedure.render_steps(["Add {substrate:name} ({A:mass}) at {addition:rate}."], resolve)
    assert step.text == "Add A (100 mg) at 30 mL/h, 0.5 mL/min."  # 1 × 100.165 mg; 5 mL / 10 min
    assert derive(Plan()).procedure == ()


def test_one_site_substrate_gets_its_own_steps():
    plan = templates.plan_from_template("reductive-mono-alkylation")
    from dzp_planner.core.document import plan_edits

    for section, value in plan_edits.substrate_changes(plan, "CC(C)(C)OC(=O)N1CCCNCC1", "").items():
        plan.set_section(section, value)
    rendered = derive(plan).procedure
    assert rendered[0].text.startswith("Dissolve 1-Boc-1,4-diazepane (")
    assert "30 / 50 / 20" not in " ".join(s.correction for s in rendered)
    assert "One reactive N–H: no bis product" in rendered[1].correction
