"""The one place that finds `resources/`, `ui/` and the user data directory.

Three layouts must work the same way: a source checkout (folders at the repo root), an
installed wheel (hatch force-includes them as `dzp_planner/resources` and `dzp_planner/ui`)
and a PyInstaller bundle (the spec mirrors the wheel paths under `_MEIPASS`). Looking
inside the package first and the repo root second covers all three with one rule.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_ROOT = _PACKAGE_DIR.parent

HOME_ENV = "DZP_PLANNER_HOME"


@cache
def _locate(folder: str) -> Path:
    """Return the directory named `folder`, inside the package first, then the checkout.

    Found once per process: the folders do not move while the program runs.
    """
    packaged = _PACKAGE_DIR / folder  # a wheel, and the bundle (whose __file__ is under _MEIPASS)
    if packaged.is_dir():
        return packaged
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidate = Path(frozen_root) / "dzp_planner" / folder
        if candidate.is_dir():
            return candidate
    checkout = _REPO_ROOT / folder
    if checkout.is_dir():
        return checkout
    try:  # a package imported some other way (from a zip, say): ask its loader
        from importlib import resources

        by_loader = Path(str(resources.files("dzp_planner") / folder))
        if by_loader.is_dir():
            return by_loader
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - exotic loaders
        pass
    raise FileNotFoundError(
        f"DZP Planner cannot find its '{folder}' folder (looked in {packaged} and {checkout}); "
        "the installation is incomplete."
    )


def resources_dir() -> Path:
    """Data shipped with the app: reagents, decision trees, templates, icons, sample plan."""
    return _locate("resources")


def ui_dir() -> Path:
    """Qt Designer forms."""
    return _locate("ui")


def resource(*parts: str) -> Path:
    """Path of one shipped resource file, e.g. `resource("templates", "mono-boc-protection.toml")`."""
    return resources_dir().joinpath(*parts)


def ui_file(name: str) -> Path:
    return ui_dir() / name


def data_home() -> Path:
    """Where the library database, autosaves, settings and logs live.

    `DZP_PLANNER_HOME` wins (tests, portable installs). Otherwise the GUI passes Qt's
    AppDataLocation through `set_data_home`; headless commands fall back to the XDG/OS
    convention so they never need Qt.
    """
    override = os.environ.get(HOME_ENV)
    if override:
        path = Path(override)
    elif _qt_data_home is not None:
        path = _qt_data_home
    elif sys.platform == "win32":
        path = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "DZP" / "DZP Planner"
    elif sys.platform == "darwin":
        path = Path.home() / "Library" / "Application Support" / "DZP" / "DZP Planner"
    else:
        path = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "DZP" / "DZP Planner"
    problem = home_problem(path)
    if problem:
        from dzp_planner.core.errors import UserInputError

        raise UserInputError(problem)
    return path


def home_problem(path: Path) -> str | None:
    """Why the data folder cannot be used (a file, unwritable, full), or None; creates it if missing.

    Said once, before any window: everything the app keeps (library, autosaves, settings, log)
    lives there, and a half-started app with nowhere to write loses work silently.
    """
    named = f"the data folder {path}" + (f" (from {HOME_ENV})" if os.environ.get(HOME_ENV) else "")
    if path.exists() and not path.is_dir():
        return f"{named} is a file, not a folder: point {HOME_ENV} at a folder, or move the file away"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"{named} cannot be created: {exc.strerror or exc}"
    try:
        import tempfile

        with tempfile.TemporaryFile(dir=path) as probe:  # writable, and room for at least a page
            probe.write(b"\0" * 4096)
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as exc:
        reason = "the disk is full" if exc.errno == 28 else (exc.strerror or str(exc)).lower()
        return f"{named} cannot be written ({reason}): free some space or point {HOME_ENV} elsewhere"
    return None


_qt_data_home: Path | None = None


def set_data_home(path: Path) -> None:
    """Record the directory Qt's QStandardPaths chose (called once by the GUI at start-up)."""
    global _qt_data_home
    _qt_data_home = Path(path)


_cache_said: set[str] = set()


def cache_home() -> Path | None:
    """Caches (matplotlib's font cache, stored plot pictures) that may be deleted at any time, or None.

    Deliberately not under `DZP_PLANNER_HOME`: the self-test and the test suite use a fresh
    home each run, and a cache rebuilt every start would cost the start-up it exists to save.
    The cache is optional: a folder that cannot be made (a file in the way, no permission) is said
    once on stderr in one line and the app runs without it.
    """
    override = os.environ.get("DZP_PLANNER_CACHE")
    if override:
        path = Path(override)
    elif sys.platform == "win32":
        path = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "DZP" / "DZP Planner" / "cache"
    elif sys.platform == "darwin":
        path = Path.home() / "Library" / "Caches" / "DZP Planner"
    else:
        path = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "dzp-planner"
    try:
        path.mkdir(parents=True, exist_ok=True)
        if not os.access(path, os.W_OK):
            raise PermissionError(13, "not writable")
    except OSError as exc:
        where = os.fsdecode(path)
        reason = "it is a file" if path.exists() and not path.is_dir() else (exc.strerror or str(exc)).lower()
        if where not in _cache_said:
            _cache_said.add(where)
            sys.stderr.write(f"dzp-planner: the cache folder {where} cannot be used ({reason}); "
                             "running without a cache (set DZP_PLANNER_CACHE to a folder to have one)\n")
        return None
    return path
