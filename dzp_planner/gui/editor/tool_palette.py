"""The editor's tool palette: every tool one click away, however small the window.

Why not a QToolBar: a toolbar that does not fit folds into a "»" overflow menu, and Qt's
overflow does not carry the menus of tool buttons, so the 7-ring and the Boc fragment (the
first two things a chemist needs) became unreachable at 1440×900. The palette is a grid of
small buttons down the editor's left side, as in ChemDraw and MarvinSketch, that adds a
column whenever the height runs out (`_ColumnFlow`), so every button stays on screen. Rings
and the periodic table have drawn icons; fragments use the abbreviations chemists write.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from dzp_planner.gui.widgets.flow_layout import ItemListLayout

BUTTON = QSize(34, 28)
SPACING = 2


@dataclass(frozen=True)
class ToolSpec:
    key: str  # "element:N", "ring:7", "fragment:Boc", "action:fit"
    label: str
    tip: str
    checkable: bool = True
    icon: str = ""  # "ring:5", "benzene", "periodic"


class _ColumnFlow(ItemListLayout):
    """Lays widgets top to bottom, starting a new column when the height runs out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setContentsMargins(2, 2, 2, 2)

    def rows_for(self, height: int) -> int:
        margins = self.contentsMargins()
        usable = max(height - margins.top() - margins.bottom(), BUTTON.height())
        return max(1, (usable + SPACING) // (BUTTON.height() + SPACING))

    def columns_for(self, height: int) -> int:
        return max(1, math.ceil(len(self._items) / self.rows_for(height)))

    def _width_for(self, columns: int) -> int:
        margins = self.contentsMargins()
        return margins.left() + margins.right() + columns * BUTTON.width() + (columns - 1) * SPACING

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        parent = self.parentWidget()
        height = parent.height() if parent is not None and parent.height() > 50 else 600
        return QSize(self._width_for(self.columns_for(height)), BUTTON.height() + 4)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        rows = self.rows_for(rect.height())
        margins = self.contentsMargins()
        for index, item in enumerate(self._items):
            column, row = divmod(index, rows)
            x = rect.x() + margins.left() + column * (BUTTON.width() + SPACING)
            y = rect.y() + margins.top() + row * (BUTTON.height() + SPACING)
            item.setGeometry(QRect(x, y, BUTTON.width(), BUTTON.height()))


def _icon(kind: str) -> QIcon:
    """Small drawn icons: a ring of n atoms, benzene with its circle, a periodic-table grid."""
    size = 20
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#222222"), 1.4))
    if kind == "periodic":
        for row, cells in enumerate(((0, 5), (0, 1, 3, 4, 5), (0, 1, 2, 3, 4, 5))):
            for column in cells:
                painter.drawRect(1 + column * 3, 4 + row * 4, 3, 4)
    else:
        n = 6 if kind == "benzene" else int(kind.split(":")[1])
        centre, radius = size / 2, size / 2 - 2
        points = [QPointF(centre + radius * math.sin(2 * math.pi * k / n), centre - radius * math.cos(2 * math.pi * k / n))
                  for k in range(n)]
        painter.drawPolygon(QPolygonF(points))
        if kind == "benzene":
            painter.drawEllipse(QPointF(centre, centre), radius * 0.5, radius * 0.5)
    painter.end()
    return QIcon(pixmap)


def default_tools(fragments: list[str]) -> list[ToolSpec]:
    """Every tool the editor has, in the order a chemist reaches for them."""
    fragment_labels = {"1,4-diazepane": "DZP", "Boc": "Boc", "benzyl": "Bn", "acetyl": "Ac", "phenyl": "Ph", "mesyl": "Ms"}
    tools = [ToolSpec("select", "↖", "Select: click an atom, drag a box around several, drag a selection to move it; "
                                     "Ctrl+A selects all, Delete removes")]
    tools += [ToolSpec(f"element:{e}", e, f"{e}: click empty space for a new atom, click an atom to make it {e}, "
                                            "drag from an atom for a bond (or hover an atom and type the letter)")
              for e in ("C", "N", "O", "S", "F", "Cl", "Br")]
    tools.append(ToolSpec("action:periodic", "", "Periodic table: any element", checkable=False, icon="periodic"))
    tools += [ToolSpec("bond:1", "—", "Single bond: click a bond to set it, click an atom to grow a bond (1)"),
              ToolSpec("bond:2", "=", "Double bond: click a bond to set it, click an atom to grow a bond (2)"),
              ToolSpec("bond:3", "≡", "Triple bond: click a bond to set it, click an atom to grow a bond (3)"),
              ToolSpec("bond:5", "◀", "Wedge: click a bond near its stereocentre (click again to remove)"),
              ToolSpec("bond:6", "▤", "Hash: click a bond near its stereocentre (click again to remove)"),
              ToolSpec("chain", "∿", "Chain: drag from an atom or empty space to draw a zigzag carbon chain")]
    tools += [ToolSpec(f"ring:{n}", "", f"Ring of {n}: click empty space, or an atom to attach it", icon=f"ring:{n}")
              for n in (3, 4, 5, 6, 7, 8)]
    tools.append(ToolSpec("ring:benzene", "", "Benzene: click empty space, or an atom to attach it", icon="benzene"))
    tools += [ToolSpec(f"fragment:{name}", fragment_labels.get(name, name[:3]),
                       f"{name}: click empty space, or an atom to attach it") for name in fragments]
    tools += [ToolSpec("charge:+1", "+", "Raise the charge of the clicked atom"),
              ToolSpec("charge:-1", "−", "Lower the charge of the clicked atom"),
              ToolSpec("erase", "⌫", "Erase: click an atom or bond to delete it (or hover and press Delete)"),
              ToolSpec("action:clean_up", "⟳", "Clean up: a new 2D layout", checkable=False),
              ToolSpec("action:fit", "⤢", "Fit the drawing to the view", checkable=False),
              ToolSpec("action:kekule", "K", "Aromatic rings drawn Kekulé (checked) or with circles (unchecked); remembered")]
    return tools


class ToolPalette(QWidget):
    """The grid of tool buttons; `actions[key]` is each tool's QAction (checkable tools are exclusive)."""

    def __init__(self, tools: list[ToolSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolPalette")
        self.tool_actions: dict[str, QAction] = {}  # not `actions`: that is QWidget.actions()
        self.buttons: dict[str, QToolButton] = {}
        self._group = QActionGroup(self)
        layout = _ColumnFlow(self)
        for spec in tools:
            action = QAction(spec.label, self)
            action.setToolTip(spec.tip)
            if spec.icon:
                action.setIcon(_icon(spec.icon))
            if spec.checkable:
                action.setCheckable(True)
                if spec.key != "action:kekule":
                    self._group.addAction(action)
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setObjectName(f"tool_{spec.key}")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly if spec.icon else Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setIconSize(QSize(20, 20))
            button.setFixedSize(BUTTON)
            button.setAutoRaise(True)
            layout.addWidget(button)
            self.tool_actions[spec.key] = action
            self.buttons[spec.key] = button
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def resizeEvent(self, event) -> None:
        """A new height may need another column: tell the parent layout the width changed."""
        super().resizeEvent(event)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize()

    def sizeHint(self) -> QSize:
        return self.layout().minimumSize()
