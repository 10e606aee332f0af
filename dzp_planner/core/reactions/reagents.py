"""The reagent database: shipped data plus the chemist's own reagents.

The shipped reagents are data (`resources/data/reagents.toml`) so a chemist can read and
correct a density or a CAS number without reading Python; each density carries its source.
The file is validated on load and an error names the file and the key. The chemist's own
reagents live in the local library folder (`reagents.sqlite`, beside the plan library) and
are merged into `search` and `lookup`, a user entry shadowing a shipped one of the same name.
"""

from __future__ import annotations

import json
import logging
import math
import sqlite3
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from dzp_planner import paths
from dzp_planner.core.document.plan import Component
from dzp_planner.core.errors import UserInputError

log = logging.getLogger(__name__)

CATEGORIES: tuple[str, ...] = (
    "substrate", "product", "electrophile", "reductant", "acid", "base", "ligand", "catalyst",
    "solvent", "drying agent", "reagent",
)
STATES: tuple[str, ...] = ("", "solid", "liquid", "gas")
USER_FILE = "reagents.sqlite"
_KEYS = {"name", "synonyms", "category", "state", "smiles", "salt", "mw", "density",
         "density_source", "cas", "solutions", "note"}


@dataclass(frozen=True, slots=True)
class SolutionForm:
    """A commercial solution, e.g. LiHMDS 1.0 M in THF."""

    label: str
    concentration: float  # mol/L
    solvent: str = ""


@dataclass(frozen=True, slots=True)
class Reagent:
    name: str
    synonyms: tuple[str, ...] = ()
    category: str = "reagent"
    state: str = ""
    smiles: str = ""  # for a salt, the free base
    salt: str = ""
    mw: float | None = None  # g/mol of the weighed form
    density: float | None = None  # g/mL
    density_source: str = ""
    cas: str = ""
    solutions: tuple[SolutionForm, ...] = ()
    note: str = ""
    origin: str = "shipped"  # shipped | user

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.synonyms)

    def to_component(self, role: str = "reagent", quantity: str = "") -> Component:
        """A table row for this reagent. Density is filled in only for liquids, so a solid
        (even Boc2O, which has a melt density) is weighed unless the chemist says otherwise."""
        return Component(
            name=self.name, role=role, smiles=self.smiles, quantity=quantity,
            mw=None if self.smiles else self.mw,
            density=self.density if self.state == "liquid" else None,
            salt=self.salt, note=self.note,
        )


def complete_component(c: Component, store: UserReagentStore | None = None, include_user: bool = True) -> Component:
    """Fill a row's missing structure, density and salt from the database (by name)."""
    found = lookup(c.name, store=store, include_user=include_user)
    if found is None:
        return c
    changes: dict[str, Any] = {}
    if not c.smiles.strip() and c.mw is None:
        changes["smiles"] = found.smiles
        if not found.smiles:
            changes["mw"] = found.mw
        if not c.salt and found.salt:
            changes["salt"] = found.salt
    if c.density is None and found.density is not None and found.state == "liquid":
        changes["density"] = found.density
    return replace(c, **changes) if changes else c


# -- validation (shared by the TOML file and the user store) ------------------------------------

