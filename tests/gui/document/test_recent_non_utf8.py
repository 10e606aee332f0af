"""Open Recent and the last file with a name that is not UTF-8 (issue 25): Qt holds Unicode and wrote such a
name back with U+FFFD, so the entry never opened; the settings keep its bytes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes; Windows names are UTF-16")


def test_a_latin_1_plan_in_open_recent_and_reopened_at_the_next_start(main_window, tmp_path):
    from dzp_planner.core.guidance import templates
    from dzp_planner.core.io import storage
    from dzp_planner.gui.document.plan_controller import PlanController
    from dzp_planner.gui.main_window import MainWindow

    name = os.fsencode(tmp_path) + b"/plan-\xff.dzp"
    plan = templates.plan_from_template("sulfonylation")
    storage.save_plan(plan, Path(os.fsdecode(name)))
    assert main_window.documents.open_path(Path(os.fsdecode(name)))
    recent = main_window.menuOpenRecent.actions()[0]
    assert recent.text() == "&1 plan-\N{REPLACEMENT CHARACTER}.dzp"  # shown as Qt can show it …
    main_window.documents.open_sample()
    recent.trigger()  # … and opened by its own bytes
    assert os.fsencode(main_window.controller.file_path) == name and main_window.controller.plan.title == plan.title
    main_window.save_window_state()
    again = MainWindow(PlanController(), main_window.library)
    try:
        again.open_initial_plan(None)  # the next start reopens the last file
        assert os.fsencode(again.controller.file_path) == name
    finally:
        again.controller.undo_stack.setClean()
        again.close()
