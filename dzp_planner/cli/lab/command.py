"""`dzp-planner lab init|add-chemist|push|pull|sync|history|measured`: the lab's shared library on PostgreSQL.

The DSN is libpq's (a URI, "host=… dbname=…" or "service=NAME"); without --dsn it comes from
DZP_PLANNER_LAB, else the one saved in File ▸ Lab server… (core/io/lab/connection.py). Each workstation's
local library (DZP_PLANNER_HOME) stays its working copy; the revision a plan was last synced at is kept
beside it (lab-state.json) and travels with every push.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from dzp_planner.core.errors import UserInputError

HELP = "The lab's shared library on a PostgreSQL server: create it, add chemists, push, pull and sync plans and runs."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    init = sub.add_parser("init", help="create or upgrade the lab schema (idempotent)")
    init.add_argument("dsn")
    chemist = sub.add_parser("add-chemist", help="a login role in the lab's chemist (or reviewer) group")
    chemist.add_argument("role")
    chemist.add_argument("--reviewer", action="store_true")
    chemist.add_argument("--dsn", help="an administrator's connection")
    push = sub.add_parser("push", help="a plan file to the server as a new revision")
    push.add_argument("plan", type=Path)
    push.add_argument("--dsn")
    pull = sub.add_parser("pull", help="a plan's head revision into a file")
    pull.add_argument("plan_id")
    pull.add_argument("out", type=Path)
    pull.add_argument("--dsn")
    sync = sub.add_parser("sync", help="push what changed in the local library, pull what changed on the server")
    sync.add_argument("--dsn")
    history = sub.add_parser("history", help="a plan's revisions: who, when")
    history.add_argument("plan_id")
    history.add_argument("--dsn")
    measured = sub.add_parser("measured", help="the lab's pooled k2/k1 for a substrate, electrophile and reaction")
    measured.add_argument("substrate")
    measured.add_argument("electrophile")
    measured.add_argument("--reaction", required=True)
    measured.add_argument("--dsn")


def run(args: argparse.Namespace) -> dict[str, Any]:
    try:
        from dzp_planner.core.io.lab import server as lab
    except ModuleNotFoundError as exc:
        raise UserInputError(f"the lab server needs the 'lab' extra (pip install 'dzp-planner[lab]'): {exc.name} is missing") from None
    from dzp_planner.core.io.lab.connection import resolve_dsn

    dsn = resolve_dsn(args.dsn)
    connection = lab.LabServer(dsn)
    try:
        return _act(args, connection)
    finally:
        connection.close()


def _act(args: argparse.Namespace, server: Any) -> dict[str, Any]:
    from dzp_planner.core.io import storage
    from dzp_planner.core.io.lab import sync

    if args.action == "init":
        return {"schema": server.init()}
    if args.action == "add-chemist":
        return {"role": server.add_chemist(args.role, args.reviewer)}
    if args.action == "push":
        plan = storage.load_plan(args.plan)
        state = sync.load_state()
        pushed = server.push(plan, int(state.get(plan.plan_id, {}).get("revision", 0)), f"pushed from {args.plan.name}")
        if not pushed.conflict:
            state[plan.plan_id] = {"revision": pushed.revision, "hash": ""}  # a file, not the library: the library syncs itself
            sync.save_state(state)
        return {"plan_id": pushed.plan_id, "revision": pushed.revision, "conflict": pushed.conflict}
    if args.action == "pull":
        from dzp_planner.core.io.safe_write import output_path

        out = output_path(args.out, suffix=".dzp")
        plan, revision = server.pull(args.plan_id)
        storage.save_plan(plan, out)
        state = sync.load_state()
        state[plan.plan_id] = {"revision": revision, "hash": ""}
        sync.save_state(state)
        return {"path": str(out.resolve()), "revision": revision}
    if args.action == "sync":
        from dzp_planner.core.io.library import PlanLibrary

        library = PlanLibrary()
        try:
            synced = sync.sync(server, library)
            return {key: synced[key] for key in sync.CONTRACT_KEYS}
        finally:
            library.close()
    if args.action == "history":
        return {"revisions": [{k: r[k] for k in ("revision", "user", "time", "summary")} for r in server.history(args.plan_id)]}
    return server.measured(args.substrate, args.electrophile, args.reaction).as_dict()
