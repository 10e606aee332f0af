"""Plan files from anywhere: every input gives a plan or one clear PlanFileError.

Hypothesis runs with a fixed seed (derandomize) so CI is repeatable; each example must
finish well inside 2 s. The corpus covers what real files turn into: truncation, wrong
types, missing keys, newer versions, junk, and nesting bombs.
"""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dzp_planner.core.errors import PlanFileError
from dzp_planner.core.guidance import templates
from dzp_planner.core.io import plan_format, storage

SETTINGS = settings(derandomize=True, max_examples=1500, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
GOOD = plan_format.dumps(templates.plan_from_template("mono-boc-protection"))
GOOD_DICT = json.loads(GOOD)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


def _load_or_clear_error(data: bytes) -> None:
    started = time.perf_counter()
    try:
        plan = plan_format.loads(data)
    except PlanFileError as exc:
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
    else:
        plan_format.dumps(plan)  # whatever loads must save again
    assert time.perf_counter() - started < 2.0


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes(data):
    _load_or_clear_error(data)


@SETTINGS
@given(st.integers(0, len(GOOD)), st.integers(0, len(GOOD)), st.binary(max_size=30))
def test_spliced_real_plan(start, length, junk):
    mutated = GOOD[:start] + junk + GOOD[start + length:]
    _load_or_clear_error(mutated)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


ALL_PATHS = [p for p in _paths(GOOD_DICT) if p]


@SETTINGS
@given(st.sampled_from(ALL_PATHS), json_values, st.booleans())
def test_any_field_replaced_or_removed(path, replacement, remove):
    doc = json.loads(GOOD)
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    if remove:
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    _load_or_clear_error(json.dumps(doc).encode())


BROKEN_CORPUS = {
    "truncated": GOOD[: len(GOOD) // 3],
    "empty": b"",
    "bom-and-junk": b"\xef\xbb\xbf\x00\x01garbage",
    "newer-version": json.dumps(dict(GOOD_DICT, version=plan_format.FORMAT_VERSION + 1)).encode(),
    "missing-format": json.dumps({k: v for k, v in GOOD_DICT.items() if k != "format"}).encode(),
    "components-not-list": json.dumps(dict(GOOD_DICT, components="lots")).encode(),
    "nested-bomb": b'{"format": "dzp-plan", "version": 2, "notes": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
    "wide-bomb": json.dumps(dict(GOOD_DICT, components=[{}] * 100_000)).encode(),
    "huge-string": json.dumps(dict(GOOD_DICT, title="x" * 2_000_000)).encode(),
}


@pytest.mark.parametrize("name", sorted(BROKEN_CORPUS))
def test_broken_corpus_gives_a_clear_error_and_leaves_the_file(tmp_path, name):
    data = BROKEN_CORPUS[name]
    path = tmp_path / f"{name}.dzp"
    path.write_bytes(data)
    started = time.perf_counter()
    with pytest.raises(PlanFileError):
        storage.load_plan(path)
    assert time.perf_counter() - started < 2.0
    assert path.read_bytes() == data


def test_fifty_megabytes_of_junk(tmp_path):
    path = tmp_path / "junk.dzp"
    with open(path, "wb") as handle:
        handle.write(b"\x00\xff" * (25 * 1024 * 1024))
    size = path.stat().st_size
    started = time.perf_counter()
    with pytest.raises(PlanFileError, match="MB"):
        storage.load_plan(path)
    assert time.perf_counter() - started < 2.0
    assert path.stat().st_size == size
