"""The dropwise addition set by its time or by its rate (mL/h, µmol/h, equiv/h), on real substrates.

Expected values by hand: time = volume / (mL/h) = mmol / (mmol/h) = equiv / (equiv/h); the
substrates' MWs from RDKit called on its own (tests/substrates.py).
"""

from __future__ import annotations

import pytest
from tests.cli_in_process import run_in_process
from tests.substrates import SUBSTRATES, weighed_mw

from dzp_planner.core.document.plan import Addition, Component
from dzp_planner.core.quantities.stoich import compute_table

BOC2O = "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C"



def _rows(smiles: str = "CN1CCCNCC1", salt: str = "", quantity: str = "2.0 mmol") -> list[Component]:
    return [Component("substrate", "limiting", smiles, quantity, salt=salt),
            Component("Boc2O", "reagent", BOC2O, "0.5 equiv", slot="electrophile"),
            Component("DCM", "solvent", "ClCCl", "20 mL")]


def test_equivalents_per_hour_give_the_time_and_the_other_rates():
    # 1-methyl at 2.0 mmol; Boc2O 0.5 equiv = 1.0 mmol; at 0.25 equiv/h: 0.5 / 0.25 = 2 h
    table = compute_table(_rows(), Addition("Boc2O", "10 mL", "0.25 equiv/h"))
    add = table.addition
    assert add.time_s == pytest.approx(7200.0)
    assert add.rate_ml_per_h == pytest.approx(5.0)  # 10 mL over 2 h
    assert add.mmol_per_min * 60 == pytest.approx(0.5)  # 1.0 mmol over 2 h = 0.5 mmol/h
    assert add.equiv_per_min * 60 == pytest.approx(0.25)
    assert add.display() == "0.25 equiv/h, 500 µmol/h, 5 mL/h, 0.0833 mL/min"
    assert not table.errors


@pytest.mark.parametrize("name", list(SUBSTRATES))
def test_an_amount_rate_on_each_substrate(name):
    smiles, salt = SUBSTRATES[name]
    boc_mmol = 0.5 * 250.0 / weighed_mw(smiles, salt)  # 0.5 equiv of 250 mg of the substrate (the salt's MW for the salt)
    table = compute_table(_rows(smiles, salt, "250 mg"), Addition("electrophile", "", "100 µmol/h"))
    assert table.addition.component == "Boc2O"  # found by its slot
    assert table.addition.time_s == pytest.approx(boc_mmol / 0.100 * 3600.0, rel=1e-4)
    assert table.addition.rate_ml_per_min is None  # no volume: no syringe-pump rate, and no warning for it
    assert not [m for m in table.messages if "volume" in m.text]
    assert table.addition.equiv_per_min * 60 == pytest.approx(0.5 * 0.100 / boc_mmol, rel=1e-4)  # equiv over hours
    assert table.addition.display().endswith(" equiv/h, 100 µmol/h")


def test_a_volume_rate_needs_the_volume():
    table = compute_table(_rows(), Addition("Boc2O", "10 mL", "25 mL/h"))
    assert table.addition.time_s == pytest.approx(10.0 / 25.0 * 3600.0)  # 0.4 h
    assert table.addition.display() == "25 mL/h, 0.417 mL/min"
    table = compute_table(_rows(), Addition("Boc2O", "", "25 mL/h"))
    assert table.addition.time_s is None
    assert any("needs the volume added" in m.text for m in table.messages)


def test_a_rate_by_amount_needs_the_rows_amount():
    rows = _rows()
    rows[1] = Component("Boc2O", "reagent", "", "100 mg", slot="electrophile")  # no structure: no amount
    table = compute_table(rows, Addition("Boc2O", "10 mL", "0.25 equiv/h"))
    assert table.addition.time_s is None
    assert any("a rate of 0.25 equiv/h needs the equivalents of the row added" in m.text for m in table.messages)


