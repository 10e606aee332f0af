"""`dzp-planner extraction --pka PKA [PKA ...] --ph PH`: fraction of each protonation state."""

from __future__ import annotations

import argparse
from typing import Any

from dzp_planner.core.errors import UserInputError

HELP = ("Fraction neutral (extractable) and protonated at a pH, for a base with the given pKa values; with --logp, how "
        "much N extractions take into the organic layer.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pka", type=float, nargs="*", default=[], help="pKa values of the conjugate acids (none: not basic)")
    parser.add_argument("--ph", type=float, required=True)
    parser.add_argument("--logp", type=float, help="octanol/water logP of the neutral form (switches on the partition)")
    parser.add_argument("--extractions", type=int, help="number of extractions of the aqueous phase (with --logp; 1)")
    parser.add_argument("--volume-ratio", type=float, help="organic : aqueous volume of each extraction (with --logp; 1)")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.models.extraction import fractions, partition

    if args.logp is None and (args.extractions is not None or args.volume_ratio is not None):
        raise UserInputError("--extractions and --volume-ratio need --logp L (the partition of the neutral form)")
    try:
        result: dict[str, Any] = {"ph": args.ph, "pka": sorted(args.pka, reverse=True), **fractions(args.pka, args.ph)}
        if args.logp is not None:
            extractions = args.extractions if args.extractions is not None else 1
            ratio = args.volume_ratio if args.volume_ratio is not None else 1.0
            split = partition(result["neutral"], args.logp, extractions, ratio)
            result.update(logp=args.logp, extractions=extractions, volume_ratio=ratio,
                          distribution_coefficient=split.distribution_coefficient,
                          per_extraction=split.per_extraction, extracted=split.extracted)
        return result
    except ValueError as exc:
        raise UserInputError(str(exc)) from None
