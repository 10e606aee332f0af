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


DERIVE_PROBE = """
import json, sys
from dzp_planner.core.document.derivation import derive
from dzp_planner.core.guidance import templates
for name in templates.all_templates():
    derive(templates.plan_from_template(name))
print(json.dumps([len(templates.all_templates()), sorted(m for m in ("numpy", "matplotlib", "pint", "scipy") if m in sys.modules)]))
"""


def test_the_first_derivation_of_any_template_needs_no_numpy():
    """The first plan's derivation runs before the panels are populated: numpy's import (60 ms, through RDKit's
    Crippen module and the pH-switch fractions) stayed out of it; the plot brings numpy with matplotlib later."""
    out = subprocess.run([sys.executable, "-c", DERIVE_PROBE], capture_output=True, text=True, timeout=120, check=True)
    count, loaded = json.loads(out.stdout)
    assert count >= 15 and loaded == []
