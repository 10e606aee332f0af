"""Regenerate packaging/dzp-planner.ico (Windows) and .icns (macOS) from the SVG app icon.

The spec embeds them when it builds on those platforms. Run after changing
resources/icons/dzp-planner.svg (needs the project venv: Qt renders the SVG, Pillow writes
the icon containers):

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "dzp-planner.svg"


def render(size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> None:
    _app = QGuiApplication([])
    big = render(1024)
    big.save(ROOT / "packaging" / "dzp-planner.icns", format="ICNS")
    render(256).save(ROOT / "packaging" / "dzp-planner.ico", format="ICO",
                     sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print("wrote packaging/dzp-planner.ico and packaging/dzp-planner.icns")


if __name__ == "__main__":
    main()
