"""Nothing frozen, nothing misread (issue 16, items 4, 7, 9–12): bounded work on hostile input and
one clear line where the chemist typed it."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from dzp_planner.core.chem import analyze, editing, structure_files
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.quantities.units import parse_quantity


def dzp(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dzp_planner", *args], capture_output=True, text=True, timeout=180,
                          env=env or dict(os.environ, QT_QPA_PLATFORM="offscreen"))


@pytest.mark.parametrize("text", ["5² g", "5³ g", "²5 g", "½ g", "١٥ mg"])
def test_superscript_and_other_digits_are_refused_not_misread(text):
    with pytest.raises(UserInputError, match="not a digit DZP Planner reads as a number"):
        parse_quantity(text, "mass")


def test_a_unit_exponent_and_full_width_digits_still_read():
    assert parse_quantity("1.33 g/cm³", "density").value == pytest.approx(1.33)
    assert parse_quantity("５ g", "mass").value == 5.0  # what an East Asian input method types: unambiguous


@pytest.mark.parametrize("smiles, words", [("[N+50]", "charge of +50"), ("[Og]", "element 118"), ("[999C]", "not a known nuclide")])
def test_impossible_atoms_are_refused(smiles, words):
    out = dzp("analyze", smiles)
    assert out.returncode == 2 and words in out.stderr and len(out.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("ring", [35, 42])
def test_a_large_ring_is_laid_out_in_milliseconds(ring):
    smiles = "N1CCN" + "C" * (ring - 4) + "C1" if ring == 35 else "C1" + "C" * (ring - 1) + "1"
    start = time.perf_counter()
    block = editing.from_smiles(smiles)
    assert time.perf_counter() - start < 1.0  # CoordGen took 32 s for the 35-ring, over 30 s for the 42-ring
    assert "M  END" in block


def test_a_5000_atom_macrocycle_is_refused_at_once():
    start = time.perf_counter()
    with pytest.raises(UserInputError, match="plans molecules up to 150 atoms"):
        analyze("C1" + "C" * 4990 + "1")
    assert time.perf_counter() - start < 1.0  # was 3.1 s and 780 MB


def test_a_huge_cdxml_is_refused_before_parsing():
    atoms = "".join(f'<n id="{i}" p="{i} 0"/>' for i in range(1, 20001))
    text = f'<?xml version="1.0"?><CDXML><page><fragment>{atoms}</fragment></page></CDXML>'
    start = time.perf_counter()
    with pytest.raises(UserInputError, match="20,000 atoms"):
        structure_files.from_cdxml_text(text)
    assert time.perf_counter() - start < 1.0  # was over 56 s


def test_an_sdf_full_of_junk_is_given_up_on_quickly(tmp_path):
    from rdkit import Chem

    good = Chem.MolToMolBlock(Chem.MolFromSmiles("C1CNCCNC1"))
    junk = "junk\n  not a mol\n\n  x  y  z\nM  END\n$$$$\n"
    path = tmp_path / "junk.sdf"
    path.write_text(junk * 50_000 + good + "$$$$\n")
    start = time.perf_counter()
    with pytest.raises(UserInputError):
        structure_files.read_structure_file(str(path))
    assert time.perf_counter() - start < 2.0  # was over 30 s
    small = tmp_path / "few.sdf"
    small.write_text(junk * 3 + good + "$$$$\n")
    assert "M  END" in structure_files.read_structure_file(str(small))  # the first good record after a few bad ones


def test_a_data_home_that_is_a_file_is_one_line_exit_2(tmp_path):
    home = tmp_path / "home-is-a-file"
    home.write_text("not a folder")
    env = dict(os.environ, DZP_PLANNER_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    for args in (["--self-test"], [str(tmp_path / "x.dzp")]):
        out = subprocess.run([sys.executable, "-m", "dzp_planner", *args], capture_output=True, text=True, timeout=120, env=env)
        assert out.returncode == 2, out.stderr
        assert "is a file, not a folder" in out.stderr and "Error in sys.excepthook" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1


def test_numpy_warnings_never_reach_the_terminal():
    out = dzp("distribution", "--electrophile-equiv", "1", "--k1", "1e300", "--concentration", "1e300", "--mixing-time", "1")
    assert "RuntimeWarning" not in out.stderr and len(out.stderr.strip().splitlines()) <= 1


def test_no_qt_locale_warning_under_lang_c(tmp_path):
    from dzp_planner.core.guidance import templates
    from dzp_planner.core.io import storage

    plan = tmp_path / "p.dzp"
    storage.save_plan(templates.plan_from_template("reductive-mono-alkylation"), plan)
    env = dict(os.environ, LANG="C", LC_ALL="C", PYTHONCOERCECLOCALE="0", QT_QPA_PLATFORM="offscreen")
    out = dzp("export", str(plan), "--pdf", str(tmp_path / "p.pdf"), env=env)
    assert out.returncode == 0 and out.stderr == ""


def test_a_failure_inside_the_crash_hook_still_reports(capsys, monkeypatch):
    from dzp_planner.gui import crash_handler

    monkeypatch.setattr(crash_handler, "_handle", lambda *a: (_ for _ in ()).throw(RuntimeError("the hook broke")))
    try:
        raise ValueError("the real problem")
    except ValueError as exc:
        crash_handler.handle_exception(type(exc), exc, exc.__traceback__)
    err = capsys.readouterr().err
    assert "the real problem" in err and "the hook broke" in err


def test_native_crashes_and_qt_warnings_reach_the_log_folder(tmp_path):
    code = ("import os; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
            "from dzp_planner.logging_setup import configure_logging, enable_fault_log\n"
            "configure_logging(); enable_fault_log()\n"
            "from PySide6.QtWidgets import QApplication\n"
            "from dzp_planner.gui.application import route_qt_messages\n"
            "app = QApplication([]); route_qt_messages()\n"
            "from PySide6.QtCore import qWarning; qWarning('a Qt warning for the log')\n"
            "import logging; [h.flush() for h in logging.getLogger().handlers]\n"
            "import faulthandler; faulthandler._sigsegv()\n")
    env = dict(os.environ, DZP_PLANNER_HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode != 0
    assert "Fatal Python error" in (tmp_path / "native-crashes.log").read_text()
    assert "a Qt warning for the log" in (tmp_path / "dzp-planner.log").read_text()
