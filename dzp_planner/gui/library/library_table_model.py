"""Table model over the plan library's entries: name, substrate, reaction, modified, picture, lab revision."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPixmap

from dzp_planner.core.io.stores import LibraryEntry, PlanStore

_Index = QModelIndex | QPersistentModelIndex
PLAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class LibraryTableModel(QAbstractTableModel):
    COLUMNS = ("Structure", "Name", "Substrate", "Reaction", "Modified", "Lab")

    def __init__(self, library: PlanStore) -> None:
        super().__init__()
        self.library = library
        self._entries: list[LibraryEntry] = []
        self._pixmaps: dict[str, QPixmap | None] = {}
        self._lab: dict[str, str] = {}  # plan id → "r4 · bob" (the revision last synced with the lab, and whose)
        self.search = ""

    def reload(self, search: str | None = None) -> None:
        if search is not None:
            self.search = search
        self.beginResetModel()
        self._entries = self.library.entries(self.search, thumbnails=False)  # pictures decoded lazily, for the rows shown
        from dzp_planner.core.io.lab.sync import revision_labels

        self._lab = revision_labels()
        self.endResetModel()

    def entry(self, row: int) -> LibraryEntry:
        return self._entries[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == PLAN_ID_ROLE:
            return entry.plan_id
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._pixmap(entry)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return None if role == Qt.ItemDataRole.DisplayRole else entry.substrate
            lab = self._lab.get(entry.plan_id, "")
            return (None, entry.title, entry.substrate, entry.reaction, entry.modified.replace("T", " ")[:16], lab)[column]
        return None

    def _pixmap(self, entry: LibraryEntry) -> QPixmap | None:
        """Read and decoded the first time a row is shown, kept across searches (by plan and modification)."""
        key = f"{entry.plan_id}@{entry.modified}"
        if key not in self._pixmaps:
            data = entry.thumbnail or self.library.thumbnail(entry.plan_id)
            pixmap = None
            if data:
                pixmap = QPixmap()
                pixmap.loadFromData(data, "PNG")
            self._pixmaps[key] = pixmap
        return self._pixmaps[key]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        keys = (lambda e: e.substrate, lambda e: e.title.lower(), lambda e: e.substrate, lambda e: e.reaction, lambda e: e.modified,
                lambda e: self._lab.get(e.plan_id, ""))
        self.layoutAboutToBeChanged.emit()
        self._entries.sort(key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()
