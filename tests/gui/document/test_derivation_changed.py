"""One derivationChanged per undoable step, however many sections it changes (issue 23)."""

from __future__ import annotations

from dzp_planner.core.document import plan_edits
from dzp_planner.core.guidance import templates
from dzp_planner.gui.document.plan_controller import PlanController


def test_one_emission_per_step_undo_redo_and_open(qtbot):
    controller = PlanController(templates.plan_from_template("direct-alkylation"))
    seen = []
    controller.derivationChanged.connect(seen.append)
    plan = controller.plan
    changes = plan_edits.reagent_changes(plan, "O=S(=O)(Cl)c1cccc2cnccc12")  # a new reagent: several sections at once
    assert len(changes) >= 3
    controller.edit_many(changes, "Change reagent")
    assert len(seen) == 1 and seen[0].sections == frozenset(changes) and not seen[0].replaced
    assert seen[0].derivation.electrophile_smiles == "O=S(=O)(Cl)c1cccc2cnccc12"  # the derivation after the step
    controller.undo_stack.undo()
    assert len(seen) == 2 and seen[1].sections == frozenset(changes)
    controller.undo_stack.redo()
    assert len(seen) == 3
    model = controller.plan.get_section("model")
    for value in (0.3, 0.31, 0.32):  # a slider drag merges into one undo step, and still emits once per move
        model.k2_k1 = value
        controller.edit("model", model, "k2/k1", merge_key="k2k1")
    assert len(seen) == 6 and all(c.sections == {"model"} for c in seen[3:])
    controller.edit("model", model, "no change")  # the same value: no step, no emission
    assert len(seen) == 6
    controller.replace_plan(templates.plan_from_template("mono-boc-protection"))
    assert len(seen) == 7 and seen[-1].replaced and seen[-1].touches("results")


def test_new_clears_the_scale_field(main_window):
    """Issue 25: after File ▸ New, "Scale to" kept the previous plan's text."""
    main_window.stoich_panel.scale_edit.setText("5 mmol")
    main_window.documents.new_plan()
    assert main_window.stoich_panel.scale_edit.text() == ""


def test_a_failed_library_save_is_retried_and_said_never_saved(main_window, tmp_path, monkeypatch):
    """Issue 25: "database is locked" was only logged while the status bar said "Saved"."""
    import sqlite3

    said = []
    main_window.documents.statusMessage.connect(said.append)
    calls = []
    real_save = main_window.library.save

    def locked_once(plan, thumbnail=None):
        calls.append(1)
        if len(calls) == 1:
            raise sqlite3.OperationalError("database is locked")
        real_save(plan, thumbnail)

    monkeypatch.setattr(main_window.library, "save", locked_once)
    assert main_window.documents._save_to(tmp_path / "a.dzp")
    assert len(calls) == 2 and said[-1] == f"Saved {tmp_path / 'a.dzp'}"

    def always_locked(plan, thumbnail=None):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(main_window.library, "save", always_locked)
    assert main_window.documents._save_to(tmp_path / "b.dzp")
    assert "library copy could not be updated (database is locked)" in said[-1] and not said[-1].endswith("b.dzp")


def test_a_plan_opened_from_the_library_keeps_its_file(main_window, tmp_path):
    """Issue 25: a plan reopened from the library forgot its file (Ctrl+S asked for a new path)."""
    main_window.documents.new_from_template("mono-boc-protection")
    path = tmp_path / "boc.dzp"
    assert main_window.documents._save_to(path)
    plan_id = main_window.controller.plan.plan_id
    main_window.documents.new_plan()
    assert main_window.controller.file_path is None
    assert main_window.documents.open_from_library(plan_id)
    assert main_window.controller.file_path == path
