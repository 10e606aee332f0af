"""Decision trees from the guide: loaded from TOML, validated, walked, answered from the structure.

Trees are data (`resources/trees/*.toml`) so a chemist can read and correct them. Loading
checks everything a walk relies on (unique ids, no dangling reference, no cycle, every path
ending in a recommendation) and names the file and node in the error. A walk follows the
chemist's answers; where a node has an `auto` fact and the structure knows it, the structure
answers (marked auto, with the reason), and the chemist can still override it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dzp_planner import paths
from dzp_planner.core.errors import UserInputError

COMMON_FILE = "_common.toml"
FACTS = ("scaffold", "n1_n4_equivalent", "one_protected", "two_free_nh", "ring_substituted", "oxidized",
         "free_nh_count", "activated_halide", "arylated_amine", "route", "reagent_reaction", "reagent_carbonyl", "base_sensitive")


class TreeError(UserInputError):
    """A tree file that cannot be used; the message names the file and the node."""


@dataclass(frozen=True)
class Answer:
    id: str
    label: str
    next: str | None = None
    recommendation: str | None = None


@dataclass(frozen=True)
class Node:
    id: str
    question: str
    answers: tuple[Answer, ...]
    help: str = ""
    auto: str | None = None

    def answer(self, answer_id: str) -> Answer | None:
        return next((a for a in self.answers if a.id == answer_id), None)


@dataclass(frozen=True)
class RowOverride:
    """A recommendation's change to one row of its protocol, found by slot (the catalyst, the base)."""

    slot: str
    name: str = ""
    role: str = ""
    smiles: str | None = None
    quantity: str = ""
    density: float | None = None
    concentration: float | None = None


@dataclass(frozen=True)
class Recommendation:
    id: str
    title: str
    reasoning: str
    protocol: str | None = None  # a template id: what "Apply to plan" builds
    reaction_type: str | None = None
    k2_k1: float | None = None
    rows: tuple[RowOverride, ...] = ()
    compare_routes: bool = False  # a choice between excess, acid and protection: show the three predicted (routes.py)


@dataclass(frozen=True)
class Tree:
    id: str
    title: str
    guide_section: str
    start: str
    nodes: dict[str, Node]
    recommendations: dict[str, Recommendation]
    source: str = ""


@dataclass(frozen=True)
class Fact:
    value: str
    reason: str


@dataclass(frozen=True)
class Step:
    node: str
    question: str
    answer: str
    answer_label: str
    auto: bool
    reason: str = ""


@dataclass(frozen=True)
class WalkResult:
    tree: Tree
    path: tuple[Step, ...]
    recommendation: Recommendation | None
    pending: Node | None

    def as_dict(self) -> dict[str, Any]:
        rec = self.recommendation
        return {
            "tree": self.tree.id,
            "path": [{"node": s.node, "question": s.question, "answer": s.answer, "auto": s.auto, "reason": s.reason} for s in self.path],
            "recommendation": None if rec is None else {"id": rec.id, "title": rec.title, "protocol": rec.protocol, "reasoning": rec.reasoning},
            "pending": None if self.pending is None else {
                "node": self.pending.id, "question": self.pending.question,
                "answers": [{"id": a.id, "label": a.label} for a in self.pending.answers],
            },
        }


# -- loading and validation ------------------------------------------------------------
def trees_dir() -> Path:
    return paths.resource("trees")


def _read(path: Path) -> dict[str, Any]:
    from dzp_planner.core.io.data_files import read_toml

    return read_toml(path, f"tree {path.name}", TreeError)


def _text(table: Any, key: str, where: str, *, required: bool = True) -> str:
    if not isinstance(table, dict):
        raise TreeError(f"{where}: must be a table")
    value = table.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise TreeError(f"{where}: '{key}' must be non-empty text")
    return value


