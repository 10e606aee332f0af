"""The lab server from the window (issue 28), against a real PostgreSQL started by the test run:
File ▸ Lab server… (test, keep, refuse a password), the status-bar indicator (synced / waiting / offline /
conflict), the conflict dialog, and New from template starting from the lab's pooled k2/k1, which the PDF names."""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest

pytest.importorskip("psycopg", reason="the lab tests need the 'lab' extra (in the test extra)")

from PySide6.QtWidgets import QApplication
from tests import pg_cluster
from tests.closed_form import exact_point
from tests.lab.lab_helpers import lab, workstation

from dzp_planner.core.document.plan import TrialRun
from dzp_planner.core.guidance import templates
from dzp_planner.core.io.lab import connection, sync

cluster, lab_db, chemists = pg_cluster.cluster, pg_cluster.lab_db, pg_cluster.chemists  # the real server's fixtures


def _wait_for_lab(window, qtbot, timeout: int = 30000) -> float:
    """Turn the event loop until the lab job ends; the longest gap between turns (ms): the window answered."""
    longest, last = 0.0, time.perf_counter()
    deadline = last + timeout / 1000
    while window.lab.client.busy():
        QApplication.processEvents()
        qtbot.wait(5)
        now = time.perf_counter()
        longest, last = max(longest, (now - last) * 1000), now
        assert now < deadline, "the lab job did not end"
    QApplication.processEvents()
    return longest


def _lab_column(window, plan_id: str) -> str:
    from dzp_planner.gui.library.library_table_model import PLAN_ID_ROLE, LibraryTableModel

    model = LibraryTableModel(window.library)
    model.reload()
    lab_column = LibraryTableModel.COLUMNS.index("Lab")
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(PLAN_ID_ROLE) == plan_id)
    return model.index(row, lab_column).data()


def test_the_server_dialog_tests_the_connection_and_keeps_no_password(main_window, qtbot, monkeypatch, chemists):
    from dzp_planner.gui.lab.lab_dialog import LabServerDialog

    monkeypatch.delenv("DZP_PLANNER_LAB", raising=False)
    lab_ui = main_window.lab
    lab_ui._configured_changed()
    assert not lab_ui.indicator.isVisible() and not lab_ui.sync_action.isEnabled()  # no lab: the app as before
    dialog = LabServerDialog(lab_ui.client, main_window)
    qtbot.addWidget(dialog)
    dialog.dsn_edit.setText(chemists["alice"] + " password=hunter2")
    dialog.accept()
    assert "never stores one" in dialog.answer.text() and not connection.connection_file().exists()
    dialog.dsn_edit.setText(chemists["alice"])
    dialog.test()
    assert dialog.answer.text() == "Testing…" and not dialog.test_button.isEnabled()
    _wait_for_lab(main_window, qtbot)
    assert dialog.answer.text().startswith("Connected as alice to lab_test_lab_window; lab schema 0003")
    dialog.accept()
    assert connection.saved_dsn() == chemists["alice"]
    lab_ui._configured_changed()
    main_window.show()
    assert lab_ui.indicator.isVisible() and lab_ui.sync_action.isEnabled()


def test_sync_waiting_and_offline_in_the_indicator(main_window, qtbot, monkeypatch, chemists, tmp_path):
    monkeypatch.setenv("DZP_PLANNER_LAB", chemists["alice"])
    lab_ui = main_window.lab
    lab_ui._configured_changed()
    _wait_for_lab(main_window, qtbot)
    plan = templates.plan_from_template("acylation")
    main_window.library.save(plan)
    lab_ui.refresh_status()
    _wait_for_lab(main_window, qtbot)
    assert lab_ui.indicator.text() == "Lab: 1 waiting"  # the sample plan was never saved: only the acylation
    lab_ui.sync_now()
    assert lab_ui.indicator.text() == "Lab: syncing…"
    longest = _wait_for_lab(main_window, qtbot)
    assert lab_ui.indicator.text() == "Lab: synced" and "pushed 1, pulled" in lab_ui.indicator.toolTip()
    assert longest < 1000  # the window turned while the worker talked to the server (not a timing budget)
    monkeypatch.setenv("DZP_PLANNER_LAB", f"host={tmp_path} dbname=nowhere user=alice")  # no server on that socket
    lab_ui.sync_now()
    _wait_for_lab(main_window, qtbot)
    assert lab_ui.indicator.text() == "Lab: offline" and "Your changes wait here" in lab_ui.indicator.toolTip()


