"""The lab's shared library on a real PostgreSQL (issue 28): two workstations, two chemists, one reviewer."""

from __future__ import annotations

import pytest
from tests.closed_form import exact_point
from tests.lab.lab_helpers import lab, workstation

from dzp_planner.core.document.plan import TrialRun
from dzp_planner.core.guidance import templates
from dzp_planner.core.io import storage


def test_init_is_idempotent_and_says_its_revision(cluster, lab_db, capsys, chemists):
    assert lab(capsys, "init", cluster.dsn("dzp_admin", lab_db)) == (0, {"schema": "0003"})
    assert lab(capsys, "add-chemist", "bob", "--dsn", cluster.dsn("dzp_admin", lab_db)) == (0, {"role": "bob"})


def test_two_workstations_share_a_plan_and_a_conflict_keeps_both_revisions(tmp_path, monkeypatch, capsys, chemists):
    plan = templates.plan_from_template("mono-boc-protection")
    alice = workstation(tmp_path, monkeypatch, "alice", chemists["alice"])
    alice.save(plan)
    assert lab(capsys, "sync") == (0, {"pushed": 1, "pulled": 0, "conflicts": []})
    assert lab(capsys, "sync")[1]["pushed"] == 0  # nothing waits: nothing is pushed twice
    alice.close()
    bob = workstation(tmp_path, monkeypatch, "bob", chemists["bob"])
    code, synced = lab(capsys, "sync")
    assert code == 0 and synced["pulled"] >= 1 and bob.load(plan.plan_id).title == plan.title
    # both edit the plan offline
    mine = bob.load(plan.plan_id)
    mine.notes = "bob: ran it at 0 °C"
    bob.save(mine)
    bob.close()
    alice = workstation(tmp_path, monkeypatch, "alice", chemists["alice"])
    theirs = alice.load(plan.plan_id)
    theirs.title = "Mono-Boc, alice's scale-up"
    alice.save(theirs)
    assert lab(capsys, "sync")[1]["pushed"] == 1
    alice.close()
    bob = workstation(tmp_path, monkeypatch, "bob", chemists["bob"])
    code, synced = lab(capsys, "sync")
    assert code == 0 and synced["conflicts"] == [{"plan_id": plan.plan_id, "local_revision": 3, "server_revision": 2}]
    assert bob.load(plan.plan_id).notes == "bob: ran it at 0 °C"  # nothing of bob's lost
    code, history = lab(capsys, "history", plan.plan_id)
    assert [(r["revision"], r["user"]) for r in history["revisions"]] == [(1, "alice"), (2, "alice"), (3, "bob")]
    assert all(r["time"].endswith("+00:00") for r in history["revisions"])  # the server's clock
    assert lab(capsys, "sync")[1]["conflicts"][0]["local_revision"] == 3  # still a conflict, not pushed again
    out = tmp_path / "head.dzp"
    assert lab(capsys, "pull", plan.plan_id, str(out)) == (0, {"path": str(out.resolve()), "revision": 2})
    assert storage.load_plan(out).title == "Mono-Boc, alice's scale-up"
    bob.close()


def test_a_reviewer_cannot_write_a_plan(tmp_path, monkeypatch, capsys, chemists):
    path = tmp_path / "p.dzp"
    storage.save_plan(templates.plan_from_template("reductive-mono-alkylation"), path)
    workstation(tmp_path, monkeypatch, "rita", chemists["rita"]).close()
    code, said = lab(capsys, "push", str(path))
    assert code == 2 and "permission denied" in said and "\n" not in said