def _recommendations(raw: Any, name: str) -> dict[str, Recommendation]:
    if not isinstance(raw, list):
        raise TreeError(f"tree {name}: 'recommendations' must be a list of tables")
    found: dict[str, Recommendation] = {}
    for i, rec in enumerate(raw):
        where = f"tree {name}: recommendation #{i + 1}"
        rec_id = _text(rec, "id", where)
        where = f"tree {name}: recommendation '{rec_id}'"
        if rec_id in found:
            raise TreeError(f"{where}: id used twice")
        k2_k1 = rec.get("k2_k1")
        if k2_k1 is not None and (isinstance(k2_k1, bool) or not isinstance(k2_k1, (int, float)) or k2_k1 <= 0):
            raise TreeError(f"{where}: 'k2_k1' must be a positive number")
        rows_raw = rec.get("rows", [])
        if not isinstance(rows_raw, list):
            raise TreeError(f"{where}: 'rows' must be a list of row changes")
        rows = tuple(_row_override(r, f"{where} row {j + 1}") for j, r in enumerate(rows_raw))
        protocol = _text(rec, "protocol", where, required=False) or None
        if rows and protocol is None:
            raise TreeError(f"{where}: 'rows' change a protocol's rows, so 'protocol' is needed too")
        found[rec_id] = Recommendation(
            id=rec_id, title=_text(rec, "title", where), reasoning=_text(rec, "reasoning", where),
            protocol=protocol,
            reaction_type=_text(rec, "reaction_type", where, required=False) or None,
            k2_k1=float(k2_k1) if k2_k1 is not None else None, rows=rows,
            compare_routes=_flag(rec, "compare_routes", where),
        )
    return found


def _flag(table: Any, key: str, where: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise TreeError(f"{where}: '{key}' must be true or false")
    return value


def _row_override(raw: Any, where: str) -> RowOverride:
    from dzp_planner.core.document.plan import ROLES, SLOTS

    slot = _text(raw, "slot", where)
    if slot not in SLOTS:
        raise TreeError(f"{where}: 'slot' is {slot!r}; expected one of {', '.join(SLOTS)}")
    role = _text(raw, "role", where, required=False)
    if role and role not in ROLES:
        raise TreeError(f"{where}: 'role' is {role!r}; expected one of {', '.join(ROLES)}")
    numbers: dict[str, float | None] = {}
    for key in ("density", "concentration"):
        value = raw.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0):
            raise TreeError(f"{where}: '{key}' must be a positive number")
        numbers[key] = float(value) if value is not None else None
    smiles = raw.get("smiles")
    if smiles is not None and not isinstance(smiles, str):
        raise TreeError(f"{where}: 'smiles' must be text")
    return RowOverride(slot, _text(raw, "name", where, required=False), role, smiles,
                       _text(raw, "quantity", where, required=False), **numbers)


def parse_tree(raw: dict[str, Any], name: str, common: dict[str, Recommendation] | None = None) -> Tree:
    """Build and validate a tree from decoded TOML; `name` is the file name for messages."""
    if not isinstance(raw, dict):
        raise TreeError(f"tree {name}: not a table")
    where = f"tree {name}"
    nodes: dict[str, Node] = {}
    raw_nodes = raw.get("nodes")
    if not isinstance(raw_nodes, list) or not raw_nodes:
        raise TreeError(f"{where}: 'nodes' must be a non-empty list")
    for i, node in enumerate(raw_nodes):
        node_id = _text(node, "id", f"{where}: node #{i + 1}")
        nw = f"{where}: node '{node_id}'"
        if node_id in nodes:
            raise TreeError(f"{nw}: id used twice")
        auto = node.get("auto")
        if auto is not None and auto not in FACTS:
            raise TreeError(f"{nw}: 'auto' is {auto!r}; known facts: {', '.join(FACTS)}")
        answers_raw = node.get("answers")
        if not isinstance(answers_raw, list) or not answers_raw:
            raise TreeError(f"{nw}: needs a non-empty 'answers' list")
        answers: list[Answer] = []
        for j, ans in enumerate(answers_raw):
            ans_id = _text(ans, "id", f"{nw} answer #{j + 1}")
            aw = f"{nw} answer '{ans_id}'"
            nxt, rec = ans.get("next"), ans.get("recommendation")
            if (nxt is None) == (rec is None):
                raise TreeError(f"{aw}: needs exactly one of 'next' or 'recommendation'")
            if any(a.id == ans_id for a in answers):
                raise TreeError(f"{aw}: id used twice")
            answers.append(Answer(ans_id, _text(ans, "label", aw), _text(ans, "next", aw) if nxt is not None else None,
                                  _text(ans, "recommendation", aw) if rec is not None else None))
        nodes[node_id] = Node(node_id, _text(node, "question", nw), tuple(answers), _text(node, "help", nw, required=False), auto)
    recs = dict(common or {})
    recs.update(_recommendations(raw.get("recommendations", []), name))
    for rec in recs.values():
        if rec.protocol is not None:
            from dzp_planner.core.guidance.templates import all_templates

            if rec.protocol not in all_templates():
                raise TreeError(f"tree {name}: recommendation '{rec.id}' names an unknown protocol '{rec.protocol}'")
    tree = Tree(
        id=_text(raw, "id", where), title=_text(raw, "title", where),
        guide_section=_text(raw, "guide_section", where, required=False),
        start=_text(raw, "start", where), nodes=nodes, recommendations=recs, source=name,
    )
    _check_references(tree)
    return tree


