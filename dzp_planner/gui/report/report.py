"""Export a plan as a PDF with Qt's own PDF writer.

Why QPdfWriter + QPainter rather than a PDF library: Qt is already in the bundle, its PDF
output embeds real, selectable text in the application font (DejaVu when the machine has
none), QSvgRenderer draws RDKit's and matplotlib's SVG as vector paths, and QTextDocument
lays out flowing HTML with tables. The layout is two passes: measure every block, assign
pages, then paint with a running footer "title — page n of N". A block that fits on a page
is never split (a short table stays whole); a taller one (180 lines of notes, a 60-row table)
is paginated by QTextDocument itself, which flows text across pages and repeats a table's
header row (`<thead>`), so nothing is ever cut. Figures taller than a page are scaled to fit.

The PDF is painted into memory and written with `safe_write` (checked, fsynced, renamed),
so a full disk or an unwritable folder leaves the previous PDF as it was and says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QTextDocument, QTextOption
from PySide6.QtSvg import QSvgRenderer

from dzp_planner.core.document.plan import Plan
from dzp_planner.gui.report.report_sections import HtmlBlock, SchemeBlock, SvgBlock, all_blocks

log = logging.getLogger(__name__)

RESOLUTION = 300  # dots per inch of the PDF's coordinate system
GAP_MM = 3.0
STYLE = """
body { font-size: 9.5pt; }
h1 { font-size: 17pt; color: #1f4e79; }
h2 { font-size: 12.5pt; color: #1f4e79; margin-top: 6px; }
h3 { font-size: 10.5pt; }
th { background: #e8eef6; text-align: left; }
td, th { font-size: 8.5pt; }
"""


def _mm(value: float) -> float:
    return value / 25.4 * RESOLUTION


class _Page:
    def __init__(self, writer: QPdfWriter) -> None:
        rect = writer.pageLayout().paintRectPixels(RESOLUTION)
        self.width = float(rect.width())
        self.height = float(rect.height()) - _mm(10)  # keep room for the footer


def _document(html: str, width: float, device) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultStyleSheet(STYLE)
    doc.setDefaultFont(QFont(QFont().family(), 9))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # a 2,000-character name wraps, not overflows
    doc.setDefaultTextOption(option)
    doc.setHtml(f"<body>{html}</body>")
    doc.setTextWidth(width)
    return doc


@dataclass
class _Placed:
    """A block (or one page of a paginated text block) at its place on a page."""

    block: object
    height: float
    top: float
    doc_page: int = -1  # for a text block split over pages: which of its pages this is


def _caption_font() -> QFont:
    """The figure caption's font: measured (`_caption_height`) and painted alike."""
    font = QFont()
    font.setPointSizeF(8)
    font.setItalic(True)
    return font


def _caption_height(caption: str, width: float, device) -> float:
    """The caption's wrapped height on this device: a caveat of three lines gets three (a fixed 6 mm cut it)."""
    from PySide6.QtGui import QFontMetricsF

    if not caption:
        return 0.0
    metrics = QFontMetricsF(_caption_font(), device)
    bounds = metrics.boundingRect(QRectF(0, 0, width, 1e6), int(Qt.TextFlag.TextWordWrap), caption)
    return max(_mm(6), bounds.height() + _mm(1))


def _height(block, page: _Page, device) -> float:
    if isinstance(block, HtmlBlock):
        block._doc = _document(block.html, page.width, device)
        return block._doc.size().height()
    if isinstance(block, SvgBlock):
        return min(_mm(block.height_mm), page.height - _mm(6)) + _caption_height(block.caption, page.width, device)
    return _mm(58)  # scheme


def _paginate(blocks: list, page: _Page, device) -> list[list[_Placed]]:
    pages: list[list[_Placed]] = [[]]
    y = 0.0
    for block in blocks:
        height = _height(block, page, device)
        if isinstance(block, HtmlBlock) and height > page.height:
            y = _place_split(block, page, pages, y)
            continue
        if y > 0 and y + height > page.height:
            # a heading should travel with what follows it
            last = pages[-1][-1] if pages[-1] else None
            moved = []
            if last is not None and last.doc_page < 0 and isinstance(last.block, HtmlBlock) and \
                    last.block.html.startswith("<h2>") and last.block.html.endswith("</h2>"):
                moved = [pages[-1].pop()]
            pages.append([])
            y = 0.0
            for item in moved:
                pages[-1].append(_Placed(item.block, item.height, y))
                y += item.height + _mm(GAP_MM)
        pages[-1].append(_Placed(block, height, y))
        y += height + _mm(GAP_MM)
    return [p for p in pages if p] or [[]]


def _place_split(block: HtmlBlock, page: _Page, pages: list[list[_Placed]], y: float) -> float:
    """A text block taller than a page: QTextDocument paginates it (text flows, table headers repeat)."""
    doc = block._doc
    doc.setPageSize(QSizeF(page.width, page.height))
    count = doc.pageCount()
    if pages[-1]:
        pages.append([])
    for index in range(count):
        if index:
            pages.append([])
        if index < count - 1:
            used = page.height
        else:  # where the text ends on the last page
            bottom = doc.documentLayout().blockBoundingRect(doc.lastBlock()).bottom()
            used = bottom - page.height * (count - 1)
        pages[-1].append(_Placed(block, max(used, 0.0), 0.0, index))
    return pages[-1][-1].height + _mm(GAP_MM)


def _paint_svg(painter: QPainter, svg: str, rect: QRectF) -> None:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        return
    size = renderer.defaultSize()
    if size.width() > 0 and size.height() > 0:  # keep the aspect ratio inside rect
        scale = min(rect.width() / size.width(), rect.height() / size.height())
        w, h = size.width() * scale, size.height() * scale
        rect = QRectF(rect.x() + (rect.width() - w) / 2, rect.y() + (rect.height() - h) / 2, w, h)
    renderer.render(painter, rect)


def _paint_block(painter: QPainter, placed: _Placed, page: _Page) -> None:
    block, top, height = placed.block, placed.top, placed.height
    if isinstance(block, HtmlBlock):
        painter.save()
        if placed.doc_page >= 0:  # one page of a paginated block
            offset = placed.doc_page * page.height
            painter.translate(0, top - offset)
            block._doc.drawContents(painter, QRectF(0, offset, page.width, page.height))
        else:
            painter.translate(0, top)
            block._doc.drawContents(painter, QRectF(0, 0, page.width, height + 1))
        painter.restore()
    elif isinstance(block, SvgBlock):
        box_h = min(_mm(block.height_mm), page.height - _mm(6))
        _paint_svg(painter, block.svg, QRectF(0, top, min(page.width, _mm(block.width_mm)), box_h))
        if block.caption:
            painter.save()
            painter.setFont(_caption_font())
            painter.drawText(QRectF(0, top + box_h, page.width, height - box_h), Qt.TextFlag.TextWordWrap, block.caption)
            painter.restore()
    elif isinstance(block, SchemeBlock):
        third = page.width / 3
        box = QRectF(0, top, third * 1.1, height)
        _paint_svg(painter, block.substrate_svg, box)
        if block.product_svg:
            _paint_svg(painter, block.product_svg, QRectF(third * 1.9, top, third * 1.1, height))
        mid_y = top + height / 2
        x1, x2 = third * 1.15, third * 1.85
        painter.save()
        painter.setPen(QPen(QColor("#222222"), _mm(0.35)))
        painter.drawLine(QPointF(x1, mid_y), QPointF(x2, mid_y))
        painter.drawLine(QPointF(x2, mid_y), QPointF(x2 - _mm(2.5), mid_y - _mm(1.5)))
        painter.drawLine(QPointF(x2, mid_y), QPointF(x2 - _mm(2.5), mid_y + _mm(1.5)))
        font = QFont(painter.font())
        font.setPointSizeF(8)
        painter.setFont(font)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(QRectF(x1, mid_y - _mm(16), x2 - x1, _mm(15)), flags | Qt.AlignmentFlag.AlignBottom, block.above)
        painter.drawText(QRectF(x1, mid_y + _mm(1.5), x2 - x1, _mm(15)), flags | Qt.AlignmentFlag.AlignTop, block.below)
        painter.restore()


def render_plan_pdf(plan: Plan, page_size: str = "A4") -> tuple[bytes, int]:
    """The report as PDF bytes and its page count (painted in memory; nothing touches the disk)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(plan.title)
    writer.setCreator("DZP Planner")
    size = QPageSize(QPageSize.PageSizeId.Letter if page_size == "Letter" else QPageSize.PageSizeId.A4)
    writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(16, 14, 16, 14), QPageLayout.Unit.Millimeter))
    page = _Page(writer)
    pages = _paginate(all_blocks(plan), page, writer)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("the PDF writer could not start")
    try:
        for number, items in enumerate(pages, start=1):
            if number > 1 and not writer.newPage():
                raise OSError(f"the PDF writer failed at page {number}")
            for placed in items:
                _paint_block(painter, placed, page)
            _footer(painter, plan, number, len(pages), page)
    finally:
        finished = painter.end()
    data = bytes(buffer.data().data())
    buffer.close()
    if not finished or not data.startswith(b"%PDF") or b"%%EOF" not in data[-1024:]:
        raise OSError("the PDF writer did not finish the document")
    return data, len(pages)


def export_plan_pdf(plan: Plan, path: Path, page_size: str = "A4", inputs: tuple[Path, ...] = ()) -> int:
    """Write the report to `path` (".pdf" added if missing) and return the number of pages.

    Raises `safe_write.WriteError` (disk full, a folder, a device, the plan itself) with the
    previous file unchanged.
    """
    from dzp_planner.core.io.safe_write import atomic_write_bytes, output_path

    target = output_path(path, suffix=".pdf", inputs=inputs)
    data, count = render_plan_pdf(plan, page_size)
    atomic_write_bytes(target, data)
    log.info("exported %s (%d pages)", target, count)
    return count


def _footer(painter: QPainter, plan: Plan, number: int, total: int, page: _Page) -> None:
    painter.save()
    font = QFont(painter.font())
    font.setPointSizeF(7.5)
    painter.setFont(font)
    painter.setPen(QColor("#666666"))
    rect = QRectF(0, page.height + _mm(3), page.width, _mm(6))
    title = plan.title if len(plan.title) < 90 else plan.title[:87] + "…"
    painter.drawText(rect, Qt.AlignmentFlag.AlignLeft, title)
    painter.drawText(rect, Qt.AlignmentFlag.AlignRight, f"page {number} of {total}")
    painter.restore()

