"""The model's per-plan inputs shown beside the plots: the pKa values behind the pH switch, and for two
different reactive N–H the ratio of their rates.

They are inputs, not facts: each field's tooltip names its source, and a value the chemist
types is checked by the core (`plan_edits.parse_pka`, `plan_edits.site_ratio_changes`), refused
with a message beside the field, and otherwise an undoable edit of the plan's model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from dzp_planner.core.document.plan import Plan
    from dzp_planner.core.guidance.checks import SiteRates


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


class SiteRateField(QWidget):
    """Two different reactive N–H: the slower site's rate over the faster's, in the electrophile row (its height
    never changes, so the figure keeps its size). Empty shows the estimate from the structure as placeholder
    text; a typed value is the plan's and is said to be; hidden for any other substrate."""

    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.label = QLabel("", self)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("siteRatio")
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0.00000") + 16)
        self.edit.editingFinished.connect(self._edited)
        self.source = QLabel("", self)  # "(estimate)", "(set)", or what is wrong with a typed value
        self.source.setObjectName("siteRatioSource")
        self.reset = QPushButton("Estimate", self)
        self.reset.setObjectName("siteRatioReset")
        self.reset.setToolTip("Forget the typed ratio: back to the estimate from the structure")
        self.reset.clicked.connect(lambda: self._set(""))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.edit, self.source, self.reset):
            row.addWidget(widget)
        self.setVisible(False)

    @property
    def message(self) -> str:
        """What was wrong with the last value typed ("" when it was taken)."""
        return self.source.toolTip() if self.source.property("error") else ""

    def _edited(self) -> None:
        shown = self.controller.plan.model.site_rate_ratio
        text = self.edit.text().strip()
        if (shown is None and not text) or (shown is not None and text == f"{shown:g}"):
            return
        self._set(text)

    def _set(self, text: str) -> None:
        from dzp_planner.core.document.plan_edits import site_ratio_changes
        from dzp_planner.core.errors import UserInputError

        try:
            model = site_ratio_changes(self.controller.plan, text)
        except UserInputError as exc:
            self.source.setProperty("error", True)
            self.source.setStyleSheet("color: #b00020")
            self.source.setText("not taken")
            self.source.setToolTip(str(exc))
            return
        self.source.setProperty("error", False)
        self.source.setStyleSheet("")
        if model.site_rate_ratio == self.controller.plan.model.site_rate_ratio:
            return
        words = "the estimate" if model.site_rate_ratio is None else f"{model.site_rate_ratio:g}"
        self.controller.edit("model", model, f"Set the site-rate ratio to {words}")

    def show_values(self, sites: SiteRates | None) -> None:
        self.setVisible(sites is not None)
        if sites is None:
            return
        self.label.setText(f"{sites.second}/{sites.first} rate")
        tip = (f"Two different reactive N–H: how fast {sites.second} reacts relative to {sites.first}. Empty: estimated "
               "from the structure (tenfold per nucleophilicity rank, an assumption); type a measured or literature value.")
        self.edit.setToolTip(tip)
        self.label.setToolTip(tip)
        estimated = sites.source == "structure"
        self.edit.setPlaceholderText(f"{sites.ratio:.3g}" if estimated else "")
        if not self.edit.hasFocus():
            self.edit.setText("" if estimated else f"{sites.ratio:g}")
        self.source.setProperty("error", False)  # the plan changed since: a refused value is old news
        self.source.setStyleSheet("")
        self.source.setText("(estimate)" if estimated else "(set)")
        self.source.setToolTip("estimated from the structure" if estimated else "set in this plan")
        self.reset.setVisible(not estimated)
