"""`export --eln`: the archive holds every format, the PDF report Qt paints among them, and meets the specification."""

from __future__ import annotations

import io
import json
import zipfile

from tests.cli_in_process import run_in_process
from tests.eln_spec import check_eln

from dzp_planner.core.guidance.templates import plan_from_template
from dzp_planner.core.io import storage


def test_the_export_command_writes_an_eln_holding_every_format(qapp, tmp_path):
    # qapp: the PDF is painted with Qt in this process; without a QApplication first, `export` makes a
    # QGuiApplication, and every later qtbot test of this worker errors on it (pytest-qt wants a QApplication)
    plan_path = tmp_path / "boc.dzp"
    storage.save_plan(plan_from_template("mono-boc-protection"), plan_path)
    # in this process: `export` keeps its end-to-end subprocess tests in tests/gui/report and tests/robustness
    out = run_in_process(["export", str(plan_path), "--eln", str(tmp_path / "boc.eln")], text=True)
    assert out.returncode == 0, out.stderr
    written = json.loads(out.stdout)["written"][0]
    assert written["format"] == "eln"
    data = (tmp_path / "boc.eln").read_bytes()
    metadata = check_eln(data)
    files = {n["name"] for n in metadata["@graph"] if n["@type"] == "File"}
    assert {"plan.dzp", "report.pdf", "reaction.rxn", "table.csv", "products.sdf", "distribution.svg", "ph-switch.svg"} <= files
    assert zipfile.ZipFile(io.BytesIO(data)).namelist()[0].startswith("boc/")  # the root folder is the archive's name
