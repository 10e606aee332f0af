"""The "vs acid" tab: SM / mono / bis against the acid charged before the electrophile.

The mono-protonation route's lever is the acid, not the excess: this tab sweeps 0–2 equivalents at
the plan's electrophile charge, pKa values (the pH-switch fields) and k2/k1, and marks the plan's
own acid. One sweep is ~20 integrations of the model (about half a second), so it runs on a worker
thread whenever the tab is shown with inputs it has not drawn; a newer request supersedes an
older one (its answer is dropped), and the tab says it is computing meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.plot.canvas_host import Palette, draw_on_page

if TYPE_CHECKING:
    from dzp_planner.core.models.protonation import ProtonationInputs

ACID_POINTS = [round(0.1 * i, 1) for i in range(21)]  # 0, 0.1 … 2.0 equiv


class _AcidSignals(QObject):
    finished = Signal(int, object, object)  # (request, sweep or None, error text or None)


class _AcidJob(QRunnable):
    def __init__(self, request: int, inputs: ProtonationInputs) -> None:
        super().__init__()
        self.request, self.inputs = request, inputs
        self.signals = _AcidSignals()

    def run(self) -> None:
        from dzp_planner.core.models import protonation

        try:
            self.signals.finished.emit(self.request, protonation.vs_acid(self.inputs, ACID_POINTS), None)
        except Exception as exc:  # noqa: BLE001 - reported in the tab, never raised on the worker
            self.signals.finished.emit(self.request, None, str(exc))


class AcidTab(QWidget):
    def __init__(self, controller: PlanController, palette: Callable[[], Palette], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("acidPage")
        self.controller = controller
        self._palette = palette
        self.unavailable: str | None = None  # matplotlib failed to load: the numbers only
        self.canvas: Any = None
        self._jobs: dict[int, _AcidJob] = {}  # kept alive until they report
        self._request = 0
        self._drawn: ProtonationInputs | None = None
        self.inputs_label = QLabel("", self)
        self.inputs_label.setObjectName("acidInputs")
        self.inputs_label.setWordWrap(True)
        self.result = QLabel("", self)
        self.result.setObjectName("acidResult")
        self.result.setWordWrap(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.inputs_label)
        box.addWidget(self.result)
        box.addStretch(1)  # until the plot takes the free height

    def inputs(self) -> ProtonationInputs:
        from dzp_planner.core.document.derivation import derive
        from dzp_planner.core.guidance.acid_route import protonation_inputs

        derived = derive(self.controller.plan)
        state = derived.distribution
        return protonation_inputs(self.controller.plan, state.electrophile_equiv or 1.0, state.acid_equiv,
                                  derived.electrophile_smiles)

    def refresh(self) -> None:
        """Sweep again if the inputs changed since the last sweep (called when the tab is shown or the plan changes)."""
        inputs = self.inputs()
        self.inputs_label.setText(
            f"At {inputs.electrophile_equiv:.3g} equiv electrophile, k2/k1 = {inputs.k2_k1:.3g}; diamine pKa "
            f"{inputs.pka_high:g} / {inputs.pka_low:g}, mono product {inputs.product_pka:g} (the pH-switch fields); "
            + ("the reagent makes HCl: each reaction protonates one more amine." if inputs.byproduct_acid
               else "the reagent makes no acid."))
        if inputs == self._drawn:
            return
        self._request += 1
        job = _AcidJob(self._request, inputs)
        job.signals.finished.connect(self._done)
        self._jobs[self._request] = job
        self.result.setText("Computing SM / mono / bis for 0–2 equiv of acid…")
        QThreadPool.globalInstance().start(job)

    def _done(self, request: int, sweep: Any, error: str | None) -> None:
        job = self._jobs.pop(request, None)
        if request != self._request or job is None:
            return  # a newer sweep was asked for: this answer is stale
        if error:
            self.result.setText(f"<span style='color:#b00020'>{error}</span>")
            return
        self._drawn = job.inputs
        best = max(range(len(sweep["acid"])), key=lambda i: sweep["mono"][i] - sweep["bis"][i])
        plan_acid = job.inputs.acid_equiv
        here = min(range(len(sweep["acid"])), key=lambda i: abs(sweep["acid"][i] - plan_acid))
        self.result.setText(
            f"<b>This plan</b> ({plan_acid:.2g} equiv acid): SM {sweep['sm'][here]:.0%}, mono {sweep['mono'][here]:.0%}, "
            f"bis {sweep['bis'][here]:.0%} · <b>most mono less bis</b> at {sweep['acid'][best]:.1f} equiv acid: "
            f"mono {sweep['mono'][best]:.0%}, bis {sweep['bis'][best]:.0%}.")
        self._draw(sweep, plan_acid)

    def _draw(self, sweep: dict[str, list[float]], plan_acid: float) -> None:
        if self.unavailable:
            return
        from dzp_planner.gui.plot import figures

        self.canvas = draw_on_page(self, self.canvas, "acidCanvas", self._palette(),
                                   lambda ax: figures.draw_vs_acid(ax, sweep, plan_acid))
