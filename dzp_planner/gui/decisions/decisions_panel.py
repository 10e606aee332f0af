"""The decision-tree panel: the guide's decisions as a clickable walk over the plan.

The structure answers what it can (marked, with the reason), the chemist answers the rest
with the buttons (Alt+1, Alt+2, …) and can override any automatic answer; the answers are
stored in the plan, so a reopened plan shows the same path. The walk is the derivation's
(`derivation.derive`), the answer and rewind rules are `plan_edits`', and "Apply to plan"
builds the recommended protocol for the drawn substrate (`protocols.build`) as one undoable
step.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dzp_planner.gui.decisions.decision_graph import DecisionGraphView
from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.widgets.flow_layout import WrapButton

if TYPE_CHECKING:
    from dzp_planner.core.guidance.decisions import WalkResult

log = logging.getLogger(__name__)


SHORT_TITLES = {"alkylation": "Module A: alkylation", "regioselectivity": "Module B: N1 or N4",
                "buchwald-hartwig": "Module C: arylation", "acylation": "Amides, sulfonamides, ureas",
                "oxidation": "Stability: oxidation"}


def _short_title(tree) -> str:
    """A name the combo box shows whole in a narrow dock; the full title is its tooltip."""
    return SHORT_TITLES.get(tree.id, tree.title)


class DecisionPanel(QWidget):
    applied = Signal()  # a recommendation was applied: the window shows the new table
    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.result: WalkResult | None = None
        # the library's measured k2/k1 for a substrate/electrophile pair (set by the window; None: not used)
        self.measured_lookup: Callable[[str, str, str], Any] | None = None
        self.tree_combo = QComboBox(self)
        self.tree_combo.setObjectName("treeCombo")
        self.tree_combo.setToolTip("Which of the guide's decisions to walk through")
        self.tree_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # short names, shown whole
        self.tree_combo.activated.connect(self._tree_chosen)
        self.graph = DecisionGraphView(self)
        self.graph.setObjectName("decisionGraph")
        self.graph.nodeClicked.connect(self.go_back_to)
        self.question = QLabel(self)
        self.question.setObjectName("currentQuestion")
        self.question.setWordWrap(True)
        font = self.question.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.question.setFont(font)
        self.help = QLabel(self)
        self.help.setWordWrap(True)
        self.buttons_row = QVBoxLayout()  # answers stacked and wrapping: the dock can be narrow
        self.path_view = QTextBrowser(self)
        self.path_view.setObjectName("decisionPath")
        self.path_view.setOpenLinks(False)
        self.path_view.anchorClicked.connect(lambda url: self.go_back_to(url.toString().removeprefix("node:")))
        self.apply_button = QPushButton("Apply to plan", self)
        self.apply_button.setObjectName("applyRecommendation")
        self.apply_button.setToolTip("Load the recommended protocol, table and reaction type into the plan (Ctrl+Return; undoable)")
        self.apply_button.clicked.connect(self.apply_recommendation)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.apply_recommendation)
        card = QFrame(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(self.question)
        card_layout.addWidget(self.help)
        card_layout.addLayout(self.buttons_row)
        card_layout.addWidget(self.path_view, 1)
        card_layout.addWidget(self.apply_button)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.graph)
        splitter.addWidget(card)
        splitter.setSizes([300, 340])
        top = QHBoxLayout()
        top.addWidget(self.tree_combo, 1)  # no "Decision:" label: the dock's title says it, the combo gets the width
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._answer_buttons: list[QPushButton] = []
        controller.derivationChanged.connect(
            lambda change: self.refresh() if change.touches("decisions", "substrate", "reaction", "components") else None)

    # -- state from the plan -----------------------------------------------------------------
    def is_populated(self) -> bool:
        return self.result is not None and self.result.tree.id == self.controller.plan.active_tree and self.graph.settled()

    def refresh(self) -> None:
        from dzp_planner.core.document.derivation import derive
        from dzp_planner.core.guidance import decisions

        trees = decisions.all_trees()
        if self.tree_combo.count() != len(trees):
            self.tree_combo.clear()
            for tree in trees.values():
                self.tree_combo.addItem(_short_title(tree), tree.id)  # the whole title fits a narrow dock
                self.tree_combo.setItemData(self.tree_combo.count() - 1, f"{tree.title} ({tree.guide_section})",
                                            Qt.ItemDataRole.ToolTipRole)
        walk = derive(self.controller.plan).walk
        if walk == self.result:
            return  # a table edit that changes no answer: nothing to redraw
        self.result = walk
        self.tree_combo.setCurrentIndex(self.tree_combo.findData(self.result.tree.id))
        self.graph.show_walk_soon(self.result.tree, self.result)
        self._show_card()

    def _show_card(self) -> None:
        result = self.result
        for button in self._answer_buttons:
            # out of the widget tree at once (a pending deleteLater could still be found and clicked)
            self.buttons_row.removeWidget(button)
            button.setParent(None)
            button.deleteLater()
        self._answer_buttons = []
        lines = []
        for step in result.path:
            how = f"<i>from the structure: {html.escape(step.reason)}</i>" if step.auto else "<i>your answer</i>"
            lines.append(f"<p><a href='node:{step.node}'>{html.escape(step.question)}</a><br>→ <b>{html.escape(step.answer_label)}</b> ({how})</p>")
        if result.pending is not None:
            node = result.pending
            self.question.setText(node.question)
            help_text = node.help
            if node.auto and not self.controller.plan.substrate_smiles.strip():
                help_text = "Draw or type the substrate: this question is then answered from the structure."
            self.help.setText(help_text)
            self.help.setVisible(bool(help_text))
            for i, ans in enumerate(node.answers, start=1):
                button = WrapButton(f"{i}. {ans.label}", self)
                button.setObjectName(f"answer_{ans.id}")
                button.setToolTip(f"Answer “{ans.label}” (Alt+{i})")
                button.setShortcut(QKeySequence(f"Alt+{i}"))
                button.clicked.connect(lambda _=False, n=node.id, a=ans.id: self.answer(n, a))
                self.buttons_row.addWidget(button)
                self._answer_buttons.append(button)
            self.apply_button.setEnabled(False)
        else:
            rec = result.recommendation
            self.question.setText(f"Recommendation: {rec.title}")
            self.help.setVisible(False)
            lines.append(f"<h4>{html.escape(rec.title)}</h4><p>{html.escape(rec.reasoning)}</p>")
            if rec.protocol:
                lines.append(f"<p>Protocol: <b>{html.escape(rec.protocol)}</b></p>")
            lines.extend(self._routes_html(rec))
            from dzp_planner.core.guidance import protocols

            can_apply = protocols.applicable(rec)
            self.apply_button.setEnabled(can_apply)
            self.apply_button.setToolTip(
                "Build this protocol for the drawn substrate: table, procedure, reagent, title (Ctrl+Return; undoable)"
                if can_apply or rec is None else protocols.why_not_applicable(rec).capitalize())
        lines.append("<p style='color:#666'>Click a question (here or in the graph) to change its answer.</p>")
        self.path_view.setHtml("".join(lines))

    # -- edits -------------------------------------------------------------------------------
    def _tree_chosen(self, index: int) -> None:
        from dzp_planner.core.document.plan_edits import choose_tree

        tree_id = self.tree_combo.itemData(index)
        if tree_id != self.controller.plan.active_tree:
            self.controller.edit("decisions", choose_tree(self.controller.plan, tree_id), f"Show the {tree_id} decision")

    def answer(self, node: str, choice: str) -> None:
        from dzp_planner.core.document.plan_edits import answer

        self.controller.edit("decisions", answer(self.controller.plan, node, choice), f"Answer “{choice}” to {node}")

    def go_back_to(self, node: str) -> None:
        """Ask `node` again: forget its answer and every later one on the path (`plan_edits.rewind`).

        An automatic answer is recomputed from the structure on refresh, so for those the
        question is shown anyway; the button the chemist then presses is stored as an override.
        """
        from dzp_planner.core.document.plan_edits import rewind

        if self.result is None:
            return
        order = [s.node for s in self.result.path]
        value = rewind(self.controller.plan, order, node)
        if value is None:
            return
        self.controller.edit("decisions", value, f"Go back to “{self.result.path[order.index(node)].question}”")
        self._ask(node)

    def _ask(self, node: str) -> None:
        from dzp_planner.core.guidance.decisions import WalkResult

        order = [s.node for s in self.result.path]
        path = self.result.path[: order.index(node)] if node in order else self.result.path
        tree = self.result.tree
        self.result = WalkResult(tree, path, None, tree.nodes[node])
        self.graph.show_walk(tree, self.result)
        self._show_card()

    def _routes_html(self, rec: Any) -> list[str]:
        """The excess, acid and protection routes predicted for this plan's reaction, where the recommendation compares them."""
        from dzp_planner.core.guidance.routes import as_text, for_plan

        routes = for_plan(self.controller.plan) if rec.compare_routes else ()
        if not routes:
            return []
        items = "".join(f"<li>{html.escape(line)}</li>" for line in as_text(routes))
        return [f"<p><b>The three routes, predicted for this plan:</b></p><ul>{items}</ul>"]

    def _replace_reagent(self, why: str) -> bool:
        """Ask before the template's example replaces a reagent the chemist chose (the answer is No by default)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, "Replace the reagent?", f"{why[0].upper()}{why[1:]}.", parent=self)
        box.setInformativeText("Apply anyway, with this protocol's example reagent marked for you to replace?")
        apply_button = box.addButton("Apply with the example", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is apply_button

    def apply_recommendation(self) -> None:
        from dzp_planner.core.errors import UserInputError
        from dzp_planner.core.guidance import protocols

        if self.result is None or self.result.recommendation is None or not protocols.applicable(self.result.recommendation):
            return
        rec = self.result.recommendation
        try:
            try:
                changes = protocols.build(self.controller.plan, rec, self.result.tree.id)
            except protocols.ReagentOfAnotherReactionError as exc:
                if not self._replace_reagent(str(exc)):
                    return
                changes = protocols.build(self.controller.plan, rec, self.result.tree.id, reagent_smiles="")
        except UserInputError as exc:
            self.help.setText(str(exc))
            self.help.setVisible(True)
            return
        if self.measured_lookup is not None:
            from dzp_planner.core.document.plan_edits import start_from_measured

            changes = start_from_measured(self.controller.plan, changes, self.measured_lookup)
        self.controller.edit_many(changes, f"Apply: {rec.title}")
        self.applied.emit()
