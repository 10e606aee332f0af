"""The pKa values behind the pH-switch plot, as editable plan data.

They are inputs, not facts: each field's tooltip names its source, and a value the chemist
types is checked by the core (`plan_edits.parse_pka`), refused with a message under the
fields, and otherwise an undoable edit of the plan's model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from dzp_planner.core.document.plan import Plan


class PkaFields(QWidget):
    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        from dzp_planner.core.models.extraction import DEFAULT_SPECIES

        super().__init__(parent)
        self.controller = controller
        self.edits: dict[str, QLineEdit] = {}
        row = FlowLayout(spacing=6)  # each species with its field; wraps in a narrow dock, never cuts a value
        for key, species in DEFAULT_SPECIES.items():
            edit = QLineEdit(self)
            edit.setObjectName(f"pka_{key}")
            edit.setToolTip(f"pKa values of {species.name}, separated by spaces. Source: {species.source}")
            edit.setPlaceholderText("not basic" if not species.pka else "")
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("10.41 6.70") + 16)
            edit.editingFinished.connect(lambda k=key: self._edited(k))
            group = QWidget(self)
            group_row = QHBoxLayout(group)
            group_row.setContentsMargins(0, 0, 0, 0)
            group_row.addWidget(QLabel(f"{species.name}:", group))
            group_row.addWidget(edit)
            row.addWidget(group)
            self.edits[key] = edit
        self.message = QLabel("", self)
        self.message.setObjectName("pkaMessage")
        self.message.setStyleSheet("color: #b00020")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.message)

    def _edited(self, key: str) -> None:
        from dzp_planner.core.document.plan_edits import model_changes, parse_pka
        from dzp_planner.core.errors import UserInputError

        try:
            values = parse_pka(self.edits[key].text(), key)
        except UserInputError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText("")
        if values == sorted(self.controller.plan.model.pka.get(key, []), reverse=True):
            return
        self.controller.edit("model", model_changes(self.controller.plan, pka={key: values}), f"Set pKa of {key}")

    def show_values(self, plan: Plan) -> None:
        for key, edit in self.edits.items():
            if not edit.hasFocus():
                edit.setText(" ".join(f"{v:g}" for v in plan.model.pka.get(key, [])))
