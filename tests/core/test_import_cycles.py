"""The import-circle gate (.ci/import_cycles.py) finds a circle when there is one, and there is none."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "import_cycles.py"


def _load():
    spec = importlib.util.spec_from_file_location("import_cycles", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_circle_is_found_and_a_chain_is_not():
    gate = _load()
    assert gate.cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert gate.cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_dzp_planner_has_no_import_circle():
    assert _load().main() == 0
