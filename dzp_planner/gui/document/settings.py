"""Preferences and window state, stored with QSettings in the data directory.

Keeping the settings file next to the library (rather than in the platform registry) means
`DZP_PLANNER_HOME` isolates tests and portable installs completely.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from dzp_planner import paths

MAX_RECENT = 8
DEFAULT_AUTOSAVE_SECONDS = 5


def app_settings() -> QSettings:
    return QSettings(str(paths.data_home() / "settings.ini"), QSettings.Format.IniFormat)


def recent_files(settings: QSettings) -> list[Path]:
    value = settings.value("files/recent", [])
    if isinstance(value, str):  # QSettings returns a bare string for a one-element list
        value = [value]
    if not isinstance(value, list):
        return []
    return [Path(p) for p in value if isinstance(p, str) and p]


def push_recent_file(settings: QSettings, path: Path) -> list[Path]:
    path = Path(path).resolve()
    files = [path] + [p for p in recent_files(settings) if p != path]
    files = files[:MAX_RECENT]
    settings.setValue("files/recent", [str(p) for p in files])
    return files


def autosave_seconds(settings: QSettings) -> int:
    try:
        seconds = int(str(settings.value("autosave/seconds", DEFAULT_AUTOSAVE_SECONDS)))
    except (TypeError, ValueError):
        seconds = DEFAULT_AUTOSAVE_SECONDS
    return max(1, min(seconds, 600))


def page_size(settings: QSettings) -> str:
    """'A4' or 'Letter' for PDF export."""
    value = str(settings.value("export/page_size", "A4"))
    return value if value in ("A4", "Letter") else "A4"
