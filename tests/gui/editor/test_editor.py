"""The structure editor driven with the mouse and keyboard, checked against the plan."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from rdkit import Chem

from dzp_planner.core.document.plan import Plan
from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.editor.canvas import Tool
from dzp_planner.gui.editor.structure_panel import MOL_MIME, StructurePanel


@pytest.fixture
def panel(qtbot):
    widget = StructurePanel(PlanController(Plan()))
    qtbot.addWidget(widget)
    widget.resize(800, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    return widget


def atom_point(panel, idx: int) -> QPoint:
    _, x, y, _, _ = panel.canvas.drawing.atoms[idx]
    return panel.canvas.to_screen(x, y).toPoint()


def move_pointer(widget, point: QPoint, buttons: Qt.MouseButton = Qt.MouseButton.NoButton) -> None:
    """Deliver a pointer move to the widget itself.

    qtbot.mouseMove warps the X server's one pointer: the two test workers share that server, so
    the other worker's window can take the move, and a pointer already at that spot moves nowhere
    and sends nothing (the hover test timed out under load in CI that way).
    """
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    local = QPointF(point)
    event = QMouseEvent(QMouseEvent.Type.MouseMove, local, QPointF(widget.mapToGlobal(point)), Qt.MouseButton.NoButton,
                        buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def click(qtbot, panel, point: QPoint) -> None:
    qtbot.mouseClick(panel.canvas, Qt.MouseButton.LeftButton, pos=point)


def canonical(panel) -> str:
    return Chem.CanonSmiles(panel.controller.plan.substrate_smiles)


def test_draw_diazepane_from_scratch_with_clicks(qtbot, panel):
    panel.tool_actions["ring:7"].trigger()
    click(qtbot, panel, panel.canvas.rect().center())
    assert canonical(panel) == Chem.CanonSmiles("C1CCCCCC1")
    panel.tool_actions["element:N"].trigger()
    click(qtbot, panel, atom_point(panel, 0))
    click(qtbot, panel, atom_point(panel, 3))
    assert canonical(panel) == Chem.CanonSmiles("C1CNCCNC1")
    # the analysis labels both nitrogens on the drawing and marks them reactive
    assert sorted(panel.canvas.labels.values()) == ["N1", "N4"]
    assert panel.canvas.reactive == set(panel.canvas.labels)
    assert "N1 and N4 are equivalent" in panel.message.text()
    # every click was one undoable step
    panel.controller.undo_stack.undo()
    assert canonical(panel) == Chem.CanonSmiles("C1CCCNCC1")
    panel.controller.undo_stack.redo()
    assert canonical(panel) == Chem.CanonSmiles("C1CNCCNC1")


def test_drag_from_an_atom_draws_a_bond(qtbot, panel):
    centre = panel.canvas.rect().center()
    click(qtbot, panel, centre)
    assert canonical(panel) == "C"
    start = atom_point(panel, 0)
    qtbot.mousePress(panel.canvas, Qt.MouseButton.LeftButton, pos=start)
    move_pointer(panel.canvas, start + QPoint(60, 0), Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(panel.canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(60, 0))
    assert canonical(panel) == "CC"


def test_keyboard_element_letters_and_bond_orders(qtbot, panel):
    panel.controller.edit("substrate", ("CC", ""), "start")
    panel.canvas.hover_atom(0)
    qtbot.keyClick(panel.canvas, Qt.Key.Key_O)
    assert canonical(panel) == "CO"
    panel.canvas._hover_atom, panel.canvas._hover_bond = None, 0
    qtbot.keyClick(panel.canvas, Qt.Key.Key_2)
    assert canonical(panel) == "C=O"


def test_paste_a_mol_block(qtbot, panel):
    block = Chem.MolToMolBlock(Chem.MolFromSmiles("CC(C)(C)OC(=O)N1CCCNCC1"))
    mime = QMimeData()
    mime.setData(MOL_MIME, block.encode())
    QGuiApplication.clipboard().setMimeData(mime)
    panel.paste()
    assert canonical(panel) == Chem.CanonSmiles("CC(C)(C)OC(=O)N1CCCNCC1")
    assert "N1: carbamate" in panel.message.text()
    QGuiApplication.clipboard().setText("not a structure ((")
    panel.paste()
    assert "Paste:" in panel.message.text()
    assert canonical(panel) == Chem.CanonSmiles("CC(C)(C)OC(=O)N1CCCNCC1")


def test_valence_error_is_shown_and_the_drawing_kept(qtbot, panel):
    panel.controller.edit("substrate", ("C1CCCCCC1", ""), "start")
    panel.set_tool(Tool("bond", 1))
    for _ in range(3):
        click(qtbot, panel, atom_point(panel, 0))
    assert panel.canvas.drawing.problems and panel.canvas.drawing.problems[0][0] == 0
    assert "valence error on atom 1 (C)" in panel.message.text()
    assert len(panel.canvas.drawing.atoms) == 10  # nothing lost
    assert panel.controller.plan.substrate_molblock  # the unsanitisable drawing is in the plan
    panel.controller.undo_stack.undo()
    assert not panel.canvas.drawing.problems


def test_hover_shows_the_class_of_a_ring_nitrogen(qtbot, panel):
    panel.controller.edit("substrate", ("CC(C)(C)OC(=O)N1CCCNCC1", ""), "start")
    n4 = next(i for i, label in panel.canvas.labels.items() if label == "N4")
    move_pointer(panel.canvas, atom_point(panel, n4))
    assert panel.canvas.toolTip() == "N4: secondary amine (ring) — free N–H, reactive (rank 3)"


def test_mass_table_for_reductive_amination(qtbot, panel):
    panel.controller.edit("substrate", ("C1CNCCNC1", ""), "start")
    panel.controller.edit("reaction", ("reductive-amination", "O=Cc1ccccc1", "", ""), "reagent")
    rows = {panel.masses.index(r, 0).data(): panel.masses.index(r, 4).data() for r in range(panel.masses.rowCount())}
    # by hand: C12H18N2 + H+ = 191.1543; C19H24N2 + H+ = 281.2012; iminium C12H17N2+ = 189.1386
    assert rows["mono"] == "[M+H]+ 191.1543" and rows["bis"] == "[M+H]+ 281.2012" and rows["iminium (N1)"] == "M+ 189.1386"


def test_select_move_and_delete(qtbot, panel):
    panel.controller.edit("substrate", ("C1CCCCC1CC", ""), "start")
    panel.tool_actions["select"].trigger()
    # a rubber band around the whole view selects every atom
    rect = panel.canvas.rect()
    qtbot.mousePress(panel.canvas, Qt.MouseButton.LeftButton, pos=rect.topLeft() + QPoint(2, 2))
    move_pointer(panel.canvas, rect.bottomRight() - QPoint(2, 2), Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(panel.canvas, Qt.MouseButton.LeftButton, pos=rect.bottomRight() - QPoint(2, 2))
    assert panel.canvas.selected == set(range(8))
    # dragging a selected atom moves the selection: coordinates change, the molecule does not
    before = [a[1:3] for a in panel.canvas.drawing.atoms]
    start = atom_point(panel, 0)
    qtbot.mousePress(panel.canvas, Qt.MouseButton.LeftButton, pos=start)
    move_pointer(panel.canvas, start + QPoint(40, 0), Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(panel.canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(40, 0))
    after = [a[1:3] for a in panel.canvas.drawing.atoms]
    shift = 40 / panel.canvas.scale  # 40 px in Å at the current zoom
    assert all(abs((xa - xb) - shift) < 0.05 and abs(ya - yb) < 1e-6 for (xa, ya), (xb, yb) in zip(after, before, strict=True))
    assert canonical(panel) == Chem.CanonSmiles("CCC1CCCCC1")
    # click one atom, Delete removes it
    click(qtbot, panel, atom_point(panel, 7))
    assert panel.canvas.selected == {7}
    qtbot.keyClick(panel.canvas, Qt.Key.Key_Delete)
    assert canonical(panel) == Chem.CanonSmiles("CC1CCCCC1")


def test_wedge_makes_a_stereocentre_and_survives_later_edits(qtbot, panel):
    panel.controller.edit("substrate", ("CC(N)CO", ""), "start")
    bond = next(i for i, (a, b, _) in enumerate(panel.canvas.drawing.bonds)
                if {panel.canvas.drawing.atoms[a][0], panel.canvas.drawing.atoms[b][0]} == {"C", "N"})
    a, b, _ = panel.canvas.drawing.bonds[bond]
    centre = a if panel.canvas.drawing.atoms[a][0] == "C" else b
    pa, pb = atom_point(panel, a), atom_point(panel, b)
    near_centre = (atom_point(panel, centre) * 2 + (pb if centre == a else pa)) / 3  # on the bond, clear of the atom
    panel.tool_actions["bond:5"].trigger()
    click(qtbot, panel, near_centre)
    assert "@" in panel.controller.plan.substrate_smiles
    assert any(order == 5 for _, _, order in panel.canvas.drawing.bonds)
    panel.tool_actions["element:O"].trigger()
    click(qtbot, panel, atom_point(panel, 0))  # an unrelated edit keeps the wedge
    assert any(order == 5 for _, _, order in panel.canvas.drawing.bonds)


def test_chain_tool_draws_a_zigzag(qtbot, panel):
    panel.tool_actions["chain"].trigger()
    start = panel.canvas.rect().center() - QPoint(100, 0)
    qtbot.mousePress(panel.canvas, Qt.MouseButton.LeftButton, pos=start)
    move_pointer(panel.canvas, start + QPoint(200, 0), Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(panel.canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(200, 0))
    smiles = canonical(panel)
    assert set(smiles) == {"C"} and len(smiles) >= 4  # a straight carbon chain


def test_periodic_table_sets_the_element_tool(qtbot, panel, monkeypatch):
    from dzp_planner.gui.editor.periodic_table import PeriodicTableDialog

    def choose(dialog):
        dialog._choose("Se")
        return True

    monkeypatch.setattr(PeriodicTableDialog, "exec", choose)
    panel.pick_element()
    assert panel.canvas.tool == Tool("element", "Se")


def test_a_damaged_mol_block_in_a_plan_falls_back_to_the_smiles(qtbot):
    widget = StructurePanel(PlanController(Plan(substrate_smiles="C1CNCCNC1", substrate_molblock="garbage\n\n\nM  END")))
    qtbot.addWidget(widget)
    widget.refresh()
    assert len(widget.canvas.drawing.atoms) == 7 and widget.is_populated()


def test_aromatic_rings_kekule_or_circles(qtbot, panel):
    panel.controller.edit("substrate", ("c1ccc(CN2CCCNCC2)cc1", ""), "start")
    orders = sorted(o for _, _, o in panel.canvas.drawing.bonds)
    assert orders.count(2) == 3 and panel.canvas.drawing.aromatic_rings == ()  # Kekulé by default
    panel.aromatic_action.setChecked(False)
    assert len(panel.canvas.drawing.aromatic_rings) == 1
    assert 2 not in [o for _, _, o in panel.canvas.drawing.bonds]
    assert panel._settings().value("editor/aromatic") == "circle"


def test_zoom_and_pan(qtbot, panel):
    panel.controller.edit("substrate", ("C1CNCCNC1", ""), "start")
    before = atom_point(panel, 0)
    centre = panel.canvas.rect().center()
    qtbot.mousePress(panel.canvas, Qt.MouseButton.MiddleButton, pos=centre)
    move_pointer(panel.canvas, centre + QPoint(30, 20), Qt.MouseButton.MiddleButton)
    qtbot.mouseRelease(panel.canvas, Qt.MouseButton.MiddleButton, pos=centre + QPoint(30, 20))
    assert atom_point(panel, 0) == before + QPoint(30, 20)
    assert canonical(panel) == Chem.CanonSmiles("C1CNCCNC1")  # panning never edits


@pytest.mark.parametrize("width, height", [(460, 480), (400, 427), (400, 300)])  # the editor at 1440 x 900, at 1366 x 698, smaller
def test_product_table_and_drawing_stay_in_view_when_squeezed(qtbot, width, height):
    """SM, mono and bis with their m/z fully visible, the whole analysis reachable, and the ring with its N1/N4 labels inside the canvas."""
    from dzp_planner.core.guidance import templates
    from dzp_planner.gui.editor.canvas import LABEL_MARGIN

    widget = StructurePanel(PlanController(templates.plan_from_template("mono-boc-protection")))
    qtbot.addWidget(widget)
    widget.resize(460, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()  # fitted at the roomy size, then the window shrinks
    widget.resize(width, height)
    qtbot.waitUntil(lambda: widget.height() == max(height, widget.minimumSizeHint().height()), timeout=2000)
    qtbot.wait(20)
    view = widget.mass_view
    assert [view.model().index(r, 0).data() for r in range(view.model().rowCount())][:3] == ["SM", "mono", "bis"]
    bottom_of_bis = view.rowViewportPosition(2) + view.rowHeight(2)
    assert view.rowViewportPosition(0) >= 0 and bottom_of_bis <= view.viewport().height()
    # the analysis text is never cut off: it gets its full height inside a scroll area
    label = widget.message
    assert "N1 and N4 are equivalent" in label.text()
    assert label.height() >= label.heightForWidth(label.width())
    canvas = widget.canvas
    for i in range(len(canvas.drawing.atoms)):
        point = atom_point(widget, i)
        assert LABEL_MARGIN - 1 <= point.y() <= canvas.height() - LABEL_MARGIN + 1, (i, point.y(), canvas.height())


def test_a_competing_side_chain_amine_is_marked_with_its_class_on_hover(qtbot, panel):
    panel.controller.edit("substrate", ("NCCN1CCCNCC1", ""), "start")  # 1-(2-aminoethyl)-1,4-diazepane
    primary = next(i for i, (symbol, *_rest) in enumerate(panel.canvas.drawing.atoms)
                   if symbol == "N" and i not in panel.canvas.labels)
    assert primary in panel.canvas.reactive  # highlighted like the ring N–H
    move_pointer(panel.canvas, atom_point(panel, primary))
    assert panel.canvas.toolTip().startswith("side-chain NH2: primary amine (outside the ring) — free N–H, reactive")
    assert "reacts first" in panel.message.text() and "Outside the ring" in panel.message.text()


def test_a_salt_shows_the_free_base_masses(qtbot, panel):
    panel.controller.edit("substrate", ("C1CNCCNC1.Cl.Cl", ""), "start")
    text = panel.message.text()
    # drawn C5H14Cl2N2 = 5·12.011 + 14·1.008 + 2·35.45 + 2·14.007 = 173.08; free base [M+H]+ 101.1073
    assert "C5H14Cl2N2 · MW 173.0" in text and "free base C5H12N2" in text and "[M+H]+ 101.1073" in text
    assert {panel.canvas.labels[a] for a in panel.canvas.reactive} == {"N1", "N4"}


def _clipboard(mime_type: str, data: bytes | str) -> None:
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QGuiApplication

    mime = QMimeData()
    if mime_type == "text/plain":
        mime.setText(data)
    else:
        mime.setData(mime_type, data if isinstance(data, bytes) else data.encode())
    QGuiApplication.clipboard().setMimeData(mime)


@pytest.mark.parametrize("variant", ["as written", "no M  END", "SDF record", "V3000"])
def test_paste_a_mol_block_with_a_blank_title_line(qtbot, panel, variant):
    from rdkit import Chem

    mol = Chem.MolFromSmiles("CC(C)(C)OC(=O)N1CCCNCC1")
    block = Chem.MolToV3KMolBlock(mol) if variant == "V3000" else Chem.MolToMolBlock(mol)
    assert block.startswith("\n")  # the title line is blank, as RDKit and ChemDraw write it
    if variant == "no M  END":
        block = block.replace("M  END\n", "")
    if variant == "SDF record":
        block += ">  <ID>\nX-1\n\n$$$$\n"
    panel.smiles_edit.setText("C1CC(")  # a rejected SMILES left in the field
    _clipboard("text/plain", block)
    panel.paste()
    assert Chem.CanonSmiles(panel.controller.plan.substrate_smiles) == Chem.CanonSmiles("CC(C)(C)OC(=O)N1CCCNCC1")
    assert panel.smiles_edit.text() == panel.controller.plan.substrate_smiles


@pytest.mark.parametrize("cdxml, words", [
    ("", "empty"),
    ("\x00\x01\x02binary", "binary"),
    ('<?xml version="1.0"?><CDXML><page><fragment><n id="1" p="0 0"/>', "incomplete or broken"),
    ('<?xml version="1.0"?><CDXML><page><fragment><n id="1" p="0 0"/><b id="2" B="1" E="1"/></fragment></page></CDXML>',
     "joins an atom to itself"),
])
def test_broken_cdxml_on_the_clipboard_is_one_message(qtbot, panel, capfd, cdxml, words):
    before = panel.controller.plan.substrate_smiles
    _clipboard("chemical/x-cdxml", cdxml.encode("utf-8", "surrogateescape"))
    panel.paste()
    assert words in panel.message.text() and "Paste:" in panel.message.text()
    assert panel.controller.plan.substrate_smiles == before
    assert capfd.readouterr().err == ""  # nothing from RDKit's C++ on the terminal


def test_a_huge_mol_file_is_refused_before_rdkit_reads_it(qtbot, panel, tmp_path):
    from dzp_planner.core.chem import structure_files
    from dzp_planner.core.errors import UserInputError

    atoms = 20000  # more than V2000 can hold: RDKit and ChemDraw write such a file as V3000
    lines = ["", "  huge", "", "  0  0  0     0  0            999 V3000", "M  V30 BEGIN CTAB",
             f"M  V30 COUNTS {atoms} {atoms - 1} 0 0 0", "M  V30 BEGIN ATOM"]
    lines += [f"M  V30 {i + 1} C {i * 1.5:.4f} 0 0 0" for i in range(atoms)]
    lines += ["M  V30 END ATOM", "M  V30 BEGIN BOND"]
    lines += [f"M  V30 {i + 1} 1 {i + 1} {i + 2}" for i in range(atoms - 1)]
    lines += ["M  V30 END BOND", "M  V30 END CTAB", "M  END"]
    path = tmp_path / "chain.mol"
    path.write_text("\n".join(lines))
    with pytest.raises(UserInputError, match="this structure has 20,000 atoms; DZP Planner plans molecules up to 150"):
        structure_files.read_structure_file(str(path))


def test_draw_1_boc_diazepane_from_an_empty_canvas_in_four_clicks(qtbot, panel):
    """The 1,4-diazepane fragment, a click on the canvas, the Boc fragment, a click on a ring N: no Fit, no menu."""
    qtbot.mouseClick(panel.tool_palette.buttons["fragment:1,4-diazepane"], Qt.MouseButton.LeftButton)  # 1
    click(qtbot, panel, panel.canvas.rect().center())  # 2
    assert canonical(panel) == Chem.CanonSmiles("C1CNCCNC1")
    qtbot.mouseClick(panel.tool_palette.buttons["fragment:Boc"], Qt.MouseButton.LeftButton)  # 3
    n1 = next(i for i, label in panel.canvas.labels.items() if label in ("N1", "N4"))
    click(qtbot, panel, atom_point(panel, n1))  # 4
    assert canonical(panel) == Chem.CanonSmiles("CC(C)(C)OC(=O)N1CCCNCC1")
    assert panel.canvas.in_view()  # the Boc group landed in view, without pressing Fit
    assert panel.controller.plan.components[0].name == "1-Boc-1,4-diazepane"  # and the table follows


def test_every_tool_is_a_button_in_a_small_editor(qtbot, panel):
    from dzp_planner.gui.layout_report import EDITOR_TOOLS

    panel.resize(420, 330)  # the editor's share of a 1024 x 700 window
    palette = panel.tool_palette
    qtbot.waitUntil(lambda: all(palette.rect().contains(palette.buttons[k].geometry()) for k in EDITOR_TOOLS), timeout=2000)
    for key in EDITOR_TOOLS:
        button = panel.tool_palette.buttons[key]
        assert button.isVisible(), key
        box = button.geometry()
        assert panel.tool_palette.rect().contains(box), key  # a column is added rather than a button hidden
    assert panel.canvas.width() >= 200


def test_every_edit_the_canvas_emits_has_an_operation():
    """The canvas asks for edits by name; each name it can emit is in the explicit table (and nothing else runs)."""
    import re
    from pathlib import Path

    from dzp_planner.gui.editor import canvas
    from dzp_planner.gui.editor.structure_panel import edit_operations

    emitted = set(re.findall(r'self\.edit\.emit\("([a-z_]+)"', Path(canvas.__file__).read_text(encoding="utf-8")))
    assert emitted and emitted <= set(edit_operations())
    assert "drawing" not in edit_operations() and "from_smiles" not in edit_operations()  # readers, not edits
