"""Make sure Qt has a real font, even on a lab PC or CI box with none installed.

With no system fonts Qt draws empty boxes and a PDF export contains no text at all, while
nothing crashes. matplotlib ships DejaVu Sans; registering it when Qt finds no usable family
costs a few milliseconds and is found without importing matplotlib.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


def _bundled_dejavu() -> list[Path]:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return []
    ttf = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    return [ttf / name for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSansMono.ttf") if (ttf / name).is_file()]


def ensure_usable_font(app: QGuiApplication) -> str:
    """Register DejaVu when the system offers no font family; return the family in use."""
    if QFontDatabase.families():
        return app.font().family()
    families: list[str] = []
    for path in _bundled_dejavu():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    if families:
        family = "DejaVu Sans" if "DejaVu Sans" in families else families[0]
        app.setFont(QFont(family, 10))
        log.info("no system fonts: using bundled %s", family)
        return family
    log.warning("no fonts found at all; text will not render")
    return ""


def text_renders(font: QFont | None = None) -> bool:
    """Draw a word into an image and check that some pixels changed (a real glyph, not a box)."""
    image = QImage(200, 40, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setPen(QColor("black"))
    painter.setFont(font or QApplication.font())
    painter.drawText(4, 28, "N1 diazepane")
    painter.end()
    dark = sum(1 for y in range(0, 40, 2) for x in range(0, 200, 2) if QColor(image.pixel(x, y)).lightness() < 128)
    return dark > 20
