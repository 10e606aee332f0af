"""The Plan, its edit rules (`plan_edits`) and its one derivation, without a display."""

from __future__ import annotations

import pytest
from rdkit import Chem
from tests.closed_form import exact_point

from dzp_planner.core.chem import editing
from dzp_planner.core.document import plan_edits
from dzp_planner.core.document.derivation import derive
from dzp_planner.core.document.plan import Component, Plan
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.guidance import templates
from dzp_planner.core.io import plan_format, storage

MW = {"C": 12.011, "H": 1.008, "N": 14.007, "O": 15.999, "Cl": 35.45}


def mw(**atoms: int) -> float:
    return sum(MW[k] * n for k, n in atoms.items())


def set_substrate(plan: Plan, smiles: str) -> None:
    for section, value in plan_edits.substrate_changes(plan, smiles, editing.from_smiles(smiles)).items():
        plan.set_section(section, value)


def test_the_substrate_drives_the_limiting_row_and_keeps_the_typed_amount():
    plan = templates.plan_from_template("reductive-mono-alkylation")  # 1,4-diazepane, "2.0 mmol"
    set_substrate(plan, "CC1CNCCCN1")
    row = plan.components[0]
    assert (row.name, row.role, row.quantity, row.slot) == ("2-methyl-1,4-diazepane", "limiting", "2.0 mmol", "substrate")
    table = derive(plan).table
    assert table.rows[0].mw == pytest.approx(mw(C=6, H=14, N=2), abs=0.01)  # 114.19, not 100.17
    assert table.rows[0].mass_g == pytest.approx(2.0 * mw(C=6, H=14, N=2) / 1000, rel=1e-3)
    assert derive(plan).procedure[0].text.startswith("Dissolve 2-methyl-1,4-diazepane (228 mg, 2 mmol)")
    # a typed mass is kept as typed; the mmol follow the new MW
    rows = plan.get_section("components")
    rows[0].quantity = "250 mg"
    plan.set_section("components", rows)
    set_substrate(plan, "CC(C)(C)OC(=O)N1CCCNCC1")
    assert plan.components[0].quantity == "250 mg" and plan.components[0].name == "1-Boc-1,4-diazepane"
    assert derive(plan).table.rows[0].mmol == pytest.approx(250 / mw(C=10, H=20, N=2, O=2), rel=1e-3)


def test_a_salt_form_goes_into_the_row_and_is_kept():
    plan = Plan()
    set_substrate(plan, "C1CNCCNC1.Cl.Cl")
    row = plan.components[0]
    assert row.smiles == "C1CNCCNC1" and row.salt == "2HCl" and row.role == "limiting"
    assert derive(plan).table.rows[0].mw == pytest.approx(mw(C=5, H=14, N=2, Cl=2), abs=0.02)  # 173.08 weighed
    rows = plan.get_section("components")
    rows[0].purity = 97.0
    plan.set_section("components", rows)
    set_substrate(plan, "CC1CNCCCN1")  # the chemist's salt form and purity stay
    assert plan.components[0].salt == "2HCl" and plan.components[0].purity == 97.0


def test_an_empty_table_gets_a_substrate_row():
    plan = Plan()
    set_substrate(plan, "CN1CCCNCC1")
    assert [(c.name, c.role, c.quantity) for c in plan.components] == [("1-methyl-1,4-diazepane", "limiting", "1.0 mmol")]


def test_retyping_the_shown_value_changes_nothing():
    plan = templates.plan_from_template("reductive-mono-alkylation")
    rows = plan.get_section("components")
    rows[0].quantity = "200.33 mg"
    plan.set_section("components", rows)
    shown = derive(plan).table.rows[0].display("mass_g")
    assert shown == "200 mg"
    assert plan_edits.cell_edit(plan, 0, "mass_g", "200 mg", shown) is None
    assert plan_edits.cell_edit(plan, 0, "mass_g", " 200  MG ", shown) is None
    text, changed = plan_edits.cell_edit(plan, 0, "mass_g", "210", shown)  # a bare number takes the cell's unit
    assert changed[0].quantity == "210 mg" and text.startswith("Scale the table")


