"""`dzp-planner dilute --c1 C --v1 V --c2 C [--v2 V]`: C1·V1 = C2·V2, any three of four."""

from __future__ import annotations

import argparse
from typing import Any

HELP = ("Dilution: give any three of --c1, --v1, --c2, --v2 (e.g. --c1 '1.0 M' --v1 '10 mL' --c2 '0.1 M'); "
        "prints c1_m, v1_ml, c2_m, v2_ml and solvent_to_add_ml. Bare numbers are M and mL.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--c1", help="stock concentration (M, mM, mol/L, mmol/mL)")
    parser.add_argument("--v1", help="volume of stock taken (L, mL, µL)")
    parser.add_argument("--c2", help="final concentration")
    parser.add_argument("--v2", help="final volume")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.quantities.dilution import solve_dilution

    def value(text: str | None) -> str | float | None:
        if text is None:
            return None
        try:  # a bare number on the command line is M or mL
            return float(text)
        except ValueError:
            return text

    result = solve_dilution(c1=value(args.c1), v1=value(args.v1), c2=value(args.c2), v2=value(args.v2))
    return result.as_dict()
