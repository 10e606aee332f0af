"""Offline-first sync between this workstation's library and the lab server.

The local library stays the working copy. A plan whose content differs from what was last pushed or
pulled is waiting (the outbox is that difference, so nothing is queued twice); sync pushes each one based
on the revision it was last synced at, then pulls every plan the server has newer and the workstation has
not changed. The state (plan id → revision, content hash, conflict) is written atomically after every
plan, and the server recognises a change pushed again, so a connection lost or a server killed mid-sync
loses and duplicates nothing: the next sync carries on.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dzp_planner import paths
from dzp_planner.core.io.safe_write import atomic_write_bytes

if TYPE_CHECKING:
    from dzp_planner.core.io.lab.server import LabServer
    from dzp_planner.core.io.library import PlanLibrary


def state_path() -> Path:
    return paths.data_home() / "lab-state.json"


def load_state() -> dict[str, dict[str, Any]]:
    try:
        raw = json.loads(state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    plans = raw.get("plans", {}) if isinstance(raw, dict) else {}
    return {str(k): v for k, v in plans.items() if isinstance(v, dict) and isinstance(v.get("revision"), int)}


def save_state(state: dict[str, dict[str, Any]]) -> None:
    atomic_write_bytes(state_path(), json.dumps({"plans": state}, indent=1, sort_keys=True).encode("utf-8"))


def content_hash(library: PlanLibrary, plan_id: str) -> str:
    from dzp_planner.core.io import plan_format

    plan = library.load(plan_id)
    plan.modified = ""  # saving stamps the time: not a change of the plan
    return hashlib.sha256(plan_format.dumps(plan)).hexdigest()


def waiting(library: PlanLibrary) -> list[str]:
    """The plans changed since they were last synced (the outbox)."""
    state = load_state()
    return [e.plan_id for e in library.entries(thumbnails=False)
            if state.get(e.plan_id, {}).get("hash") != content_hash(library, e.plan_id)]


def sync(server: LabServer, library: PlanLibrary) -> dict[str, Any]:
    state = load_state()
    pushed = pulled = 0
    conflicts: list[dict[str, Any]] = []
    for plan_id in waiting(library):
        known = state.get(plan_id, {})
        base = int(known.get("revision", 0))
        result = server.push(library.load(plan_id), base, "synced from a workstation")
        digest = content_hash(library, plan_id)
        if result.conflict:
            state[plan_id] = {"revision": base, "hash": digest, "conflict": result.revision}
        else:
            state[plan_id] = {"revision": result.revision, "hash": digest}
            pushed += 1
        save_state(state)
    heads = server.heads()
    local = {e.plan_id for e in library.entries(thumbnails=False)}
    for plan_id, head in sorted(heads.items()):
        seen = state.get(plan_id)
        if seen is not None and (head <= seen["revision"] or seen.get("conflict")):
            continue
        if plan_id in local and seen is not None and seen.get("hash") != content_hash(library, plan_id):
            continue  # changed here and there: pushed above as a conflict
        plan, revision = server.pull(plan_id)
        library.save(plan)
        state[plan_id] = {"revision": revision, "hash": content_hash(library, plan_id)}
        save_state(state)
        pulled += 1
    for plan_id, known in sorted(state.items()):
        if known.get("conflict"):
            conflicts.append({"plan_id": plan_id, "local_revision": int(known["conflict"]),
                              "server_revision": heads.get(plan_id, known["revision"])})
    return {"pushed": pushed, "pulled": pulled, "conflicts": conflicts}
