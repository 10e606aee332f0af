"""Mutated tree files load as a tree or fail with a TreeError naming the file; nothing else."""

from __future__ import annotations

import time
import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dzp_planner.core.errors import UserInputError
from dzp_planner.core.guidance import decisions

SOURCE = (decisions.trees_dir() / "regioselectivity.toml").read_text(encoding="utf-8")
SETTINGS = settings(derandomize=True, max_examples=1500, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


def _load(text: str) -> None:
    started = time.perf_counter()
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    try:
        tree = decisions.parse_tree(raw, "fuzz.toml")
        for answers in decisions.all_answer_paths(tree):
            decisions.walk(tree, answers)
    except UserInputError as exc:
        assert "\n" not in str(exc)
    assert time.perf_counter() - started < 2.0


@SETTINGS
@given(st.integers(0, len(SOURCE)), st.integers(0, 40), st.text(max_size=20))
def test_spliced_tree_text(start, length, junk):
    _load(SOURCE[:start] + junk + SOURCE[start + length:])


values = (st.none() | st.integers() | st.text(max_size=10) | st.lists(st.text(max_size=5), max_size=3)
          | st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3))


@SETTINGS
@given(st.sampled_from(["id", "title", "start", "nodes", "recommendations"]), values)
def test_top_level_keys_replaced(key, value):
    raw = tomllib.loads(SOURCE)
    raw[key] = value
    try:
        decisions.parse_tree(raw, "fuzz.toml")
    except UserInputError as exc:
        assert "fuzz.toml" in str(exc)


@SETTINGS
@given(st.integers(0, 3), st.sampled_from(["id", "question", "answers", "auto", "help"]), values)
def test_node_fields_replaced(index, key, value):
    raw = tomllib.loads(SOURCE)
    raw["nodes"][index][key] = value
    try:
        decisions.parse_tree(raw, "fuzz.toml")
    except UserInputError as exc:
        assert "fuzz.toml" in str(exc)
