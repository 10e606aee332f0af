"""`dzp-planner analyze SMILES`: masses and the 1,4-diazepane site analysis."""

from __future__ import annotations

import argparse
from typing import Any

HELP = "Canonical SMILES, formula, MW, exact mass, [M+H]+ and the diazepane ring analysis (N1/N4, classes, equivalence)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("smiles", help="the structure as SMILES")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.chem import analyze

    return analyze(args.smiles)
