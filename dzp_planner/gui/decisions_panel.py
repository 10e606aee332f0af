"""The decision-tree panel: which of the guide's decisions this plan has walked, and how.

First version: lists the active tree and the recorded answers; the graph view and the
auto-answers from the structure grow here (see the decision-tree issue).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from dzp_planner.gui.plan_controller import PlanController


class DecisionPanel(QWidget):
    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.heading = QLabel(self)
        self.view = QTextBrowser(self)
        self.view.setObjectName("decisionView")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        self._shown = False
        controller.sectionChanged.connect(lambda s: self.refresh() if s in ("decisions", "substrate") else None)
        controller.planReplaced.connect(self.refresh)

    def is_populated(self) -> bool:
        return self._shown

    def refresh(self) -> None:
        plan = self.controller.plan
        self.heading.setText(f"<b>Tree:</b> {plan.active_tree}")
        answers = plan.decisions.get(plan.active_tree, {})
        if answers:
            items = "".join(f"<li>{node}: <b>{choice}</b></li>" for node, choice in answers.items())
            self.view.setHtml(f"<ul>{items}</ul>")
        else:
            self.view.setHtml("<p>No answers recorded yet.</p>")
        self._shown = True