def _check_references(tree: Tree) -> None:
    where = f"tree {tree.source}"
    if tree.start not in tree.nodes:
        raise TreeError(f"{where}: 'start' points to unknown node '{tree.start}'")
    for node in tree.nodes.values():
        for ans in node.answers:
            if ans.next is not None and ans.next not in tree.nodes:
                raise TreeError(f"{where}: node '{node.id}' answer '{ans.id}' points to unknown node '{ans.next}'")
            if ans.recommendation is not None and ans.recommendation not in tree.recommendations:
                raise TreeError(f"{where}: node '{node.id}' answer '{ans.id}' points to unknown recommendation '{ans.recommendation}'")
    # no cycle: depth-first search with colours
    state: dict[str, int] = {}

    def visit(node_id: str, trail: list[str]) -> None:
        state[node_id] = 1
        for ans in tree.nodes[node_id].answers:
            if ans.next is None:
                continue
            if state.get(ans.next) == 1:
                loop = " → ".join([*trail, node_id, ans.next])
                raise TreeError(f"{where}: node '{node_id}' answer '{ans.id}' makes a cycle ({loop})")
            if ans.next not in state:
                visit(ans.next, [*trail, node_id])
        state[node_id] = 2

    visit(tree.start, [])
    unreachable = sorted(set(tree.nodes) - set(state))
    if unreachable:
        raise TreeError(f"{where}: node '{unreachable[0]}' cannot be reached from the start")


@cache
def _common() -> dict[str, Recommendation]:
    path = trees_dir() / COMMON_FILE
    return _recommendations(_read(path).get("recommendations", []), COMMON_FILE) if path.is_file() else {}


def load_tree_file(path: Path) -> Tree:
    return parse_tree(_read(Path(path)), Path(path).name, _common())


GUIDE_ORDER = ("alkylation", "regioselectivity", "buchwald-hartwig", "acylation", "oxidation")  # Modules A, B, C, then stability


@cache
def all_trees() -> dict[str, Tree]:
    """Every tree, in the guide's order (Module A, B, C, then stability; others after, by id)."""
    trees = {}
    for path in sorted(trees_dir().glob("*.toml")):
        if path.name.startswith("_"):
            continue
        tree = load_tree_file(path)
        trees[tree.id] = tree
    rank = {tree_id: i for i, tree_id in enumerate(GUIDE_ORDER)}
    return dict(sorted(trees.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))


def load_tree(tree_id: str) -> Tree:
    trees = all_trees()
    if tree_id not in trees:
        raise UserInputError(f"unknown decision tree {tree_id!r}; available: {', '.join(trees)}")
    return trees[tree_id]