def _number(value: Any, where: str, upper: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or not 0 < value <= upper:
        raise UserInputError(f"{where} must be a positive number (at most {upper:g}), not {value!r}")
    return float(value)


def _text(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise UserInputError(f"{where}'{key}' must be text")
    return value.strip()


def reagent_from_dict(raw: Any, where: str, origin: str = "shipped") -> Reagent:
    """A validated Reagent; `where` prefixes every error ("reagents.toml: reagent[3] ")."""
    if not isinstance(raw, dict):
        raise UserInputError(f"{where}must be a table of keys")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise UserInputError(f"{where}unknown key {unknown[0]!r}; known keys: {', '.join(sorted(_KEYS))}")
    name = _text(raw, "name", where)
    if not name:
        raise UserInputError(f"{where}'name' is missing")
    where = f"{where}({name}) "
    synonyms = raw.get("synonyms", [])
    if not isinstance(synonyms, list) or not all(isinstance(s, str) and s.strip() for s in synonyms):
        raise UserInputError(f"{where}'synonyms' must be a list of names")
    category = _text(raw, "category", where) or "reagent"
    if category not in CATEGORIES:
        raise UserInputError(f"{where}'category' is {category!r}; expected one of {', '.join(CATEGORIES)}")
    state = _text(raw, "state", where)
    if state not in STATES:
        raise UserInputError(f"{where}'state' is {state!r}; expected solid, liquid or gas")
    mw = _number(raw["mw"], f"{where}'mw'", 1e7) if raw.get("mw") is not None else None
    smiles = _text(raw, "smiles", where)
    if mw is None and not smiles:
        raise UserInputError(f"{where}needs 'smiles' or 'mw'")
    density = _number(raw["density"], f"{where}'density' (g/mL)", 25.0) if raw.get("density") is not None else None
    source = _text(raw, "density_source", where)
    if density is not None and not source:
        raise UserInputError(f"{where}'density' needs a 'density_source' saying where the value comes from")
    salt = _text(raw, "salt", where)
    if salt:
        from dzp_planner.core.quantities.salt_forms import parse_salt

        try:
            parse_salt(salt)
        except UserInputError as exc:
            raise UserInputError(f"{where}'salt': {exc}") from None
    solutions_raw = raw.get("solutions", [])
    if not isinstance(solutions_raw, list):
        raise UserInputError(f"{where}'solutions' must be a list of tables")
    solutions = []
    for i, s in enumerate(solutions_raw):
        w = f"{where}'solutions[{i}]' "
        if not isinstance(s, dict) or set(s) - {"label", "concentration", "solvent"}:
            raise UserInputError(f"{w}must have only label, concentration and solvent")
        label = _text(s, "label", w)
        if not label:
            raise UserInputError(f"{w}'label' is missing")
        solutions.append(SolutionForm(label, _number(s.get("concentration"), f"{w}'concentration' (mol/L)", 100.0),
                                      _text(s, "solvent", w)))
    return Reagent(
        name=name, synonyms=tuple(s.strip() for s in synonyms), category=category, state=state,
        smiles=smiles, salt=salt, mw=mw, density=density, density_source=source,
        cas=_text(raw, "cas", where), solutions=tuple(solutions), note=_text(raw, "note", where), origin=origin,
    )


def reagent_to_dict(r: Reagent) -> dict[str, Any]:
    data = asdict(r)
    data.pop("origin")
    data["synonyms"] = list(r.synonyms)
    data["solutions"] = [asdict(s) for s in r.solutions]
    return {k: v for k, v in data.items() if v not in (None, "", [])}


# -- the shipped file ------------------------------------------------------------------------------

def database_path() -> Path:
    return paths.resource("data", "reagents.toml")


def load_database(path: Path | None = None) -> tuple[Reagent, ...]:
    """Parse and validate a reagent file; UserInputError names the file and the key."""
    path = path or database_path()
    from dzp_planner.core.io.data_files import entries, read_toml

    name = path.name
    reagents = tuple(reagent_from_dict(e, f"{name}: reagent[{i}] ")
                     for i, e in enumerate(entries(read_toml(path, name), "reagent", name)))
    seen: dict[str, tuple[int, str]] = {}
    for i, r in enumerate(reagents):
        for n in r.names():
            key = n.casefold()
            if key in seen and seen[key][0] != i:
                raise UserInputError(f"{name}: reagent[{i}]: the name {n!r} is already used by {seen[key][1]!r}")
            seen[key] = (i, r.name)
    return reagents


@lru_cache(maxsize=1)
def shipped_reagents() -> tuple[Reagent, ...]:
    """The shipped database, parsed once per process."""
    return load_database()


@lru_cache(maxsize=1)
def _by_inchikey() -> dict[str, Reagent]:
    from dzp_planner.core.chem.identity import inchikey

    found: dict[str, Reagent] = {}
    for reagent in shipped_reagents():
        if reagent.smiles and not reagent.salt:
            key = inchikey(reagent.smiles)
            if key:
                found.setdefault(key, reagent)
    return found


def by_structure(smiles: str) -> Reagent | None:
    """The shipped reagent with this structure (by InChIKey, so any way of writing it matches), or None."""
    from dzp_planner.core.chem.identity import inchikey

    key = inchikey(smiles) if smiles.strip() else ""
    return _by_inchikey().get(key) if key else None


# -- the chemist's own reagents ----------------------------------------------------------------------

class UserReagentStore:
    """The chemist's reagents in SQLite (`data_home()/reagents.sqlite` by default).

    Rows hold the reagent as JSON and are validated again when read, so a hand-edited or
    damaged row is skipped (and logged), never a crash.
    """

    SCHEMA_VERSION = 1

    def __init__(self, path: Path | str | None = None, *, connection: sqlite3.Connection | None = None) -> None:
        if connection is not None:
            self.path: Path | None = None
            self._db = connection
        else:
            self.path = Path(path) if path is not None else paths.data_home() / USER_FILE
            self._db = sqlite3.connect(self.path)
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > self.SCHEMA_VERSION:
            raise UserInputError(f"{self.path or 'reagent store'} was written by a newer DZP Planner (schema {version})")
        with self._db:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS user_reagents (name TEXT PRIMARY KEY COLLATE NOCASE, "
                "data TEXT NOT NULL, added TEXT NOT NULL)"
            )
            self._db.execute(f"PRAGMA user_version = {self.SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> UserReagentStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, reagent: Reagent | dict[str, Any], *, replace_existing: bool = False) -> Reagent:
        """Validate and store; UserInputError if the name exists (unless `replace_existing`)."""
        from dzp_planner.core.document.plan import now_iso

        data = reagent if isinstance(reagent, dict) else reagent_to_dict(reagent)
        checked = reagent_from_dict(data, "reagent ", origin="user")
        sql = "INSERT OR REPLACE" if replace_existing else "INSERT"
        try:
            with self._db:
                self._db.execute(f"{sql} INTO user_reagents (name, data, added) VALUES (?, ?, ?)",
                                 (checked.name, json.dumps(reagent_to_dict(checked)), now_iso()))
        except sqlite3.IntegrityError:
            raise UserInputError(f"you already have a reagent called {checked.name!r}") from None
        return checked

    def remove(self, name: str) -> bool:
        with self._db:
            return self._db.execute("DELETE FROM user_reagents WHERE name = ?", (name.strip(),)).rowcount > 0

    def list(self) -> list[Reagent]:
        found = []
        for name, data in self._db.execute("SELECT name, data FROM user_reagents ORDER BY name"):
            try:
                found.append(reagent_from_dict(json.loads(data), "reagent ", origin="user"))
            except (ValueError, UserInputError) as exc:
                log.warning("skipping damaged user reagent %r: %s", name, exc)
        return found


_default_store: UserReagentStore | None = None


def default_store(create: bool = True) -> UserReagentStore | None:
    """The store in the current data folder (reopened if the folder changed); None if unusable,
    or if it does not exist yet and `create` is False (searching never creates the file)."""
    global _default_store
    try:
        path = paths.data_home() / USER_FILE
        if not create and not path.exists():
            return None
        if _default_store is None or _default_store.path != path:
            if _default_store is not None:
                _default_store.close()
            _default_store = UserReagentStore(path)
    except (OSError, sqlite3.Error, UserInputError) as exc:
        log.warning("user reagents unavailable: %s", exc)
        _default_store = None
    return _default_store


def _all(store: UserReagentStore | None, include_user: bool) -> list[Reagent]:
    user: list[Reagent] = []
    if include_user:
        store = store or default_store(create=False)
        if store is not None:
            try:
                user = store.list()
            except sqlite3.Error as exc:
                log.warning("user reagents unavailable: %s", exc)
    taken = {r.name.casefold() for r in user}
    return user + [r for r in shipped_reagents() if r.name.casefold() not in taken]


def search(query: str, *, store: UserReagentStore | None = None, include_user: bool = True, limit: int = 50) -> list[Reagent]:
    """Reagents whose name or a synonym contains `query` (case-insensitive), best first:
    exact name, exact synonym, name prefix, synonym prefix, then substrings."""
    q = query.strip().casefold()
    scored = []
    for r in _all(store, include_user):
        name, syns = r.name.casefold(), [s.casefold() for s in r.synonyms]
        if not q:
            score = 6
        elif name == q:
            score = 0
        elif q in syns:
            score = 1
        elif name.startswith(q):
            score = 2
        elif any(s.startswith(q) for s in syns):
            score = 3
        elif q in name:
            score = 4
        elif any(q in s for s in syns):
            score = 5
        else:
            continue
        scored.append((score, name, r))
    scored.sort(key=lambda t: (t[0], t[1]))
    return [r for _, _, r in scored[:limit]]


def lookup(name: str, *, store: UserReagentStore | None = None, include_user: bool = True) -> Reagent | None:
    """The reagent whose name or synonym is exactly `name` (case-insensitive), user first."""
    key = name.strip().casefold()
    if not key:
        return None
    candidates = _all(store, include_user)
    return next((r for r in candidates if r.name.casefold() == key), None) or next(
        (r for r in candidates if key in (s.casefold() for s in r.synonyms)), None)