def test_a_conflict_is_shown_compared_and_resolved_in_the_window(main_window, qtbot, monkeypatch, capsys, chemists, tmp_path):
    from dzp_planner.gui.lab.conflict_dialog import ConflictDialog

    home = main_window.library.path.parent
    plan = templates.plan_from_template("urea")
    alice = workstation(tmp_path, monkeypatch, "alice", chemists["alice"])
    alice.save(plan)
    assert lab(capsys, "sync")[0] == 0
    theirs = alice.load(plan.plan_id)
    theirs.title = "Urea, alice's"
    monkeypatch.setenv("DZP_PLANNER_HOME", str(home))  # the window's workstation: bob's
    monkeypatch.setenv("DZP_PLANNER_LAB", chemists["bob"])
    lab_ui = main_window.lab
    lab_ui._configured_changed()
    _wait_for_lab(main_window, qtbot)
    lab_ui.sync_now()
    _wait_for_lab(main_window, qtbot)
    mine = main_window.library.load(plan.plan_id)
    mine.notes = "bob: added the isocyanate at 0 °C"
    main_window.library.save(mine)
    workstation(tmp_path, monkeypatch, "alice", chemists["alice"]).save(theirs)
    assert lab(capsys, "sync")[1]["pushed"] == 1
    monkeypatch.setenv("DZP_PLANNER_HOME", str(home))
    monkeypatch.setenv("DZP_PLANNER_LAB", chemists["bob"])
    lab_ui.sync_now()
    _wait_for_lab(main_window, qtbot)
    assert lab_ui.indicator.text() == "Lab: 1 conflict"
    assert _lab_column(main_window, plan.plan_id) == "conflict: mine is r3, made from r1"  # 1 alice, 2 alice, 3 bob's
    dialog = ConflictDialog(lab_ui.client, main_window)
    qtbot.addWidget(dialog)
    assert dialog.plans.count() == 1 and dialog.plans.item(0).text() == plan.title
    _wait_for_lab(main_window, qtbot)  # selecting the plan compares it
    rows = {dialog.table.item(r, 0).text(): (dialog.table.item(r, 1).text(), dialog.table.item(r, 2).text())
            for r in range(dialog.table.rowCount())}
    assert rows["title"] == (plan.title, "Urea, alice's") and "bob: added" in rows["notes"][0]
    dialog.resolve("theirs")
    _wait_for_lab(main_window, qtbot)
    assert main_window.library.load(plan.plan_id).title == "Urea, alice's" and sync.conflicts() == []
    assert dialog.plans.count() == 0 and "No conflicts" in dialog.status.text()
    assert _lab_column(main_window, plan.plan_id) == "r2 · alice"  # whose plan, which revision
    lab_ui.refresh_status()
    _wait_for_lab(main_window, qtbot)
    assert lab_ui.indicator.text() == "Lab: synced"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (the bootstrap installs it)")
def test_new_from_template_starts_from_the_lab_k2_k1_and_the_pdf_says_so(main_window, qtbot, monkeypatch, capsys,
                                                                         chemists, tmp_path):
    home = main_window.library.path.parent
    for role, equivs in (("alice", (0.5, 1.0)), ("bob", (1.5,))):  # exact data from k2/k1 = 0.4
        library = workstation(tmp_path, monkeypatch, f"pool-{role}", chemists[role])
        plan = templates.plan_from_template("mono-boc-protection")
        plan.results = [TrialRun(equiv=e, sm=100 * s, mono=100 * m, bis=100 * b, atmosphere="N2")
                        for e in equivs for s, m, b in [exact_point(e, 0.4)]]
        library.save(plan)
        assert lab(capsys, "sync")[0] == 0
        library.close()
    monkeypatch.setenv("DZP_PLANNER_HOME", str(home))
    monkeypatch.setenv("DZP_PLANNER_LAB", chemists["alice"])
    main_window.lab.sync_now()
    _wait_for_lab(main_window, qtbot)
    main_window.documents.new_from_template("mono-boc-protection")
    model = main_window.controller.plan.model
    assert model.k2_k1_source == "measured" and model.k2_k1 == pytest.approx(0.4, abs=2e-3)
    assert model.k2_k1_note.startswith("measured by the lab: 3 runs in 2 plans by 2 chemists")
    main_window.start_pdf_export(tmp_path / "lab.pdf")
    qtbot.waitUntil(lambda: not main_window._pdf_exporter.busy(), timeout=60000)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "lab.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "measured by the lab: 3 runs in 2 plans by 2" in " ".join(text.split())


def test_a_timer_never_stops_a_running_sync_and_a_late_word_from_an_old_job_is_not_shown(main_window, qtbot, monkeypatch,
                                                                                         tmp_path):
    import threading

    monkeypatch.setenv("DZP_PLANNER_LAB", f"host={tmp_path} dbname=nowhere user=alice")  # never reached: the job below
    lab_ui = main_window.lab
    release = threading.Event()

    def long_sync(_server, _library):
        lab_ui.client.keep_going(1, 2)
        release.wait(10)
        return {"conflicts": [], "pushed": 0, "pulled": 0, "cancelled": False, "pulled_ids": []}

    assert lab_ui.client.submit("sync", long_sync)
    lab_ui.sync_when_idle()  # the five-minute timer firing during a long sync
    assert not lab_ui.client._cancel.is_set()
    qtbot.waitUntil(lambda: lab_ui.indicator.text() == "Lab: syncing 1/2…")
    release.set()
    _wait_for_lab(main_window, qtbot)
    assert lab_ui.indicator.text() == "Lab: synced"
    finished_job = lab_ui.client._job_id
    release.clear()
    assert lab_ui.client.submit("sync", long_sync)
    qtbot.waitUntil(lambda: lab_ui.indicator.text() == "Lab: syncing 1/2…")
    lab_ui.client._worker_progress.emit(finished_job, 7, 9)  # a late word from the job before, while this one runs
    QApplication.processEvents()
    assert lab_ui.indicator.text() == "Lab: syncing 1/2…"
    release.set()
    _wait_for_lab(main_window, qtbot)
    assert lab_ui.indicator.text() == "Lab: synced"
    lab_ui.sync_now()  # Ctrl+Alt+Y while nothing runs starts a sync (here offline) …
    lab_ui.sync_now()  # … and the second press stops it
    assert lab_ui.client._cancel.is_set()
    _wait_for_lab(main_window, qtbot)
    assert lab_ui.indicator.text() == "Lab: offline"