def test_one_limiting_row_and_bounded_purity():
    plan = templates.plan_from_template("reductive-mono-alkylation")
    _, rows = plan_edits.cell_edit(plan, 1, "role", "limiting")
    assert [c.role for c in rows][:2] == ["reagent", "limiting"]
    with pytest.raises(UserInputError, match="role must be one of"):
        plan_edits.cell_edit(plan, 1, "role", "boss")
    for bad in ("0", "101", "-5"):
        with pytest.raises(UserInputError, match=r"purity|percentage|100%"):
            plan_edits.cell_edit(plan, 1, "purity", bad)


def test_pka_parsing():
    assert plan_edits.parse_pka("6.70, 10.41") == [10.41, 6.7]
    assert plan_edits.parse_pka("") == []
    for bad in ("ten", "1 2 3 4 5", "17", "nan"):
        with pytest.raises(UserInputError, match="pKa"):
            plan_edits.parse_pka(bad, "diamine")


def test_answer_and_rewind():
    plan = Plan(substrate_smiles="C1CNCCNC1", active_tree="alkylation")
    plan.set_section("decisions", plan_edits.answer(plan, "carbonyl", "no"))
    plan.set_section("decisions", plan_edits.answer(plan, "excess", "yes"))
    path = [s.node for s in derive(plan).walk.path]
    assert path == ["scaffold", "sites", "carbonyl", "excess"]
    plan.set_section("decisions", plan_edits.rewind(plan, path, "carbonyl"))
    assert plan.decisions == {"alkylation": {}}
    assert plan_edits.rewind(plan, path, "nope") is None


def test_the_equivalents_come_from_the_table_and_an_override_only_without_an_electrophile():
    plan = templates.plan_from_template("reductive-mono-alkylation")
    plan.set_section("model", plan_edits.model_changes(plan, electrophile_equiv=1.7))
    state = derive(plan).distribution
    assert state.electrophile_equiv == pytest.approx(0.9) and state.equiv_source == "table"
    bare = Plan(substrate_smiles="C1CNCCNC1", components=[Component("1,4-Diazepane", "limiting", "C1CNCCNC1", "1 mmol")])
    bare.set_section("model", plan_edits.model_changes(bare, electrophile_equiv=1.7))
    assert derive(bare).distribution.equiv_source == "override" and derive(bare).distribution.electrophile_equiv == 1.7


def test_mixing_inputs_and_pka_are_saved(tmp_path):
    plan = templates.plan_from_template("mono-boc-protection")
    plan.set_section("model", plan_edits.model_changes(plan, mixing_time_s=12.5, addition_time_s=900.0,
                                                       rate_constant_m_s=40.0, pka={"mono": [8.7]}))
    storage.save_plan(plan, tmp_path / "p.dzp")
    again = storage.load_plan(tmp_path / "p.dzp").model
    assert (again.mixing_time_s, again.addition_time_s, again.rate_constant_m_s, again.pka["mono"]) == (12.5, 900.0, 40.0, [8.7])


def test_a_drawing_that_disagrees_with_the_smiles_is_reported_and_the_smiles_wins():
    plan = templates.plan_from_template("mono-boc-protection")
    plan.substrate_smiles = "CC1CNCCCN1"  # the stored drawing is still the parent diamine
    loaded = plan_format.loads(plan_format.dumps(plan), source="odd.dzp")
    assert loaded.substrate_smiles == "CC1CNCCCN1" and loaded.substrate_molblock == ""
    assert len(loaded.load_warnings) == 1 and "SMILES was kept" in loaded.load_warnings[0]
    agreeing = plan_format.loads(plan_format.dumps(templates.plan_from_template("mono-boc-protection")))
    assert agreeing.load_warnings == [] and agreeing.substrate_molblock


def test_one_derivation_per_plan_state(monkeypatch):
    from dzp_planner.core.document import derivation
    from dzp_planner.core.quantities import stoich

    plan = templates.plan_from_template("mono-boc-protection")
    calls = []
    real = stoich.compute_table
    monkeypatch.setattr(stoich, "compute_table", lambda *a, **k: calls.append(1) or real(*a, **k))
    derivation._CACHE.clear()
    for _ in range(5):  # the table, the plot, the tree and the report all ask
        derive(plan)
    assert len(calls) == 1
    rows = plan.get_section("components")
    rows[1].quantity = "5.0 g"
    plan.set_section("components", rows)
    derive(plan)
    assert len(calls) == 2


