"""One layout rule for every depiction, bounded in atoms and ring size (issue 25): the PDF of a
44-membered macrocycle never ended (CoordGen, unguarded in the report); now the report lays out
molecules as the editor does. The bound is a hang guard, not a timing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

MACROCYCLE = "C1CNCCN(C1)C2" + "C" * 43 + "2"  # a cyclotetratetracontyl ring on N1
LARGEST = "C" * 143 + "N1CCCNCC1"  # 150 atoms: the most any structure path accepts


@pytest.mark.parametrize("smiles", [MACROCYCLE, LARGEST], ids=["44-ring", "150-atoms"])
def test_the_pdf_of_a_macrocycle_and_of_the_largest_molecule_is_written(tmp_path, smiles):
    from rdkit import Chem

    assert Chem.MolFromSmiles(smiles).GetNumAtoms() in (51, 150)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DZP_PLANNER_HOME=str(tmp_path / "home"))
    plan, pdf = tmp_path / "p.dzp", tmp_path / "p.pdf"
    made = subprocess.run([sys.executable, "-m", "dzp_planner", "plan", str(plan), "--smiles", smiles, "--reagent", "CC(=O)Cl"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert made.returncode == 0, made.stderr
    out = subprocess.run([sys.executable, "-m", "dzp_planner", "export", str(plan), "--pdf", str(pdf)],
                         capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert pdf.stat().st_size > 10_000
