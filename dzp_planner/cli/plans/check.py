"""`dzp-planner check PLAN`: validate a plan file and summarise it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from dzp_planner.core.io import plan_format

HELP = "Validate a .dzp plan file; prints format, version, title, substrate and the number of table rows."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", help="path of the .dzp file")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.io import storage

    path = Path(args.plan)
    raw = plan_format.decode(storage.read_plan_bytes(path), source=path.name)  # one read, one parse
    declared = raw.get("version") if isinstance(raw, dict) else None
    plan = plan_format.plan_from_dict(raw, source=path.name)
    return {
        "format": plan_format.FORMAT_NAME,
        "version": declared,
        "current_version": plan_format.FORMAT_VERSION,
        "title": plan.title,
        "substrate": plan.substrate_smiles,
        "reaction": plan.reaction_type,
        "components": len(plan.components),
        "warnings": list(plan.load_warnings),
    }
