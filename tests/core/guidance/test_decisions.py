"""Decision trees: every path ends in a recommendation, auto-answers, overrides, broken files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from tests.cli_in_process import run_in_process

from dzp_planner.core.errors import UserInputError
from dzp_planner.core.guidance import decisions, templates
from dzp_planner.core.guidance.decisions import TreeError, walk

TREES = ("alkylation", "regioselectivity", "buchwald-hartwig", "acylation", "oxidation")


def test_the_guide_trees_and_the_acylation_tree_load():
    assert set(decisions.all_trees()) == set(TREES)


@pytest.mark.parametrize("tree_id", TREES)
def test_every_path_reaches_a_recommendation(tree_id):
    tree = decisions.load_tree(tree_id)
    paths = decisions.all_answer_paths(tree)
    assert len(paths) >= 3
    reached = set()
    for answers in paths:
        result = walk(tree, answers)
        assert result.pending is None and result.recommendation is not None, answers
        assert result.recommendation.reasoning.strip()
        reached.add(result.recommendation.id)
        if result.recommendation.protocol:
            assert result.recommendation.protocol in templates.all_templates()
    # every recommendation a node points to is reachable by some path
    pointed = {a.recommendation for n in tree.nodes.values() for a in n.answers if a.recommendation}
    assert pointed == reached


def _facts(found=True, sites=(("secondary_amine", True), ("secondary_amine", True)), equivalent=True, subs=(), oxidized=False):
    return decisions.facts_from_analysis({"diazepane": {
        "found": found, "oxidized_form": oxidized, "n1_n4_equivalent": equivalent if found else None,
        "sites": [{"atom": i, "label": f"N{1 + 3 * i}", "kind": k, "free_nh": f} for i, (k, f) in enumerate(sites)] if found else [],
        "ring_substituents": list(subs), "warnings": [] if found else ["Not a 1,4-diazepane: piperazine"],
    }})


def test_symmetric_scaffold_is_desymmetrised_automatically():
    result = walk(decisions.load_tree("regioselectivity"), facts=_facts())
    assert [(s.node, s.answer, s.auto) for s in result.path] == [
        ("scaffold", "free-nh", True), ("equivalent", "yes", True), ("route", "excess", True)]  # no plan: no acid row
    assert result.path[1].reason == "N1 and N4 are equivalent: same canonical rank"
    assert result.recommendation.id == "desymmetrise" and result.recommendation.protocol == "mono-boc-protection"
    acid = walk(decisions.load_tree("regioselectivity"), {"route": "acid"}, facts=_facts())
    assert acid.recommendation.id == "mono-protonate" and acid.recommendation.protocol == "mono-protonation"
    assert acid.recommendation.compare_routes


def test_mono_protected_scaffold():
    facts = _facts(sites=(("carbamate", False), ("secondary_amine", True)), equivalent=False)
    result = walk(decisions.load_tree("regioselectivity"), facts=facts)
    assert result.recommendation.id == "use-protection"
    bh = walk(decisions.load_tree("buchwald-hartwig"), facts=facts)
    assert bh.pending.id == "activated"  # the structure answered the two questions it knows; the reagent is unknown
    plain = walk(decisions.load_tree("buchwald-hartwig"), facts={**facts, **decisions.reagent_facts("Brc1ccccc1")})
    assert plain.pending.id == "stalled"
    assert next(s for s in plain.path if s.node == "activated").reason.startswith("the aryl halide has no activating")
    activated = walk(decisions.load_tree("buchwald-hartwig"), facts={**facts, **decisions.reagent_facts("Clc1ncccn1")})
    assert activated.recommendation.id == "snar" and activated.recommendation.protocol == "snar"


def test_two_substituted_scaffold():
    facts = _facts(equivalent=False, subs=(2,))
    result = walk(decisions.load_tree("regioselectivity"), facts=facts)
    assert [s.answer for s in result.path] == ["free-nh", "no", "no", "yes"]
    assert result.recommendation.id == "use-difference"


@pytest.mark.parametrize("tree_id", ["alkylation", "regioselectivity", "buchwald-hartwig"])
def test_nh_free_scaffold_stops_at_no_free_nh(tree_id):
    facts = _facts(sites=(("tertiary_amine", False), ("tertiary_amine", False)), equivalent=False, subs=(2,))
    result = walk(decisions.load_tree(tree_id), facts=facts)
    assert result.recommendation.id == "no-free-nh" and "guide's own compound" in result.recommendation.reasoning


def test_real_structures_through_the_chemistry_core():
    guide_compound = decisions.facts_from_smiles("CN1CCCN(C)CC1C#N")
    assert walk(decisions.load_tree("alkylation"), facts=guide_compound).recommendation.id == "no-free-nh"
    assert walk(decisions.load_tree("regioselectivity"), facts=decisions.facts_from_smiles("CC1CNCCCN1")).recommendation.id == "use-difference"
    assert walk(decisions.load_tree("oxidation"), facts=decisions.facts_from_smiles("C1=CN=CC=NC1")).recommendation.id == "oxidized-ring"
    piperazine = walk(decisions.load_tree("alkylation"), facts=decisions.facts_from_smiles("C1CNCCN1"))
    assert piperazine.recommendation.id == "not-diazepane"


def test_user_answer_overrides_the_structure():
    result = walk(decisions.load_tree("regioselectivity"), {"equivalent": "no", "protected": "no", "substituted": "yes"}, _facts())
    assert [(s.answer, s.auto) for s in result.path][1] == ("no", False)
    assert result.recommendation.id == "use-difference"


def test_walk_without_facts_stops_at_the_first_question():
    result = walk(decisions.load_tree("alkylation"))
    assert result.recommendation is None and result.pending.id == "scaffold" and result.path == ()


def test_unknown_node_or_answer_is_named():
    tree = decisions.load_tree("alkylation")
    with pytest.raises(UserInputError, match="no node 'nope'"):
        walk(tree, {"nope": "yes"})
    with pytest.raises(UserInputError, match="no answer 'maybe'"):
        walk(tree, {"carbonyl": "maybe"})


GOOD = """
id = "t"
title = "T"
start = "a"
[[nodes]]
id = "a"
question = "A?"
answers = [ { id = "yes", label = "Yes", next = "b" }, { id = "no", label = "No", recommendation = "r" } ]
[[nodes]]
id = "b"
question = "B?"
answers = [ { id = "yes", label = "Yes", recommendation = "r" } ]
[[recommendations]]
id = "r"
title = "R"
reasoning = "because"
"""


@pytest.mark.parametrize(
    "edit, fragment",
    [
        (lambda s: s.replace('next = "b"', 'next = "foo"'), "node 'a' answer 'yes' points to unknown node 'foo'"),
        (lambda s: s.replace('{ id = "yes", label = "Yes", recommendation = "r" } ]', '{ id = "yes", label = "Yes", next = "a" } ]'),
         "node 'b' answer 'yes' makes a cycle"),
        (lambda s: s.replace('question = "B?"', ''), "node 'b': 'question' must be non-empty text"),
        (lambda s: s.replace('title = "T"', 'title = 42'), "'title' must be non-empty text"),
        (lambda s: s.replace('{ id = "no", label = "No", recommendation = "r" }', '{ id = "no", label = "No" }'),
         "node 'a' answer 'no': needs exactly one of 'next' or 'recommendation'"),
        (lambda s: s.replace('recommendation = "r" }', 'recommendation = "zzz" }', 1), "unknown recommendation 'zzz'"),
        (lambda s: s + "\n[[nodes]]\nid = \"c\"\nquestion = \"C?\"\nanswers = [ { id = \"x\", label = \"X\", recommendation = \"r\" } ]\n",
         "node 'c' cannot be reached"),
        (lambda s: s.replace('id = "a"\nquestion', 'id = "a"\nauto = "horoscope"\nquestion'), "'auto' is 'horoscope'"),
        (lambda s: s.replace("[[nodes]]", "[[nodes", 1), "not valid TOML"),
    ],
)
def test_broken_tree_files_name_the_file_and_node(tmp_path, edit, fragment):
    path = tmp_path / "broken.toml"
    path.write_text(edit(GOOD), encoding="utf-8")
    with pytest.raises(TreeError) as err:
        decisions.load_tree_file(path)
    assert "tree broken.toml" in str(err.value) and fragment in str(err.value)


def test_good_tree_file_loads(tmp_path):
    path = tmp_path / "good.toml"
    path.write_text(GOOD, encoding="utf-8")
    tree = decisions.load_tree_file(path)
    assert walk(tree, {"a": "yes", "b": "yes"}).recommendation.id == "r"


def test_walk_command():
    out = subprocess.run([sys.executable, "-m", "dzp_planner", "walk", "alkylation", "--smiles", "CC(C)(C)OC(=O)N1CCCNCC1",
                          "--answer", "carbonyl-single=no"], capture_output=True, text=True, timeout=120)
    data = json.loads(out.stdout)
    # the single free N–H is asked about before the carbonyl (issue 14): one site, no bis
    assert [(p["node"], p["answer"], p["auto"]) for p in data["path"]] == [
        ("scaffold", "free-nh", True), ("sites", "one", True), ("carbonyl-single", "no", False)]
    assert data["recommendation"]["id"] == "alkylate-single-nh" and data["pending"] is None
    pending = json.loads(run_in_process(["walk", "oxidation"], text=True).stdout)
    assert pending["recommendation"] is None and pending["pending"]["node"] == "already"
    bad = run_in_process(["walk", "alkylation", "--answer", "carbonyl"], text=True)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
