"""`dzp-planner extraction --pka PKA [PKA ...] --ph PH`: fraction of each protonation state."""

from __future__ import annotations

import argparse
from typing import Any

from dzp_planner.core.errors import UserInputError

HELP = "Fraction neutral (extractable) and protonated at a pH, for a base with the given pKa values."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pka", type=float, nargs="*", default=[], help="pKa values of the conjugate acids (none: not basic)")
    parser.add_argument("--ph", type=float, required=True)


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.models.extraction import fractions

    try:
        return {"ph": args.ph, "pka": sorted(args.pka, reverse=True), **fractions(args.pka, args.ph)}
    except ValueError as exc:
        raise UserInputError(str(exc)) from None
