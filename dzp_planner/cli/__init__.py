"""Headless commands: one JSON object on stdout and exit 0, or one line on stderr and exit 2.

The commands are for scripting, ELN integration and tests, and they run the same core
code as the GUI. Each lives in its own module exposing `HELP`, `add_arguments(parser)` and
`run(args) -> dict`; modules import RDKit, pint or scipy inside `run`, so `--help` and the
other commands stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from collections.abc import Sequence
from typing import NoReturn

from dzp_planner.core.errors import UserInputError

log = logging.getLogger(__name__)

# command name -> module path. The registry sits above core and gui (core never names gui): every command
# but `export` is core code; `export` lives under gui/ because it paints with Qt.
COMMANDS: dict[str, str] = {
    "analyze": "dzp_planner.cli.chemistry.analyze",
    "products": "dzp_planner.cli.chemistry.products",
    "table": "dzp_planner.cli.numbers.table",
    "dilute": "dzp_planner.cli.numbers.dilute",
    "distribution": "dzp_planner.cli.numbers.distribution",
    "extraction": "dzp_planner.cli.numbers.extraction",
    "walk": "dzp_planner.cli.chemistry.walk",
    "new": "dzp_planner.cli.plans.new",
    "plan": "dzp_planner.cli.plans.plan",
    "show": "dzp_planner.cli.plans.show",
    "check": "dzp_planner.cli.plans.check",
    "fit": "dzp_planner.cli.numbers.fit",
    "reagent": "dzp_planner.cli.chemistry.reagent",
    "import": "dzp_planner.cli.plans.import_plan",
    "speciation": "dzp_planner.cli.numbers.speciation",
    "export": "dzp_planner.gui.report.export_command",
    "lab": "dzp_planner.cli.lab.command",
}

# commands that read or show quantities: they convert with pint's factors (`unit_registry`), at
# 0.12-0.25 s for pint's import; the others (structures, models) do not wait for it
CONVERTS_UNITS = frozenset({"table", "dilute", "new", "plan", "show", "check", "export", "import"})

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


class _OneLineParser(argparse.ArgumentParser):
    """argparse prints usage over several lines; the contract wants one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"error: {self.prog}: {message}\n")
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser(command: str) -> argparse.ArgumentParser:
    module = importlib.import_module(COMMANDS[command])
    parser = _OneLineParser(prog=f"dzp-planner {command}", description=getattr(module, "HELP", None))
    module.add_arguments(parser)
    return parser


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def run(argv: Sequence[str]) -> int:
    """Run one headless command; `argv[0]` is the command name."""
    command, rest = argv[0], list(argv[1:])
    if command not in COMMANDS:
        sys.stderr.write(f"error: unknown command {command!r}; known: {', '.join(sorted(COMMANDS))}\n")
        return EXIT_BAD_INPUT
    try:
        parser = build_parser(command)
    except ModuleNotFoundError as exc:  # a command whose module has not landed yet
        sys.stderr.write(f"error: the {command!r} command is not available in this build ({exc.name})\n")
        return EXIT_INTERNAL
    import warnings

    try:
        args = parser.parse_args(rest)
        module = importlib.import_module(COMMANDS[command])
        if command in CONVERTS_UNITS:
            from dzp_planner.core.quantities import unit_registry

            unit_registry.try_install()
        with warnings.catch_warnings(record=True) as caught:  # numpy's overflow warnings: to the log, not the terminal
            warnings.simplefilter("always")
            result = module.run(args)
        for warning in caught:
            log.info("%s: %s", warning.category.__name__, warning.message)
        text = json.dumps(result, ensure_ascii=False, allow_nan=False)  # a NaN that slipped through is an internal error
        if _has_surrogates(text):  # a non-UTF-8 file name: escaped (\udcff), so os.fsencode of the value gives its bytes back
            text = json.dumps(result, ensure_ascii=True, allow_nan=False)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_BAD_INPUT
    except UserInputError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_BAD_INPUT
    except Exception as exc:  # never a traceback on the terminal; the log keeps it
        log.exception("command %s failed", command)
        sys.stderr.write(f"internal error in {command}: {type(exc).__name__}: {' '.join(str(exc).split())}\n")
        return EXIT_INTERNAL
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
    return EXIT_OK
