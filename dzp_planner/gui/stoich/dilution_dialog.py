"""C1·V1 = C2·V2 as a small dialog: type any three, read the fourth and the solvent to add."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QWidget

from dzp_planner.gui.widgets.ui_loader import load_ui


class DilutionDialog(QDialog):
    c1Edit: QLineEdit
    v1Edit: QLineEdit
    c2Edit: QLineEdit
    v2Edit: QLineEdit
    resultLabel: QLabel
    buttonBox: QDialogButtonBox

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_ui("dilution_dialog.ui", self)
        self.buttonBox.rejected.connect(self.reject)
        for edit in (self.c1Edit, self.v1Edit, self.c2Edit, self.v2Edit):
            edit.textChanged.connect(self.solve)
        self.solve()

    def solve(self) -> None:
        from dzp_planner.core.errors import UserInputError
        from dzp_planner.core.quantities.dilution import solve_dilution

        values = {k: getattr(self, f"{k}Edit").text() for k in ("c1", "v1", "c2", "v2")}
        if sum(1 for v in values.values() if v.strip()) < 3:
            self.resultLabel.setText("Fill in three of the four values.")
            return
        try:
            result = solve_dilution(**values).display()
        except UserInputError as exc:
            self.resultLabel.setText(f"<span style='color:#b00020'>{html.escape(str(exc))}</span>")
            return
        self.resultLabel.setText(
            f"<b>{result['c1']} × {result['v1']} = {result['c2']} × {result['v2']}</b><br>"
            f"Take {result['v1']} of the stock and add <b>{result['solvent_to_add']}</b> of solvent."
        )