def test_the_lab_pools_both_chemists_runs_into_one_k2_k1(tmp_path, monkeypatch, capsys, chemists):
    """Exact data from k2/k1 = 0.4 (tests/closed_form.py), split over two plans by two chemists."""
    def plan_with(equivs: tuple[float, ...]):
        plan = templates.plan_from_template("mono-boc-protection")
        plan.results = [TrialRun(equiv=e, sm=100 * s, mono=100 * m, bis=100 * b, atmosphere="N2")
                        for e in equivs for s, m, b in [exact_point(e, 0.4)]]
        return plan

    for role, equivs in (("alice", (0.5, 1.0)), ("bob", (1.5,))):
        path = tmp_path / f"{role}.dzp"
        storage.save_plan(plan_with(equivs), path)
        workstation(tmp_path, monkeypatch, role, chemists[role]).close()
        assert lab(capsys, "push", str(path))[0] == 0
        assert lab(capsys, "push", str(path))[0] == 0  # pushed again: its runs are stored once
    code, measured = lab(capsys, "measured", "C1CNCCNC1", "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C", "--reaction", "boc-protection")
    assert code == 0 and measured["k2_k1"] == pytest.approx(0.4, abs=2e-3)
    assert (measured["runs"], measured["plans"], measured["chemists"]) == (3, 2, 2)
    assert measured["ci95"][0] <= 0.4 <= measured["ci95"][1]


def test_the_audit_trail_names_who_changed_what_even_outside_the_app(cluster, lab_db, chemists):
    import psycopg

    from dzp_planner.core.io.lab.server import LabServer

    with psycopg.connect(chemists["alice"], autocommit=True) as alice:  # by hand, as psql would
        alice.execute("INSERT INTO dzp_runs (run_id, plan_id, substrate_key, electrophile_key, reaction, data) "
                      "VALUES (gen_random_uuid(), 'by-hand', 'x', 'y', 'alkylation', '{}')")
    server = LabServer(cluster.dsn("dzp_admin", lab_db))
    trail = server.audit("dzp_runs")
    server.close()
    assert {"alice", "bob"} <= {row["who"] for row in trail} and trail[-1]["who"] == "alice"
    with pytest.raises(psycopg.errors.InsufficientPrivilege), psycopg.connect(chemists["bob"], autocommit=True) as bob:
        bob.execute("UPDATE dzp_runs SET reaction = 'changed'")  # append-only: no one rewrites a run


def test_a_server_killed_mid_sync_loses_and_duplicates_nothing(tmp_path, monkeypatch, capsys, cluster, lab_db, chemists):
    from dzp_planner.core.io.lab.server import LabServer

    alice = workstation(tmp_path, monkeypatch, "alice-kill", chemists["alice"])
    plans = [templates.plan_from_template("mono-boc-protection") for _ in range(3)]
    for plan in plans:
        alice.save(plan)
    cluster.stop("immediate")  # killed, not shut down
    try:
        code, said = lab(capsys, "sync")
        assert code == 2 and said.startswith("error: the lab server says:") and "\n" not in said
    finally:
        cluster.start()
    server = LabServer(chemists["alice"])
    first = server.push(plans[0], 0, "the answer lost with the connection")  # pushed, but the client never heard
    assert server.push(plans[0], 0, "the answer lost with the connection") == first  # the same change: the same revision
    server.close()
    code, synced = lab(capsys, "sync")
    assert code == 0 and synced["pushed"] == 3 and not synced["conflicts"]
    server = LabServer(chemists["alice"])
    assert all(len(server.history(p.plan_id)) == 1 for p in plans)  # nothing duplicated
    server.close()
    alice.close()


def test_a_sync_cut_off_before_its_state_was_written_does_not_meet_its_own_push_as_a_conflict(tmp_path, monkeypatch, capsys,
                                                                                              chemists):
    from dzp_planner.core.io.lab import sync

    alice = workstation(tmp_path, monkeypatch, "alice-cut", chemists["alice"])
    plan = templates.plan_from_template("sulfonylation")
    alice.save(plan)
    assert lab(capsys, "sync")[1]["pushed"] == 1
    state_before = sync.state_path().read_bytes()  # the state as the next sync would have left it, had it been killed
    plan.title = "Sulfonylation at 0 °C"
    alice.save(plan)
    assert lab(capsys, "sync")[1]["pushed"] == 1  # revision 2 on the server …
    sync.state_path().write_bytes(state_before)  # … but the state still says revision 1 (killed before writing it)
    code, again = lab(capsys, "sync")
    assert code == 0 and again["conflicts"] == []  # pushed again on revision 1: the server answers with revision 2
    assert sync.load_state()[plan.plan_id]["revision"] == 2 and not sync.conflicts()
    assert [r["revision"] for r in lab(capsys, "history", plan.plan_id)[1]["revisions"]] == [1, 2]  # nothing added
    alice.close()
