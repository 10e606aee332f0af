"""`dzp-planner products SMILES --reaction R --reagent SMILES`: mono and bis products with [M+H]+."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from dzp_planner.core.reactions import registry

HELP = ("Enumerate the mono product at each non-equivalent reactive N–H (every diazepane ring and every exocyclic "
        "amine), the bis product and quaternary salts, with LCMS masses of the free base.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("smiles", help="the substrate as SMILES (a salt is analysed as its free base)")
    parser.add_argument("--reaction", required=True, choices=registry.ids())
    parser.add_argument("--reagent", required=True, help="the reagent as SMILES (e.g. O=Cc1ccccc1)")


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 5)
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.reactions.products import enumerate_products, mass_table

    table = mass_table(args.smiles, args.reaction, args.reagent)
    found = enumerate_products(args.smiles, args.reaction, args.reagent)
    by_smiles = {r.smiles: r for r in table}

    def mz(smiles: str) -> float:
        row = by_smiles[smiles]
        return round(row.mh_plus if row.mh_plus is not None else row.observed_mz, 5)

    return {
        "mono": [{"smiles": p.smiles, "site": p.sites[0], "mh_plus": mz(p.smiles)} for p in found["mono"]],
        "bis": [{"smiles": p.smiles, "sites": list(p.sites), "mh_plus": mz(p.smiles)} for p in found["bis"]],
        "table": [{k: _rounded(v) for k, v in asdict(r).items()} for r in table],
    }
