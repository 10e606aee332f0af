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
    return QSettings(qt_path(paths.data_home()) + "/settings.ini", QSettings.Format.IniFormat)


def qt_path(folder: Path) -> str:
    """`folder` as a path Qt can open. Qt keeps paths as Unicode and writes them back as UTF-8, so a folder
    whose name is not UTF-8 (os.fsencode gives bytes no UTF-8 decodes) would be reached under another name
    (U+FFFD for the odd byte), and settings.ini would land in a folder of its own. Such a folder is reached
    through a symbolic link with an ASCII name in the temporary folder instead; the file stays in `folder`."""
    import hashlib
    import os
    import tempfile

    raw = os.fsencode(folder)
    if _is_utf8(raw):
        return str(folder)
    link = Path(tempfile.gettempdir()) / f"dzp-planner-{os.getuid() if hasattr(os, 'getuid') else 0}-{hashlib.sha256(raw).hexdigest()[:16]}"
    try:
        if os.path.islink(link) and os.fsencode(os.readlink(link)) != raw:
            link.unlink()
        if not os.path.islink(link):
            os.symlink(raw, os.fsencode(link))
    except OSError:
        return str(folder)  # no link possible: Qt's own reading of the name
    return str(link)


def recent_files(settings: QSettings) -> list[Path]:
    value = settings.value("files/recent", [])
    if isinstance(value, str):  # QSettings returns a bare string for a one-element list
        value = [value]
    if not isinstance(value, list):
        return []
    return [path_from_setting(p) for p in value if isinstance(p, str) and p]


_BYTES = "bytes:"  # a stored path that is not UTF-8: its bytes in base64 (every path stored is absolute)


def path_setting(path: Path) -> str:
    """`path` as text QSettings keeps as it is. Qt writes Unicode as UTF-8, so a name with a byte no UTF-8
    decodes (a Latin-1 file name: U+DCFF in Python) came back with U+FFFD in its place and never opened."""
    import base64
    import os

    raw = os.fsencode(path)
    return str(path) if _is_utf8(raw) else _BYTES + base64.b64encode(raw).decode("ascii")


def _is_utf8(raw: bytes) -> bool:
    """Whether a name's bytes are UTF-8, the only names Qt keeps as they are."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def shown(name: str) -> str:
    """A file name as a menu shows it: an undecodable byte as U+FFFD (Qt cannot hold the lone surrogate)."""
    import os

    return os.fsencode(name).decode("utf-8", "replace")


def path_from_setting(text: str) -> Path:
    import base64
    import binascii
    import os

    if text.startswith(_BYTES):
        try:
            return Path(os.fsdecode(base64.b64decode(text[len(_BYTES):], validate=True)))
        except (binascii.Error, ValueError):
            pass
    return Path(text)


def push_recent_file(settings: QSettings, path: Path) -> list[Path]:
    path = Path(path).resolve()
    files = [path] + [p for p in recent_files(settings) if p != path]
    files = files[:MAX_RECENT]
    settings.setValue("files/recent", [path_setting(p) for p in files])
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
