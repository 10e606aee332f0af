"""`dzp-planner new --template ID PLAN`: write a plan made from a protocol template."""

from __future__ import annotations

import argparse
from typing import Any

from dzp_planner.cli.plans import new_plan_path

HELP = "Create a plan file from a protocol template (reductive-mono-alkylation, mono-boc-protection)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--template", required=True, help="template id")
    parser.add_argument("--title", help="plan title (default: the template's)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.add_argument("plan", help="path of the .dzp file to write")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.guidance import templates
    from dzp_planner.core.io import storage

    path = new_plan_path(args.plan, args.force)
    plan = templates.plan_from_template(args.template)
    if args.title:
        plan.title = args.title
    storage.save_plan(plan, path)
    return {"path": str(path.resolve()), "template": args.template, "title": plan.title}
