"""Runs on the lab server are append-only (issue 28): what a plan corrects or removes is superseded, never rewritten.

A database of its own (tests/pg_cluster.py gives each module one), so the pair's pooled runs are this test's alone.
"""

from __future__ import annotations

import pytest
from tests.closed_form import exact_point
from tests.lab.lab_helpers import workstation

from dzp_planner.core.document.plan import TrialRun
from dzp_planner.core.guidance import templates
from dzp_planner.core.io.lab import sync
from dzp_planner.core.io.lab.server import LabServer


def _boc_plan(equivs: tuple[float, ...], r: float):
    plan = templates.plan_from_template("mono-boc-protection")
    plan.results = [TrialRun(equiv=e, sm=100 * s, mono=100 * m, bis=100 * b, atmosphere="N2")
                    for e in equivs for s, m, b in [exact_point(e, r)]]
    return plan


def test_a_corrected_or_removed_run_is_superseded_not_counted_twice(tmp_path, monkeypatch, chemists):
    """Runs are append-only on the server: the plan's corrections supersede the old records, and the lab's
    fit counts what the plan now says (exact data from k2/k1 = 0.25 after the correction)."""
    library = workstation(tmp_path, monkeypatch, "supersede", chemists["alice"])
    plan = _boc_plan((0.5, 1.0, 1.5), 0.25)
    plan.substrate_smiles = "C1CNCCNC1.Cl.Cl"  # the 2HCl salt: the free base's pair
    typo = TrialRun(equiv=1.0, sm=10.0, mono=10.0, bis=80.0, atmosphere="N2")  # a mistyped run, corrected below
    plan.results[1] = typo
    server = LabServer(chemists["alice"])
    boc2o = "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C"
    try:
        library.save(plan)
        sync.sync(server, library)
        assert server.measured("C1CNCCNC1", boc2o, "boc-protection").runs == 3
        s, m, b = exact_point(1.0, 0.25)
        plan.results[1] = TrialRun(equiv=1.0, sm=100 * s, mono=100 * m, bis=100 * b, atmosphere="N2")  # corrected
        del plan.results[2]  # and one removed
        library.save(plan)
        sync.sync(server, library)
        measured = server.measured("C1CNCCNC1", boc2o, "boc-protection")
        assert (measured.runs, measured.plans) == (2, 1) and measured.k2_k1 == pytest.approx(0.25, abs=2e-3)
        rows = server._run(lambda c: c.exec_driver_sql(
            "SELECT count(*), count(supersedes) FROM dzp_runs WHERE plan_id = %(p)s", {"p": plan.plan_id}).one())
        assert tuple(rows) == (5, 2)  # nothing rewritten: 3 first records, the correction and a retraction
    finally:
        server.close()
        library.close()


def test_a_sync_refits_only_the_pairs_whose_runs_changed_and_keeps_the_others(tmp_path, monkeypatch, chemists):
    """Two pairs (Boc2O and tosyl chloride on the diazepane); after a run is added to one, the next sync asks
    the server to fit that pair alone, and the workstation still has both (the other's value unchanged).
    A damaged cache forgets its fingerprints: everything is refitted."""
    from dzp_planner.core.chem.identity import inchikey
    from dzp_planner.core.io.lab import lab_measured

    library = workstation(tmp_path, monkeypatch, "refit", chemists["bob"])
    boc = _boc_plan((0.4, 0.8, 1.2), 0.3)
    tosyl = templates.plan_from_template("sulfonylation")  # tosyl chloride on the parent diamine
    tosyl.substrate_smiles = "C1CNCCNC1"
    tosyl.results = _boc_plan((0.5, 1.0), 0.6).results
    server = LabServer(chemists["bob"])
    asked: list[set] = []
    real = server.measured_pairs
    monkeypatch.setattr(server, "measured_pairs", lambda only=None: asked.append(set(only or ())) or real(only))
    keys = {(inchikey("C1CNCCNC1"), inchikey("CC(C)(C)OC(=O)OC(=O)OC(C)(C)C"), "boc-protection"),
            (inchikey("C1CNCCNC1"), inchikey("Cc1ccc(S(=O)(=O)Cl)cc1"), "sulfonylation")}
    try:
        library.save(boc)
        library.save(tosyl)
        sync.sync(server, library)
        assert set().union(*asked) >= keys and set(lab_measured.cached()) >= keys
        before = lab_measured.cached()
        asked.clear()
        s, m, b = exact_point(1.6, 0.3)
        boc.results.append(TrialRun(equiv=1.6, sm=100 * s, mono=100 * m, bis=100 * b, atmosphere="N2"))
        library.save(boc)
        sync.sync(server, library)
        boc_key = next(k for k in keys if k[2] == "boc-protection")
        other = next(k for k in keys if k[2] == "sulfonylation")
        assert boc_key in set().union(*asked) and other not in set().union(*asked)
        after = lab_measured.cached()
        assert after[boc_key].runs == before[boc_key].runs + 1 and after[other].k2_k1 == before[other].k2_k1
        asked.clear()
        sync.sync(server, library)
        assert set().union(*asked) == set()  # nothing changed: nothing fitted
        monkeypatch.setattr(sync, "_PAIRS_PER_STEP", 1)
        for plan in (boc, tosyl):  # a run more in each pair, pushed by another workstation
            s, m, b = exact_point(1.4, 0.3)
            plan.results.append(TrialRun(equiv=1.4, sm=100 * s, mono=100 * m, bis=100 * b, atmosphere="N2"))
            server.push(plan, server.heads()[plan.plan_id][0])
        before, stops = lab_measured.cached(), []
        asked.clear()
        assert not sync.refresh_lab_measured(server, lambda done, total: stops.append((done, total)) and False)
        assert stops == [(1, 2)] and len(set().union(*asked)) == 1  # Cancel after the first pair
        first = next(iter(set().union(*asked)))
        second = next(k for k in keys if k != first)
        kept = lab_measured.cached()
        assert kept[first].runs == before[first].runs + 1 and kept[second] == before[second]  # not lost, not refitted
        asked.clear()
        assert sync.refresh_lab_measured(server)
        assert set().union(*asked) == {second} and lab_measured.cached()[second].runs == before[second].runs + 1
        damaged = lab_measured.cache_path().read_text().replace('"k2_k1": ', '"k2_k1": -', 1)  # one pair now invalid
        lab_measured.cache_path().write_text(damaged)
        sync.sync(server, library)
        assert set().union(*asked) >= keys
    finally:
        server.close()
        library.close()


def test_a_synced_plan_is_not_read_again_by_the_next_sync(tmp_path, monkeypatch, chemists):
    """The outbox of a large library reads only plans saved since the last sync: one that was pushed, pulled or
    left alone is known by its stored bytes' digest (10,000 plans must not be parsed at every sync)."""
    library = workstation(tmp_path, monkeypatch, "outbox", chemists["alice"])
    plans = [_boc_plan((0.5,), 0.3) for _ in range(3)]
    server = LabServer(chemists["alice"])
    try:
        for plan in plans:
            library.save(plan)
        sync.sync(server, library)
        loaded: list[str] = []
        real = library.load
        monkeypatch.setattr(library, "load", lambda plan_id: loaded.append(plan_id) or real(plan_id))
        assert sync.waiting(library) == [] and loaded == []
        plans[1].notes = "changed"
        library.save(plans[1])
        assert sync.waiting(library) == [plans[1].plan_id]
    finally:
        server.close()
        library.close()
