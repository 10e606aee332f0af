"""`dzp-planner import FILE OUT.dzp`: a plan from a reaction SMILES file or an MDL RXN file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from dzp_planner.cli.plans import new_plan_path

HELP = "Make a plan from a reaction (reaction SMILES or an .rxn file): substrate, reagent, its protocol; says what was not read."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a reaction SMILES file (.smi/.txt) or an MDL RXN file (.rxn)")
    parser.add_argument("out", help="the .dzp file to write")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.io import storage
    from dzp_planner.core.io.reaction_import import import_file

    out = new_plan_path(args.out, args.force)
    imported = import_file(Path(args.file))
    storage.save_plan(imported.plan, out)
    return {"path": str(out.resolve()), "title": imported.plan.title, "unread": list(imported.unread)}
