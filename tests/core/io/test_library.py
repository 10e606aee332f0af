"""The local plan library (SQLite) and the autosave store."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys

import pytest
from tests.closed_form import exact_point

from dzp_planner.core.errors import PlanFileError, UserInputError
from dzp_planner.core.guidance import decisions, protocols, templates
from dzp_planner.core.io import plan_format, storage
from dzp_planner.core.io.library import PlanLibrary


@pytest.fixture
def library(data_home):
    lib = PlanLibrary()
    yield lib
    lib.close()


def test_library_lives_in_the_data_home(library, data_home):
    assert library.path == data_home / "library.sqlite"
    assert library.path.exists()


def test_round_trip_through_the_library(library):
    plan = templates.plan_from_template("mono-boc-protection")
    library.save(plan, thumbnail=b"\x89PNG fake")
    again = library.load(plan.plan_id)
    assert plan_format.dumps(again) == plan_format.dumps(plan)
    [entry] = library.entries()
    assert (entry.title, entry.substrate, entry.reaction, entry.thumbnail) == (
        plan.title, "C1CNCCNC1", "boc-protection", b"\x89PNG fake",
    )


def test_search_by_name_or_smiles_substring(library):
    boc = templates.plan_from_template("mono-boc-protection")
    red = templates.plan_from_template("reductive-mono-alkylation")
    red.substrate_smiles = "CC1CNCCCN1"
    library.save(boc)
    library.save(red)
    assert [e.plan_id for e in library.entries("mono-boc")] == [boc.plan_id]
    assert [e.plan_id for e in library.entries("CC1CN")] == [red.plan_id]
    assert {e.plan_id for e in library.entries("diazepane")} == {boc.plan_id, red.plan_id}
    assert library.entries("100%_") == []  # LIKE wildcards are literal


def test_duplicate_rename_delete_and_undo_delete(library):
    plan = templates.plan_from_template("mono-boc-protection")
    library.save(plan)
    copy_id = library.duplicate(plan.plan_id)
    assert copy_id != plan.plan_id
    assert library.load(copy_id).title == plan.title + " (copy)"
    library.rename(copy_id, "  Scale-up, 20 g  ")
    assert library.load(copy_id).title == "Scale-up, 20 g"
    with pytest.raises(UserInputError):
        library.rename(copy_id, "   ")
    data, thumb = library.take(copy_id)
    assert not library.contains(copy_id)
    assert library.restore(data, thumb) == copy_id
    assert library.load(copy_id).title == "Scale-up, 20 g"


def test_import_and_export_files(library, tmp_path):
    plan = templates.plan_from_template("reductive-mono-alkylation")
    path = tmp_path / "in.dzp"
    storage.save_plan(plan, path)
    first = library.import_file(path)
    second = library.import_file(path)  # same id again: stored as a separate plan
    assert first == plan.plan_id and second != first
    out = tmp_path / "out.dzp"
    library.export_file(first, out)
    assert out.read_bytes() == path.read_bytes()
    bad = tmp_path / "bad.dzp"
    bad.write_text("{nope")
    with pytest.raises(PlanFileError):
        library.import_file(bad)


def test_corrupt_library_file_gives_a_clear_message(data_home):
    (data_home / "library.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(UserInputError, match="cannot be opened"):
        PlanLibrary()


AUTOSAVING_CHILD = r"""
import sys, time
from dzp_planner.core.guidance import decisions, protocols, templates
from dzp_planner.core.io.library import PlanLibrary
lib = PlanLibrary()
plan = templates.plan_from_template("mono-boc-protection")
plan.title = "edited before the crash"
plan.notes = "unsaved work"
lib.write_autosave(plan, "/somewhere/plan.dzp")
print(plan.plan_id, flush=True)
time.sleep(60)
"""


def test_autosave_survives_a_kill_and_is_offered_back(data_home):
    child = subprocess.Popen([sys.executable, "-c", AUTOSAVING_CHILD], stdout=subprocess.PIPE, text=True, env=dict(os.environ))
    plan_id = child.stdout.readline().strip()
    lib = PlanLibrary()
    assert lib.orphaned_autosaves() == []  # the writer is still alive: not a crash yet
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    [entry] = lib.orphaned_autosaves()
    assert entry.plan_id == plan_id and entry.file_path == "/somewhere/plan.dzp"
    restored = entry.plan()
    assert (restored.title, restored.notes) == ("edited before the crash", "unsaved work")
    lib.clear_autosave(plan_id)  # another writer's: clearing one's own leaves it
    assert [e.plan_id for e in lib.orphaned_autosaves()] == [plan_id]
    lib.discard_autosave(entry)  # the chemist declined it
    assert lib.orphaned_autosaves() == []
    lib.close()


def test_a_version_1_library_is_migrated_with_its_autosaves(data_home):
    db = sqlite3.connect(data_home / "library.sqlite", isolation_level=None)
    db.execute("CREATE TABLE plans (plan_id TEXT PRIMARY KEY, title TEXT NOT NULL, substrate TEXT NOT NULL, reaction TEXT NOT NULL,"
               " created TEXT NOT NULL, modified TEXT NOT NULL, data BLOB NOT NULL, thumbnail BLOB)")
    db.execute("CREATE TABLE autosave (plan_id TEXT PRIMARY KEY, title TEXT NOT NULL, file_path TEXT NOT NULL, saved_at TEXT NOT NULL,"
               " pid INTEGER NOT NULL, data BLOB NOT NULL)")
    plan = templates.plan_from_template("mono-boc-protection")
    from dzp_planner.core.io import plan_format

    db.execute("INSERT INTO autosave VALUES (?, ?, ?, ?, ?, ?)", (plan.plan_id, "old", "", "2026-11-01T00:00:00+00:00", 0, plan_format.dumps(plan)))
    db.execute("PRAGMA user_version = 1")
    db.close()
    lib = PlanLibrary()
    assert lib._db.execute("PRAGMA user_version").fetchone()[0] == 3  # through v2 (autosave writers) to v3 (measured)
    assert lib.measured_pairs() == []
    [entry] = lib.orphaned_autosaves()
    assert (entry.plan_id, entry.writer) == (plan.plan_id, "0")
    lib.close()
    backup = sqlite3.connect(data_home / "library.sqlite.v1.bak")
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1  # the library as it was, kept
    backup.close()


def test_newer_library_schema_is_refused_without_writing_a_byte(data_home):
    """Issue 25: the file was switched to WAL before the version check, and the advice was to move it aside."""
    path = data_home / "library.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE plans (plan_id TEXT)")
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(UserInputError, match=r"newer DZP Planner.*update DZP Planner"):
        PlanLibrary()
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_home.iterdir() if p.name.startswith("library")) == ["library.sqlite"]  # no -wal, no -shm



def test_a_fitted_k2_k1_is_remembered_for_its_pair_whatever_the_spelling(library):
    from dzp_planner.core.document import plan_edits
    from dzp_planner.core.document.plan import TrialRun

    plan = templates.plan_from_template("mono-boc-protection")  # 1,4-diazepane + Boc2O
    runs = [TrialRun(equiv=e, sm=s, mono=m, bis=b) for e in (0.7, 1.1) for s, m, b in [exact_point(e, 0.3)]]
    plan.set_sections(plan_edits.result_changes(plan, runs))
    library.save(plan)
    boc2o = "O=C(OC(=O)OC(C)(C)C)OC(C)(C)C"  # written another way round
    found = library.measured_for("Cl.Cl.N1CCNCCC1", boc2o, "boc-protection")  # the dihydrochloride, another SMILES
    assert found is not None and found.k2_k1 == pytest.approx(0.3, rel=0.005) and found.runs == 2
    assert found.note().startswith("measured 0.3 [") and plan.title in found.note()
    assert library.measured_for("C1CNCCNC1", boc2o, "acylation") is None  # another reaction
    assert library.measured_for("CC1CNCCCN1", boc2o, "boc-protection") is None  # another substrate
    assert [m.plan_id for m in library.measured_pairs()] == [plan.plan_id]
    data, thumb = library.take(plan.plan_id)  # deleting the plan forgets what it measured
    assert library.measured_pairs() == []
    library.restore(data, thumb)  # and undoing the delete brings it back
    assert len(library.measured_pairs()) == 1
    plan.set_sections(plan_edits.result_changes(plan, []))  # the runs removed: nothing measured any more
    library.save(plan)
    assert library.measured_pairs() == []


def test_a_new_plan_of_the_same_pair_starts_from_the_measured_k2_k1(library):
    from dzp_planner.core.document import plan_edits
    from dzp_planner.core.document.plan import Plan
    from dzp_planner.core.io.stores import MeasuredK2K1

    asked = []

    def lookup(substrate, electrophile, reaction):
        asked.append((substrate, electrophile, reaction))
        return MeasuredK2K1(substrate, electrophile, reaction, 0.31, 0.28, 0.34, 3, "p", "Trial 1", "2026-12-03")

    template = templates.plan_from_template("mono-boc-protection")
    fresh = Plan(substrate_smiles="C1CNCCNC1")
    changes = {"components": template.components, "reaction": template.get_section("reaction"), "procedure": template.get_section("procedure")}
    started = plan_edits.start_from_measured(fresh, changes, lookup)
    model = started["model"]
    assert (model.k2_k1, model.k2_k1_source) == (0.31, "measured")
    assert model.k2_k1_note == "measured 0.31 [0.28, 0.34] in plan “Trial 1” on 2026-12-03"
    assert asked[0][0] == "C1CNCCNC1" and asked[0][2] == "boc-protection"
    fresh.model.k2_k1_source = "fitted"  # a plan with its own fit keeps it
    assert "model" not in plan_edits.start_from_measured(fresh, changes, lookup)


@pytest.mark.parametrize("bad", [float("inf"), 0.0, -0.3, 4e-5, "0.3x"])
def test_a_damaged_measured_value_is_skipped_not_handed_to_new_from_template(library, bad):
    """A remembered k2/k1 read back goes through the typed value's checks (issue 25: inf, 0, negative,
    below 5e-5 or text crashed File ▸ New from template)."""
    from dzp_planner.core.document import plan_edits
    from dzp_planner.core.document.plan import TrialRun

    plan = templates.plan_from_template("mono-boc-protection")
    runs = [TrialRun(equiv=e, sm=s, mono=m, bis=b) for e in (0.7, 1.1) for s, m, b in [exact_point(e, 0.3)]]
    plan.set_sections(plan_edits.result_changes(plan, runs))
    library.save(plan)
    library._db.execute("UPDATE measured SET k2_k1 = ?", (bad,))
    library._db.commit()
    assert library.measured_for("C1CNCCNC1", "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C", "boc-protection") is None
    assert library.measured_pairs() == []
    fresh = templates.plan_from_template("mono-boc-protection")
    rec = decisions.load_tree("regioselectivity").recommendations["desymmetrise"]
    changes = plan_edits.start_from_measured(fresh, protocols.build(fresh, rec), library.measured_for)
    assert changes["model"].k2_k1 == 0.5 and changes["model"].k2_k1_source == "assumed"
