"""The decision tree drawn as a graph: boxes and arrows, top-down, with the walked path lit.

A QGraphicsView over `layout` (at the end of this module: where each box goes is view
logic, so it lives with the view, not in the core's tree engine); clicking a question box
emits `nodeClicked`, which the panel turns into "go back to this question". Ctrl+wheel
zooms, dragging pans. Long questions grow their box rather than being cut.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene, QGraphicsTextItem, QGraphicsView

from dzp_planner.gui.crash_handler import guarded
from dzp_planner.gui.widgets.turns import turn_queue

if TYPE_CHECKING:  # the tree module loads after the first paint, with the panel's data
    from dzp_planner.core.guidance.decisions import Tree, WalkResult

BOX_W, BOX_H, STEP_X, STEP_Y = 190.0, 62.0, 215.0, 132.0
MAX_BOX_H = 96.0  # a long question grows its box (five lines) instead of being cut
COLOURS = {
    "question": QColor("#f4f6fa"), "path": QColor("#dbe8ff"), "pending": QColor("#fff2b3"),
    "rec": QColor("#eef7ee"), "chosen": QColor("#b9e4c0"), "edge": QColor("#9aa3ad"), "edge_on": QColor("#1f4e79"),
}


class _NodeItem(QGraphicsRectItem):
    def __init__(self, key: str, text: str, rect: QRectF, view: DecisionGraphView) -> None:
        super().__init__(rect)
        self.key = key
        self._view = view
        self.setAcceptHoverEvents(True)
        self.setToolTip(text)
        label = self.label = QGraphicsTextItem(self)  # keep the wrapper: PySide would collect a bare child
        label.setTextWidth(rect.width() - 10)
        font = QFont()
        font.setPointSizeF(8.0)
        label.setFont(font)
        label.setPlainText(text)
        needed = label.boundingRect().height() + 6
        if needed > rect.height():  # grow downwards to show the whole question
            rect.setHeight(min(needed, MAX_BOX_H))
            self.setRect(rect)
        label.setPos(rect.left() + 5, rect.top() + 3)
        if not key.startswith("rec:"):
            self.setCursor(Qt.CursorShape.PointingHandCursor)

    @guarded
    def mousePressEvent(self, event) -> None:
        if not self.key.startswith("rec:"):
            self._view.nodeClicked.emit(self.key)
        super().mousePressEvent(event)


class DecisionGraphView(QGraphicsView):
    nodeClicked = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setToolTip("Click a question to go back to it; Ctrl+wheel zooms, drag to pan")
        self.items_by_key: dict[str, _NodeItem] = {}
        self._focus: QPointF | None = None
        self._pending: tuple[Tree, WalkResult] | None = None

    def show_walk_soon(self, tree: Tree, result: WalkResult) -> None:
        """`show_walk` on the next turn of the event loop, once however often asked. Why: the edit that changed
        the walk has already refreshed every panel on this turn; the scene's rebuild and the repaint it starts
        (~40 ms on a substrate edit) ran straight after it in one batch, and the window did not answer for both."""
        self._pending = (tree, result)
        turn_queue().later(self, "graph", self._show_pending)  # a turn of its own, after the other panels' jobs

    def _show_pending(self) -> None:
        if self._pending is not None:
            tree, result = self._pending
            self._pending = None
            self.show_walk(tree, result)

    def settled(self) -> bool:
        """No rebuild waiting: the graph shows the walk."""
        return self._pending is None

    def show_walk(self, tree: Tree, result: WalkResult) -> None:
        self._pending = None  # drawn now: a rebuild asked for before this one is older
        scene = self.scene()
        scene.clear()
        self.items_by_key.clear()
        lay = layout(tree)
        on_path = {s.node for s in result.path}
        chosen_edges = {(s.node, s.answer_label) for s in result.path}
        centres: dict[str, QPointF] = {}
        for key, (x, y) in lay.positions.items():
            centres[key] = QPointF(x * STEP_X, y * STEP_Y)
        for source, target, label in lay.edges:
            on = (source, label) in chosen_edges
            self._edge(centres[source], centres[target], label, on)
        for key, centre in centres.items():
            rect = QRectF(centre.x() - BOX_W / 2, centre.y() - BOX_H / 2, BOX_W, BOX_H)
            if key.startswith("rec:"):
                rec_id = key.split(":")[1]
                text = "→ " + tree.recommendations[rec_id].title
                last_node = result.path[-1].node if result.path else ""
                chosen = result.recommendation is not None and result.recommendation.id == rec_id and key.endswith(":" + last_node)
                fill = COLOURS["chosen"] if chosen else COLOURS["rec"]
            else:
                text = tree.nodes[key].question
                fill = COLOURS["pending"] if result.pending is not None and result.pending.id == key else (
                    COLOURS["path"] if key in on_path else COLOURS["question"])
                chosen = key in on_path or (result.pending is not None and result.pending.id == key)
            item = _NodeItem(key, text, rect, self)
            item.setBrush(QBrush(fill))
            item.setPen(QPen(COLOURS["edge_on"] if chosen else COLOURS["edge"], 2.2 if chosen else 1.0))
            scene.addItem(item)
            self.items_by_key[key] = item
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-20, -20, 20, 20))
        focus_key = result.pending.id if result.pending is not None else (result.path[-1].node if result.path else tree.start)
        self._focus = centres.get(focus_key)
        if result.recommendation is not None and result.path:
            rec_key = f"rec:{result.recommendation.id}:{result.path[-1].node}"
            self._focus = centres.get(rec_key, self._focus)
        self.fit()

    def _edge(self, a: QPointF, b: QPointF, label: str, on: bool) -> None:
        start, end = QPointF(a.x(), a.y() + BOX_H / 2), QPointF(b.x(), b.y() - BOX_H / 2)
        path = QPainterPath(start)
        mid_y = (start.y() + end.y()) / 2
        path.cubicTo(QPointF(start.x(), mid_y), QPointF(end.x(), mid_y), end)
        pen = QPen(COLOURS["edge_on"] if on else COLOURS["edge"], 2.4 if on else 1.0)
        item = self.scene().addPath(path, pen)
        item.setZValue(-1)
        head = QPolygonF([end, QPointF(end.x() - 5, end.y() - 9), QPointF(end.x() + 5, end.y() - 9)])
        self.scene().addPolygon(head, pen, QBrush(pen.color()))
        text = self.scene().addSimpleText(label)
        font = QFont()
        font.setPointSizeF(7.5)
        font.setBold(on)
        text.setFont(font)
        text.setBrush(QBrush(pen.color()))
        # on the curve, nearer the target: two edges into one box (from different questions) part there
        at = path.pointAtPercent(0.62)
        width, height = text.boundingRect().width(), text.boundingRect().height()
        text.setPos(at.x() - width / 2, at.y() - height / 2)
        backdrop = self.scene().addRect(text.sceneBoundingRect().adjusted(-2, 0, 2, 0), QPen(Qt.PenStyle.NoPen),
                                        QBrush(QColor(255, 255, 255, 210)))
        backdrop.setZValue(0.5)
        text.setZValue(1)

    def fit(self) -> None:
        rect = self.scene().sceneRect()
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() < 0.7:  # too small to read: keep it legible, show the current node
            self.resetTransform()
            self.scale(0.7, 0.7)
            if self._focus is not None:
                self.centerOn(self._focus)

    @guarded
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()

    @guarded
    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
            self.scale(factor, factor)
        else:
            super().wheelEvent(event)


# -- layout (pure Python: where each box goes) ------------------------------------------------
@dataclass(frozen=True)
class Layout:
    positions: dict[str, tuple[float, float]]  # node or "rec:<id>" -> (x, y), y = depth
    edges: tuple[tuple[str, str, str], ...] = field(default_factory=tuple)  # (from, to, answer label)


def layout(tree: Tree) -> Layout:
    """Top-down layered layout: depth from the start gives y; order of discovery gives x."""
    levels: dict[str, int] = {tree.start: 0}
    order: list[str] = [tree.start]
    edges: list[tuple[str, str, str]] = []
    queue = [tree.start]
    while queue:
        current = queue.pop(0)
        for ans in tree.nodes[current].answers:
            target = ans.next if ans.next is not None else f"rec:{ans.recommendation}:{current}"
            edges.append((current, target, ans.label))
            if target not in levels:
                levels[target] = levels[current] + 1
                order.append(target)
                if ans.next is not None:
                    queue.append(ans.next)
    rows: dict[int, list[str]] = {}
    for name in order:
        rows.setdefault(levels[name], []).append(name)
    positions = {}
    for depth, names in rows.items():
        for i, name in enumerate(names):
            positions[name] = (i - (len(names) - 1) / 2.0, float(depth))
    return Layout(positions, tuple(edges))