def test_what_is_not_a_time_nor_a_rate_is_refused_in_words():
    table = compute_table(_rows(), Addition("Boc2O", "10 mL", "5 g"))
    errors = [m.text for m in table.errors]
    assert any("'5 g' is a mass; type a time (1 h, 45 min) or a rate (25 mL/h, 100 µmol/h, 0.5 equiv/h)" in e
               for e in errors), errors
    assert table.addition.time_s is None


def test_the_procedure_quotes_the_rate_as_it_was_set():
    from dzp_planner.core.document.derivation import derive
    from dzp_planner.core.guidance import templates

    plan = templates.plan_from_template("mono-boc-protection")
    plan.addition = Addition("electrophile", "", "0.25 equiv/h")
    text = " ".join(step.text for step in derive(plan).procedure)
    assert "0.25 equiv/h" in text


def test_editing_the_addition_field_by_field():
    from dzp_planner.core.document import plan_edits
    from dzp_planner.core.document.plan import Plan
    from dzp_planner.core.errors import UserInputError

    plan = Plan(components=_rows("CC(C)(C)OC(=O)N1CCCNCC1"))  # 1-Boc, no addition yet
    assert plan.addition == Addition()
    text, (template_id, addition) = plan_edits.addition_edit(plan, "component", "electrophile")
    assert addition == Addition("electrophile", "", "", "") and template_id == ""
    plan.set_section("procedure", (template_id, addition))
    text, section = plan_edits.addition_edit(plan, "time", " 100  µmol/h ")
    assert section[1].time == "100 µmol/h" and text == "Set the addition's time or rate to 100 µmol/h"
    plan.set_section("procedure", section)
    assert plan_edits.addition_edit(plan, "time", "100 µmol/h") is None  # the same text: no edit
    assert compute_table(plan.components, plan.addition).addition.time_s == pytest.approx(1.0 / 0.1 * 3600)  # 1.0 mmol
    with pytest.raises(UserInputError, match="no row of the table is called 'Nope'"):
        plan_edits.addition_edit(plan, "component", "Nope")
    with pytest.raises(UserInputError, match="is a volume"):
        plan_edits.addition_edit(plan, "time", "5 mL")
    with pytest.raises(UserInputError, match="expected a volume"):
        plan_edits.addition_edit(plan, "volume", "1 h")
    assert plan_edits.addition_edit(plan, "time", "")[0] == "Clear the addition's time or rate"


def test_a_rate_that_gives_an_absurd_time_is_a_warning_not_a_time():
    table = compute_table(_rows(), Addition("Boc2O", "10 mL", "1e-6 equiv/h"))  # 0.5 equiv: 500,000 h
    assert table.addition.time_s is None
    assert any("the addition would take" in m.text and "check the rate" in m.text for m in table.messages)
    table = compute_table(_rows(), Addition("", "10 mL", "0.5 equiv/h"))  # nothing chosen
    assert any("choose the row" in m.text for m in table.messages)


def test_the_table_command_gives_the_time_a_rate_works_out_to(tmp_path):
    import json

    payload = {"components": [
        {"name": "1-methyl", "smiles": "CN1CCCNCC1", "role": "limiting", "amount": "2.0 mmol"},
        {"name": "Boc2O", "smiles": BOC2O, "equiv": 0.5},
    ], "addition": {"component": "Boc2O", "volume": "", "time": "0.25 equiv/h"}}
    out = run_in_process(["table", "-"], stdin=json.dumps(payload).encode())
    assert out.returncode == 0, out.stderr
    addition = json.loads(out.stdout)["addition"]
    assert addition["time_s"] == pytest.approx(7200.0)  # 0.5 equiv / 0.25 equiv/h = 2 h
    assert addition["rate_equiv_per_h"] == pytest.approx(0.25)
    assert addition["rate_mmol_per_h"] == pytest.approx(0.5)  # 1.0 mmol over 2 h
    assert addition["rate_ml_per_h"] is None