# -- structure facts ------------------------------------------------------------------------
def facts_from_analysis(info: dict[str, Any]) -> dict[str, Fact]:
    """The facts trees can ask about, from `dzp_planner.core.chem.analyze`'s dict.

    Reactivity is the molecule's, not only the ring's: a primary amine on a side chain is a
    second reactive site beside the ring N–H, and the aniline-type N1 of a benzo-fused ring
    does not compete with its N4 (see `site_model`).
    """
    ring = info["diazepane"]
    sites = info.get("sites") or [dict(s, reacts=s["free_nh"] and s["kind"] == "secondary_amine", rank=3.0,
                                        name=s["label"], ring=0) for s in ring.get("sites", [])]
    reacting = [s for s in sites if s.get("reacts")]
    strong = [s for s in reacting if s.get("rank", 0) >= 2]
    competing = strong or reacting
    facts: dict[str, Fact] = {}
    ox = bool(ring.get("oxidized_form"))
    facts["oxidized"] = Fact("yes" if ox else "no", "a seven-membered 1,4-diaza ring is unsaturated" if ox else "the ring is saturated")
    if ox and not ring["found"]:
        facts["scaffold"] = Fact("oxidized", "the seven-membered diaza ring is unsaturated (an oxidised form)")
        return facts
    if not ring["found"]:
        facts["scaffold"] = Fact("not-diazepane", "; ".join(ring.get("warnings", [])) or "no 1,4-diazepane ring")
        return facts
    ring_sites = [s for s in sites if s.get("ring") is not None]
    kinds = ", ".join(f"{s['name']} {s['kind'].replace('_', ' ')}" for s in ring_sites)
    ring_reacting = [s for s in competing if s.get("ring") is not None]
    if not ring_reacting:
        lactam = any(s["free_nh"] and s["kind"] == "amide" for s in ring_sites)
        facts["scaffold"] = Fact("no-free-nh", f"no free amine N–H on the ring ({kinds})" + ("; a lactam N–H is an amide" if lactam else ""))
        return facts
    names = ", ".join(s["name"] for s in competing)
    facts["scaffold"] = Fact("free-nh", f"reactive N–H at {names}")
    model = info.get("model") or ("two-equivalent-sites" if ring.get("n1_n4_equivalent") and len(competing) == 2 else "")
    equivalent = model == "two-equivalent-sites" or (len(competing) < 2 and bool(ring["n1_n4_equivalent"]))
    ring_pair = len(competing) == 2 and {s.get("label") for s in competing} == {"N1", "N4"} and len({s.get("ring") for s in competing}) == 1
    who = "N1 and N4" if ring_pair or len(competing) < 2 else f"the reactive nitrogens ({names})"
    facts["n1_n4_equivalent"] = Fact(
        "yes" if equivalent else "no",
        f"{who} are equivalent: same canonical rank" if equivalent else f"{who} are not equivalent: different canonical ranks",
    )
    count = len(competing)
    described = f"{count} reactive N–H ({names}); ring: {kinds}"
    facts["two_free_nh"] = Fact("yes" if count >= 2 else "no", described)
    facts["one_protected"] = Fact("yes" if count == 1 else "no",
                                  f"only {names} can react ({kinds})" if count == 1 else described)
    facts["free_nh_count"] = Fact("one" if count == 1 else "two", described)
    best = competing[0]
    if best.get("kind") == "primary_amine" and best.get("ring") is None:
        facts["arylated_amine"] = Fact("primary", f"the most reactive N–H is the {best['name']} (a primary amine)")
    elif best.get("ring") is not None:
        facts["arylated_amine"] = Fact("ring", f"the N–H that reacts is the ring's {best['name']} (a secondary amine)")
    subs = ring.get("ring_substituents", [])
    facts["ring_substituted"] = Fact("yes" if subs else "no",
                                     f"ring substituent at C{', C'.join(map(str, subs))}" if subs else "no ring-carbon substituent")
    facts["route"] = route_fact(False)  # a structure alone: the excess route; a plan's acid row makes it "acid"
    return facts


