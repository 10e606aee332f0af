"""Offline-first sync between this workstation's library and the lab server.

The local library stays the working copy. A plan whose content differs from what was last pushed or
pulled is waiting (the outbox is that difference, so nothing is queued twice); sync pushes each one based
on the revision it was last synced at, then pulls every plan the server has newer and the workstation has
not changed. The state (plan id → revision, content hash, conflict) is written atomically every half
second and when the sync ends, however it ends, and the server recognises a change pushed again (the same
base, author and content: the revision it made), so a connection lost or a server killed mid-sync loses
and duplicates nothing: the next sync carries on. (A workstation killed outright within that half second
and then edited before its next sync pushes the edit on the older base: a conflict with its own revision,
shown like any other, nothing lost.)
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dzp_planner import paths
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.io.safe_write import atomic_write_bytes

if TYPE_CHECKING:
    from dzp_planner.core.document.plan import Plan
    from dzp_planner.core.io.lab.server import LabServer
    from dzp_planner.core.io.stores import PlanStore as PlanLibrary


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


def plan_hash(plan: Plan) -> str:
    """The plan's content (saving stamps the time: not a change of the plan)."""
    import dataclasses

    from dzp_planner.core.io import plan_format

    return hashlib.sha256(plan_format.dumps(dataclasses.replace(plan, modified=""))).hexdigest()


def content_hash(library: PlanLibrary, plan_id: str) -> str:
    return plan_hash(library.load(plan_id))


