"""The mixing tab: does slow addition or poor stirring change the outcome in this flask?

Its inputs are plan data (mixing time, k1, addition time; the concentration and a dropwise
addition come from the reaction table), so editing one is an undoable plan edit. The model
runs on a worker thread on request, and its answer is a small plot of bis against addition
time for this flask's mixing and a ten times slower one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.plot.canvas_host import Palette, draw_on_page

if TYPE_CHECKING:
    from dzp_planner.core.document.plan import Plan
    from dzp_planner.core.quantities.stoich import TableResult


class _MixingSignals(QObject):
    finished = Signal(object, object)  # (result, sweep) or None, error text or None


class _MixingJob(QRunnable):
    def __init__(self, inputs: Any) -> None:
        super().__init__()
        self.inputs = inputs
        self.signals = _MixingSignals()

    def run(self) -> None:
        from dzp_planner.core.models import mixing

        try:
            result = mixing.simulate(self.inputs)
            self.signals.finished.emit((result, mixing.sweep(self.inputs)), None)
        except Exception as exc:  # noqa: BLE001 - reported in the tab, never raised on the worker
            self.signals.finished.emit(None, str(exc))


class MixingTab(QWidget):
    def __init__(self, controller: PlanController, palette: Callable[[], Palette], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mixingPage")
        self.controller = controller
        self._palette = palette
        self.unavailable: str | None = None  # matplotlib failed to load: the numbers only
        self.canvas: Any = None
        self._job: _MixingJob | None = None
        from dzp_planner.core.models.mixing import CAVEAT

        form = QFormLayout()
        self.mixing_time = self._duration(0.0, 1e4, 1.0, "Feed-zone exchange time: seconds for a stirred flask, "
                                          "longer for a viscous or badly stirred mixture (saved in the plan)")
        self.k1 = self._spin(1e-4, 1e6, 1.0, " L/(mol·s)", "k1 of the first reaction (illustrative unless measured; saved in the plan)")
        self.concentration = self._spin(1e-4, 10.0, 0.5, " M", "Substrate concentration, from the reaction table")
        self.concentration.setReadOnly(True)
        self.addition_time = self._duration(0.0, 1e6, 3600.0, "Addition time, e.g. 1 h or 45 min "
                                            "(saved in the plan; from the plan's dropwise addition when it has one)")
        for spin, field in ((self.mixing_time, "mixing_time_s"), (self.k1, "rate_constant_m_s"), (self.addition_time, "addition_time_s")):
            spin.editingFinished.connect(lambda s=spin, f=field: self._input_edited(f, s.value()))
        for label, spin in (("mixing time", self.mixing_time), ("k1", self.k1), ("concentration", self.concentration),
                            ("addition time", self.addition_time)):
            form.addRow(label, spin)
        self.run_button = QPushButton("Run mixing model", self)
        self.run_button.setObjectName("runMixing")
        self.run_button.clicked.connect(self.run)
        self.result = QLabel("", self)
        self.result.setObjectName("mixingResult")
        self.result.setWordWrap(True)
        caveat = QLabel(f"<i>{CAVEAT}</i>", self)
        caveat.setWordWrap(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(form)
        box.addWidget(self.run_button)
        box.addWidget(self.result)
        box.addWidget(caveat)
        box.addStretch(1)  # until the plot takes the free height

    def _duration(self, lo: float, hi: float, value: float, tip: str) -> QDoubleSpinBox:
        from dzp_planner.gui.widgets.duration_spin_box import DurationSpinBox

        spin = DurationSpinBox(self)
        spin.setRange(lo, hi)
        spin.setValue(value)
        spin.setToolTip(tip)
        return spin

    def _spin(self, lo: float, hi: float, value: float, suffix: str, tip: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(lo, hi)
        spin.setDecimals(3)
        spin.setValue(value)
        spin.setSuffix(suffix)
        spin.setToolTip(tip)
        return spin

    def _input_edited(self, field: str, value: float) -> None:
        from dzp_planner.core.document.plan_edits import model_changes

        if abs(getattr(self.controller.plan.model, field) - value) < 1e-12:
            return
        self.controller.edit("model", model_changes(self.controller.plan, **{field: value}),
                             f"Set {field.split('_')[0]} input of the mixing model")

    def show_values(self, plan: Plan, table: TableResult) -> None:
        """The inputs from the plan and its table; a field the chemist is typing in is left alone."""
        self.concentration.setValue(table.concentration_m or 0.1)
        self.concentration.setToolTip("Substrate concentration, from the reaction table" if table.concentration_m else
                                      "No reaction concentration in the table (give the solvent a volume): 0.1 M assumed")
        for spin, value in ((self.mixing_time, plan.model.mixing_time_s), (self.k1, plan.model.rate_constant_m_s)):
            if not spin.hasFocus():
                spin.setValue(value)
        from_table = table.addition is not None and table.addition.time_s
        self.addition_time.setReadOnly(bool(from_table))
        if not self.addition_time.hasFocus():
            added = table.addition.time_s if table.addition is not None else None
            self.addition_time.setValue(added if added else plan.model.addition_time_s)

    def _equiv(self) -> float:
        from dzp_planner.core.document.derivation import derive

        return derive(self.controller.plan).distribution.electrophile_equiv or 1.0

    def run(self) -> None:
        from dzp_planner.core.models.mixing import MixingInputs

        plan = self.controller.plan
        inputs = MixingInputs(
            concentration_m=self.concentration.value(), electrophile_equiv=self._equiv(), addition_time_s=self.addition_time.value(),
            mixing_time_s=plan.model.mixing_time_s, k1=plan.model.rate_constant_m_s, k2_k1=plan.model.k2_k1,
        )
        self.run_button.setEnabled(False)
        self.result.setText("Running the mixing model…")
        self._job = _MixingJob(inputs)
        self._job.signals.finished.connect(self._done)
        QThreadPool.globalInstance().start(self._job)

    def _done(self, outcome: Any, error: str | None) -> None:
        from dzp_planner.core.models import kinetics

        self.run_button.setEnabled(True)
        if error:
            self.result.setText(f"<span style='color:#b00020'>{error}</span>")
            return
        result, swept = outcome
        batch = kinetics.distribution(self._equiv(), self.controller.plan.model.k2_k1)
        self.result.setText(
            f"<b>This flask:</b> SM {result.sm:.1%}, mono {result.mono:.1%}, bis {result.bis:.1%} · "
            f"<b>ideal mixing:</b> bis {batch.bis:.1%} · Damköhler number {result.damkohler:.3g}: {result.regime}."
        )
        self._draw(swept)

    def _draw(self, swept: Any) -> None:
        """bis against addition time, for this flask's mixing and a ten times slower one."""
        if self.unavailable:
            return
        from dzp_planner.gui.plot import figures

        self.canvas = draw_on_page(self, self.canvas, "mixingCanvas", self._palette(),
                                   lambda ax: figures.draw_mixing(ax, swept, self.addition_time.value()))
