"""Benchmark: a full reaction-table recompute (what the stoichiometry panel does per keystroke).

Budget: 5 ms median (issue 4). Prints a table of median / min / max; never fails on time.

    .venv/bin/python bench/bench_table.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DZP_PLANNER_HOME", tempfile.mkdtemp(prefix="dzp-bench-"))

from dzp_planner.core.document.plan import Component

BUDGET_MS = 5.0


def _ten_rows() -> list[Component]:
    """A Buchwald-Hartwig table: ten rows, with a salt, a solution, a liquid and two solvents."""
    return [
        Component("1,4-Diazepane·2HCl", "limiting", "C1CNCCNC1", "1.73 g", salt="2HCl"),
        Component("Bromobenzene", "reagent", "Brc1ccccc1", "0.9 equiv", density=1.495),
        Component("RuPhos Pd G3", "catalyst", "CS(=O)(=O)[O-].Nc1ccccc1-c1cccc[c-]1.[Pd+2]."
                  "CC(C)Oc1cccc(OC(C)C)c1-c1ccccc1P(C1CCCCC1)C1CCCCC1", "0.02 equiv"),
        Component("RuPhos", "ligand", "CC(C)Oc1cccc(OC(C)C)c1-c1ccccc1P(C1CCCCC1)C1CCCCC1", "0.02 equiv"),
        Component("NaOtBu", "base", "CC(C)(C)[O-].[Na+]", "4.2 equiv"),
        Component("LiHMDS", "base", "C[Si](C)(C)[N-][Si](C)(C)C.[Li+]", "0.5 equiv", concentration=1.0),
        Component("Boc2O", "reagent", "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C", "250 mg", purity=97.0),
        Component("TEA", "additive", "CCN(CC)CC", "150 µL", density=0.726),
        Component("Toluene", "solvent", "Cc1ccccc1", "0.2 M", density=0.867),
        Component("THF", "solvent", "C1CCOC1", "5 mL", density=0.889),
    ]


def _time(fn, runs: int) -> tuple[float, float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(samples), min(samples), max(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args(argv)

    cold_start = time.perf_counter()
    from dzp_planner.core.guidance import templates
    from dzp_planner.core.quantities import stoich
    from dzp_planner.core.quantities.units import parse_quantity

    p1 = templates.plan_from_template("reductive-mono-alkylation")
    p2 = templates.plan_from_template("mono-boc-protection")
    stoich.compute_table(p2.components, p2.addition)  # imports RDKit, fills the MW cache
    cold_ms = (time.perf_counter() - cold_start) * 1000.0
    ten = _ten_rows()

    cases = [
        ("Protocol 1 table (5 rows)", lambda: stoich.compute_table(p1.components, p1.addition)),
        ("Protocol 2 table (3 rows + addition)", lambda: stoich.compute_table(p2.components, p2.addition)),
        ("Buchwald table (10 rows)", lambda: stoich.compute_table(ten)),
        ("rescale Protocol 1 to 10 mmol", lambda: stoich.rescale(p1.components, "10 mmol")),
        ("parse_quantity('180 µL')", lambda: parse_quantity("180 µL")),
        ("reject '10**10**10 g'", lambda: _reject("10**10**10 g")),
    ]
    width = max(len(name) for name, _ in cases) + 2
    print(f"{'case':<{width}}{'median ms':>10}{'min ms':>10}{'max ms':>10}{'budget':>9}  ok")
    for name, fn in cases:
        fn()  # warm
        med, lo, hi = _time(fn, args.runs)
        budget = BUDGET_MS if "table" in name or "rescale" in name else None
        shown = f"{budget:.1f}" if budget else "-"
        verdict = "" if budget is None else ("yes" if med <= budget else "OVER")
        print(f"{name:<{width}}{med:>10.4f}{lo:>10.4f}{hi:>10.4f}{shown:>9}  {verdict}")
    print(f"first table of the process (imports RDKit, builds the MW cache): {cold_ms:.0f} ms")
    return 0


def _reject(text: str) -> None:
    from dzp_planner.core.errors import UserInputError
    from dzp_planner.core.quantities.units import parse_quantity

    try:
        parse_quantity(text)
    except UserInputError:
        pass


if __name__ == "__main__":
    raise SystemExit(main())
