"""The lab server at a lab's scale (issue 28): 10,000 plans and 100,000 runs on a real PostgreSQL.

Starts a throwaway cluster (tests/pg_cluster.py: initdb in a temporary folder, a Unix socket only), loads
10,000 plans (one revision each) and 100,000 runs over 200 substrate–electrophile pairs by SQL, then times
on one workstation: the first sync (pulls every plan), a sync of 1,000 changed plans (repeated), the pooled
k2/k1 of one pair on the server (500 runs), the fit of every pair a sync keeps on the workstation, and the
workstation's offline lookup. Prints medians; never fails on time.

    .venv/bin/python bench/bench_lab.py [repeats] [scale]
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.closed_form import exact_point
from tests.pg_cluster import new_cluster

SCALE = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0  # a smaller lab for profiling: bench_lab.py 1 0.1
PLANS, RUNS, PAIRS = int(10_000 * SCALE), int(100_000 * SCALE), max(2, int(200 * SCALE))
CHANGES = min(1000, PLANS)
BOC2O = "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C"


def timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def load(dsn: str) -> None:
    """10,000 plans and 100,000 runs, written as the app writes them: each plan's JSON carries its ten runs, and each
    run is a record under the UUID a push derives from the plan and the run (so a later push of the plan adds none)."""
    import dataclasses

    import psycopg

    from dzp_planner.core.chem.identity import inchikey
    from dzp_planner.core.document.plan import TrialRun, new_plan_id
    from dzp_planner.core.guidance.templates import plan_from_template
    from dzp_planner.core.io import plan_format
    from dzp_planner.core.io.lab.server import RUN_NAMESPACE

    template = plan_from_template("mono-boc-protection")
    hot = (inchikey("C1CNCCNC1"), inchikey(BOC2O), "boc-protection")  # the pair the lookup asks for
    pairs = [hot] + [(f"SUBSTRATE{i:04d}-FAKEKEY", f"ELECTROPHILE{i:04d}-FAKEKEY", "acylation") for i in range(PAIRS - 1)]
    per_plan = RUNS // PLANS
    with psycopg.connect(dsn, autocommit=False) as db, db.cursor() as cursor:
        plans, revisions, runs = [], [], []
        for i in range(PLANS):
            plan_id = new_plan_id()
            key = pairs[i % PAIRS]
            template.plan_id, template.title, template.results = plan_id, f"Lab plan {i}", []
            for j in range(per_plan):
                equiv = 0.2 + 1.6 * ((i // PAIRS * per_plan + j) % 50) / 49
                sm, mono, bis = exact_point(equiv, 0.4)
                template.results.append(TrialRun(equiv=equiv, sm=100 * sm, mono=100 * mono, bis=100 * bis, atmosphere="N2"))
            for run in template.results:
                record = dataclasses.asdict(run)
                run_id = uuid.uuid5(RUN_NAMESPACE, plan_id + json.dumps(record, sort_keys=True))
                runs.append((str(run_id), plan_id, "alice" if i % 3 else "bob", *key, json.dumps(record)))
            plans.append((plan_id, "alice", template.title, template.substrate_smiles, template.reaction_type, 1))
            revisions.append((plan_id, 1, 0, "alice", "loaded", plan_format.dumps(template).decode("utf-8")))
        cursor.executemany("INSERT INTO dzp_plans (plan_id, owner, title, substrate, reaction, head) VALUES (%s, %s, %s, %s, %s, %s)", plans)
        with cursor.copy("COPY dzp_revisions (plan_id, revision, base_revision, author, summary, data) FROM STDIN") as copy:
            for row in revisions:
                copy.write_row(row)
        with cursor.copy("COPY dzp_runs (run_id, plan_id, author, substrate_key, electrophile_key, reaction, data) FROM STDIN") as copy:
            for row in runs:
                copy.write_row(row)
        db.commit()


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    folder, cluster = new_cluster("dzp-pg-bench-")
    home = Path(tempfile.mkdtemp(prefix="dzp-bench-home-"))
    os.environ["DZP_PLANNER_HOME"] = str(home)
    try:
        import psycopg

        with psycopg.connect(cluster.dsn("dzp_admin", "postgres"), autocommit=True) as admin:
            admin.execute("CREATE DATABASE dzp")
        from dzp_planner.core.io.lab import lab_measured, sync
        from dzp_planner.core.io.lab.server import LabServer
        from dzp_planner.core.io.library import PlanLibrary

        admin_server = LabServer(cluster.dsn("dzp_admin", "dzp"))
        admin_server.init()
        admin_server.add_chemist("alice")
        admin_server.add_chemist("bob")
        admin_server.close()
        seconds, _ = timed(lambda: load(cluster.dsn("dzp_admin", "dzp")))
        print(f"loaded {PLANS} plans and {RUNS} runs over {PAIRS} pairs in {seconds:.1f} s")
        os.environ["DZP_PLANNER_LAB"] = cluster.dsn("alice", "dzp")
        server = LabServer(cluster.dsn("alice", "dzp"))
        library = PlanLibrary(home / "library.sqlite")
        seconds, first = timed(lambda: sync.sync(server, library))
        print(f"first sync (pulls every plan): {seconds:.1f} s, pulled {first['pulled']}")  # type: ignore[index]
        syncs = []
        ids = [e.plan_id for e in library.entries(thumbnails=False)][:CHANGES]
        for rep in range(repeats):
            for plan_id in ids:
                plan = library.load(plan_id)
                plan.notes = f"changed offline, pass {rep}"
                library.save(plan)
            if os.environ.get("DZP_BENCH_PROFILE"):
                import cProfile
                import pstats

                profile = cProfile.Profile()
                seconds, result = timed(partial(profile.runcall, sync.sync, server, library))
                pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
            else:
                seconds, result = timed(lambda: sync.sync(server, library))
            assert result["pushed"] == CHANGES, result  # type: ignore[index]
            syncs.append(seconds)
        print(f"sync of {CHANGES} changed plans: median {statistics.median(syncs):.1f} s (range {min(syncs):.1f}-{max(syncs):.1f})")
        cold, measured = timed(lambda: server.measured("C1CNCCNC1", BOC2O, "boc-protection"))
        lookups = [timed(lambda: server.measured("C1CNCCNC1", BOC2O, "boc-protection"))[0] for _ in range(max(5, repeats))]
        print(f"pooled k2/k1 of one pair on the server ({measured.runs} runs): first {1000 * cold:.0f} ms, then median "
              f"{1000 * statistics.median(lookups):.0f} ms (the fit is cached) -> {measured.k2_k1:.3f}")
        pairs = [timed(server.measured_pairs)[0] for _ in range(repeats)]
        print(f"fit of every pair ({RUNS} runs; a new workstation's first sync): median {statistics.median(pairs):.1f} s")
        unchanged = [timed(lambda: sync.refresh_lab_measured(server))[0] for _ in range(repeats)]
        print(f"a sync's refresh of the lab's k2/k1 when no run changed: median {1000 * statistics.median(unchanged):.0f} ms")
        offline = [timed(lambda: lab_measured.lab_measured_for("C1CNCCNC1", BOC2O, "boc-protection"))[0] for _ in range(50)]
        print(f"offline lookup on the workstation: median {1000 * statistics.median(offline):.2f} ms")
        server.close()
        library.close()
    finally:
        cluster.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
