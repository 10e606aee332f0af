"""One line under the reaction table: what goes in dropwise, in what volume, over what time or at what rate.

A thin view: `plan_edits.addition_edit` checks each field and the edit is one undoable step on
the plan's procedure section; the rates and the time that follow are the table's
(`core.addition`). The time field takes a time ("1 h") or a rate ("25 mL/h" for a syringe
pump, "100 µmol/h", "0.5 equiv/h"), so a chemist copying a slow-addition procedure types what
the paper says.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.widgets.flow_layout import FlowLayout, labelled_field

NONE_TEXT = "(nothing)"
INVALID_STYLE = "QLineEdit { background: #f8d7da; }"


class AdditionEditor(QWidget):
    rejected = Signal(str)  # a message for the chemist about the last entry ("" when it was fine)

    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        fields = QWidget(self)
        layout = FlowLayout(fields, spacing=4)  # wraps in a narrow dock
        self.component = QComboBox(self)
        self.component.setObjectName("additionComponent")
        self.component.setToolTip("The row added dropwise; the procedure and the mixing plot use its addition")
        self.component.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.component.activated.connect(lambda _i: self._commit("component", self.component.currentData() or ""))
        self.volume = self._field("additionVolume", "e.g. 50 mL", "Volume of solution added (empty: the addition solvent's row)",
                                  "volume", "250.0 mL")
        self.time = self._field("additionTime", "1 h or 0.5 equiv/h",
                                "A time (1 h, 45 min) or a rate: 25 mL/h (a syringe pump), 100 µmol/h, 0.5 equiv/h",
                                "time", "0.25 equiv/h  ")
        self.result = QLabel(self)
        self.result.setObjectName("additionResult")
        self.result.setWordWrap(True)
        for text, widget in (("Dropwise:", self.component), ("in", self.volume), ("over / at", self.time)):
            layout.addWidget(labelled_field(self, text, widget))
        outer.addWidget(fields)
        outer.addWidget(self.result)

    def _field(self, name: str, placeholder: str, tip: str, field: str, widest: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setToolTip(tip)
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(widest) + 14)
        edit.setMaximumWidth(170)
        edit.editingFinished.connect(lambda: self._commit(field, edit.text()))
        edit.textEdited.connect(lambda _t: edit.setStyleSheet(""))
        return edit


    def refresh(self) -> None:
        """Fields from the plan (a field being typed into is left alone), and what they add up to.

        Called by the stoichiometry panel with its other texts: not before the panel is first
        shown, so the start-up's first paint does not wait for a derivation (RDKit)."""
        plan = self.controller.plan
        addition = plan.addition
        wanted = addition.component
        self.component.blockSignals(True)
        self.component.clear()
        self.component.addItem(NONE_TEXT, "")
        for c in plan.components:
            if c.role != "solvent" and c.name.strip():
                self.component.addItem(c.name, c.slot or c.name)  # by slot, so a renamed row stays the one added
        found = next((i for i in range(self.component.count())
                      if wanted and (self.component.itemData(i) == wanted or self.component.itemText(i).casefold() == wanted.casefold())), 0)
        self.component.setCurrentIndex(found)
        self.component.blockSignals(False)
        for edit, text in ((self.volume, addition.volume), (self.time, addition.time)):
            if not edit.hasFocus() and edit.text() != text:
                edit.setText(text)
                edit.setStyleSheet("")
        self._show_result()

    def _show_result(self) -> None:
        """The time a rate gives, and what is missing; the rates themselves are in the panel's summary."""
        from dzp_planner.core.document.derivation import derive
        from dzp_planner.core.quantities.units import format_quantity

        table = derive(self.controller.plan).table
        problems = [m.text for m in table.messages if (m.field or "").startswith("addition.")]
        add = table.addition
        text = ""
        if add is not None and add.time_s and add.set_by != "time":
            text = f"takes {format_quantity(add.time_s, 'time')}"
        if problems:
            text += (" · " if text else "") + "<span style='color:#9a5b00'>" + html.escape("; ".join(problems)) + "</span>"
        self.result.setText(text)
        self.result.setVisible(bool(text))
        from_row = add is not None and add.volume_ml and not self.controller.plan.addition.volume
        placeholder = f"{format_quantity(add.volume_ml, 'volume')} (its solution row)" if add is not None and from_row else "e.g. 50 mL"
        if placeholder != self.volume.placeholderText():
            self.volume.setPlaceholderText(placeholder)
            wide = self.volume.fontMetrics().horizontalAdvance(placeholder) + 16
            self.volume.setMinimumWidth(max(wide, self.volume.fontMetrics().horizontalAdvance("250.0 mL") + 14))
            self.volume.setMaximumWidth(max(wide, 170))

    def _commit(self, field: str, text: str) -> None:
        from dzp_planner.core.document.plan_edits import addition_edit
        from dzp_planner.core.errors import UserInputError

        edit = {"volume": self.volume, "time": self.time}.get(field)
        try:
            change = addition_edit(self.controller.plan, field, text)
        except UserInputError as exc:
            if edit is not None:
                edit.setStyleSheet(INVALID_STYLE)
            self.rejected.emit(f"Addition: {exc}")
            return
        if edit is not None:
            edit.setStyleSheet("")
        self.rejected.emit("")
        if change is not None:
            undo_text, section = change
            self.controller.edit("procedure", section, undo_text)
