"""The start-up tricks, in one place: each can be switched off, and each says why it exists.

A bare PySide6 window paints in a fraction of the time this one would need if it imported
RDKit, numpy and matplotlib first. Three switches get the window on screen first:

1. **The PySide6 import patch** (`skip_source_scan`, below).
2. **Muted plan signals until the panels are filled** (`mute_plan_signals`): a panel woken
   before the first paint would import matplotlib or RDKit while the window is still blank.
3. **The stored plot picture** (`gui.plot.startup_picture`, `gui.plot.picture_cache`): the plot
   as last drawn, shown while matplotlib loads on a thread.

`DZP_PLANNER_PLAIN_START=1` turns all three off (a plain, slower start) when one is suspected
of a fault; the patch also turns itself off for a PySide6 outside the versions it was checked
against. bench/bench_startup.py measures what they buy.

Stop PySide6 from reading the source of every module imported after it:

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

import os
import sys
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject

PLAIN_START_ENV = "DZP_PLANNER_PLAIN_START"
CHECKED_PYSIDE = ((6, 9), (6, 11))  # the private function replaced below was read in these versions


def plain_start() -> bool:
    """The kill-switch: no start-up tricks at all."""
    return os.environ.get(PLAIN_START_ENV, "") not in ("", "0")

_OURS_OR_QT = ("PySide6", "shiboken6", "dzp_planner")


def _uses_pyside_by_name(module: ModuleType) -> bool:
    return getattr(module, "__name__", "").startswith(_OURS_OR_QT)


def _pyside_checked() -> bool:
    import PySide6

    try:
        version = tuple(int(part) for part in PySide6.__version__.split(".")[:2])
    except ValueError:
        return False
    return CHECKED_PYSIDE[0] <= version <= CHECKED_PYSIDE[1]


def skip_source_scan() -> bool:
    """Install the name-based check; True when PySide6's scan was found and replaced."""
    if plain_start() or not _pyside_checked():
        return False
    feature: Any = sys.modules.get("shibokensupport.feature")  # PySide6 internals: no types
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_pyside_by_name
    return True


def mute_plan_signals(controller: QObject) -> None:
    """Until the panels are filled after the first paint, plan changes need not reach them:
    filling them draws the current plan anyway (with the kill-switch: they are told at once)."""
    if not plain_start():
        controller.blockSignals(True)


def unmute_plan_signals(controller: QObject) -> None:
    controller.blockSignals(False)


def stored_pictures_enabled() -> bool:
    """Whether the plot may show its stored picture while matplotlib loads."""
    return not plain_start()
