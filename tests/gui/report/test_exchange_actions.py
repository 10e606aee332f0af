"""Copy table and Copy reaction put real tables and reactions on the clipboard; Export as writes the files (issue 26)."""

from __future__ import annotations

import html.parser

from PySide6.QtGui import QGuiApplication
from rdkit import Chem
from rdkit.Chem import rdChemReactions

from dzp_planner.gui.report.exchange_actions import RXN_MIME, export_text


class _Cells(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_copy_table_pastes_as_a_table_and_as_tab_separated_text(main_window, qtbot):
    main_window.documents.new_from_template("mono-boc-protection")
    main_window.findChild(type(main_window._action("actionNew")), "actionCopyTable").trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    parser = _Cells()
    parser.feed(mime.html())
    header, *rows = parser.rows
    assert header[:3] == ["role", "name", "smiles"] and len(rows) == len(main_window.controller.plan.components)
    assert rows[0][1] == "1,4-Diazepane" and float(rows[0][header.index("mmol")]) == 49.92
    lines = [line.split("\t") for line in mime.text().splitlines()]
    assert lines[0] == header and lines[1][:2] == ["limiting", "1,4-Diazepane"]


def test_copy_reaction_gives_reaction_smiles_and_an_rxn(main_window, qtbot):
    main_window.documents.new_from_template("mono-boc-protection")
    main_window.findChild(type(main_window._action("actionNew")), "actionCopyReaction").trigger()
    mime = QGuiApplication.clipboard().mimeData()
    reactants, agents, product = mime.text().split(">")
    assert {Chem.CanonSmiles(s) for s in reactants.split(".")} == {Chem.CanonSmiles("C1CNCCNC1"),
                                                                   Chem.CanonSmiles("CC(C)(C)OC(=O)OC(=O)OC(C)(C)C")}
    assert Chem.CanonSmiles(product) == Chem.CanonSmiles("CC(C)(C)OC(=O)N1CCCNCC1") and agents == "ClCCl"
    rxn = rdChemReactions.ReactionFromRxnBlock(bytes(mime.data(RXN_MIME)).decode())
    assert (rxn.GetNumReactantTemplates(), rxn.GetNumAgentTemplates(), rxn.GetNumProductTemplates()) == (2, 1, 1)


def test_export_as_writes_through_the_safe_write(main_window, tmp_path):
    main_window.documents.new_from_template("mono-boc-protection")
    target = export_text(main_window.controller.plan, "csv", tmp_path / "table")
    assert target.name == "table.csv" and target.read_text().startswith("role,name,smiles")
    assert main_window.findChild(type(main_window._action("actionNew")), "actionExportRXN") is not None
    record = export_text(main_window.controller.plan, "ord", tmp_path / "record")
    assert record.name == "record.json" and '"inputs"' in record.read_text()


def test_the_eln_archive_is_exported_from_the_window_in_its_own_process(main_window, qtbot, tmp_path):
    import zipfile

    main_window.documents.new_from_template("mono-boc-protection")
    assert main_window.findChild(type(main_window._action("actionNew")), "actionExportELN") is not None
    main_window.start_pdf_export(tmp_path / "boc.eln", fmt="eln")
    qtbot.waitUntil(lambda: not main_window._pdf_exporter.busy(), timeout=60000)
    names = zipfile.ZipFile(tmp_path / "boc.eln").namelist()
    assert "boc/ro-crate-metadata.json" in names and "boc/plan/report.pdf" in names
