"""`dzp-planner check PLAN`: validate a plan file and summarise it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from dzp_planner.core import plan_format

HELP = "Validate a .dzp plan file; prints format, version, title, substrate and the number of table rows."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", help="path of the .dzp file")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core import storage

    path = Path(args.plan)
    raw_version = _declared_version(path)
    plan = storage.load_plan(path)
    return {
        "format": plan_format.FORMAT_NAME,
        "version": raw_version,
        "current_version": plan_format.FORMAT_VERSION,
        "title": plan.title,
        "substrate": plan.substrate_smiles,
        "reaction": plan.reaction_type,
        "components": len(plan.components),
    }


def _declared_version(path: Path) -> int:
    """The version written in the file (before migration), for the summary."""
    import json

    from dzp_planner.core import storage

    data = storage.read_plan_bytes(path)
    try:
        raw = json.loads(data.decode("utf-8"))
        version = raw.get("version") if isinstance(raw, dict) else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        version = None
    return version if isinstance(version, int) and not isinstance(version, bool) else plan_format.FORMAT_VERSION