def test_the_scheme_product_is_this_substrates():
    plan = templates.plan_from_template("reductive-mono-alkylation")
    set_substrate(plan, "CC(C)(C)OC(=O)N1CCCNCC1")
    product = Chem.MolFromSmiles(derive(plan).scheme["product"])
    assert product.HasSubstructMatch(Chem.MolFromSmarts("C(C)(C)(C)OC(=O)N"))  # the Boc stays
    assert derive(plan).scheme["reactants"][0] == "CC(C)(C)OC(=O)N1CCCNCC1"


def test_a_format_2_plan_opens_and_gains_an_empty_results_section(tmp_path):
    """tests/fixtures/plans/v2-boc-reductive.dzp is a plan as format 2 wrote it (before results)."""
    from pathlib import Path

    from dzp_planner.core.io import plan_format, storage

    fixture = Path(__file__).parents[2] / "fixtures" / "plans" / "v2-boc-reductive.dzp"
    before = fixture.read_bytes()
    assert b'"version": 2' in before and b'"results"' not in before
    plan = storage.load_plan(fixture)
    assert plan.results == [] and plan.model.k2_k1 == 0.37 and plan.substrate_smiles == "CC(C)(C)OC(=O)N1CCCNCC1"
    assert fixture.read_bytes() == before  # opening never rewrites the file
    saved = plan_format.plan_to_dict(plan)
    assert saved["version"] == 4 and saved["results"] == {"runs": []}


def test_measured_runs_survive_a_round_trip_and_bad_ones_are_named():
    from dzp_planner.core.document.plan import TrialRun
    from dzp_planner.core.errors import PlanFileError
    from dzp_planner.core.io import plan_format

    plan = Plan(title="runs")
    plan.results = [TrialRun(equiv=0.9, sm=30.0, mono=55.0, bis=15.0, rf_mono=1.6, date="2026-11-29", note="crude LCMS"),
                    TrialRun(equiv=1.2, analysis="1H NMR integral", sm=None, mono=2.0, bis=1.0, sigma=2.0)]
    again = plan_format.loads(plan_format.dumps(plan))
    assert again.results == plan.results
    raw = plan_format.plan_to_dict(plan)
    raw["results"]["runs"][0]["rf_bis"] = 0
    with pytest.raises(PlanFileError, match=r"results\.runs\[0\]\.rf_bis"):
        plan_format.plan_from_dict(raw)
    raw["results"]["runs"][0]["rf_bis"] = 1.0
    raw["results"]["runs"][1]["analysis"] = "tea leaves"
    with pytest.raises(PlanFileError, match=r"results\.runs\[1\]\.analysis"):
        plan_format.plan_from_dict(raw)



def test_recorded_runs_fit_k2_k1_and_the_plan_says_it_is_fitted():
    from dzp_planner.core.document.plan import TrialRun

    plan = templates.plan_from_template("mono-boc-protection")  # the parent diamine: two equal sites
    runs = [TrialRun(equiv=e, sm=s * 100, mono=m * 100, bis=b * 100) for e in (0.6, 1.2) for s, m, b in [exact_point(e, 0.3)]]
    plan.set_sections(plan_edits.result_changes(plan, runs))
    assert plan.results == runs
    assert plan.model.k2_k1 == pytest.approx(0.3, rel=0.005)
    assert plan.model.k2_k1_source == "fitted" and plan.model.k2_k1_note.startswith("fitted from 2 runs: 0.3 [")
    fit = derive(plan).fit
    assert fit.result.ci95[0] < 0.3 < fit.result.ci95[1]
    plan.set_section("model", plan_edits.k2_k1_changes(plan, 2.0))  # a preset chosen again: an assumption
    assert (plan.model.k2_k1, plan.model.k2_k1_source, plan.model.k2_k1_note) == (2.0, "assumed", "")


