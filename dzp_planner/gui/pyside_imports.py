"""Stop PySide6 from reading the source of every module imported after it.

PySide6 wraps `__import__` to support `from __feature__ import snake_case`: after each import
it calls `_mod_uses_pyside(module)`, which reads the module's whole source file to look for
the word "PySide6". That is several hundred files (matplotlib, numpy, scipy, RDKit) at every
start (measurable in bench/bench_startup.py), for an answer this program does not need: none of its modules uses
`__feature__`, and a module that did would still switch its features on by importing them.
The answer is taken from the module's name instead.

This replaces a private function of PySide6 (checked against 6.9-6.11, the versions
pyproject.toml allows); if it is not there, nothing changes.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

_OURS_OR_QT = ("PySide6", "shiboken6", "dzp_planner")


def _uses_pyside_by_name(module: ModuleType) -> bool:
    return getattr(module, "__name__", "").startswith(_OURS_OR_QT)


def skip_source_scan() -> bool:
    """Install the name-based check; True when PySide6's scan was found and replaced."""
    feature: Any = sys.modules.get("shibokensupport.feature")  # PySide6 internals: no types
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_pyside_by_name
    return True
