"""PDF export: real text, the numbers a chemist checks, escaped user text, empty plans, the command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from dzp_planner.core.document.plan import Plan
from dzp_planner.core.guidance import templates
from dzp_planner.core.io import storage
from dzp_planner.gui.report.report import export_plan_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (the bootstrap installs it)")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_protocol_2_report(qapp, tmp_path):
    out = tmp_path / "p2.pdf"
    pages = export_plan_pdf(templates.plan_from_template("mono-boc-protection"), out)
    assert pages >= 2 and out.read_bytes()[:5] == b"%PDF-"
    text = pdf_text(out)
    for expected in ("1,4-Diazepane", "Boc2O", "49.9 mmol", "218.25", "pH 3", "pH 11", "DCM", "Correction",
                     "[M+H]+", "201.1598", "page 1 of", "Pagano"):
        assert expected in text, expected
    # MW of Boc2O by hand: C10H18O5 = 10*12.011 + 18*1.008 + 5*15.999 = 218.249
    assert f"{10 * 12.011 + 18 * 1.008 + 5 * 15.999:.2f}" in text


def test_markup_in_user_text_prints_literally(qapp, tmp_path):
    plan = templates.plan_from_template("reductive-mono-alkylation")
    plan.title = '<b>Bold & "quoted"</b>'
    plan.notes = "<i>not italic</i> & <script>x</script>"
    out = tmp_path / "markup.pdf"
    export_plan_pdf(plan, out)
    text = pdf_text(out)
    assert '<b>Bold & "quoted"</b>' in text
    assert "<i>not italic</i> & <script>x</script>" in text


def test_empty_plan_exports(qapp, tmp_path):
    out = tmp_path / "empty.pdf"
    assert export_plan_pdf(Plan(), out) >= 1
    text = pdf_text(out)
    assert "Untitled plan" in text and "No reagents yet" in text


def test_letter_size(qapp, tmp_path):
    out = tmp_path / "letter.pdf"
    export_plan_pdf(templates.plan_from_template("mono-boc-protection"), out, page_size="Letter")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "612 x 792 pts" in info


def test_export_command(tmp_path):
    plan_path = tmp_path / "p.dzp"
    storage.save_plan(templates.plan_from_template("mono-boc-protection"), plan_path)
    out = tmp_path / "out.pdf"
    run = subprocess.run([sys.executable, "-m", "dzp_planner", "export", str(plan_path), "--pdf", str(out)],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["path"] == str(out.resolve()) and data["pages"] >= 2 and out.stat().st_size > 10_000
    bad = tmp_path / "bad.dzp"
    bad.write_text("{")
    for args in ((str(bad), "--pdf", str(out)), (str(tmp_path / "missing.dzp"), "--pdf", str(out))):
        run = subprocess.run([sys.executable, "-m", "dzp_planner", "export", *args], capture_output=True, text=True, timeout=180)
        assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1


def test_export_from_the_window_runs_in_its_own_process_and_can_be_cancelled(main_window, qtbot, tmp_path):
    """The window stays live while the report is written by the headless export in another process."""
    from dzp_planner.gui.report.export_dialog import PdfExporter

    exporter = main_window._pdf_exporter = PdfExporter(main_window, main_window.controller, main_window.settings)
    with qtbot.waitSignal(exporter.done, timeout=60000) as blocker:
        main_window.start_pdf_export(tmp_path / "from-window")  # ".pdf" is added
        assert exporter.busy() and exporter.cancel_button.isVisibleTo(main_window)
    written, message = blocker.args
    assert message == "" and written == tmp_path / "from-window.pdf" and written.read_bytes().startswith(b"%PDF")
    assert not exporter.cancel_button.isVisibleTo(main_window)
    with qtbot.waitSignal(exporter.done, timeout=60000) as blocker:
        main_window.start_pdf_export(tmp_path / "cancelled.pdf")
        exporter.cancel()
    assert blocker.args == [None, "cancelled"] and not (tmp_path / "cancelled.pdf").exists()


def test_a_resin_and_an_addition_by_rate_are_printed(qapp, tmp_path):
    from dzp_planner.core.document import plan_edits

    plan = templates.plan_from_template("reductive-mono-alkylation")
    rows = plan.get_section("components")
    index = next(i for i, r in enumerate(rows) if r.slot == "reductant")
    _, rows = plan_edits.cell_edit(plan, index, "concentration", "2.3 mmol/g")
    plan.set_section("components", rows)
    for field, text in (("component", "electrophile"), ("time", "0.5 equiv/h")):
        plan.set_section("procedure", plan_edits.addition_edit(plan, field, text)[1])
    out = tmp_path / "resin.pdf"
    export_plan_pdf(plan, out)
    text = " ".join(pdf_text(out).split())
    mmol = float(rows[index].quantity.split()[0]) * 2.0  # equiv × the 2.0 mmol of diamine
    assert "on resin, 2.3 mmol/g" in text
    assert f"{mmol / 2.3:.3g} g of resin at 2.3 mmol/g" in text  # mmol / (mmol/g) = 1.30 g
    electrophile = next(r for r in rows if r.slot == "electrophile")
    hours = float(electrophile.quantity.split()[0]) / 0.5  # equiv / (equiv/h)
    assert f"over {hours:.3g} h: 0.5 equiv/h" in text


def test_a_salt_is_named_once_in_the_reaction_table(qapp, tmp_path):
    """The substrate's 2HCl and the reagent's HCl were printed twice ("1,4-Diazepane·2HCl ·2HCl")."""
    out_plan = tmp_path / "salts.dzp"
    from dzp_planner import cli

    assert cli.run(["plan", str(out_plan), "--smiles", "C1CNCCNC1.Cl.Cl", "--reagent", "O=S(=O)(Cl)c1cccc2cnccc12.Cl",
                    "--answer", "excess=yes"]) == 0
    out = tmp_path / "salts.pdf"
    export_plan_pdf(storage.load_plan(out_plan), out)
    text = " ".join(pdf_text(out).split())
    assert "1,4-Diazepane·2HCl" in text and "·2HCl ·2HCl" not in text
    assert "chloride·HCl ·HCl" not in text and text.count("·HCl ·") == 0