def test_a_run_without_equivalents_takes_the_tables_and_a_one_site_substrate_has_nothing_to_fit():
    from dzp_planner.core.document.plan import TrialRun

    plan = templates.plan_from_template("mono-boc-protection")  # 0.496 equiv Boc2O in the table
    table_equiv = derive(plan).distribution.electrophile_equiv
    s, m, b = exact_point(table_equiv, 1.5)
    plan.set_sections(plan_edits.result_changes(plan, [TrialRun(sm=None, mono=m, bis=b)]))  # SM not seen: mono:bis
    assert plan.model.k2_k1 == pytest.approx(1.5, rel=0.01)
    one_site = templates.plan_from_template("reductive-mono-alkylation")
    one_site.set_sections(plan_edits.substrate_changes(one_site, "CC(C)(C)OC(=O)N1CCCNCC1", ""))
    one_site.set_sections(plan_edits.result_changes(one_site, [TrialRun(equiv=1.0, sm=10.0, mono=90.0, bis=0.0)]))
    assert "no k2/k1 to fit" in derive(one_site).fit.problem and one_site.model.k2_k1_source == "assumed"


def test_apply_keeps_the_plans_own_fit_and_drops_a_measured_label():
    from dzp_planner.core.document.plan import TrialRun
    from dzp_planner.core.guidance import protocols
    from dzp_planner.core.guidance.decisions import all_trees

    plan = templates.plan_from_template("mono-boc-protection")
    runs = [TrialRun(equiv=e, sm=s, mono=m, bis=b) for e in (0.6, 1.2) for s, m, b in [exact_point(e, 0.3)]]
    plan.set_sections(plan_edits.result_changes(plan, runs))
    tree = all_trees()["regioselectivity"]
    rec = next(iter(tree.recommendations.values()))
    rec = tree.recommendations.get("desymmetrise", rec)
    changes = protocols.build(plan, rec, "regioselectivity")
    assert changes["model"].k2_k1 == pytest.approx(0.3, rel=0.005) and changes["model"].k2_k1_source == "fitted"
    other = templates.plan_from_template("mono-boc-protection")
    other.model.k2_k1, other.model.k2_k1_source, other.model.k2_k1_note = 0.31, "measured", "measured 0.31 in plan T"
    changes = protocols.build(other, rec, "regioselectivity")
    assert changes["model"].k2_k1_source == "assumed" and changes["model"].k2_k1_note == ""


def test_a_huge_integer_in_a_plan_file_is_a_clear_error():
    from dzp_planner.core.errors import PlanFileError

    raw = plan_format.plan_to_dict(templates.plan_from_template("mono-boc-protection"))
    raw["results"] = {"runs": [{"sm": 10 ** 400, "mono": 1, "bis": 1}]}
    with pytest.raises(PlanFileError, match=r"results\.runs\[0\]\.sm"):
        plan_format.plan_from_dict(raw)


@pytest.mark.parametrize("typed, molar", [
    ("25 mg/mL", 25.0 / 211.94),  # STAB, C6H10BNaO6: 211.94 g/mol; 25 g/L ÷ 211.94 g/mol
    ("10 % w/v", 100.0 / 211.94),  # 10 g per 100 mL = 100 g/L
    ("5 g/L", 5.0 / 211.94),
    ("0.5 M", 0.5),
    ("250 mM", 0.25),
])
def test_a_solution_strength_by_mass_per_volume_becomes_molar_through_the_mw(typed, molar):
    plan = templates.plan_from_template("reductive-mono-alkylation")
    index = next(i for i, c in enumerate(plan.components) if c.name == "STAB")
    text, rows = plan_edits.cell_edit(plan, index, "concentration", typed)
    assert rows[index].concentration == pytest.approx(molar, rel=1e-3)
    assert text.startswith("Set the solution strength of STAB")


def test_a_mass_concentration_without_an_mw_is_refused_where_it_was_typed():
    from dzp_planner.core.document.plan import Component

    plan = Plan(components=[Component("1,4-diazepane", "limiting", "C1CNCCNC1", "1 mmol"), Component("mystery", "reagent")])
    with pytest.raises(UserInputError, match="structure or an MW"):
        plan_edits.cell_edit(plan, 1, "concentration", "25 mg/mL")
    with pytest.raises(UserInputError, match="a mass; expected a concentration or a mass concentration or a loading"):
        plan_edits.cell_edit(plan, 1, "concentration", "25 mg")
