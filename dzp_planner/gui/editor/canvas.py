"""The drawing canvas: atoms and bonds painted with Qt, edited with the mouse and keyboard.

The canvas holds no chemistry: it shows a `Drawing` from `core.chem.editing` and turns
clicks into editing operations, which the panel applies to the plan (one undo step each).
Tools follow ChemDraw's habits: with an element tool, click empty space for a new atom, click
an atom to change its element, drag from an atom to draw a bond; the bond tool cycles a
bond's order; rings and fragments attach to the atom clicked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from dzp_planner.core.chem.editing import Drawing
from dzp_planner.gui.crash_handler import guarded

LABEL_MARGIN = 28  # px kept free around the atoms: an element symbol plus an N1/N4 site label

HETERO_COLOURS = {"N": "#2f4fd8", "O": "#d62828", "S": "#b89400", "F": "#2a9d55", "Cl": "#2a9d55", "Br": "#8b3a1a", "I": "#6a1b9a", "P": "#e07000"}
KEY_ELEMENTS = {Qt.Key.Key_C: "C", Qt.Key.Key_N: "N", Qt.Key.Key_O: "O", Qt.Key.Key_S: "S", Qt.Key.Key_F: "F",
                Qt.Key.Key_P: "P", Qt.Key.Key_I: "I", Qt.Key.Key_H: "H", Qt.Key.Key_L: "Cl", Qt.Key.Key_B: "Br"}


@dataclass(frozen=True)
class Tool:
    kind: str  # element, bond, ring, fragment, charge, erase
    value: object = None  # "N", 2, 7, "benzene", "Boc", +1 …


class StructureCanvas(QWidget):
    """Emits `edit(op_name, args)` for the panel to apply; the panel calls `show_drawing`."""

    edit = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("structureCanvas")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(200, 140)  # the window's layout gives it more; a 1024-px screen must still fit
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip("Draw: click for an atom, drag from an atom for a bond; element keys on the hovered atom, 1/2/3 on a bond;"
                        " wheel zooms, middle-button drag pans")
        self.drawing = Drawing((), (), (), "")
        self.labels: dict[int, str] = {}
        self.reactive: set[int] = set()
        self.site_text: dict[int, str] = {}
        self.tool = Tool("element", "C")
        self.scale = 40.0  # pixels per Å
        self.offset = QPointF(0, 0)
        self._press: tuple[int | None, QPointF] | None = None
        self._hover_atom: int | None = None
        self._hover_bond: int | None = None
        self._drag_to: QPointF | None = None
        self.selected: set[int] = set()
        self._pan_from: QPointF | None = None
        self._follows_size = True  # refit on resize until the chemist zooms or pans by hand

    # -- geometry ----------------------------------------------------------------------------
    def to_screen(self, x: float, y: float) -> QPointF:
        return QPointF(self.width() / 2 + self.offset.x() + x * self.scale, self.height() / 2 + self.offset.y() - y * self.scale)

    def to_model(self, p: QPointF) -> tuple[float, float]:
        return ((p.x() - self.width() / 2 - self.offset.x()) / self.scale, -(p.y() - self.height() / 2 - self.offset.y()) / self.scale)

    def atom_at(self, p: QPointF) -> int | None:
        best, best_d = None, 12.0
        for i, (_, x, y, _, _) in enumerate(self.drawing.atoms):
            q = self.to_screen(x, y)
            d = math.hypot(q.x() - p.x(), q.y() - p.y())
            if d < best_d:
                best, best_d = i, d
        return best

    def bond_at(self, p: QPointF) -> int | None:
        best, best_d = None, 7.0
        for i, (a, b, _) in enumerate(self.drawing.bonds):
            pa, pb = self.to_screen(*self.drawing.atoms[a][1:3]), self.to_screen(*self.drawing.atoms[b][1:3])
            dx, dy = pb.x() - pa.x(), pb.y() - pa.y()
            length2 = dx * dx + dy * dy or 1.0
            t = max(0.0, min(1.0, ((p.x() - pa.x()) * dx + (p.y() - pa.y()) * dy) / length2))
            d = math.hypot(pa.x() + t * dx - p.x(), pa.y() + t * dy - p.y())
            if d < best_d:
                best, best_d = i, d
        return best

    def fit(self) -> None:
        """Centre the drawing at a scale that leaves room for atom and N1/N4 labels at its edges."""
        self._follows_size = True
        if not self.drawing.atoms:
            self.scale, self.offset = 40.0, QPointF(0, 0)
            self.update()
            return
        xs = [a[1] for a in self.drawing.atoms]
        ys = [a[2] for a in self.drawing.atoms]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1.5)
        room = min(self.width(), self.height())
        self.scale = max(12.0, min(48.0, min(0.75 * room, room - 2 * LABEL_MARGIN) / span))
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        self.offset = QPointF(-cx * self.scale, cy * self.scale)
        self.update()

    def in_view(self) -> bool:
        """Every atom (with room for its label) is inside the canvas."""
        inside = self.rect().adjusted(LABEL_MARGIN // 2, LABEL_MARGIN // 2, -LABEL_MARGIN // 2, -LABEL_MARGIN // 2)
        return all(inside.contains(self.to_screen(x, y).toPoint()) for _, x, y, *_ in self.drawing.atoms)

    def show_drawing(self, drawing: Drawing, labels: dict[int, str], reactive: set[int], site_text: dict[int, str], refit: bool) -> None:
        if len(drawing.atoms) != len(self.drawing.atoms):
            self.selected = set()  # indices changed: a stale selection would point at other atoms
        self.drawing, self.labels, self.reactive, self.site_text = drawing, labels, reactive, site_text
        # a fragment attached near the edge, or a pasted block far off-centre, lands in view; a drawing
        # that is in view keeps the chemist's zoom and pan
        if refit or not self.in_view():
            self.fit()
        self.update()

    # -- painting ---------------------------------------------------------------------------------
    @guarded
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        if not self.drawing.atoms:
            painter.setPen(QColor("#888888"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Draw a structure: pick a tool and click here,\n"
                             "or type a SMILES above (Ctrl+V pastes a MOL block or SMILES)")
            return
        problem_atoms = {a for a, _ in self.drawing.problems if a is not None}
        for idx in self.reactive:
            if idx < len(self.drawing.atoms):
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QBrush(QColor(120, 205, 135, 150)))
                painter.drawEllipse(self.to_screen(*self.drawing.atoms[idx][1:3]), 19, 17)
        for i, (a, b, order) in enumerate(self.drawing.bonds):
            self._paint_bond(painter, a, b, order, i == self._hover_bond)
        painter.setPen(QPen(QColor("#222222"), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for cx, cy, radius in self.drawing.aromatic_rings:
            painter.drawEllipse(self.to_screen(cx, cy), radius * self.scale, radius * self.scale)
        font = QFont(self.font())
        font.setPointSizeF(max(8.0, self.scale * 0.32))
        painter.setFont(font)
        for i, (symbol, x, y, charge, hs) in enumerate(self.drawing.atoms):
            self._paint_atom(painter, i, symbol, QPointF(self.to_screen(x, y)), charge, hs, i in problem_atoms)
        for idx in self.selected:
            if idx < len(self.drawing.atoms):
                painter.setPen(QPen(QColor("#1f6fd0"), 2.0))
                painter.setBrush(QBrush(QColor(31, 111, 208, 40)))
                painter.drawEllipse(self.to_screen(*self.drawing.atoms[idx][1:3]), 11, 11)
        if self.tool.kind == "select" and self._press is not None and self._drag_to is not None and self._press[0] is None:
            painter.setPen(QPen(QColor("#1f6fd0"), 1.0, Qt.PenStyle.DashLine))
            painter.setBrush(QBrush(QColor(31, 111, 208, 25)))
            painter.drawRect(QRectF(self._press[1], self._drag_to).normalized())
        if self._press is not None and self._press[0] is not None and self._drag_to is not None and self.tool.kind != "select":
            painter.setPen(QPen(QColor("#1f4e79"), 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(self.to_screen(*self.drawing.atoms[self._press[0]][1:3]), self._drag_to)

    def _paint_bond(self, painter: QPainter, a: int, b: int, order: int, hovered: bool) -> None:
        pa, pb = self.to_screen(*self.drawing.atoms[a][1:3]), self.to_screen(*self.drawing.atoms[b][1:3])
        pen = QPen(QColor("#1f4e79") if hovered else QColor("#222222"), 3.0 if hovered else 1.8)
        painter.setPen(pen)
        dx, dy = pb.x() - pa.x(), pb.y() - pa.y()
        length = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / length * 4, dx / length * 4
        if order == 5:  # wedge: narrow at the stereocentre (begin), wide at the end
            painter.setBrush(QBrush(pen.color()))
            painter.drawPolygon([pa, QPointF(pb.x() + nx, pb.y() + ny), QPointF(pb.x() - nx, pb.y() - ny)])
            return
        if order == 6:  # hash
            for k in range(1, 8):
                t = k / 7
                cx, cy = pa.x() + dx * t, pa.y() + dy * t
                painter.drawLine(QPointF(cx + nx * t, cy + ny * t), QPointF(cx - nx * t, cy - ny * t))
            return
        if order in (1, 4):  # aromatic bonds are single lines; the ring gets its circle
            painter.drawLine(pa, pb)
        elif order == 2:
            painter.drawLine(QPointF(pa.x() + nx / 2, pa.y() + ny / 2), QPointF(pb.x() + nx / 2, pb.y() + ny / 2))
            painter.drawLine(QPointF(pa.x() - nx / 2, pa.y() - ny / 2), QPointF(pb.x() - nx / 2, pb.y() - ny / 2))
        else:
            for k in (-1, 0, 1):
                painter.drawLine(QPointF(pa.x() + k * nx, pa.y() + k * ny), QPointF(pb.x() + k * nx, pb.y() + k * ny))

    def _paint_atom(self, painter: QPainter, i: int, symbol: str, p: QPointF, charge: int, hs: int, problem: bool) -> None:
        text = symbol if symbol != "C" or charge or not self._has_bonds(i) else ""
        if hs and symbol != "C":
            text = f"{symbol}H" if hs == 1 else f"{symbol}H{hs}"
        if charge:
            text += ("+" if charge > 0 else "−") * abs(charge) if abs(charge) < 3 else f"{abs(charge)}{'+' if charge > 0 else '−'}"
        if text:
            metrics = painter.fontMetrics()
            w, h = metrics.horizontalAdvance(text) + 4, metrics.height()
            box = QRectF(p.x() - w / 2, p.y() - h / 2, w, h)
            painter.fillRect(box, QColor("white"))
            painter.setPen(QColor(HETERO_COLOURS.get(symbol, "#222222")))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        if problem:
            painter.setPen(QPen(QColor("#d00000"), 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(p, 13, 13)
        if i in self.labels:
            painter.save()
            font = QFont(painter.font())
            font.setPointSizeF(max(7.0, painter.font().pointSizeF() * 0.75))
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor("#1f6f3a"))
            # opposite the atom's own bonds, so the label sits in the free space beside it
            neighbours = [b if a == i else a for a, b, _ in self.drawing.bonds if i in (a, b)]
            bond_angles = [math.atan2(q.y() - p.y(), q.x() - p.x()) for q in (self.to_screen(*self.drawing.atoms[n][1:3]) for n in neighbours)]

            def clearance(angle: float) -> float:
                return min((abs((angle - b + math.pi) % (2 * math.pi) - math.pi) for b in bond_angles), default=math.pi)

            best = max((k * math.pi / 4 for k in range(8)), key=clearance)
            dx, dy = math.cos(best), math.sin(best)
            norm = 1.0
            w = painter.fontMetrics().horizontalAdvance(self.labels[i])
            lx, ly = p.x() + dx / norm * 24 - w / 2, p.y() + dy / norm * 24 + painter.fontMetrics().ascent() / 2
            painter.drawText(QPointF(lx, ly), self.labels[i])
            painter.restore()
        if i == self._hover_atom:
            painter.setPen(QPen(QColor("#1f4e79"), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(p, 10, 10)

    def _has_bonds(self, i: int) -> bool:
        return any(i in (a, b) for a, b, _ in self.drawing.bonds)

    # -- mouse and keyboard ------------------------------------------------------------------------
    @guarded
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = (self.atom_at(event.position()), event.position())
            self._drag_to = None
            self.setFocus()
        elif event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position()

    @guarded
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        p = event.position()
        if self._pan_from is not None:  # middle-button drag pans the view
            self._follows_size = False
            self.offset += p - self._pan_from
            self._pan_from = p
            self.update()
            return
        if self._press is not None and (self._press[0] is not None or self.tool.kind in ("select", "chain")):
            self._drag_to = p
        atom = self.atom_at(p)
        bond = None if atom is not None else self.bond_at(p)
        if (atom, bond) != (self._hover_atom, self._hover_bond):
            self._hover_atom, self._hover_bond = atom, bond
            self.setToolTip(self.site_text.get(atom, "") if atom is not None else "")
        self.update()

    @guarded
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = None
            return
        if self._press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        start_atom, start = self._press
        self._press, self._drag_to = None, None
        end = event.position()
        moved = math.hypot(end.x() - start.x(), end.y() - start.y()) > 8
        if self.tool.kind == "select":
            self._select_release(start_atom, start, end, moved)
            return
        if moved and self.tool.kind == "chain":
            self.edit.emit("add_chain", {"start": self.to_model(start), "end": self.to_model(end), "from_atom": start_atom})
            return
        if start_atom is not None and moved and self.tool.kind in ("element", "bond"):
            target = self.atom_at(end)
            order = self.tool.value if self.tool.kind == "bond" else 1
            symbol = self.tool.value if self.tool.kind == "element" else "C"
            self.edit.emit("add_bond", {"begin": start_atom, "end": target, "order": order,
                                        "at": None if target is not None else self.to_model(end), "symbol": symbol})
            return
        self.click(end)

    def _select_release(self, start_atom: int | None, start: QPointF, end: QPointF, moved: bool) -> None:
        """Select tool: click selects one atom, a rubber band selects many, dragging a selection moves it."""
        if moved and start_atom is not None and (start_atom in self.selected or not self.selected):
            indices = sorted(self.selected) if start_atom in self.selected else [start_atom]
            x0, y0 = self.to_model(start)
            x1, y1 = self.to_model(end)
            self.edit.emit("move_atoms", {"indices": indices, "dx": x1 - x0, "dy": y1 - y0})
            return
        if moved:
            box = QRectF(start, end).normalized()
            self.selected = {i for i, a in enumerate(self.drawing.atoms) if box.contains(self.to_screen(a[1], a[2]))}
        else:
            self.selected = {start_atom} if start_atom is not None else set()
        self.update()

    def select_all(self) -> None:
        self.selected = set(range(len(self.drawing.atoms)))
        self.update()

    def click(self, p: QPointF) -> None:
        """What a plain click does with the current tool (also used by tests and the keyboard)."""
        atom = self.atom_at(p)
        bond = None if atom is not None else self.bond_at(p)
        kind, value = self.tool.kind, self.tool.value
        if kind == "erase":
            if atom is not None:
                self.edit.emit("delete_atom", {"idx": atom})
            elif bond is not None:
                self.edit.emit("delete_bond", {"bond_idx": bond})
        elif kind == "element":
            if atom is not None:
                self.edit.emit("set_element", {"idx": atom, "symbol": value})
            elif bond is not None:
                self.edit.emit("cycle_bond", {"bond_idx": bond})
            else:
                self.edit.emit("add_atom", {"symbol": value, "x": self.to_model(p)[0], "y": self.to_model(p)[1]})
        elif kind == "bond" and value in (5, 6):
            if bond is not None:
                a, b, _ = self.drawing.bonds[bond]
                pa = self.to_screen(*self.drawing.atoms[a][1:3])
                pb = self.to_screen(*self.drawing.atoms[b][1:3])
                nearer = a if math.hypot(p.x() - pa.x(), p.y() - pa.y()) <= math.hypot(p.x() - pb.x(), p.y() - pb.y()) else b
                self.edit.emit("set_stereo_bond", {"bond_idx": bond, "kind": value, "narrow_end": nearer})
        elif kind == "bond":
            if bond is not None:
                self.edit.emit("cycle_bond" if value == 1 else "set_bond_order", {"bond_idx": bond} if value == 1 else {"bond_idx": bond, "order": value})
            elif atom is not None:
                self.edit.emit("add_bond", {"begin": atom, "end": None, "order": value})
            else:
                x, y = self.to_model(p)
                self.edit.emit("add_atom", {"symbol": "C", "x": x, "y": y})
        elif kind == "ring":
            size, aromatic = (6, True) if value == "benzene" else (int(str(value)), False)
            self.edit.emit("add_ring", {"size": size, "aromatic": aromatic, "attach_to": atom,
                                        "centre": None if atom is not None else self.to_model(p)})
        elif kind == "fragment":
            self.edit.emit("add_fragment", {"name": value, "attach_to": atom, "at": None if atom is not None else self.to_model(p)})
        elif kind == "charge" and atom is not None:
            self.edit.emit("change_charge", {"idx": atom, "delta": value})

    @guarded
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if self._hover_atom is not None and key in KEY_ELEMENTS and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.edit.emit("set_element", {"idx": self._hover_atom, "symbol": KEY_ELEMENTS[key]})
        elif self._hover_bond is not None and key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3):
            self.edit.emit("set_bond_order", {"bond_idx": self._hover_bond, "order": int(event.text())})
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if self.selected:
                self.edit.emit("delete_atoms", {"indices": sorted(self.selected)})
                self.selected = set()
            elif self._hover_atom is not None:
                self.edit.emit("delete_atom", {"idx": self._hover_atom})
            elif self._hover_bond is not None:
                self.edit.emit("delete_bond", {"bond_idx": self._hover_bond})
        else:
            super().keyPressEvent(event)

    @guarded
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._follows_size:  # a window made smaller must not cut the ring or its labels off
            self.fit()

    @guarded
    def wheelEvent(self, event: QWheelEvent) -> None:
        self._follows_size = False
        factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
        self.scale = max(6.0, min(160.0, self.scale * factor))
        self.update()

    def hover_atom(self, idx: int | None) -> None:
        """Set the hovered atom (what the keyboard acts on); used by tests and accessibility."""
        self._hover_atom, self._hover_bond = idx, None
