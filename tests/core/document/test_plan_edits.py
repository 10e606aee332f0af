"""The edit rules (core/document/plan_edits): what one edit of the chemist changes in the plan, before any view.

Independent values: RDKit's MolWt of the molecules typed here, amounts by hand (mmol = mass / MW,
equivalents × the limiting row's mmol), and the closed form for a k2/k1 set by hand.
"""

from __future__ import annotations

import pytest
from rdkit import Chem
from tests.substrates import SUBSTRATES, mw, weighed_mw

from dzp_planner.core.document import plan_edits
from dzp_planner.core.document.derivation import derive
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.guidance import templates


@pytest.mark.parametrize("label", list(SUBSTRATES))
def test_a_new_substrate_renames_and_reweighs_the_limiting_row(label):
    smiles, salt = SUBSTRATES[label]
    typed = smiles + (".Cl.Cl" if salt else "")
    plan = templates.plan_from_template("acylation")
    plan.set_sections(plan_edits.substrate_changes(plan, typed, ""))
    d = derive(plan)
    row, component = d.table.rows[d.substrate_row], plan.components[d.substrate_row]
    assert Chem.MolToSmiles(Chem.MolFromSmiles(component.smiles)) == Chem.MolToSmiles(Chem.MolFromSmiles(smiles))
    assert component.salt == salt  # the row holds the free base and its salt form
    assert row.mw == pytest.approx(weighed_mw(smiles, salt), abs=0.01) and row.free_base_mw == pytest.approx(mw(smiles), abs=0.01)
    assert row.mass_g == pytest.approx(row.mmol * weighed_mw(smiles, salt) / 1000, rel=1e-6)  # the 1.0 mmol weighed


def test_typing_equivalents_into_a_reagent_row_scales_its_amount_to_the_limiting_row():
    plan = templates.plan_from_template("sulfonylation")
    limiting = derive(plan).table.rows[0].mmol
    reagent = derive(plan).electrophile_row
    undo_text, sections = plan_edits.table_cell_changes(plan, reagent, "equiv", "1.3 equiv")
    plan.set_sections(sections)
    row = derive(plan).table.rows[reagent]
    assert row.equiv == pytest.approx(1.3) and row.mmol == pytest.approx(1.3 * limiting)
    assert row.mass_g == pytest.approx(1.3 * limiting * mw("Cc1ccc(S(=O)(=O)Cl)cc1") / 1000, rel=1e-3)
    assert undo_text  # the Edit menu names the step


def test_a_typed_structure_in_the_electrophile_row_is_a_new_reagent():
    plan = templates.plan_from_template("sulfonylation")
    reagent = derive(plan).electrophile_row
    undo_text, sections = plan_edits.table_cell_changes(plan, reagent, "smiles", "O=C(Cl)c1ccccc1")
    plan.set_sections(sections)
    assert undo_text == "Change the reagent" and plan.reaction_type == "acylation"


def test_rows_are_inserted_moved_and_refused_at_the_ends():
    plan = templates.plan_from_template("sulfonylation")
    names = [c.name for c in plan.components]
    rows = plan_edits.inserted_row(plan, 1)
    assert [c.name for c in rows] == [names[0], "New reagent", *names[1:]]
    assert plan_edits.moved_row(plan, 0, -1) is None and plan_edits.moved_row(plan, len(names) - 1, +1) is None
    moved = plan_edits.moved_row(plan, 0, +1)
    assert [c.name for c in moved][:2] == [names[1], names[0]]
    with pytest.raises(UserInputError, match="role must be one of"):
        plan_edits.set_role(plan.components, 0, "boss")
    promoted = plan_edits.set_role(plan.components, 2, "limiting")
    assert [c.role for c in promoted].count("limiting") == 1 and promoted[2].role == "limiting"


def test_a_k2_k1_set_by_the_chemist_is_an_assumption():
    plan = templates.plan_from_template("sulfonylation")
    model = plan_edits.k2_k1_changes(plan, 0.4)
    assert model.k2_k1 == 0.4 and model.k2_k1_source == "assumed" and model.k2_k1_note == ""
