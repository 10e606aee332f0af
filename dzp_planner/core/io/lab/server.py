"""The lab server: a PostgreSQL database the workstations share (psycopg 3 under SQLAlchemy Core).

Why these rules: a save on the server adds a revision and never overwrites (`dzp_push` numbers it and marks
a change based on an older revision as a conflict, kept beside the head); a run is an append-only record
keyed by a UUID the client derives from the plan and the run, so pushing it twice stores it once; the
lab's k2/k1 for a pair is a pooled fit over every chemist's runs. The connection string is libpq's (a URI,
"host=… dbname=…", or "service=name" from pg_service.conf); a password comes from libpq's own .pgpass or
the lab's authentication, never from a file DZP Planner writes. Imported only when a lab command runs.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from dzp_planner.core.errors import UserInputError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from dzp_planner.core.document.plan import Plan
    from dzp_planner.core.io.lab.lab_measured import LabMeasured

RUN_NAMESPACE = uuid.UUID("7f0c7c9e-2a51-4b0e-9a43-1c1f7e3d5a10")  # the runs' UUIDs: uuid5 of the plan and the run


def engine_for(dsn: str) -> Engine:
    import psycopg
    from sqlalchemy import create_engine

    def connect() -> Any:
        return psycopg.connect(dsn, connect_timeout=10)

    return create_engine("postgresql+psycopg://", creator=connect, pool_pre_ping=True)


def _said(exc: Exception) -> UserInputError:
    """A server refusal or a lost connection, in one line."""
    original = getattr(exc, "orig", None) or exc
    text = " ".join(str(original).split()) or type(original).__name__
    return UserInputError(f"the lab server says: {text}")


@dataclass(frozen=True)
class Pushed:
    plan_id: str
    revision: int
    conflict: bool


@dataclass(frozen=True)
class Measured:
    k2_k1: float | None
    ci95: tuple[float, float] | None
    runs: int
    plans: int
    chemists: int

    def as_dict(self) -> dict[str, Any]:
        return {"k2_k1": self.k2_k1, "ci95": list(self.ci95) if self.ci95 else None, "runs": self.runs,
                "plans": self.plans, "chemists": self.chemists}


class LabServer:
    def __init__(self, dsn: str) -> None:
        self.engine = engine_for(dsn)
        self._user: str | None = None

    def close(self) -> None:
        self.engine.dispose()

    @property
    def user(self) -> str:
        """The login role this connection writes as (the author of what it pushes)."""
        if self._user is None:
            self._user = str(self._run(lambda c: c.exec_driver_sql("SELECT session_user").scalar_one()))
        return self._user

    def _run(self, work: Any) -> Any:
        from sqlalchemy.exc import DBAPIError, OperationalError

        try:
            with self.engine.begin() as connection:
                return work(connection)
        except (DBAPIError, OperationalError) as exc:
            raise _said(exc) from None

    # -- the schema --------------------------------------------------------------------
    def init(self) -> str:
        """Create or upgrade the schema (Alembic, idempotent); the revision it is at."""
        from alembic import command
        from alembic.config import Config

        def upgrade(connection: Connection) -> str:
            config = Config()
            config.set_main_option("script_location", str(resources.files("dzp_planner.core.io.lab") / "migrations"))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            return str(connection.exec_driver_sql("SELECT version_num FROM dzp_alembic_version").scalar_one())

        return str(self._run(upgrade))

    def add_chemist(self, role: str, reviewer: bool = False) -> str:
        import re

        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", role):
            raise UserInputError(f"role {role!r}: lower-case letters, digits and _ only, starting with a letter (a PostgreSQL name)")
        group = "dzp_reviewer" if reviewer else "dzp_chemist"

        def add(connection: Connection) -> None:
            exists = connection.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(r)s", {"r": role}).first()
            if not exists:
                connection.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN')  # how it authenticates stays the lab's choice
            connection.exec_driver_sql(f'GRANT {group} TO "{role}"')
            connection.exec_driver_sql(f'GRANT CONNECT ON DATABASE "{connection.exec_driver_sql("SELECT current_database()").scalar_one()}" TO "{role}"')

        self._run(add)
        return role

    # -- plans -------------------------------------------------------------------------
    def push(self, plan: Plan, base_revision: int, summary: str = "") -> Pushed:
        """A new revision of `plan` (based on `base_revision`, 0 for a plan new to the server), and its runs."""
        from dzp_planner.core.io import plan_format

        data = plan_format.dumps(plan).decode("utf-8")

        def push(connection: Connection) -> Pushed:
            row = connection.exec_driver_sql(
                "SELECT revision, conflict FROM dzp_push(%(p)s, %(b)s, %(d)s, %(s)s, %(t)s, %(sub)s, %(r)s)",
                {"p": plan.plan_id, "b": base_revision, "d": data, "s": summary or plan.title, "t": plan.title,
                 "sub": plan.substrate_smiles, "r": plan.reaction_type}).one()
            self._push_runs(connection, plan, supersede=not row[1])
            return Pushed(plan.plan_id, int(row[0]), bool(row[1]))

        return self._run(push)

    def _push_runs(self, connection: Connection, plan: Plan, supersede: bool) -> None:
        """The plan's runs, each stored once. Runs are append-only, so a run corrected or removed in the plan is
        not changed on the server: the corrected run supersedes it (a removed one is superseded by a retraction),
        and the lab's fit counts only runs nothing supersedes. A conflicting push only adds: which runs the plan
        has is settled when the conflict is."""
        from dzp_planner.core.chem.identity import inchikey
        from dzp_planner.core.document.derivation import derive

        records = [dataclasses.asdict(run) for run in plan.results]
        ids = [str(uuid.uuid5(RUN_NAMESPACE, plan.plan_id + json.dumps(r, sort_keys=True))) for r in records]
        stored = list(connection.exec_driver_sql(  # one round trip: the plan's runs there, and which are current
            f"SELECT r.run_id, {self._IS_CURRENT} FROM dzp_runs r WHERE r.plan_id = %(p)s ORDER BY r.at, r.run_id",
            {"p": plan.plan_id}))
        known = {str(r[0]) for r in stored}
        wanted = set(ids)
        gone = [str(r[0]) for r in stored if r[1] and str(r[0]) not in wanted] if supersede else []
        rows = [(run_id, record) for run_id, record in zip(ids, records, strict=True) if run_id not in known]
        if not rows and not gone:
            return  # every run already there (the usual push: the plan changed, its runs did not)
        derived = derive(plan)
        substrate = inchikey(derived.site_model.parent_smiles) if derived.site_model else inchikey(plan.substrate_smiles)
        electrophile = inchikey(derived.electrophile_smiles) if derived.electrophile_smiles else ""
        for run_id, record in rows:
            replaced = gone.pop(0) if gone else None
            self._insert_run(connection, run_id, plan, substrate, electrophile, record, replaced)
        for replaced in gone:  # removed from the plan: a retraction supersedes it
            retraction = str(uuid.uuid5(RUN_NAMESPACE, f"retracted:{replaced}"))
            self._insert_run(connection, retraction, plan, substrate, electrophile, {"retracted": True}, replaced)

    @staticmethod
    def _insert_run(connection: Connection, run_id: str, plan: Plan, substrate: str, electrophile: str,
                    record: dict[str, Any], supersedes: str | None) -> None:
        connection.exec_driver_sql(
            "INSERT INTO dzp_runs (run_id, plan_id, substrate_key, electrophile_key, reaction, supersedes, data) "
            "VALUES (%(i)s, %(p)s, %(s)s, %(e)s, %(r)s, %(x)s, %(d)s) ON CONFLICT (run_id) DO NOTHING",
            {"i": run_id, "p": plan.plan_id, "s": substrate, "e": electrophile, "r": plan.reaction_type, "x": supersedes,
             "d": json.dumps(record)})

    def pull(self, plan_id: str, revision: int | None = None) -> tuple[Plan, int]:
        """The plan at its head revision (or the one asked for)."""
        from dzp_planner.core.io import plan_format

        def pull(connection: Connection) -> tuple[str, int] | None:
            if revision is None:
                row = connection.exec_driver_sql(
                    "SELECT r.data, r.revision FROM dzp_plans p JOIN dzp_revisions r ON r.plan_id = p.plan_id "
                    "AND r.revision = p.head WHERE p.plan_id = %(p)s", {"p": plan_id}).first()
            else:
                row = connection.exec_driver_sql("SELECT data, revision FROM dzp_revisions WHERE plan_id = %(p)s "
                                                 "AND revision = %(r)s", {"p": plan_id, "r": revision}).first()
            return None if row is None else (str(row[0]), int(row[1]))

        found = self._run(pull)
        if found is None:
            raise UserInputError(f"the lab server has no plan {plan_id}" + (f" revision {revision}" if revision else ""))
        return plan_format.loads(found[0].encode("utf-8"), source=f"lab plan {plan_id}"), found[1]

    def heads(self) -> dict[str, tuple[int, str]]:
        """Every plan's head revision and who wrote it."""
        return dict(self._run(lambda c: [(str(p), (int(h), str(a))) for p, h, a in c.exec_driver_sql(
            "SELECT p.plan_id, p.head, r.author FROM dzp_plans p JOIN dzp_revisions r "
            "ON r.plan_id = p.plan_id AND r.revision = p.head")]))

    def whoami(self) -> dict[str, str]:
        """Who this connection is, where, and the schema it found (File ▸ Lab server…'s Test)."""
        def ask(connection: Connection) -> dict[str, str]:
            user, database = connection.exec_driver_sql("SELECT session_user, current_database()").one()
            schema = connection.exec_driver_sql(
                "SELECT version_num FROM dzp_alembic_version" if connection.exec_driver_sql(
                    "SELECT to_regclass('dzp_alembic_version')").scalar_one() else "SELECT ''").scalar_one()
            return {"user": str(user), "database": str(database), "schema": str(schema or "")}

        return dict(self._run(ask))

    def history(self, plan_id: str) -> list[dict[str, Any]]:
        rows = self._run(lambda c: list(c.exec_driver_sql(
            "SELECT revision, author, at, summary, conflict FROM dzp_revisions WHERE plan_id = %(p)s ORDER BY revision",
            {"p": plan_id})))
        if not rows:
            raise UserInputError(f"the lab server has no plan {plan_id}")
        return [{"revision": int(r[0]), "user": str(r[1]), "time": r[2].isoformat(), "summary": str(r[3]),
                 "conflict": bool(r[4])} for r in rows]

    def audit(self, table: str) -> list[dict[str, Any]]:
        rows = self._run(lambda c: list(c.exec_driver_sql(
            "SELECT operation, who, at FROM dzp_audit WHERE table_name = %(t)s ORDER BY id", {"t": table})))
        return [{"operation": str(r[0]), "who": str(r[1]), "time": r[2].isoformat()} for r in rows]

    # -- the lab's k2/k1 ---------------------------------------------------------------
    # a run is current when nothing supersedes it and it is not a retraction (indexes of migration 0003)
    _IS_CURRENT = ("(NOT EXISTS (SELECT 1 FROM dzp_runs s WHERE s.supersedes = r.run_id) AND NOT r.data ? 'retracted')")
    _CURRENT_RUNS = f"FROM dzp_runs r WHERE {_IS_CURRENT}"

    def measured(self, substrate_smiles: str, electrophile_smiles: str, reaction: str) -> Measured:
        """The pooled fit of every run the lab recorded for this pair (by free-base InChIKeys) and reaction."""
        from dzp_planner.core.chem.identity import inchikey
        from dzp_planner.core.chem.site_model import site_model_for

        substrate = inchikey(site_model_for(substrate_smiles).parent_smiles)
        electrophile = inchikey(electrophile_smiles)
        rows = self._run(lambda c: list(c.exec_driver_sql(
            f"SELECT r.data, r.plan_id, r.author {self._CURRENT_RUNS} AND r.substrate_key = %(s)s "
            "AND r.electrophile_key = %(e)s AND r.reaction = %(r)s", {"s": substrate, "e": electrophile, "r": reaction})))
        return _pooled(rows)

    def pair_fingerprints(self) -> dict[tuple[str, str, str], str]:
        """Each pair's runs as a short fingerprint (how many records, the newest): runs are append-only, and a
        correction or retraction is a new record of the pair, so a pair whose fingerprint is unchanged since the
        last sync has the same pooled fit (a sync refits only the others)."""
        rows = self._run(lambda c: list(c.exec_driver_sql(
            "SELECT substrate_key, electrophile_key, reaction, count(*), max(at) FROM dzp_runs "
            "WHERE substrate_key <> '' AND electrophile_key <> '' GROUP BY 1, 2, 3")))
        return {(str(r[0]), str(r[1]), str(r[2])): f"{int(r[3])}@{r[4].isoformat()}" for r in rows}

    def measured_pairs(self, only: set[tuple[str, str, str]] | None = None) -> list[LabMeasured]:
        """The pooled k2/k1 of every pair the lab has runs for (or of the pairs in `only`): a sync keeps them
        on the workstation. Pairs without a usable fit are left out."""
        from datetime import date

        from dzp_planner.core.io.lab.lab_measured import LabMeasured

        if only is not None and not only:
            return []
        chosen = "" if only is None else (
            " AND (r.substrate_key, r.electrophile_key, r.reaction) IN "
            "(SELECT * FROM unnest(%(s)s::text[], %(e)s::text[], %(r)s::text[]))")
        keys = sorted(only or ())
        parameters = {"s": [k[0] for k in keys], "e": [k[1] for k in keys], "r": [k[2] for k in keys]}
        rows = self._run(lambda c: list(c.exec_driver_sql(
            f"SELECT r.data, r.plan_id, r.author, r.substrate_key, r.electrophile_key, r.reaction {self._CURRENT_RUNS} "
            f"AND r.substrate_key <> '' AND r.electrophile_key <> ''{chosen}", parameters)))
        groups: dict[tuple[str, str, str], list[Any]] = {}
        for row in rows:
            groups.setdefault((str(row[3]), str(row[4]), str(row[5])), []).append(row)
        today = date.today().isoformat()
        pairs = []
        for key, group in sorted(groups.items()):
            pooled = _pooled(group)
            if pooled.k2_k1 is not None and pooled.ci95 is not None:
                pairs.append(LabMeasured(*key, pooled.k2_k1, *pooled.ci95, pooled.runs, pooled.plans, pooled.chemists, today))
        return pairs


def _pooled(rows: list[Any]) -> Measured:
    """One fit over runs (data, plan_id, author rows) from any number of plans and chemists."""
    from dzp_planner.core.io.plan_format import run_from_record
    from dzp_planner.core.models.plan_fit import fit_plan_runs

    runs, kept = [], []
    for row in rows:
        try:
            runs.append(run_from_record(row[0], f"a run of lab plan {row[1]}"))
        except UserInputError:
            continue  # a record written by hand that is not a run (psql): not pooled
        kept.append(row)
    usable = [r for r in runs if r.equiv is not None]
    fit = fit_plan_runs(usable, None) if usable else None
    result = fit.result if fit is not None else None
    ci95 = (float(result.ci95[0]), float(result.ci95[1])) if result else None
    return Measured(result.k2_k1 if result else None, ci95, len(runs), len({r[1] for r in kept}), len({r[2] for r in kept}))
