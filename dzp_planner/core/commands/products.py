"""`dzp-planner products SMILES --reaction R --reagent SMILES`: mono and bis products with [M+H]+."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from dzp_planner.core.plan import REACTION_TYPES

HELP = "Enumerate the mono product at each non-equivalent free ring N–H and the bis product, with LCMS masses."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("smiles", help="the substrate as SMILES")
    parser.add_argument("--reaction", required=True, choices=REACTION_TYPES)
    parser.add_argument("--reagent", required=True, help="the reagent as SMILES (e.g. O=Cc1ccccc1)")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.chem.products import mass_table

    table = mass_table(args.smiles, args.reaction, args.reagent)
    mono = [{"smiles": r.smiles, "site": r.species.partition("(")[2].rstrip(")") or "N1/N4", "mh_plus": round(r.observed_mz, 5)}
            for r in table if r.species.startswith("mono")]
    bis = [{"smiles": r.smiles, "mh_plus": round(r.observed_mz, 5)} for r in table if r.species == "bis"]
    return {
        "mono": mono,
        "bis": bis,
        "table": [{k: (round(v, 5) if isinstance(v, float) else v) for k, v in asdict(r).items()} for r in table],
    }
