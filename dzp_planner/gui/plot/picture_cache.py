"""The last picture of the plot, kept on disk so the next start shows it before matplotlib loads.

Importing matplotlib takes longer than building and filling the rest of the window (0.4–0.55 s
here, three bare-window start-ups), so a start that waits for it shows an empty plot for most
of its first second. The same plan usually reopens at the same size, so the plot the chemist
last saw is the plot they will see: it is shown from this cache at once, and the live canvas
replaces it as soon as matplotlib has loaded in the background. Pictures are keyed by
everything that changes what is drawn (the plot's inputs and palette, the size in pixels, the
screen's scale and the program's version); the key is written into the PNG and checked, with
the pixel size, before the picture is decoded, so a picture is only ever shown for the inputs
it was drawn from and a foreign file costs no more than reading its header.

The folder is a cache: any file may be missing, damaged or deleted, and then the plot is
simply drawn live. Reading one is decoding a PNG, never running anything. `store` touches no
widget, so it may run on a worker thread.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
import zlib
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QImageReader, QPixmap

from dzp_planner import __version__, paths

log = logging.getLogger(__name__)

# Raise when gui/figures.py changes what a plot looks like: pictures of the old look are then
# never shown. (Without it the old look shows for under a second at the next start, until
# the live plot replaces it and is stored in its place.)
FIGURE_REVISION = 5  # 5: unhinted text; 4: the title says where k2/k1 comes from; measured runs and the fitted band; 3: legends under the plots
KEEP = 24  # pictures kept; the oldest are removed beyond this
KEY_TAG = "dzp-plot-key"  # PNG text chunk holding the key
MAX_BYTES = 8 * 1024 * 1024  # a plot is ~50 KB; anything this big is not one of ours
PARTIAL_GRACE_S = 60  # a half-written file older than this was left by a crash


def folder() -> Path | None:
    """Where stored pictures live; None without a usable cache (then nothing is stored or read)."""
    home = paths.cache_home()
    return home / "plots" if home is not None else None


def key(state: object, width: int, height: int, scale: float) -> str:
    """What identifies the picture of `state` (the panel's plot inputs, palette included) at this size."""
    return json.dumps([FIGURE_REVISION, __version__, repr(state), width, height, round(scale, 3)])


def pixel_size(width: int, height: int, scale: float) -> QSize:
    """The size QWidget.grab() gives at this scale (Qt rounds halves up, Python's round() to even)."""
    return QSize(width, height) * scale


def _path(key_text: str) -> Path:
    """The file of a key; OSError without a usable cache folder (load and store treat it as no cache)."""
    # crc32, not a cryptographic hash: importing hashlib is a cost at start-up, and the key stored in
    # the file settles any collision
    where = folder()
    if where is None:
        raise OSError("no usable cache folder")
    return where / f"{zlib.crc32(key_text.encode()):08x}.png"


def _reader(key_text: str, size: QSize) -> QImageReader | None:
    """A reader for the stored picture if its header names this key and size (nothing decoded yet)."""
    path = _path(key_text)
    if not path.is_file() or path.stat().st_size > MAX_BYTES:
        return None
    reader = QImageReader(str(path), b"png")
    if reader.text(KEY_TAG) != key_text or reader.size() != size:
        log.info("plot snapshot %s is for other inputs or another size; drawing live", path.name)
        return None
    return reader


def load(key_text: str, width: int, height: int, scale: float) -> QPixmap | None:
    """The stored picture for this key, or None when there is none or it is not this key's."""
    try:
        reader = _reader(key_text, pixel_size(width, height, scale))
    except OSError as exc:  # no cache folder to be had: draw live
        log.info("no plot snapshot folder: %s", exc)
        return None
    if reader is None:
        return None
    image = reader.read()
    if image.isNull():
        log.info("plot snapshot for this plot is damaged (%s); drawing live", reader.errorString())
        return None
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(scale)
    return pixmap


def store(key_text: str, image: QImage) -> bool:
    """Write the picture atomically (a reader sees the old file or the new one) and prune."""
    partial: Path | None = None
    try:
        target = _path(key_text)
        target_dir = target.parent
        target_dir.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=target_dir, prefix=f".{target.stem}.", suffix=".partial")  # unique per writer
        os.close(handle)
        partial = Path(name)
        image = image.copy()  # the caller's image keeps no key text
        image.setText(KEY_TAG, key_text)
        if not image.save(str(partial), "PNG"):  # type: ignore[call-overload]  # the stub says bytes; PySide6 wants str
            raise OSError(f"could not write {partial}")
        os.replace(partial, target)
        _prune(target_dir)
        return True
    except OSError as exc:  # a cache: failing to fill it costs speed, not work
        log.info("plot snapshot not stored: %s", exc)
        if partial is not None:
            try:
                partial.unlink(missing_ok=True)
            except OSError:
                pass
        return False


def _prune(target_dir: Path) -> None:
    pictures = sorted(target_dir.glob("*.png"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in pictures[KEEP:]:
        old.unlink(missing_ok=True)
    now = time.time()
    for partial in target_dir.glob(".*.partial"):
        if now - partial.stat().st_mtime > PARTIAL_GRACE_S:
            partial.unlink(missing_ok=True)
