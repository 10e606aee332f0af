"""Widgets that fit a narrow dock: a layout that wraps its items, a button whose label wraps.

Why: a row of buttons in a QHBoxLayout makes its dock at least as wide as the row (the
Decisions dock could not be narrowed below ~675 px, the reaction table's dock below ~800 px),
and a QPushButton never wraps its text, so a long answer label sets the width. These two wrap
instead, and report their height for a width (`heightForWidth`) so the parent layout makes room.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QPushButton, QSizePolicy, QVBoxLayout, QWidget


class ItemListLayout(QLayout):
    """The item bookkeeping every hand-placed layout needs (Qt asks for it by these names);
    subclasses only place the items (`setGeometry`) and say their size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)


class FlowLayout(ItemListLayout):
    """Left to right, wrapping onto a new line when the width runs out (Qt's flow-layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            widget = item.widget()
            parent = widget.parentWidget() if widget is not None else None
            if widget is not None and parent is not None and not widget.isVisibleTo(parent):
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + self._spacing, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()


class WrapButton(QPushButton):
    """A push button whose label wraps onto several lines in a narrow panel."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = QLabel(text, self)
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self._label)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._label.heightForWidth(max(width - 16, 20)) + 10

    def sizeHint(self) -> QSize:
        hint = self._label.sizeHint()
        return QSize(min(hint.width() + 16, 320), hint.height() + 10)

    def minimumSizeHint(self) -> QSize:
        return QSize(80, self._label.fontMetrics().height() + 10)


def labelled_field(parent: QWidget, text: str, field: QWidget) -> QWidget:
    """A label and its field as one item, so a wrapping layout never puts them on different lines."""
    group = QWidget(parent)
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    label = QLabel(text, group)
    label.setBuddy(field)
    row.addWidget(label)
    row.addWidget(field)
    return group
