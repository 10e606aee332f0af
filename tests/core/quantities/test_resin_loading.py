"""Resin-bound reagents sold by their loading (mmol/g): weighed as the resin, on real substrates.

Expected values by hand from MWs that RDKit works out on its own (tests/substrates.py), and
the table's unit arithmetic checked with pint: mmol / (mmol/g) = g, with no factor of 1000.
"""

from __future__ import annotations

import pytest
from tests.substrates import SUBSTRATES, mw, weighed_mw

from dzp_planner.core.document import plan_edits
from dzp_planner.core.document.plan import Component, Plan
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.guidance.procedure import row_value
from dzp_planner.core.io import plan_format
from dzp_planner.core.quantities import unit_registry
from dzp_planner.core.quantities.stoich import compute_table


@pytest.mark.parametrize("name", list(SUBSTRATES))
def test_a_resin_by_equivalents_is_weighed_as_the_resin(name):
    smiles, salt = SUBSTRATES[name]
    substrate_mmol = 250.0 / weighed_mw(smiles, salt)  # 250 mg; the salt's MW is what is weighed
    rows = [Component(name, "limiting", smiles, "250 mg", salt=salt),
            Component("PS-DIEA", "base", "", "3 equiv", loading=3.5),
            Component("MP-cyanoborohydride", "reagent", "", "600 mg", loading=2.3),
            Component("DCM", "solvent", "ClCCl", "0.1 M")]
    table = compute_table(rows)
    assert not table.errors, table.errors
    base, resin = table.rows[1], table.rows[2]
    assert table.limiting_mmol == pytest.approx(substrate_mmol, rel=1e-4)
    assert base.mmol == pytest.approx(3 * substrate_mmol, rel=1e-4)
    assert base.mass_g == pytest.approx(3 * substrate_mmol / 3.5, rel=1e-4)  # mmol / (mmol/g) = g of resin
    assert base.volume_ml is None
    assert resin.mmol == pytest.approx(0.600 * 2.3, rel=1e-12)  # 600 mg × 2.3 mmol/g = 1.38 mmol
    assert resin.equiv == pytest.approx(0.600 * 2.3 / substrate_mmol, rel=1e-4)
    assert base.display("loading") == "3.5 mmol/g"


def test_the_tables_arithmetic_agrees_with_pint():
    """Each formula of `stoich` in its units (g, mmol, mL, mol/L, g/mol, mmol/g), redone by pint
    from the typed quantities: a stray factor of 1000 in the table would show here."""
    q = unit_registry.registry().Quantity
    methyl_mw = mw("CN1CCCNCC1")  # 1-methyl-1,4-diazepane
    table = compute_table([Component("1-methyl", "limiting", "CN1CCCNCC1", "340 mg"),
                           Component("resin", "reagent", "", "2 equiv", loading=2.3),
                           Component("resin by mass", "reagent", "", "750 mg", loading=1.8),
                           Component("LiHMDS", "base", "", "1.1 equiv", concentration=1.0)])
    substrate = (q(340, "milligram") / q(methyl_mw, "gram / mole")).to("millimole")
    assert table.rows[0].mmol == pytest.approx(substrate.magnitude, rel=1e-9)
    resin = (2 * substrate / q(2.3, "millimole / gram")).to("gram")
    assert table.rows[1].mass_g == pytest.approx(resin.magnitude, rel=1e-9)
    by_mass = (q(750, "milligram") * q(1.8, "millimole / gram")).to("millimole")
    assert table.rows[2].mmol == pytest.approx(by_mass.magnitude, rel=1e-9)
    solution = (1.1 * substrate / q(1.0, "molar")).to("milliliter")
    assert table.rows[3].volume_ml == pytest.approx(solution.magnitude, rel=1e-9)


