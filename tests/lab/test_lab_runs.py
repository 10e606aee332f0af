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
