"""`dzp-planner distribution --electrophile-equiv E --k2-k1 R`: SM / mono / bis fractions."""

from __future__ import annotations

import argparse
from typing import Any

from dzp_planner.core.errors import UserInputError

HELP = (
    "Fractions of SM, mono and bis for a consecutive-competitive reaction (batch closed form). "
    "Give --mixing-time (with --concentration, --addition-time, --k1) for the two-zone mixing model."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    amount = parser.add_mutually_exclusive_group(required=True)
    amount.add_argument("--electrophile-equiv", type=float, help="equivalents of electrophile per diamine")
    amount.add_argument("--ratio", type=float, help="diamine:electrophile ratio N (for N:1)")
    parser.add_argument("--k2-k1", type=float, default=0.5, help="k2/k1 per molecule (0.5 = statistical)")
    parser.add_argument("--mixing-time", type=float, help="feed-zone exchange time, s (switches to the mixing model)")
    parser.add_argument("--concentration", type=float, default=0.5, help="diamine concentration, M (mixing model)")
    parser.add_argument("--addition-time", type=float, default=3600.0, help="addition time, s (mixing model)")
    parser.add_argument("--k1", type=float, default=1.0, help="k1, L/(mol·s) (mixing model)")
    parser.add_argument("--acid-equiv", type=float,
                        help="equivalents of strong acid per diamine charged first (switches to the protonation model)")
    parser.add_argument("--pka", type=float, nargs=2, metavar=("HIGH", "LOW"),
                        help="the diamine's pKa values, high first (protonation model; default homopiperazine's)")
    parser.add_argument("--product-pka", type=float, help="pKa of the mono product's amine (protonation model)")
    parser.add_argument("--cation-rate", type=float, help="k(mono-cation)/k1 per molecule (protonation model; 0.5)")
    parser.add_argument("--byproduct-acid", type=float, default=0.0,
                        help="protons each reaction adds to the amines: 1 for an acid chloride with no other base")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.models import kinetics

    if args.acid_equiv is None:
        for flag, value in (("--pka", args.pka), ("--product-pka", args.product_pka), ("--cation-rate", args.cation_rate)):
            if value is not None:
                raise UserInputError(f"{flag} belongs to the protonation model: give --acid-equiv X with it")
        if args.byproduct_acid:
            raise UserInputError("--byproduct-acid belongs to the protonation model: give --acid-equiv X with it")
    elif args.mixing_time is not None:
        raise UserInputError("give --acid-equiv or --mixing-time, not both: the two models are not combined")

    try:
        if args.ratio is not None:
            batch = kinetics.distribution_for_ratio(args.ratio, args.k2_k1)
        else:
            batch = kinetics.distribution(args.electrophile_equiv, args.k2_k1)
    except ValueError as exc:
        raise UserInputError(str(exc)) from None
    result: dict[str, Any] = {k: batch.as_dict()[k] for k in ("sm", "mono", "bis", "mono_selectivity", "unreacted_electrophile")}
    result["model"] = "batch"
    if args.acid_equiv is not None:
        from dzp_planner.cli.numbers.protonated import protonation_result

        return protonation_result(args, batch.electrophile_equiv, result)
    if args.mixing_time is not None:
        from dzp_planner.core.models import mixing

        inputs = mixing.MixingInputs(
            concentration_m=args.concentration, electrophile_equiv=batch.electrophile_equiv,
            addition_time_s=args.addition_time, mixing_time_s=args.mixing_time, k1=args.k1, k2_k1=args.k2_k1,
        )
        try:
            mixed = mixing.simulate(inputs)
        except ValueError as exc:
            raise UserInputError(str(exc)) from None
        total = mixed.mono + mixed.bis
        result.update(
            sm=mixed.sm, mono=mixed.mono, bis=mixed.bis,
            mono_selectivity=mixed.mono / total if total > 0 else None,
            unreacted_electrophile=mixed.unreacted_electrophile,
            model="two-zone mixing", damkohler=mixed.damkohler, regime=mixed.regime, caveat=mixing.CAVEAT,
            batch={"sm": batch.sm, "mono": batch.mono, "bis": batch.bis},
        )
    return result
