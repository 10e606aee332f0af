"""The centre of the window: draw or type the substrate, see its diazepane sites and LCMS masses.

Every drawing operation is one undoable plan edit (the substrate section holds the SMILES
and the MOL block with the chemist's layout). A structure RDKit cannot accept stays on the
canvas with the offending atom circled in red and the reason in words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dzp_planner.gui.document.plan_controller import DerivationChange

import html
import logging
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dzp_planner.core.errors import UserInputError
from dzp_planner.core.reactions import registry
from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.editor.canvas import StructureCanvas, Tool
from dzp_planner.gui.editor.mass_table_model import MassTableModel
from dzp_planner.gui.editor.tool_palette import ToolPalette, default_tools

log = logging.getLogger(__name__)

# Nitrogens outside the ring named in the analysis line; more would be a wall of text (and, at 48,
# a 50 ms word-wrap on every refresh): the rest are marked on the drawing and named on hover.
OUTSIDE_LISTED = 6
MOL_MIME = "chemical/x-mdl-molfile"
CDXML_MIMES = ("chemical/x-cdxml", "ChemDraw Interchange Format")
@lru_cache(maxsize=1)
def edit_operations() -> dict[str, tuple[Callable[..., str], str]]:
    """Every edit the canvas can ask for: the core function that makes it, and its undo text.

    An explicit table (not a lookup by name in `editing`): only these can run, and a new
    canvas edit without an entry here fails loudly in the tests instead of calling whatever
    the name happens to match. Built on first use, because `editing` imports RDKit.
    """
    from dzp_planner.core.chem import editing

    return {
        "add_atom": (editing.add_atom, "Add atom"), "add_bond": (editing.add_bond, "Add bond"),
        "set_element": (editing.set_element, "Change element"), "cycle_bond": (editing.cycle_bond, "Change bond order"),
        "set_bond_order": (editing.set_bond_order, "Set bond order"), "change_charge": (editing.change_charge, "Change charge"),
        "delete_atom": (editing.delete_atom, "Delete atom"), "delete_bond": (editing.delete_bond, "Delete bond"),
        "add_ring": (editing.add_ring, "Add ring"), "add_fragment": (editing.add_fragment, "Add fragment"),
        "clean_up": (editing.clean_up, "Clean up"), "move_atoms": (editing.move_atoms, "Move atoms"),
        "delete_atoms": (editing.delete_atoms, "Delete selection"), "set_stereo_bond": (editing.set_stereo_bond, "Wedge/hash bond"),
        "add_chain": (editing.add_chain, "Add chain"),
    }


class StructurePanel(QWidget):
    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.canvas = StructureCanvas(self)
        self.canvas.edit.connect(self.apply_edit)
        self.smiles_edit = QLineEdit(self)
        self.smiles_edit.setObjectName("smilesEdit")
        self.smiles_edit.setPlaceholderText("Type or paste a SMILES, e.g. C1CNCCNC1, and press Enter")
        self.smiles_edit.setToolTip("The substrate as SMILES. Enter applies it (undoable).")
        self.smiles_edit.returnPressed.connect(self._apply_smiles)
        self.message = QLabel(self)
        self.message.setObjectName("structureMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.tool_palette = self._build_palette()
        self.reaction_combo = QComboBox(self)
        self.reaction_combo.setObjectName("reactionCombo")
        self.reaction_combo.addItems(list(registry.ids()))
        self.reaction_combo.setToolTip("Reaction type for the products and LCMS masses")
        self.reaction_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.reaction_combo.activated.connect(lambda _i: self._edit_reaction(reaction_type=self.reaction_combo.currentText()))
        self.reagent_edit = QLineEdit(self)
        self.reagent_edit.setObjectName("reagentEdit")
        self.reagent_edit.setPlaceholderText("reagent SMILES, e.g. O=Cc1ccccc1")
        self.reagent_edit.setMinimumWidth(60)
        self.reagent_edit.returnPressed.connect(lambda: self._edit_reaction(reagent=self.reagent_edit.text().strip()))
        self.masses = MassTableModel()
        self.mass_view = QTableView(self)
        self.mass_view.setObjectName("massTable")
        self.mass_view.setModel(self.masses)
        self.mass_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.mass_view.horizontalHeader().setStretchLastSection(True)
        self.mass_view.verticalHeader().setVisible(False)
        # SM, mono and bis with their m/z stay in view however small the window (a 768 px
        # laptop screen): they are what the chemist compares with the LCMS trace. Rows as
        # tall as the text, not the style's default, so three fit beside a usable drawing.
        row_height = self.mass_view.fontMetrics().height() + 6
        self.mass_view.verticalHeader().setDefaultSectionSize(row_height)
        self.mass_view.verticalHeader().setMinimumSectionSize(row_height)
        self.mass_view.setMinimumHeight(self.mass_view.horizontalHeader().sizeHint().height() + 3 * row_height
                                        + self.mass_view.horizontalScrollBar().sizeHint().height() + 2 * self.mass_view.frameWidth())
        self.mass_note = QLabel(self)
        self.mass_note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Substrate:", self))
        top.addWidget(self.smiles_edit, 1)
        for button in self._file_buttons():
            top.addWidget(button)
        products_row = QHBoxLayout()
        products_row.addWidget(QLabel("Products:", self))
        products_row.addWidget(self.reaction_combo)
        products_row.addWidget(QLabel("+", self))
        products_row.addWidget(self.reagent_edit, 1)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        # the analysis scrolls rather than being cut mid-line when a small screen squeezes it
        message_area = QScrollArea(lower)
        message_area.setObjectName("structureMessageArea")
        message_area.setWidget(self.message)
        message_area.setWidgetResizable(True)
        message_area.setFrameShape(QFrame.Shape.NoFrame)
        message_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        message_area.setMinimumHeight(2 * self.message.fontMetrics().lineSpacing() + 4)
        message_area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        lower_layout.addWidget(message_area)
        lower_layout.addLayout(products_row)
        lower_layout.addWidget(self.mass_view, 1)
        lower_layout.addWidget(self.mass_note)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        drawing_area = QWidget(self)
        drawing_row = QHBoxLayout(drawing_area)
        drawing_row.setContentsMargins(0, 0, 0, 0)
        drawing_row.setSpacing(2)
        drawing_row.addWidget(self.tool_palette)
        drawing_row.addWidget(self.canvas, 1)
        splitter.addWidget(drawing_area)
        splitter.addWidget(lower)
        splitter.setSizes([440, 260])  # the drawing gets most of the height; the table keeps SM, mono, bis
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        for key, slot in ((QKeySequence.StandardKey.Paste, self.paste), (QKeySequence.StandardKey.Copy, self.copy),
                          (QKeySequence.StandardKey.SelectAll, self._select_all)):
            QShortcut(key, self.canvas, slot, context=Qt.ShortcutContext.WidgetShortcut)
        self._drawn_smiles: str | None = None
        self._drawn_block: str | None = None
        controller.derivationChanged.connect(self._on_change)

    # -- tool bar ----------------------------------------------------------------------------------
    def _build_palette(self) -> ToolPalette:
        """The tool palette down the editor's left side: every tool one click away (no overflow menu)."""
        from dzp_planner.core.chem.editing import FRAGMENTS

        palette = ToolPalette(default_tools(list(FRAGMENTS)), self)
        self.tool_actions: dict[str, QAction] = {}
        self._tools: dict[str, Tool] = {}
        for key, action in palette.tool_actions.items():
            if key.startswith("action:"):
                continue
            kind, _, value = key.partition(":")
            tool = Tool(kind, int(value) if value.lstrip("-+").isdigit() else (value or None))
            if kind == "ring" and value == "benzene":
                tool = Tool("ring", "benzene")
            action.triggered.connect(lambda _=False, t=tool: self.set_tool(t))
            self.tool_actions[key] = action
            self._tools[key] = tool
        palette.tool_actions["action:periodic"].triggered.connect(self.pick_element)
        palette.tool_actions["action:clean_up"].triggered.connect(self.clean_up)
        palette.tool_actions["action:fit"].triggered.connect(self.canvas.fit)
        self.aromatic_action = palette.tool_actions["action:kekule"]
        self.aromatic_action.setObjectName("aromaticStyle")
        self.aromatic_action.setChecked(self._settings().value("editor/aromatic", "kekule") != "circle")
        self.aromatic_action.toggled.connect(self._aromatic_style_changed)
        self.tool_actions["element:C"].setChecked(True)
        return palette

    def _file_buttons(self) -> list[QToolButton]:
        buttons = []
        for label, tip, slot, name in (("Open…", "Open a MOL, SDF or CDXML file", self.open_file, "openStructure"),
                                       ("Copy", "Copy as MOL block and SMILES (Ctrl+C)", self.copy, "copyStructure"),
                                       ("Paste", "Paste a MOL block, CDXML or SMILES (Ctrl+V)", self.paste, "pasteStructure")):
            button = QToolButton(self)
            button.setText(label)
            button.setToolTip(tip)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.append(button)
        return buttons

    @staticmethod
    def _settings():
        from dzp_planner.gui.document.settings import app_settings

        return app_settings()

    def aromatic_style(self) -> str:
        return "kekule" if self.aromatic_action.isChecked() else "circle"

    def _aromatic_style_changed(self, _checked: bool) -> None:
        self._settings().setValue("editor/aromatic", self.aromatic_style())
        self._drawn_block = None
        self.refresh()

    def pick_element(self) -> None:
        from dzp_planner.gui.editor.periodic_table import PeriodicTableDialog

        dialog = PeriodicTableDialog(self)
        if dialog.exec() and dialog.symbol:
            self.set_tool(Tool("element", dialog.symbol))

    def _select_all(self) -> None:
        self.set_tool(Tool("select"))
        self.canvas.select_all()

    def set_tool(self, tool: Tool) -> None:
        self.canvas.tool = tool
        key = next((k for k, t in self._tools.items() if t == tool), None)
        if key is not None:
            self.tool_actions[key].setChecked(True)
        else:  # an element from the periodic table has no button of its own
            group = self.tool_actions["select"].actionGroup()
            checked = group.checkedAction() if group is not None else None
            if checked is not None:
                group.setExclusionPolicy(group.ExclusionPolicy.ExclusiveOptional)
                checked.setChecked(False)
                group.setExclusionPolicy(group.ExclusionPolicy.Exclusive)

    # -- plan ↔ drawing ----------------------------------------------------------------------------
    def _current_block(self) -> str:
        from dzp_planner.core.chem import editing

        plan = self.controller.plan
        if plan.substrate_molblock:
            try:
                editing.drawing(plan.substrate_molblock)
                return plan.substrate_molblock
            except (ValueError, UserInputError):  # a damaged layout in a plan file: redraw from SMILES
                log.warning("unreadable MOL block in the plan; using the SMILES")
        if plan.substrate_smiles:
            try:
                return editing.from_smiles(plan.substrate_smiles)
            except UserInputError:
                return ""
        return ""

    def apply_edit(self, op: str, args: dict[str, Any]) -> None:
        from dzp_planner.core.chem import editing

        operation, undo_text = edit_operations()[op]
        try:
            block = operation(self._current_block(), **args)
            smiles = editing.drawing(block).smiles
        except (UserInputError, ValueError, RuntimeError) as exc:
            self.message.setText(f"<span style='color:#b00020'>{html.escape(str(exc))}</span>")
            return
        self._set_substrate(smiles, block, undo_text)

    def _set_substrate(self, smiles: str, block: str, text: str) -> None:
        """One undoable step: the drawing, and the table's substrate row that follows it (core rule)."""
        from dzp_planner.core.document.plan_edits import substrate_changes

        self.controller.edit_many(substrate_changes(self.controller.plan, smiles, block), text)

    def _on_change(self, change: DerivationChange) -> None:
        if change.touches("substrate", "reaction", "components"):
            self.refresh()

    def is_populated(self) -> bool:
        plan = self.controller.plan
        return self._drawn_smiles == plan.substrate_smiles and (bool(self.canvas.drawing.atoms) or not plan.substrate_smiles)

    def refresh(self) -> None:
        from dzp_planner.core.chem import editing

        plan = self.controller.plan
        block = self._current_block()
        drawing = editing.drawing(block, self.aromatic_style()) if block else editing.Drawing((), (), (), "")
        model, drawn, parent = editing.analysis_for_drawing(block) if block else (None, None, None)
        labels, reactive, site_text = {}, set(), {}
        lines = []
        if model is not None:
            for site in model.sites:
                if site.label is not None:
                    labels[site.atom] = site.label
                site_text[site.atom] = site.describe()
            reactive = {s.atom for s in model.competing}
            lines.append(self._mass_line(model, drawn, parent))
            ring = model.first_ring
            if ring.found:
                from dzp_planner.core.chem.rings.analysis import equivalence_reason

                kinds = "; ".join(s.describe() for s in ring.sites)
                lines.append(f"The {html.escape(ring.family)} ring: {html.escape(kinds)}. {html.escape(equivalence_reason(ring))}.")
            outside = [s for s in model.sites if s.ring is None and (s.reacts or s.quaternizable)]
            if outside:
                listed = "; ".join(s.describe() for s in outside[:OUTSIDE_LISTED])
                more = len(outside) - OUTSIDE_LISTED
                rest = f"; and {more} more (hover an atom for its class)" if more > 0 else ""
                lines.append("Outside the ring: " + html.escape(listed + rest) + ".")
            lines.extend(f"<span style='color:#9a5b00'>⚠ {html.escape(w)}</span>" for w in model.warnings)
        elif drawing.problems:
            lines.extend(f"<span style='color:#b00020'>✖ {html.escape(text)}</span>" for _, text in drawing.problems)
            lines.append("The drawing is kept; fix the marked atom (or undo) to continue.")
        refit = block != self._drawn_block and (self._drawn_block is None or not self._drawn_block or not plan.substrate_molblock)
        self.canvas.show_drawing(drawing, labels, reactive, site_text, refit=refit or self._drawn_smiles is None)
        self.message.setText("<br>".join(lines) or "Draw or type a structure.")
        if not self.smiles_edit.hasFocus():
            self.smiles_edit.setText(plan.substrate_smiles)
        self.reaction_combo.setCurrentText(plan.reaction_type)
        self._refresh_masses()
        self._drawn_smiles, self._drawn_block = plan.substrate_smiles, block

    @staticmethod
    def _mass_line(model, drawn, parent) -> str:
        line = f"{drawn.formula} · MW {drawn.mw:.2f}"
        if model.salt or parent is not drawn:
            line += (f" as drawn; free base {parent.formula} · MW {parent.mw:.2f} · monoisotopic {parent.exact_mass:.4f}"
                     f" · [M+H]+ {parent.observed_mz:.4f}")
        else:
            line += f" · monoisotopic {drawn.exact_mass:.4f} · [M+H]+ {drawn.observed_mz:.4f}"
        return html.escape(line)

    def _refresh_masses(self) -> None:
        from dzp_planner.core.document.derivation import derive

        derived = derive(self.controller.plan)
        if not self.reagent_edit.hasFocus():
            self.reagent_edit.setText(derived.electrophile_smiles)
        self.masses.set_rows(list(derived.products))
        self.mass_note.setText(derived.products_problem)

    def _edit_reaction(self, reaction_type: str | None = None, reagent: str | None = None) -> None:
        from dzp_planner.core.document.plan_edits import reagent_changes

        plan = self.controller.plan
        if reagent is not None:
            try:
                changes = reagent_changes(plan, reagent)
            except UserInputError as exc:
                self.mass_note.setText(f"Reagent: {exc}")
                return
            self.controller.edit_many(changes, "Change reagent")
            return
        value = (reaction_type or plan.reaction_type, plan.reagent_smiles, "", plan.conditions)
        self.controller.edit("reaction", value, "Change reaction")

    # -- input and output ----------------------------------------------------------------------------
    def _apply_smiles(self) -> None:
        from dzp_planner.core.chem import editing

        text = self.smiles_edit.text().strip()
        if not text:
            self.controller.edit("substrate", ("", ""), "Clear substrate")
            return
        try:
            block = editing.from_smiles(text)
        except UserInputError as exc:
            self.message.setText(f"<span style='color:#b00020'>{html.escape(str(exc))}</span>")
            return
        self._set_substrate(editing.drawing(block).smiles, block, "Set substrate from SMILES")

    def set_structure_block(self, block: str, text: str) -> None:
        from dzp_planner.core.chem import editing

        self._set_substrate(editing.drawing(block).smiles, block, text)

    def paste(self) -> None:
        from dzp_planner.core.chem import editing, structure_files
        from dzp_planner.core.chem.parsing import looks_like_molblock, normalise_molblock, parse_any

        mime = QGuiApplication.clipboard().mimeData()
        try:
            if mime.hasFormat(MOL_MIME):
                block = normalise_molblock(bytes(mime.data(MOL_MIME).data()).decode("utf-8", "replace"))
                parse_any(block)
            elif any(mime.hasFormat(f) for f in CDXML_MIMES):
                fmt = next(f for f in CDXML_MIMES if mime.hasFormat(f))
                block = structure_files.from_cdxml_text(bytes(mime.data(fmt).data()).decode("utf-8", "replace"))
            elif mime.hasText():
                text = mime.text()
                if looks_like_molblock(text):  # never strip a MOL block: its first line (the title) may be blank
                    block = normalise_molblock(text)
                    parse_any(block)
                elif text.lstrip().startswith("<?xml") or "<CDXML" in text[:2000]:
                    block = structure_files.from_cdxml_text(text)
                else:
                    parse_any(text.strip())  # validates, with a one-line reason
                    block = editing.from_smiles(text.split()[0])
            else:
                raise UserInputError("the clipboard holds no structure (MOL block, CDXML or SMILES)")
        except UserInputError as exc:
            self.message.setText(f"<span style='color:#b00020'>Paste: {html.escape(str(exc))}</span>")
            return
        self.set_structure_block(block, "Paste structure")
        self.smiles_edit.setText(self.controller.plan.substrate_smiles)  # not the text of an earlier, rejected SMILES
        self.canvas.fit()

    def copy(self) -> None:
        from dzp_planner.core.chem import editing

        block = self._current_block()
        if not block:
            return
        mime = QMimeData()
        mime.setText(editing.drawing(block).smiles)
        mime.setData(MOL_MIME, block.encode("utf-8"))
        mime.setImageData(self.canvas.grab().toImage())
        QGuiApplication.clipboard().setMimeData(mime)

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open structure", "", "Structures (*.mol *.sdf *.sd *.cdxml);;All files (*)")
        if path:
            self.open_path(path)

    def open_path(self, path) -> None:
        """Read a MOL, SDF or CDXML file (bounded: size, atoms, SDF records) into the plan."""
        from dzp_planner.core.chem import structure_files

        try:
            block = structure_files.read_structure_file(str(path))
        except UserInputError as exc:
            self.message.setText(f"<span style='color:#b00020'>{html.escape(str(exc))}</span>")
            return
        self.set_structure_block(block, "Open structure file")

    def clean_up(self) -> None:
        self.apply_edit("clean_up", {})
        self.canvas.fit()
