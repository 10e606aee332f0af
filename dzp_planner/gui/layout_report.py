"""What a chemist would see cut off, and which editor tools are out of reach: `--self-test --size`.

Checked the way a person would notice it, not by pixels: a visible control whose box runs out
of its window or dock, a button, label, line edit, combo box or spin box whose text does not
fit in it, a plot title or legend outside its figure; and, for the structure editor, every
tool (each element, the periodic table, each bond type, the chain, rings of 3–8 atoms and
benzene, each fragment, the charges, erase, clean-up, fit) as a button that is visible and
clickable without opening a menu or an overflow. Widgets inside scroll areas and item views
are left alone: they scroll by design.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabBar,
    QToolButton,
    QWidget,
)

EDITOR_TOOLS = (
    *(f"element:{e}" for e in ("C", "N", "O", "S", "F", "Cl", "Br")), "action:periodic",
    "bond:1", "bond:2", "bond:3", "bond:5", "bond:6", "chain",
    *(f"ring:{n}" for n in (3, 4, 5, 6, 7, 8)), "ring:benzene",
    *(f"fragment:{f}" for f in ("1,4-diazepane", "Boc", "benzyl", "acetyl", "phenyl", "mesyl")),
    "charge:+1", "charge:-1", "erase", "action:clean_up", "action:fit",
)
SHORT_LINE_EDIT = 24  # a field whose text is this short must show it whole (longer ones scroll, as a SMILES does)


def _container(widget: QWidget, window: QWidget) -> QWidget:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QDockWidget):
            return parent
        parent = parent.parentWidget()
    return window


def _scrolls(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QScrollArea, QAbstractItemView, QGraphicsView, QTabBar)):
            return True
        parent = parent.parentWidget()
    return False


def _name(widget: QWidget) -> str:
    text = ""
    for getter in ("text", "currentText"):
        if hasattr(widget, getter):
            try:
                text = str(getattr(widget, getter)())
            except TypeError:
                text = ""
            break
    label = widget.objectName() or type(widget).__name__
    return f"{label} “{text[:40]}”" if text else label


def _text_cut(widget: QWidget) -> bool:
    metrics = widget.fontMetrics()
    width = widget.width()
    if isinstance(widget, QPushButton) and widget.layout() is not None:
        return False  # a wrapping button: its label wraps
    if isinstance(widget, QAbstractButton):
        text = widget.text().replace("&", "")
        if not text or (isinstance(widget, QToolButton) and not widget.icon().isNull() and
                        widget.toolButtonStyle() == widget.toolButtonStyle().ToolButtonIconOnly):
            return False
        return metrics.horizontalAdvance(text) + 8 > width
    if isinstance(widget, QLabel):
        if (widget.pixmap() is not None and not widget.pixmap().isNull()) or not widget.text().strip():
            return False
        if widget.wordWrap():
            return widget.heightForWidth(width) > widget.height() + 2
        return widget.sizeHint().width() > width + 2
    if isinstance(widget, QLineEdit):
        text = widget.text() or widget.placeholderText()
        return len(text) <= SHORT_LINE_EDIT and metrics.horizontalAdvance(text) + 10 > width
    if isinstance(widget, QComboBox):
        return metrics.horizontalAdvance(widget.currentText()) + 28 > width
    if isinstance(widget, QAbstractSpinBox):
        return metrics.horizontalAdvance(widget.text()) + 26 > width
    return False


def clipped_widgets(window: QWidget) -> list[str]:
    found: list[str] = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, (QAbstractButton, QLabel, QLineEdit, QComboBox, QAbstractSpinBox)):
            continue
        if not widget.isVisibleTo(window) or widget.width() <= 0 or _scrolls(widget):
            continue
        if isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox, QTabBar)):
            continue  # a combo's or spin box's own line edit, the tab bar's scroll buttons
        container = _container(widget, window)
        if container is not window and container.visibleRegion().isEmpty():
            continue  # a dock in a tab behind another: checked when its tab is raised
        box = QRect(widget.mapTo(container, QPoint(0, 0)), widget.size())
        if not container.rect().adjusted(-1, -1, 1, 1).contains(box):
            found.append(f"{_name(widget)} runs out of {container.objectName() or 'the window'}")
        elif _text_cut(widget):
            found.append(f"{_name(widget)} is cut")
    return found + _figure_problems(window)


def _figure_problems(window: QWidget) -> list[str]:
    """Titles and legends of the visible plots must lie inside their figure."""
    found: list[str] = []
    plot = getattr(window, "distribution_panel", None)
    if plot is None:
        return found
    for key, canvas in plot.figure_canvases().items():
        if not canvas.isVisibleTo(window) or canvas.width() < 50:
            continue
        figure = canvas.figure
        try:
            renderer = canvas.get_renderer()
        except Exception:  # noqa: BLE001 - a canvas that never drew has nothing to check
            continue
        bounds = figure.bbox
        for ax in figure.axes:
            extent = ax.title.get_window_extent(renderer)
            if ax.title.get_text() and (extent.x0 < bounds.x0 - 1 or extent.x1 > bounds.x1 + 1 or extent.y1 > bounds.y1 + 1):
                found.append(f"the {key} plot's title is cut")
        for legend in figure.legends:
            extent = legend.get_window_extent(renderer)
            if extent.x0 < bounds.x0 - 1 or extent.x1 > bounds.x1 + 1 or extent.y0 < bounds.y0 - 1:
                found.append(f"the {key} plot's legend is cut")
    return found


def unreachable_tools(window: QWidget) -> list[str]:
    """Editor tools that are not a visible, clickable button of their own."""
    editor = getattr(window, "structure_panel", None)
    palette = getattr(editor, "tool_palette", None)
    buttons = getattr(palette, "buttons", {})
    missing = []
    for key in EDITOR_TOOLS:
        button = buttons.get(key)
        if button is None or not button.isVisibleTo(window) or not button.isEnabled():
            missing.append(key)
            continue
        box = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        inside = QRect(palette.mapTo(window, QPoint(0, 0)), palette.size()).intersected(window.rect())
        if not inside.contains(box):
            missing.append(key)
    return missing


def layout_report(window: QWidget) -> dict[str, Any]:
    """Every dock is checked as the chemist would see it: tabbed docks one tab at a time."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    clipped: list[str] = []
    main = window if isinstance(window, QMainWindow) else None
    docks = window.findChildren(QDockWidget) if main is not None else []
    groups: list[list[QDockWidget | None]] = [
        [d, *main.tabifiedDockWidgets(d)] for d in docks if main is not None and main.tabifiedDockWidgets(d)]
    shown_first = [d for d in docks if not d.visibleRegion().isEmpty()]
    for group in groups or [[None]]:  # no tabbed docks: one check of the window as it is
        for dock in group:
            if dock is not None:
                dock.raise_()
                for _ in range(3):
                    QApplication.processEvents()
            for problem in clipped_widgets(window):
                if problem not in clipped:
                    clipped.append(problem)
    for dock in shown_first:  # the tabs the window showed before the check
        dock.raise_()
    return {"size": [window.width(), window.height()], "clipped": clipped, "unreachable_tools": unreachable_tools(window)}
