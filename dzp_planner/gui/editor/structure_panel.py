"""The centre of the window: the substrate, typed as SMILES or drawn, with its diazepane sites.

This first version shows the plan's substrate as RDKit depicts it and takes SMILES; the
drawing canvas grows here (see the structure-editor issue).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from dzp_planner.core.errors import UserInputError
from dzp_planner.gui.plan_controller import PlanController

log = logging.getLogger(__name__)


class StructurePanel(QWidget):
    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.smiles_edit = QLineEdit(self)
        self.smiles_edit.setObjectName("smilesEdit")
        self.smiles_edit.setPlaceholderText("Type or paste a SMILES, e.g. C1CNCCNC1, and press Enter")
        self.smiles_edit.setToolTip("The substrate as SMILES. Enter applies it (undoable).")
        self.smiles_edit.returnPressed.connect(self._apply_smiles)
        self.message = QLabel(self)
        self.message.setObjectName("structureMessage")
        self.message.setWordWrap(True)
        self.canvas = QSvgWidget(self)
        self.canvas.setObjectName("structureCanvas")
        self.canvas.setMinimumSize(320, 260)
        top = QHBoxLayout()
        top.addWidget(QLabel("Substrate:", self))
        top.addWidget(self.smiles_edit, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.message)
        self._drawn_smiles: str | None = None
        controller.sectionChanged.connect(lambda s: self.refresh() if s == "substrate" else None)
        controller.planReplaced.connect(self.refresh)

    def is_populated(self) -> bool:
        return self._drawn_smiles == self.controller.plan.substrate_smiles and bool(self._drawn_smiles)

    def refresh(self) -> None:
        smiles = self.controller.plan.substrate_smiles
        self.smiles_edit.setText(smiles)
        if not smiles:
            self.canvas.load(QByteArray())
            self.message.setText("No substrate yet: type a SMILES above.")
            self._drawn_smiles = smiles
            return
        from dzp_planner.core.chem import analyze
        from dzp_planner.core.chem.depiction import depict_svg

        try:
            info = analyze(smiles)
        except UserInputError as exc:
            self.message.setText(f"<span style='color:#b00020'>{exc}</span>")
            return
        ring = info["diazepane"]
        labels = {site["atom"]: site["label"] for site in ring["sites"]}
        free = [site["atom"] for site in ring["sites"] if site["free_nh"]]
        size = self.canvas.size()
        svg = depict_svg(smiles, max(size.width(), 320), max(size.height(), 260), labels=labels, highlight_atoms=free, bond_length=48)
        self.canvas.load(QByteArray(svg.encode("utf-8")))
        lines = [f"{info['formula']} · MW {info['mw']:.2f} · [M+H]+ {info['mh_plus']:.4f}"]
        if ring["found"]:
            kinds = ", ".join(f"{s['label']}: {s['kind'].replace('_', ' ')}" for s in ring["sites"])
            equivalence = "equivalent" if ring["n1_n4_equivalent"] else "not equivalent"
            lines.append(f"1,4-Diazepane found. {kinds}. N1 and N4 are {equivalence}.")
        lines.extend(ring.get("warnings", []))
        self.message.setText("<br>".join(lines))
        self._drawn_smiles = smiles

    def _apply_smiles(self) -> None:
        text = self.smiles_edit.text().strip()
        from dzp_planner.core.chem.parsing import parse_smiles

        try:
            parse_smiles(text)
        except UserInputError as exc:
            self.message.setText(f"<span style='color:#b00020'>{exc}</span>")
            return
        self.controller.edit("substrate", (text, ""), "Change substrate")
