"""What the window imports before its first paint (issue 9's budget: first paint within 2× a bare window).

The plan's derivation (checks, products, trees, RDKit, numpy) is needed only once the first plan opens, which is
after the first paint (open_initial_plan): importing it with the window's modules cost ~16 ms of the first paint
(self-test, median of 7). A fresh interpreter imports what `application.run_gui` imports before the window shows.
"""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
from dzp_planner.core.io.library import PlanLibrary
from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.main_window import MainWindow
print(json.dumps(sorted(m for m in ("dzp_planner.core.document.derivation", "dzp_planner.core.guidance.checks",
                                    "dzp_planner.core.guidance.decisions", "rdkit", "numpy", "matplotlib", "pint")
                        if m in sys.modules)))
"""


def test_the_window_modules_do_not_load_the_derivation_or_the_science_stack():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(out.stdout) == []