def _outbox(library: PlanLibrary, state: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The plans changed since they were last synced, each with the digest of its stored bytes (kept in the state
    when it is pushed). Only plans whose stored bytes changed since the state last saw them are read (a save that
    changed nothing but the time is recorded as seen); the rest of a large library costs one hash of its bytes each."""
    changed: dict[str, str] = {}
    for plan_id, stored in library.stored_digests().items():
        known = state.get(plan_id)
        if known is not None and known.get("stored") == stored:
            continue
        if known is not None and known.get("hash") == content_hash(library, plan_id):
            known["stored"] = stored  # saved again unchanged: not waiting
            continue
        changed[plan_id] = stored
    return changed


def waiting(library: PlanLibrary) -> list[str]:
    """The plans changed since they were last synced (the outbox)."""
    state = load_state()
    before = json.dumps(state, sort_keys=True)
    outbox = _outbox(library, state)
    if json.dumps(state, sort_keys=True) != before:
        save_state(state)
    return list(outbox)


class _StateWriter:
    """Writes the sync state at most every half second (and at the end, whatever happens): a sync cut off
    between two writes redoes at most those plans, which the server answers with the revisions they made."""

    def __init__(self, state: dict[str, dict[str, Any]]) -> None:
        self.state, self._written = state, time.monotonic()

    def changed(self) -> None:
        if time.monotonic() - self._written >= 0.5:
            self.flush()

    def flush(self) -> None:
        save_state(self.state)
        self._written = time.monotonic()


def sync(server: LabServer, library: PlanLibrary, progress: Callable[[int, int], bool] | None = None) -> dict[str, Any]:
    """Push what waits here, pull what is newer there, and refresh the lab's k2/k1 on this workstation.

    `progress(done, total)` is told after each plan; returning False stops the sync there (Cancel): what is
    done is kept in the state, and the next sync carries on from it.
    """
    state = load_state()
    writer = _StateWriter(state)
    try:
        return _sync(server, library, progress, state, writer)
    finally:
        writer.flush()


def _sync(server: LabServer, library: PlanLibrary, progress: Callable[[int, int], bool] | None,
          state: dict[str, dict[str, Any]], writer: _StateWriter) -> dict[str, Any]:
    pushed = 0
    pulled: list[str] = []
    outbox = _outbox(library, state)
    heads = server.heads()
    inbox = [p for p, (head, _) in sorted(heads.items()) if _newer_there(state.get(p), head)]
    total, done = len(outbox) + len(inbox), 0
    for plan_id, stored in outbox.items():  # digests read before the loads: a save in between is seen next time
        known = state.get(plan_id, {})
        base = int(known.get("revision", 0))
        plan = library.load(plan_id)
        result = server.push(plan, base, "synced from a workstation")
        digest = plan_hash(plan)
        if result.conflict:
            state[plan_id] = {**known, "revision": base, "hash": digest, "conflict": result.revision, "stored": stored}
        else:
            state[plan_id] = {"revision": result.revision, "hash": digest, "author": server.user, "stored": stored}
            pushed += 1
        writer.changed()
        done += 1
        if progress is not None and not progress(done, total):
            return _summary(pushed, pulled, state, heads, cancelled=True)
    for plan_id in inbox:
        seen = state.get(plan_id)
        if not _newer_there(seen, heads[plan_id][0]):
            continue  # pushed above and met the newer head: a conflict, never pulled over the chemist's change
        if seen is not None and library.contains(plan_id) and seen.get("hash") != content_hash(library, plan_id):
            continue  # changed here since (while this sync ran): the next sync pushes it
        plan, revision = server.pull(plan_id)
        stored = library.save(plan)
        state[plan_id] = {"revision": revision, "hash": plan_hash(plan), "author": heads[plan_id][1], "stored": stored}
        writer.changed()
        pulled.append(plan_id)
        done += 1
        if progress is not None and not progress(done, total):
            return _summary(pushed, pulled, state, heads, cancelled=True)
    if not refresh_lab_measured(server, progress):
        return _summary(pushed, pulled, state, heads, cancelled=True)
    return _summary(pushed, pulled, state, heads)


def refresh_lab_measured(server: LabServer, progress: Callable[[int, int], bool] | None = None) -> bool:
    """Keep the lab's pooled k2/k1 of every pair on this workstation, refitting only the pairs whose runs changed
    on the server since the last sync (a lab of 200 pairs and 100,000 runs refits one or two, not all). Pairs are
    fitted a few at a time with `progress(done, total)` between; False stops there (what is fitted is kept, the
    rest is fitted by the next sync). Returns False when stopped."""
    import dataclasses
    from datetime import date

    from dzp_planner.core.io.lab import lab_measured

    fingerprints = server.pair_fingerprints()
    before, seen = lab_measured.cached(), lab_measured.cached_fingerprints()
    stale = sorted(key for key, value in fingerprints.items() if seen.get(key) != value)
    if not stale and set(seen) == set(fingerprints):
        return True
    today = date.today().isoformat()
    pairs = {key: dataclasses.replace(before[key], synced=today) for key in fingerprints if key not in stale and key in before}
    settled = {key: value for key, value in fingerprints.items() if key not in stale}
    fitted = 0
    while fitted < len(stale):
        chunk = stale[fitted:fitted + _PAIRS_PER_STEP]
        pairs.update({(p.substrate_key, p.electrophile_key, p.reaction): p for p in server.measured_pairs(set(chunk))})
        settled.update({key: fingerprints[key] for key in chunk})
        fitted += len(chunk)
        if progress is not None and not progress(fitted, len(stale)) and fitted < len(stale):
            break
    for key in stale[fitted:]:  # stopped: the pairs not refitted keep their last value, and stay stale for the next sync
        if key in before:
            pairs[key] = before[key]
        if key in seen:
            settled[key] = seen[key]
    lab_measured.save([pairs[key] for key in sorted(pairs)], settled)
    return fitted == len(stale)


_PAIRS_PER_STEP = 8  # a fit of 500 runs takes ~0.25 s: Cancel answers within about two seconds


def _newer_there(seen: dict[str, Any] | None, head: int) -> bool:
    return seen is None or (head > seen["revision"] and not seen.get("conflict"))


def _summary(pushed: int, pulled: list[str], state: dict[str, dict[str, Any]], heads: dict[str, tuple[int, str]],
             cancelled: bool = False) -> dict[str, Any]:
    """The contract's keys (`lab sync`: pushed, pulled, conflicts), and for the window which plans were pulled
    (the open one may have changed on the server) and whether the chemist stopped it (CONTRACT_KEYS keeps them out)."""
    conflicts = [{"plan_id": plan_id, "local_revision": int(known["conflict"]),
                  "server_revision": heads[plan_id][0] if plan_id in heads else known["revision"]}
                 for plan_id, known in sorted(state.items()) if known.get("conflict")]
    return {"pushed": pushed, "pulled": len(pulled), "conflicts": conflicts, "pulled_ids": pulled, "cancelled": cancelled}


CONTRACT_KEYS = ("pushed", "pulled", "conflicts")


def conflicts() -> list[str]:
    """The plans whose last push met a newer revision on the server (from the state: no server needed)."""
    return sorted(plan_id for plan_id, known in load_state().items() if known.get("conflict"))


def revision_labels() -> dict[str, str]:
    """For the library's Lab column: the revision each plan was last synced at and who wrote it ("r4 · bob"),
    or its conflict ("conflict: mine is r3, made from r1"). Plans never synced have none."""
    labels = {}
    for plan_id, known in load_state().items():
        if known.get("conflict"):
            labels[plan_id] = f"conflict: mine is r{known['conflict']}, made from r{known['revision']}"
        else:
            author = str(known.get("author", ""))
            labels[plan_id] = f"r{known['revision']}" + (f" · {author}" if author else "")
    return labels


def compare(server: LabServer, library: PlanLibrary, plan_id: str) -> list[tuple[str, str, str]]:
    """(what, mine, theirs) for each part of a conflicting plan that differs from the server's head."""
    from dzp_planner.core.io import plan_format

    mine = json.loads(plan_format.dumps(library.load(plan_id)))
    theirs_plan, _ = server.pull(plan_id)
    theirs = json.loads(plan_format.dumps(theirs_plan))
    differences = []
    for key in sorted(set(mine) | set(theirs)):
        if key in {"modified", "format", "format_version"} or mine.get(key) == theirs.get(key):
            continue
        differences.append((key, _shown(mine.get(key)), _shown(theirs.get(key))))
    return differences


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, indent=1, ensure_ascii=False, sort_keys=True)


def resolve(server: LabServer, library: PlanLibrary, plan_id: str, keep: str) -> int:
    """End a conflict: "mine" pushes this workstation's plan over the server's head (a new revision, nothing
    of theirs lost: their revision stays in the history); "theirs" takes the head into the library (mine
    stays on the server as the conflicting revision). The revision the plan is now at."""
    state = load_state()
    if not state.get(plan_id, {}).get("conflict"):
        raise UserInputError(f"plan {plan_id} has no conflict to resolve")
    if keep not in {"mine", "theirs"}:
        raise UserInputError(f"keep {keep!r}: expected mine or theirs")
    head, author = server.heads()[plan_id]
    if keep == "mine":
        result = server.push(library.load(plan_id), head, "conflict resolved: kept the workstation's change")
        if result.conflict:  # the head moved again meanwhile: still a conflict, against the newer head
            state[plan_id] = {**state[plan_id], "conflict": result.revision}
            save_state(state)
            raise UserInputError(f"plan {plan_id} changed on the server again meanwhile: compare once more")
        revision, author = result.revision, server.user
    else:
        plan, revision = server.pull(plan_id)
        library.save(plan)
    state[plan_id] = {"revision": revision, "hash": content_hash(library, plan_id), "author": author}
    save_state(state)
    return revision
