"""The product-distribution panel: SM / mono / bis against equivalents of electrophile.

First version: the batch curves for the plan's k2/k1; controls, the ratio and pH views and
the mixing model grow here (see the distribution issue).
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from dzp_planner.gui.plan_controller import PlanController


class DistributionPanel(QWidget):
    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.canvas = None
        self._layout = QVBoxLayout(self)
        self._drawn_r: float | None = None
        controller.sectionChanged.connect(lambda s: self.refresh() if s == "model" else None)
        controller.planReplaced.connect(self.refresh)

    def is_populated(self) -> bool:
        return self._drawn_r == self.controller.plan.model.k2_k1

    def refresh(self) -> None:
        import numpy as np
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        if self.canvas is None:
            self.figure = Figure(figsize=(4, 3), layout="constrained")
            self.canvas = FigureCanvasQTAgg(self.figure)
            self.canvas.setObjectName("distributionCanvas")
            self._layout.addWidget(self.canvas)
        r = self.controller.plan.model.k2_k1
        a = np.linspace(1.0, 1e-6, 400)
        m = -a * np.log(a) if abs(r - 1) < 1e-12 else (a**r - a) / (1 - r)
        b = 1 - a - m
        e = 2 * (1 - a) - m
        self.figure.clear()
        ax = self.figure.add_subplot()
        for values, label in ((a, "SM"), (m, "mono"), (b, "bis")):
            ax.plot(e, values, label=label)
        ax.set_xlim(0, 2.5)
        ax.set_xlabel("equivalents of electrophile")
        ax.set_ylabel("fraction of diamine")
        ax.set_title(f"k2/k1 = {r:g}")
        ax.legend()
        self.canvas.draw_idle()
        self._drawn_r = r
