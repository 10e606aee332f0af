"""The decision panel: auto-answers from the structure, clicking answers, going back, applying."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from dzp_planner.core.document.plan import Plan
from dzp_planner.core.guidance import templates
from dzp_planner.gui.decisions.decisions_panel import DecisionPanel
from dzp_planner.gui.document.plan_controller import PlanController


def _panel(qtbot, plan: Plan) -> DecisionPanel:
    panel = DecisionPanel(PlanController(plan))
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    panel.show()
    panel.refresh()
    qtbot.waitUntil(panel.graph.settled)  # the graph is drawn on a turn of its own
    return panel


def test_symmetric_substrate_is_answered_from_the_structure(qtbot):
    panel = _panel(qtbot, templates.plan_from_template("mono-boc-protection"))  # active tree: regioselectivity
    assert panel.is_populated()
    assert [(s.node, s.auto) for s in panel.result.path] == [("scaffold", True), ("equivalent", True), ("route", True)]
    assert panel.result.recommendation.id == "desymmetrise"
    assert "same canonical rank" in panel.path_view.toPlainText()
    assert "The three routes, predicted for this plan" in panel.path_view.toPlainText()
    assert panel.apply_button.isEnabled()


def test_answering_with_buttons_is_stored_in_the_plan_and_undoable(qtbot):
    plan = Plan(substrate_smiles="C1CNCCNC1", active_tree="alkylation")
    panel = _panel(qtbot, plan)
    assert panel.result.pending.id == "carbonyl"
    qtbot.mouseClick(panel.findChild(QPushButton, "answer_no"), Qt.MouseButton.LeftButton)
    assert panel.controller.plan.decisions == {"alkylation": {"carbonyl": "no"}}
    assert panel.result.pending.id == "excess"  # 'differentiated' was answered from the structure
    qtbot.mouseClick(panel.findChild(QPushButton, "answer_yes"), Qt.MouseButton.LeftButton)
    assert panel.result.recommendation.id == "excess-diamine"
    panel.controller.undo_stack.undo()
    assert panel.result.pending.id == "excess"


def test_going_back_and_overriding_an_automatic_answer(qtbot):
    panel = _panel(qtbot, Plan(substrate_smiles="C1CNCCNC1", active_tree="regioselectivity"))
    panel.go_back_to("equivalent")
    assert panel.result.pending.id == "equivalent"
    qtbot.waitUntil(panel.graph.settled)
    qtbot.wait(20)  # a rebuild left over from the edit would land here and light the old walk again
    from dzp_planner.gui.decisions.decision_graph import COLOURS

    assert panel.graph.items_by_key["equivalent"].brush().color() == COLOURS["pending"]  # the question asked again
    qtbot.mouseClick(panel.findChild(QPushButton, "answer_no"), Qt.MouseButton.LeftButton)
    assert panel.controller.plan.decisions["regioselectivity"] == {"equivalent": "no"}
    assert [(s.node, s.answer, s.auto) for s in panel.result.path][1] == ("equivalent", "no", False)


def test_guides_compound_stops_at_no_free_nh(qtbot):
    panel = _panel(qtbot, Plan(substrate_smiles="CN1CCCN(C)CC1C#N", active_tree="alkylation"))
    assert panel.result.recommendation.id == "no-free-nh"
    assert not panel.apply_button.isEnabled()


def test_apply_to_plan_fills_the_table_in_one_undo_step(qtbot):
    plan = Plan(substrate_smiles="C1CNCCNC1", active_tree="alkylation", decisions={"alkylation": {"carbonyl": "yes"}})
    panel = _panel(qtbot, plan)
    assert panel.result.recommendation.id == "reductive-amination"
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    plan = panel.controller.plan
    assert plan.template_id == "reductive-mono-alkylation" and plan.reaction_type == "reductive-amination"
    assert [c.name for c in plan.components] == ["1,4-Diazepane", "Benzaldehyde", "Acetic acid", "STAB", "DCE"]
    assert panel.controller.undo_stack.count() == 1
    panel.controller.undo_stack.undo()
    assert panel.controller.plan.components == [] and panel.controller.plan.template_id == ""


def test_tree_choice_is_undoable_and_graph_shows_the_path(qtbot):
    panel = _panel(qtbot, Plan(substrate_smiles="C1CNCCNC1", active_tree="alkylation"))
    panel.tree_combo.setCurrentIndex(panel.tree_combo.findData("oxidation"))
    panel.tree_combo.activated.emit(panel.tree_combo.currentIndex())
    assert panel.controller.plan.active_tree == "oxidation"
    assert panel.result.path[0].node == "already" and panel.result.path[0].auto
    assert not panel.is_populated()  # the graph is redrawn on a turn of its own, after the edit's
    qtbot.waitUntil(panel.graph.settled)
    assert "oxidant" in panel.graph.items_by_key and panel.is_populated()


def test_graph_layout_puts_each_question_one_level_below_its_parent(tmp_path):
    from dzp_planner.core.guidance import decisions
    from dzp_planner.gui.decisions.decision_graph import layout

    tree = decisions.load_tree("alkylation")
    lay = layout(tree)
    assert lay.positions["scaffold"][1] == 0 and lay.positions["sites"][1] == 1
    assert lay.positions["carbonyl"][1] == 2 and lay.positions["excess"][1] == 3


def test_trees_are_listed_in_the_guides_order(qtbot):
    panel = _panel(qtbot, templates.plan_from_template("mono-boc-protection"))
    titles = [panel.tree_combo.itemText(i) for i in range(panel.tree_combo.count())]
    assert [t.split(":")[0] for t in titles] == ["Module A", "Module B", "Module C", "Amides, sulfonamides, ureas", "Stability"]


def test_answers_wrap_in_a_narrow_dock(qtbot):
    plan = Plan(substrate_smiles="C1CNCCNC1", active_tree="alkylation")
    panel = _panel(qtbot, plan)
    panel.resize(240, 700)
    qtbot.wait(10)
    buttons = [b for b in panel.findChildren(QPushButton) if b.objectName().startswith("answer_")]
    assert buttons and all(b.width() <= panel.width() for b in buttons)
    assert panel.minimumSizeHint().width() < 300