def test_a_resin_has_no_salt_form():
    table = compute_table([Component("1-Boc", "limiting", "CC(C)(C)OC(=O)N1CCCNCC1", "1 mmol"),
                           Component("PS-DIEA", "base", "", "2 equiv", loading=3.5, salt="HCl")])
    assert table.rows[1].errors[0].field == "salt"


def test_a_resin_cannot_be_measured_by_volume_nor_be_a_solution_too():
    volume = compute_table([Component("1-Boc", "limiting", "CC(C)(C)OC(=O)N1CCCNCC1", "1 mmol"),
                            Component("PS-TsNHNH2", "reagent", "", "2 mL", loading=2.8)])
    assert "weigh it" in volume.rows[1].errors[0].text
    both = compute_table([Component("1-Boc", "limiting", "CC(C)(C)OC(=O)N1CCCNCC1", "1 mmol"),
                          Component("odd", "reagent", "", "2 equiv", loading=2.8, concentration=1.0)])
    assert "not both" in both.rows[1].errors[0].text
    silly = compute_table([Component("1-Boc", "limiting", "CC(C)(C)OC(=O)N1CCCNCC1", "1 mmol"),
                           Component("odd", "reagent", "", "2 equiv", loading=1e5)])
    assert silly.rows[1].errors and silly.rows[1].errors[0].field == "concentration"


def test_purity_is_ignored_for_a_resin_with_a_note():
    table = compute_table([Component("1-methyl", "limiting", "CN1CCCNCC1", "1 mmol"),
                           Component("PS-DIEA", "base", "", "2 equiv", loading=4.0, purity=90.0)])
    row = table.rows[1]
    assert row.mass_g == pytest.approx(0.5)  # 2 mmol / 4 mmol/g, not / 0.9
    assert any("loading is the active amount" in n.text for n in row.notes)


def _plan() -> Plan:
    return Plan(components=[Component("2-methyl", "limiting", "CC1CNCCCN1", "1 mmol"),
                            Component("resin", "reagent", "", "2 equiv")])


def test_typing_a_loading_into_the_solution_cell_makes_the_row_a_resin():
    plan = _plan()
    text, rows = plan_edits.cell_edit(plan, 1, "concentration", "2.3 mmol/g")
    assert (rows[1].loading, rows[1].concentration) == (2.3, None)
    assert text == "Set the resin loading of resin to 2.3 mmol/g"
    plan.components = rows
    _, rows = plan_edits.cell_edit(plan, 1, "concentration", "0.5 M")  # a solution after all
    assert (rows[1].loading, rows[1].concentration) == (None, 0.5)
    plan.components = rows
    _, rows = plan_edits.cell_edit(plan, 1, "concentration", "1.5 mol/kg")  # 1.5 mol per kg = 1.5 mmol/g
    assert (rows[1].loading, rows[1].concentration) == (1.5, None)
    plan.components = rows
    _, rows = plan_edits.cell_edit(plan, 1, "concentration", "")
    assert (rows[1].loading, rows[1].concentration) == (None, None)
    with pytest.raises(UserInputError, match="less than"):
        plan_edits.cell_edit(plan, 1, "concentration", "1e-9 mmol/g")


def test_the_procedure_says_it_is_resin():
    table = compute_table([Component("1-phenyl", "limiting", "c1ccc(cc1)N1CCCNCC1", "1 mmol"),
                           Component("PS-DIEA", "base", "", "2 equiv", loading=4.0)])
    text, missing = row_value(table.rows[1], Component("PS-DIEA", "base"), "amount")
    assert (text, missing) == ("500 mg of resin at 4 mmol/g", "")


def test_a_loading_survives_the_plan_file_and_an_older_file_has_none():
    plan = _plan()
    plan.components[1].loading = 2.3
    again = plan_format.loads(plan_format.dumps(plan))
    assert again.components[1].loading == 2.3
    raw = plan_format.plan_to_dict(plan)
    assert raw["version"] == 4
    raw["version"] = 3
    del raw["components"][1]["loading"]
    assert plan_format.plan_from_dict(raw).components[1].loading is None
