"""`dzp-planner speciation --pka A B [--acid-equiv X] [--ph P]`: free base, mono-cation and di-cation fractions."""

from __future__ import annotations

import argparse
from typing import Any

from dzp_planner.core.errors import UserInputError

HELP = ("Fractions of a diamine as free base, mono-cation and di-cation, at a pH or after X equivalents of strong acid "
        "(the mono-protonation route).")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pka", nargs=2, type=float, metavar=("HIGH", "LOW"),
                        help="the two pKa values, high first (homopiperazine 10.41 6.70 at 20 °C; piperazine 9.73 5.33 at 25 °C)")
    parser.add_argument("--smiles", help="instead of --pka: a diamine of the app's pKa table (resources/data/pka.toml)")
    parser.add_argument("--temperature", type=float,
                        help="°C, with --smiles: the table's values at this temperature (interpolated between measured ones)")
    parser.add_argument("--acid-equiv", type=float, help="equivalents of strong acid added per diamine (0-2)")
    parser.add_argument("--ph", type=float, help="the pH of the solution")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.models import speciation

    if (args.pka is None) == (args.smiles is None):
        raise UserInputError("give either --pka HIGH LOW or --smiles S (a diamine of the pKa table)")
    if args.smiles is not None:
        from dzp_planner.core.models.pka_data import for_smiles

        record = for_smiles(args.smiles)
        if record is None or len(record.values) != 2:
            raise UserInputError(f"the pKa table has no two values for {args.smiles}: give them with --pka HIGH LOW")
        high, low = record.values if args.temperature is None else record.at_temperature(args.temperature)
    else:
        if args.temperature is not None:
            raise UserInputError("--temperature reads the pKa table: give it with --smiles S (or type the values with --pka)")
        high, low = args.pka
    if (args.acid_equiv is None) == (args.ph is None):
        raise UserInputError("give either --acid-equiv X or --ph P (not both, not neither)")
    if args.ph is not None:
        return speciation.at_ph(high, low, args.ph).as_dict()
    return speciation.after_acid(high, low, args.acid_equiv).as_dict()
