"""A periodic table to pick any element for the atom tool (main-group rows laid out as in print)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QGridLayout, QPushButton, QWidget

ROWS = (
    ("H", 0, 0), ("He", 0, 17),
    ("Li", 1, 0), ("Be", 1, 1), ("B", 1, 12), ("C", 1, 13), ("N", 1, 14), ("O", 1, 15), ("F", 1, 16), ("Ne", 1, 17),
    ("Na", 2, 0), ("Mg", 2, 1), ("Al", 2, 12), ("Si", 2, 13), ("P", 2, 14), ("S", 2, 15), ("Cl", 2, 16), ("Ar", 2, 17),
    ("K", 3, 0), ("Ca", 3, 1), ("Sc", 3, 2), ("Ti", 3, 3), ("V", 3, 4), ("Cr", 3, 5), ("Mn", 3, 6), ("Fe", 3, 7), ("Co", 3, 8),
    ("Ni", 3, 9), ("Cu", 3, 10), ("Zn", 3, 11), ("Ga", 3, 12), ("Ge", 3, 13), ("As", 3, 14), ("Se", 3, 15), ("Br", 3, 16), ("Kr", 3, 17),
    ("Rb", 4, 0), ("Sr", 4, 1), ("Pd", 4, 9), ("Ag", 4, 10), ("Sn", 4, 13), ("Sb", 4, 14), ("Te", 4, 15), ("I", 4, 16), ("Xe", 4, 17),
    ("Cs", 5, 0), ("Ba", 5, 1), ("Pt", 5, 9), ("Au", 5, 10), ("Hg", 5, 11), ("Pb", 5, 13), ("Bi", 5, 14),
)


class PeriodicTableDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose an element")
        self.symbol: str | None = None
        grid = QGridLayout(self)
        grid.setSpacing(2)
        for symbol, row, column in ROWS:
            button = QPushButton(symbol, self)
            button.setObjectName(f"element_{symbol}")
            button.setFixedSize(36, 30)
            button.clicked.connect(lambda _=False, s=symbol: self._choose(s))
            grid.addWidget(button, row, column)

    def _choose(self, symbol: str) -> None:
        self.symbol = symbol
        self.accept()
