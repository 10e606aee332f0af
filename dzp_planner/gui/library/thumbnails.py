"""Small PNG pictures of a plan's substrate for the library list."""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from dzp_planner.core.document.plan import Plan

log = logging.getLogger(__name__)

THUMB_SIZE = 120


def svg_to_image(svg: str, width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def plan_thumbnail_png(plan: Plan, size: int = THUMB_SIZE) -> bytes | None:
    """PNG bytes of the substrate, or None when there is nothing (valid) to draw."""
    if not plan.substrate_smiles:
        return None
    try:
        from dzp_planner.core.chem.depiction import depict_svg

        svg = depict_svg(plan.substrate_smiles, size, size)
    except Exception:  # an undrawable structure simply has no thumbnail
        log.debug("no thumbnail for %r", plan.substrate_smiles, exc_info=True)
        return None
    image = svg_to_image(svg, size, size)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; PySide6 wants str
    return bytes(buffer.data().data())
