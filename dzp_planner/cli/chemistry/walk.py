"""`dzp-planner walk TREE [--smiles S] [--answer NODE=CHOICE ...]`: a walk through a decision tree."""

from __future__ import annotations

import argparse
from typing import Any

from dzp_planner.core.errors import UserInputError

HELP = "Walk one of the guide's decision trees (alkylation, regioselectivity, buchwald-hartwig, oxidation)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tree", help="tree id")
    parser.add_argument("--smiles", help="answer the questions the structure can answer")
    parser.add_argument("--answer", action="append", default=[], metavar="NODE=CHOICE", help="an answer (repeatable)")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.guidance import decisions

    answers = {}
    for item in args.answer:
        node, sep, choice = item.partition("=")
        if not sep or not node or not choice:
            raise UserInputError(f"--answer {item!r}: expected NODE=CHOICE")
        answers[node.strip()] = choice.strip()
    facts = decisions.facts_from_smiles(args.smiles) if args.smiles else None
    return decisions.walk(decisions.load_tree(args.tree), answers, facts).as_dict()
