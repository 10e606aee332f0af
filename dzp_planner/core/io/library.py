"""The local plan library and the autosave store: one SQLite file in the data directory.

Plans are stored as their `.dzp` bytes (the same validated format as plan files), with a
few columns copied out for listing and searching. Autosaves live in a separate table keyed
by plan id and writer (the process and a random session token), so two windows with the same
plan each keep their own: a clean close removes only its own, a crash leaves it behind, and
the next start offers every autosave whose writer is gone.

The schema carries `PRAGMA user_version`; `_MIGRATIONS[n]` upgrades version n to n+1.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from dzp_planner import paths
from dzp_planner.core.document.plan import Plan, new_plan_id, now_iso
from dzp_planner.core.errors import PlanFileError, UserInputError
from dzp_planner.core.io import plan_format, storage
from dzp_planner.core.io.stores import AutosaveEntry, LibraryEntry, LocalStore, MeasuredK2K1

if TYPE_CHECKING:  # sqlite3 loads when the library opens (after the window's first paint)
    import sqlite3

log = logging.getLogger(__name__)

LIBRARY_FILE = "library.sqlite"
SCHEMA_VERSION = 3
GUI_BUSY_TIMEOUT_S = 0.1  # the window's connection: a locked library is reported, never waited on
WORKER_BUSY_TIMEOUT_S = 2.0  # the autosave worker's connection, off the GUI thread


def _create_v1(db: sqlite3.Connection) -> None:
    # one statement per execute: executescript() would commit our open transaction
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS plans (
            plan_id   TEXT PRIMARY KEY,
            title     TEXT NOT NULL,
            substrate TEXT NOT NULL,
            reaction  TEXT NOT NULL,
            created   TEXT NOT NULL,
            modified  TEXT NOT NULL,
            data      BLOB NOT NULL,
            thumbnail BLOB
        )"""
    )
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS autosave (
            plan_id   TEXT PRIMARY KEY,
            title     TEXT NOT NULL,
            file_path TEXT NOT NULL,
            saved_at  TEXT NOT NULL,
            pid       INTEGER NOT NULL,
            data      BLOB NOT NULL
        )"""
    )


def _autosave_by_writer(db: sqlite3.Connection) -> None:
    """v1 → v2: autosaves keyed by (plan id, writer), so a second window's clean close cannot
    delete the first window's autosave. A v1 row's writer is its pid."""
    db.execute(
        """
        CREATE TABLE autosave_v2 (
            plan_id   TEXT NOT NULL,
            writer    TEXT NOT NULL,
            title     TEXT NOT NULL,
            file_path TEXT NOT NULL,
            saved_at  TEXT NOT NULL,
            pid       INTEGER NOT NULL,
            data      BLOB NOT NULL,
            PRIMARY KEY (plan_id, writer)
        )"""
    )
    db.execute("INSERT INTO autosave_v2 SELECT plan_id, CAST(pid AS TEXT), title, file_path, saved_at, pid, data FROM autosave")
    db.execute("DROP TABLE autosave")
    db.execute("ALTER TABLE autosave_v2 RENAME TO autosave")


def _measured_k2_k1(db: sqlite3.Connection) -> None:
    """v2 → v3: k2/k1 fitted in a plan, remembered per substrate, electrophile and reaction
    (InChIKeys of the free bases), so a new plan of the same pair starts from it."""
    db.execute(
        """
        CREATE TABLE measured (
            substrate_key   TEXT NOT NULL,
            electrophile_key TEXT NOT NULL,
            reaction        TEXT NOT NULL,
            substrate       TEXT NOT NULL,
            electrophile    TEXT NOT NULL,
            k2_k1           REAL NOT NULL,
            low             REAL NOT NULL,
            high            REAL NOT NULL,
            runs            INTEGER NOT NULL,
            plan_id         TEXT NOT NULL,
            plan_title      TEXT NOT NULL,
            date            TEXT NOT NULL,
            PRIMARY KEY (substrate_key, electrophile_key, reaction, plan_id)
        )"""
    )


_MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _create_v1, 1: _autosave_by_writer, 2: _measured_k2_k1}


_MEASURED_COLUMNS = "substrate, electrophile, reaction, k2_k1, low, high, runs, plan_id, plan_title, date"


def new_writer_id() -> str:
    """Who writes an autosave: the process, and a random token against a reused pid."""
    return f"{os.getpid()}-{os.urandom(4).hex()}"


class PlanLibrary:
    """All access to the library database; one instance per window is fine (SQLite locks)."""

    def __init__(self, path: Path | None = None, *, connect: bool = True, busy_timeout: float = GUI_BUSY_TIMEOUT_S,
                 writer: str | None = None) -> None:
        """Open the library now, or with `connect=False` at first use (or `open()`).

        The window opens its library after the first paint: SQLite and the schema check are
        not needed to draw a frame, and start-up is measured from the first frame. `writer`
        names this window's autosaves (a worker writing for the window passes the window's).
        """
        self.path = Path(path) if path is not None else paths.data_home() / LIBRARY_FILE
        self.busy_timeout = busy_timeout
        self.writer = writer or new_writer_id()
        self._connection: sqlite3.Connection | None = None
        if connect:
            self.open()

    def open(self) -> None:
        """Connect and migrate (idempotent); a damaged or newer library is a UserInputError."""
        if self._connection is not None:
            return
        import sqlite3

        self._refuse_newer()  # before anything that writes: a newer library is left exactly as it is
        db = None
        try:
            db = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            self._migrate(db, self.path)
        except sqlite3.DatabaseError as exc:
            if db is not None:
                db.close()  # or Windows keeps the file locked, and the message says to move it
            raise UserInputError(
                f"the plan library at {self.path} cannot be opened ({exc}); move the file aside and restart "
                "to start a new library"
            ) from None
        self._connection = db

    def _refuse_newer(self) -> None:
        """A library written by a newer DZP Planner is refused without writing a byte (read-only look)."""
        import sqlite3

        if not self.path.is_file():
            return
        try:
            probe = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=self.busy_timeout)
        except sqlite3.Error:
            return  # the normal open says what is wrong
        try:
            version = probe.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error:
            return
        finally:
            probe.close()
        if version > SCHEMA_VERSION:
            raise UserInputError(f"the plan library at {self.path} was written by a newer DZP Planner (schema {version}; this one "
                                 f"reads up to {SCHEMA_VERSION}): update DZP Planner to open it. The file was not changed.")

    @property
    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            self.open()
        assert self._connection is not None
        return self._connection

    @staticmethod
    def _migrate(db: sqlite3.Connection, path: Path | None = None) -> None:
        import sqlite3

        version = db.execute("PRAGMA user_version").fetchone()[0]
        if 0 < version < SCHEMA_VERSION and path is not None:
            # a copy of the library as it was, before a migration changes it (kept beside it)
            backup = sqlite3.connect(path.with_name(f"{path.name}.v{version}.bak"))
            try:
                db.backup(backup)
            finally:
                backup.close()
        if version > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"library schema {version} is newer than this DZP Planner understands ({SCHEMA_VERSION})")
        while version < SCHEMA_VERSION:
            with _Transaction(db):
                _MIGRATIONS[version](db)
                version += 1
                db.execute(f"PRAGMA user_version = {version}")

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
        self.closed = True

    closed = False

    def for_worker(self) -> LocalStore:
        """A second connection to the same file for a worker thread, with the worker's busy timeout and
        this window's writer id (its autosaves are this window's)."""
        return PlanLibrary(self.path, busy_timeout=WORKER_BUSY_TIMEOUT_S, writer=self.writer)

    # -- plans --------------------------------------------------------------------
    def save(self, plan: Plan, thumbnail: bytes | None = None) -> str:
        """Insert or update a plan (keeps the old thumbnail when none is given); the digest of the bytes stored,
        as `stored_digests` gives it."""
        data = plan_format.dumps(plan)
        with self._transaction():
            self._db.execute(
                """INSERT INTO plans (plan_id, title, substrate, reaction, created, modified, data, thumbnail)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(plan_id) DO UPDATE SET title=excluded.title, substrate=excluded.substrate,
                     reaction=excluded.reaction, modified=excluded.modified, data=excluded.data,
                     thumbnail=COALESCE(excluded.thumbnail, plans.thumbnail)""",
                (plan.plan_id, plan.title, plan.substrate_smiles, plan.reaction_type, plan.created, plan.modified, data, thumbnail),
            )
            self._remember_fit(plan)
        return _digest(data)

    # -- measured k2/k1 ------------------------------------------------------------
    def _remember_fit(self, plan: Plan) -> None:
        """Keep the plan's fitted k2/k1 for its pair (or forget it when the plan no longer has one)."""
        from dzp_planner.core.chem.identity import inchikey
        from dzp_planner.core.document.derivation import derive

        self._db.execute("DELETE FROM measured WHERE plan_id = ?", (plan.plan_id,))
        derived = derive(plan)
        fit = derived.fit
        substrate_key, electrophile_key = inchikey(plan.substrate_smiles), inchikey(derived.electrophile_smiles)
        if fit is None or fit.result is None or not substrate_key or not electrophile_key:
            return
        low, high = fit.result.ci95
        self._db.execute(
            "INSERT INTO measured VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (substrate_key, electrophile_key, plan.reaction_type, plan.substrate_smiles, derived.electrophile_smiles,
             fit.result.k2_k1, low, high, fit.runs_used, plan.plan_id, plan.title, plan.modified[:10]),
        )

    def measured_for(self, substrate: str, electrophile: str, reaction: str) -> MeasuredK2K1 | None:
        """The newest k2/k1 measured for this pair and reaction, if any plan in the library has one."""
        from dzp_planner.core.chem.identity import inchikey

        keys = (inchikey(substrate), inchikey(electrophile), reaction)
        if not keys[0] or not keys[1]:
            return None
        row = self._db.execute(
            f"SELECT {_MEASURED_COLUMNS} FROM measured WHERE substrate_key = ? AND electrophile_key = ? AND reaction = ? "
            "ORDER BY date DESC, rowid DESC LIMIT 1", keys).fetchone()
        return _checked(row) if row else None

    def measured_pairs(self) -> list[MeasuredK2K1]:
        rows = self._db.execute(f"SELECT {_MEASURED_COLUMNS} FROM measured ORDER BY date DESC, plan_title").fetchall()
        return [found for found in map(_checked, rows) if found is not None]

    def load(self, plan_id: str) -> Plan:
        row = self._db.execute("SELECT data, title FROM plans WHERE plan_id = ?", (plan_id,)).fetchone()
        if row is None:
            raise PlanFileError(f"no plan with id {plan_id} in the library")
        return plan_format.loads(row[0], source=f"library plan '{row[1]}'")

    def contains(self, plan_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM plans WHERE plan_id = ?", (plan_id,)).fetchone() is not None

    def entries(self, search: str = "", *, thumbnails: bool = True) -> list[LibraryEntry]:
        """Plans whose title or substrate SMILES contains `search` (case-insensitive), newest first.

        `thumbnails=False` leaves the pictures in the database (the dialog asks `thumbnail` for the rows
        it shows): a search keystroke over 5,000 plans selected every BLOB (236 ms each)."""
        pattern = f"%{_escape_like(search.strip())}%"
        picture = "thumbnail" if thumbnails else "NULL"
        rows = self._db.execute(
            f"""SELECT plan_id, title, substrate, reaction, created, modified, {picture} FROM plans
               WHERE title LIKE ? ESCAPE '\\' OR substrate LIKE ? ESCAPE '\\'
               ORDER BY modified DESC, title""",
            (pattern, pattern),
        ).fetchall()
        return [LibraryEntry(*row) for row in rows]

    def stored_digests(self) -> dict[str, str]:
        """Each plan's stored bytes, hashed without reading them as a plan: what tells a sync, over 10,000 plans,
        which few were saved since it last looked (it reads only those)."""
        return {str(plan_id): _digest(data) for plan_id, data in self._db.execute("SELECT plan_id, data FROM plans")}

    def thumbnail(self, plan_id: str) -> bytes | None:
        row = self._db.execute("SELECT thumbnail FROM plans WHERE plan_id = ?", (plan_id,)).fetchone()
        return row[0] if row else None

    def rename(self, plan_id: str, title: str) -> None:
        title = title.strip()
        if not title:
            raise UserInputError("a plan needs a name")
        plan = self.load(plan_id)
        plan.title = title
        plan.modified = now_iso()
        self.save(plan)

    def duplicate(self, plan_id: str) -> str:
        plan = self.load(plan_id)
        copy = plan.copy()
        copy.plan_id = new_plan_id()
        copy.title = f"{plan.title} (copy)"
        copy.created = copy.modified = now_iso()
        thumb = self._db.execute("SELECT thumbnail FROM plans WHERE plan_id = ?", (plan_id,)).fetchone()[0]
        self.save(copy, thumb)
        return copy.plan_id

    def take(self, plan_id: str) -> tuple[bytes, bytes | None]:
        """Delete a plan and return its bytes and thumbnail, so the caller can undo."""
        row = self._db.execute("SELECT data, thumbnail FROM plans WHERE plan_id = ?", (plan_id,)).fetchone()
        if row is None:
            raise PlanFileError(f"no plan with id {plan_id} in the library")
        with self._transaction():
            self._db.execute("DELETE FROM plans WHERE plan_id = ?", (plan_id,))
            self._db.execute("DELETE FROM measured WHERE plan_id = ?", (plan_id,))  # a deleted plan measured nothing
        return row[0], row[1]

    def restore(self, data: bytes, thumbnail: bytes | None) -> str:
        """Put back a plan returned by `take` (undo of delete)."""
        plan = plan_format.loads(data, source="deleted plan")
        self.save(plan, thumbnail)
        return plan.plan_id

    def import_file(self, path: Path) -> str:
        """Add a `.dzp` file to the library; a plan id already present gets a fresh id."""
        plan = storage.load_plan(Path(path))
        if self.contains(plan.plan_id):
            plan.plan_id = new_plan_id()
        self.save(plan)
        return plan.plan_id

    def export_file(self, plan_id: str, path: Path) -> None:
        storage.save_plan(self.load(plan_id), Path(path))

    # -- autosave -------------------------------------------------------------------
    def write_autosave(self, plan: Plan, file_path: str = "") -> None:
        self.write_autosave_bytes(plan.plan_id, plan.title, file_path, plan_format.dumps(plan))

    def write_autosave_bytes(self, plan_id: str, title: str, file_path: str, data: bytes) -> None:
        """This writer's autosave of one plan (the bytes of a `.dzp` file)."""
        with self._transaction():
            self._db.execute(
                """INSERT INTO autosave (plan_id, writer, title, file_path, saved_at, pid, data) VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(plan_id, writer) DO UPDATE SET title=excluded.title, file_path=excluded.file_path,
                     saved_at=excluded.saved_at, pid=excluded.pid, data=excluded.data""",
                (plan_id, self.writer, title, file_path, now_iso(), os.getpid(), data),
            )

    def clear_autosave(self, plan_id: str) -> None:
        """Remove this writer's autosave of the plan (never another window's)."""
        if self.closed:  # shutdown order: the window may outlive the library
            return
        with self._transaction():
            self._db.execute("DELETE FROM autosave WHERE plan_id = ? AND writer = ?", (plan_id, self.writer))

    def discard_autosave(self, entry: AutosaveEntry) -> None:
        """Remove one orphaned autosave the chemist declined or adopted."""
        with self._transaction():
            self._db.execute("DELETE FROM autosave WHERE plan_id = ? AND writer = ?", (entry.plan_id, entry.writer))

    def orphaned_autosaves(self) -> list[AutosaveEntry]:
        """Autosaves left by a process that is no longer running: what a crash leaves behind."""
        rows = self._db.execute(
            "SELECT plan_id, title, file_path, saved_at, pid, data, writer FROM autosave ORDER BY saved_at DESC").fetchall()
        return [AutosaveEntry(*row) for row in rows if row[6] != self.writer and not _process_alive(row[4])]


def _checked(row: tuple[object, ...]) -> MeasuredK2K1 | None:
    """A measured row read back through the same checks as a typed k2/k1: a damaged or hand-edited row
    (inf, 0, negative, 1e-9, text) is skipped and logged, never handed to a plan."""
    from dzp_planner.core.models.presets import valid_k2_k1

    k2_k1, low, high = (valid_k2_k1(v) for v in row[3:6])
    runs = row[6]
    if k2_k1 is None or low is None or high is None or not low <= k2_k1 <= high or isinstance(runs, bool) \
            or not isinstance(runs, int) or runs < 1 or not all(isinstance(v, str) for v in (*row[:3], *row[7:])):
        log.warning("a measured k2/k1 in the library is not usable and was skipped: %r", row[:7])
        return None
    return MeasuredK2K1(str(row[0]), str(row[1]), str(row[2]), k2_k1, low, high, runs, str(row[7]), str(row[8]), str(row[9]))


class _Transaction:
    """`BEGIN IMMEDIATE … COMMIT` around a block (autocommit connection)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._db.execute("ROLLBACK" if exc_type else "COMMIT")


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own earlier session cannot still be running in this process
    if pid <= 0:
        return False
    if os.name != "posix":
        return False  # without a cheap check, offer the autosave; the user decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _digest(data: bytes) -> str:
    """A stored plan's bytes, hashed (what tells a sync the plan was saved since it last looked)."""
    import hashlib

    return hashlib.blake2b(bytes(data), digest_size=16).hexdigest()
