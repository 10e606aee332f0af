"""Entry point: headless commands, `--version`, `--self-test`, or the main window.

Headless commands never import Qt, so they run on a machine with no display and start
fast. The GUI path imports Qt only after the argument check.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from dzp_planner import __version__


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from dzp_planner.cli import COMMANDS

    if args and args[0] in COMMANDS:
        from dzp_planner import cli
        from dzp_planner.logging_setup import configure_logging

        configure_logging(console=False)
        return cli.run(args)

    parser = argparse.ArgumentParser(
        prog="dzp-planner",
        description="Plan 1,4-diazepane functionalisation. Headless commands: " + ", ".join(COMMANDS) + ".",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--self-test", action="store_true", help="start the GUI, exercise every panel, print timings as JSON")
    parser.add_argument("--size", metavar="WxH", help="with --self-test: open the window at this size (or the screen's, "
                                                     "if smaller) and report its layout: clipped text, unreachable tools")
    parser.add_argument("plan", nargs="?", help="a .dzp plan file to open")
    options = parser.parse_args(args)
    size = None
    if options.size:
        import re

        match = re.fullmatch(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*", options.size)
        if match is None or not options.self_test:
            sys.stderr.write("error: --size takes WxH (e.g. 1366x768) and goes with --self-test\n")
            return 2
        size = (int(match.group(1)), int(match.group(2)))
    if options.version:
        print(f"DZP Planner {__version__}")
        return 0
    if options.plan and not options.plan.lower().endswith(".dzp") and not Path(options.plan).is_file():
        sys.stderr.write(
            f"error: {options.plan!r} is neither a command ({', '.join(COMMANDS)}) nor a .dzp plan file\n"
        )
        return 2
    from dzp_planner.gui.application import run_gui

    return run_gui(plan_path=options.plan, self_test=options.self_test, size=size)
