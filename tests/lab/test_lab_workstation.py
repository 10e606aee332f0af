"""A workstation on the lab server (issue 28): its saved connection, the lab's k2/k1 offered to a new plan,
conflicts resolved (keep mine / take theirs / compare), a sync cancelled half-way and carried on."""

from __future__ import annotations

import pytest
from tests.closed_form import exact_point
from tests.lab.lab_helpers import lab, workstation

from dzp_planner import paths
from dzp_planner.core.document.plan import TrialRun
from dzp_planner.core.document.plan_edits import start_from_measured
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.guidance import templates
from dzp_planner.core.io.lab import connection, lab_measured, sync
from dzp_planner.core.io.lab.server import LabServer


def _boc_plan(equivs: tuple[float, ...], r: float = 0.4):
    """Mono-Boc of the parent diamine with exact SM/mono/bis from the closed form at k2/k1 = r."""
    plan = templates.plan_from_template("mono-boc-protection")
    plan.results = [TrialRun(equiv=e, sm=100 * s, mono=100 * m, bis=100 * b, atmosphere="N2")
                    for e in equivs for s, m, b in [exact_point(e, r)]]
    return plan


def test_a_saved_connection_is_used_and_never_holds_a_password(tmp_path, monkeypatch, capsys, chemists):
    workstation(tmp_path, monkeypatch, "saved", None).close()
    for secret in (chemists["alice"] + " password=s3cret", "postgresql://alice:s3cret@labserver/dzp"):
        with pytest.raises(UserInputError, match=r"never stores one.*pgpass"):
            connection.save_dsn(secret)
    assert not connection.connection_file().exists()  # refused before a byte was written
    code, said = lab(capsys, "sync")
    assert code == 2 and "File ▸ Lab server" in said  # no lab yet: the message says where to choose one
    connection.save_dsn(chemists["alice"])
    assert lab(capsys, "sync")[0] == 0  # no --dsn, no DZP_PLANNER_LAB: the saved one
    written = b"".join(p.read_bytes() for p in paths.data_home().rglob("*") if p.is_file())
    assert b"s3cret" not in written and b"password" not in written.lower()


def test_the_lab_k2_k1_of_both_chemists_is_offered_to_a_third_plan(tmp_path, monkeypatch, capsys, chemists):
    for role, equivs in (("alice", (0.5, 1.0)), ("bob", (1.5,))):
        library = workstation(tmp_path, monkeypatch, f"pool-{role}", chemists[role])
        library.save(_boc_plan(equivs))
        assert lab(capsys, "sync")[0] == 0
        library.close()
    third = workstation(tmp_path, monkeypatch, "pool-third", chemists["alice"])
    fresh = templates.plan_from_template("mono-boc-protection")
    lookup = lab_measured.lab_measured_for
    assert start_from_measured(fresh, {}, lookup) == {}  # never synced: nothing to offer
    assert lab(capsys, "sync")[0] == 0
    model = start_from_measured(fresh, {}, lookup)["model"]
    assert model.k2_k1_source == "measured" and model.k2_k1 == pytest.approx(0.4, abs=2e-3)  # the closed form's r
    assert model.k2_k1_note.startswith("measured by the lab: 3 runs in 2 plans by 2 chemists")
    salt = templates.plan_from_template("mono-boc-protection")
    salt.substrate_smiles = "C1CNCCNC1.Cl.Cl"  # the 2HCl salt is the same free base: the same pair
    assert lookup(salt.substrate_smiles, "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C", "boc-protection") is not None
    assert lookup("CN1CCCNCC1", "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C", "boc-protection") is None  # 1-methyl: another pair
    third.close()
    monkeypatch.delenv("DZP_PLANNER_LAB")
    assert lookup("C1CNCCNC1", "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C", "boc-protection") is None  # no lab: not quoted


