"""`dzp-planner plan OUT --smiles S --reagent R [--tree T] [--answer N=C]... [--scale Q]`.

Builds a new plan exactly as File ▸ New, drawing the SMILES, walking the tree (the structure
and the reagent answer what they can, `--answer` the rest) and Apply to plan would, and writes
it to OUT. Without `--tree` the reagent's reaction chooses the tree. Questions left open exit 2
with one line naming every missing answer at once, each as NODE=ID|ID|….
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from dzp_planner.cli.plans import new_plan_path
from dzp_planner.core.errors import UserInputError

if TYPE_CHECKING:
    from dzp_planner.core.guidance.decisions import Fact, Tree

HELP = "Build a plan for a substrate: walk a decision tree and apply its recommendation (as the GUI's Apply to plan)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", help="path of the .dzp file to write")
    parser.add_argument("--smiles", required=True, help="the substrate as SMILES (a salt is fine)")
    parser.add_argument("--tree", help="decision tree id (alkylation, regioselectivity, buchwald-hartwig, acylation, oxidation); "
                        "default: the tree of the reagent's reaction")
    parser.add_argument("--answer", action="append", default=[], metavar="NODE=CHOICE", help="an answer the structure cannot give (repeatable)")
    parser.add_argument("--reagent", help="the electrophile or aryl halide as SMILES")
    parser.add_argument("--scale", help="the substrate's amount, e.g. '2 mmol' or '250 mg'")
    parser.add_argument("--site-ratio", type=float, metavar="R",
                        help="two different reactive N–H: the slower site's rate over the faster's (default: estimated from the structure)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def parse_answers(items: list[str]) -> dict[str, str]:
    answers = {}
    for item in items:
        node, sep, choice = item.partition("=")
        if not sep or not node.strip() or not choice.strip():
            raise UserInputError(f"--answer {item!r}: expected NODE=CHOICE")
        answers[node.strip()] = choice.strip()
    return answers


def check_answers(tree: Tree, answers: dict[str, str]) -> None:
    """Refuse a typo before the derivation drops it unseen (a plan file's stray answer is ignored, a typed one is
    said): a node no tree has, or an answer this tree's node does not offer. A node of another tree is let
    through: scripts pass one answer list to every tree."""
    from dzp_planner.core.guidance import decisions

    known = {node_id for other in decisions.all_trees().values() for node_id in other.nodes}
    for node_id, choice in answers.items():
        if node_id not in known:
            raise UserInputError(f"--answer {node_id}={choice}: no decision tree has a question {node_id!r}; "
                                 f"the {tree.id} tree asks {', '.join(tree.nodes)}")
        node = tree.nodes.get(node_id)
        if node is not None and node.answer(choice) is None:
            raise UserInputError(f"--answer {node_id}={choice}: the {tree.id} tree's {node_id!r} takes "
                                 f"{'|'.join(a.id for a in node.answers)}")


def _accepted(tree: Tree, node: Any) -> list[str]:
    """The answers `plan` can build from: the next question, or a recommendation with a protocol (advice alone,
    such as 'hold one N as its salt' for an acid chloride, has nothing to apply)."""
    def builds(answer: Any) -> bool:
        if answer.next is not None:
            return True
        rec = tree.recommendations.get(answer.recommendation or "")
        return rec is not None and rec.protocol is not None

    return [a.id for a in node.answers if builds(a)] or [a.id for a in node.answers]


def _tree_id(args: argparse.Namespace) -> str:
    from dzp_planner.core.reactions import registry

    if args.tree:
        return str(args.tree)
    classified = registry.classify_smiles(args.reagent) if args.reagent else None
    if classified is None:
        raise UserInputError("give --tree, or a --reagent whose reaction DZP Planner knows (its reaction chooses the tree)")
    return classified.reaction.tree


def _other_tree_hint(args: argparse.Namespace, tree: Tree) -> str:
    """Why a question the reagent should answer is still open: the reagent takes a reaction of another tree."""
    from dzp_planner.core.reactions import registry
    from dzp_planner.core.reactions.reagent_info import describe_reagent

    classified = registry.classify_smiles(args.reagent) if args.reagent else None
    if classified is None or classified.reaction.tree == tree.id:
        return ""
    name = describe_reagent(args.reagent).name
    return (f" ({name} takes {classified.reaction.noun}, which the {tree.id} tree does not plan: leave out --tree, "
            f"or --tree {classified.reaction.tree})")


def pending_answers(tree: Tree, answers: dict[str, str], facts: dict[str, Fact]) -> list[str]:
    """Every question a walk would still ask, each as NODE=ID|ID|…: the answers given, then each
    unanswered question's first answer tried, so the chemist sees all of them at once."""
    from dzp_planner.core.guidance import decisions

    missing: list[str] = []
    trial = {node_id: choice for node_id, choice in answers.items() if node_id in tree.nodes}  # as the derivation reads them
    for _ in range(len(tree.nodes)):
        result = decisions.walk(tree, trial, facts)
        if result.pending is None:
            break
        node = result.pending
        accepted = _accepted(tree, node)
        missing.append(f"{node.id}={'|'.join(accepted)}")
        trial[node.id] = accepted[0]
    return missing


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.chem import editing
    from dzp_planner.core.document import plan_edits
    from dzp_planner.core.document.plan import Plan
    from dzp_planner.core.guidance import decisions, protocols
    from dzp_planner.core.io import storage

    if args.site_ratio is not None:
        from dzp_planner.core.models.two_sites import valid_ratio

        problem = valid_ratio(args.site_ratio)
        if problem:
            raise UserInputError(f"--site-ratio: {problem}")
    path = new_plan_path(args.out, args.force)
    tree = decisions.load_tree(_tree_id(args))
    answers = parse_answers(args.answer)
    check_answers(tree, answers)
    plan = Plan(title="Untitled plan", active_tree=tree.id)
    molblock = editing.from_smiles(args.smiles)
    for section, value in plan_edits.substrate_changes(plan, args.smiles.strip(), molblock).items():
        plan.set_section(section, value)
    if args.reagent:
        for section, value in plan_edits.reagent_changes(plan, args.reagent).items():
            plan.set_section(section, value)
    plan.set_section("decisions", ({tree.id: answers}, tree.id))
    from dzp_planner.core.document.derivation import derive

    derived = derive(plan)
    walk = derived.walk
    if walk.pending is not None:
        missing = pending_answers(tree, dict(plan.decisions.get(tree.id, {})), derived.facts)
        raise UserInputError(f"the {tree.id} tree needs answers: " + " ".join(f"--answer {m}" for m in missing) + _other_tree_hint(args, tree))
    rec = walk.recommendation
    if rec is None or not protocols.applicable(rec):
        raise UserInputError(protocols.why_not_applicable(rec) if rec is not None else "the walk ended without a recommendation")
    changes = protocols.build(plan, rec, tree.id, reagent_smiles=args.reagent, scale=args.scale)
    for section, value in changes.items():
        plan.set_section(section, value)
    if args.site_ratio is not None:
        import dataclasses

        plan.set_section("model", dataclasses.replace(plan.get_section("model"), site_rate_ratio=args.site_ratio))
    storage.save_plan(plan, path)
    return {"path": str(path.resolve()), "title": plan.title, "recommendation": rec.id}
