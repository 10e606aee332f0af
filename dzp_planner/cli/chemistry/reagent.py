"""`dzp-planner reagent SMILES`: what the reagent is and which reaction it takes part in."""

from __future__ import annotations

import argparse
from typing import Any

HELP = "Class a reagent from its structure: its class, reaction type, name, MW, state and density."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("smiles", help="the reagent as SMILES (e.g. CC(=O)Cl)")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.reactions.reagent_info import describe_reagent

    return describe_reagent(args.smiles).as_dict()