def reagent_facts(reagent_smiles: str, substrate_smiles: str = "") -> dict[str, Fact]:
    """Facts about the reagent: its reaction (class from SMARTS), whether it is a carbonyl, whether an aryl
    halide is SNAr-activated; with the substrate, whether a strong base would harm either."""
    from dzp_planner.core.guidance.structure_alerts import base_sensitivity
    from dzp_planner.core.reactions import registry
    from dzp_planner.core.reactions.aryl.activation import activated_aryl_halide

    if not reagent_smiles.strip():
        return {}
    facts: dict[str, Fact] = {}
    classified = registry.classify_smiles(reagent_smiles)
    if classified is not None:
        cls, reaction = classified.reagent_class, classified.reaction
        facts["reagent_reaction"] = Fact(reaction.id, f"the reagent is {_article(cls.label)}: {reaction.noun}")
        carbonyl = {"aldehyde": "yes", "ketone": "ketone"}.get(cls.id, "no")
        facts["reagent_carbonyl"] = Fact(carbonyl, f"the reagent is {_article(cls.label)}")
    reason = activated_aryl_halide(reagent_smiles)
    if reason:
        facts["activated_halide"] = Fact("yes", reason)
    elif reason == "":
        facts["activated_halide"] = Fact("no", "the aryl halide has no activating ring nitrogen or nitro group ortho/para to the halogen")
    if substrate_smiles.strip() and reason is not None:
        verdict, why = base_sensitivity(substrate_smiles, reagent_smiles)
        facts["base_sensitive"] = Fact(verdict, why)
    return facts


def _article(label: str) -> str:
    return f"an {label}" if label[:1].lower() in "aeiou" else f"a {label}"


def route_fact(has_acid: bool) -> Fact:
    """The plan's route: an "acid" row in the table is the mono-protonation route (the trees' `route` node)."""
    if has_acid:
        return Fact("acid", "the table has an acid row: the mono-protonation route")
    return Fact("excess", "no acid row in the table: the excess route (choose the acid route to compare)")


def facts_from_smiles(smiles: str, reagent_smiles: str = "") -> dict[str, Fact]:
    from dzp_planner.core.chem import analyze

    facts = facts_from_analysis(analyze(smiles))
    facts.update(reagent_facts(reagent_smiles, smiles))
    return facts


# -- walking ---------------------------------------------------------------------------------
def walk(tree: Tree, answers: dict[str, str] | None = None, facts: dict[str, Fact] | None = None) -> WalkResult:
    """Follow the tree; user answers win over structure facts; stop at a recommendation or a question."""
    answers = dict(answers or {})
    for node_id, choice in answers.items():
        node = tree.nodes.get(node_id)
        if node is None:
            raise UserInputError(f"tree {tree.id} has no node {node_id!r}; nodes: {', '.join(tree.nodes)}")
        if node.answer(choice) is None:
            raise UserInputError(f"node {node_id!r} of tree {tree.id} has no answer {choice!r}; answers: {', '.join(a.id for a in node.answers)}")
    path: list[Step] = []
    node = tree.nodes[tree.start]
    for _ in range(len(tree.nodes) + 1):  # validation guarantees no cycle; this bounds it anyway
        if node.id in answers:
            choice, auto, reason = answers[node.id], False, ""
        elif facts and node.auto and node.auto in facts and node.answer(facts[node.auto].value) is not None:
            choice, auto, reason = facts[node.auto].value, True, facts[node.auto].reason
        else:
            return WalkResult(tree, tuple(path), None, node)
        ans = node.answer(choice)
        assert ans is not None
        path.append(Step(node.id, node.question, ans.id, ans.label, auto, reason))
        if ans.recommendation is not None:
            return WalkResult(tree, tuple(path), tree.recommendations[ans.recommendation], None)
        assert ans.next is not None  # parse_tree: an answer leads to a recommendation or to a node
        node = tree.nodes[ans.next]
    raise TreeError(f"tree {tree.id}: walk did not end")  # pragma: no cover


def all_answer_paths(tree: Tree) -> list[dict[str, str]]:
    """Every complete combination of answers from the start (for tests and the panel's overview)."""
    out: list[dict[str, str]] = []

    def descend(node_id: str, chosen: dict[str, str]) -> None:
        for ans in tree.nodes[node_id].answers:
            picked = {**chosen, node_id: ans.id}
            if ans.next is None:
                out.append(picked)
            else:
                descend(ans.next, picked)

    descend(tree.start, {})
    return out