def _conflict(tmp_path, monkeypatch, capsys, chemists, name: str):
    """Alice and bob edit the same plan offline; bob syncs second: the plan is bob's conflict."""
    alice = workstation(tmp_path, monkeypatch, f"{name}-alice", chemists["alice"])
    plan = templates.plan_from_template("sulfonylation")
    alice.save(plan)
    assert lab(capsys, "sync")[0] == 0
    alice.close()
    bob = workstation(tmp_path, monkeypatch, f"{name}-bob", chemists["bob"])
    assert lab(capsys, "sync")[1]["pulled"] >= 1
    mine = bob.load(plan.plan_id)
    mine.notes = "bob: 0 °C, DMAP"
    bob.save(mine)
    bob.close()
    alice = workstation(tmp_path, monkeypatch, f"{name}-alice", chemists["alice"])
    theirs = alice.load(plan.plan_id)
    theirs.title = "Sulfonamide, alice's"
    alice.save(theirs)
    assert lab(capsys, "sync")[1]["pushed"] == 1
    alice.close()
    bob = workstation(tmp_path, monkeypatch, f"{name}-bob", chemists["bob"])
    assert [c["plan_id"] for c in lab(capsys, "sync")[1]["conflicts"]] == [plan.plan_id]
    return bob, plan.plan_id


def test_keep_mine_after_comparing(tmp_path, monkeypatch, capsys, chemists):
    bob, plan_id = _conflict(tmp_path, monkeypatch, capsys, chemists, "mine")
    server = LabServer(chemists["bob"])
    try:
        assert sync.conflicts() == [plan_id]
        differences = {what: (mine, theirs) for what, mine, theirs in sync.compare(server, bob, plan_id)}
        assert set(differences) == {"title", "notes"}
        assert differences["title"][1] == "Sulfonamide, alice's" and "bob: 0 °C" in differences["notes"][0]
        revision = sync.resolve(server, bob, plan_id, "mine")
        assert revision == 4 and sync.conflicts() == []  # 1 alice, 2 alice, 3 bob's conflict, 4 bob over 2
        head, _ = server.pull(plan_id)
        assert head.notes == "bob: 0 °C, DMAP" and head.title != "Sulfonamide, alice's"
        assert [r["user"] for r in server.history(plan_id)] == ["alice", "alice", "bob", "bob"]  # alice's kept
        assert sync.revision_labels()[plan_id] == "r4 · bob"
    finally:
        server.close()
        bob.close()
    assert lab(capsys, "sync")[1] == {"pushed": 0, "pulled": 0, "conflicts": []}


def test_take_theirs(tmp_path, monkeypatch, capsys, chemists):
    bob, plan_id = _conflict(tmp_path, monkeypatch, capsys, chemists, "theirs")
    server = LabServer(chemists["bob"])
    try:
        assert sync.resolve(server, bob, plan_id, "theirs") == 2
        assert bob.load(plan_id).title == "Sulfonamide, alice's" and sync.conflicts() == []
        assert sync.revision_labels()[plan_id] == "r2 · alice"
        with pytest.raises(UserInputError, match="no conflict"):
            sync.resolve(server, bob, plan_id, "theirs")
    finally:
        server.close()
        bob.close()
    assert lab(capsys, "sync")[1] == {"pushed": 0, "pulled": 0, "conflicts": []}


def test_a_cancelled_sync_carries_on_next_time(tmp_path, monkeypatch, chemists):
    library = workstation(tmp_path, monkeypatch, "cancel", chemists["alice"])
    plans = [templates.plan_from_template(t) for t in ("acylation", "urea", "snar")]
    for plan in plans:
        library.save(plan)
    server = LabServer(chemists["alice"])
    try:
        seen: list[tuple[int, int]] = []
        first = sync.sync(server, library, lambda done, total: seen.append((done, total)) or False)
        assert first["pushed"] == 1 and len(seen) == 1 and seen[0][0] == 1 and seen[0][1] >= 3  # stopped after one
        assert sync.sync(server, library)["pushed"] == 2
        assert all(len(server.history(p.plan_id)) == 1 for p in plans)  # each pushed once
    finally:
        server.close()
        library.close()

