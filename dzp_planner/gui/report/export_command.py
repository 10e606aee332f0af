"""`dzp-planner export PLAN --pdf OUT`: the PDF report without opening a window."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from dzp_planner.core.errors import UserInputError

HELP = "Export a plan as a PDF report (A4 unless --letter)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", help="the .dzp plan file")
    parser.add_argument("--pdf", required=True, help="where to write the PDF")
    parser.add_argument("--letter", action="store_true", help="US Letter instead of A4")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.io import storage
    from dzp_planner.core.io.safe_write import output_path

    plan = storage.load_plan(Path(args.plan))
    out = output_path(args.pdf, suffix=".pdf", inputs=(Path(args.plan),))  # not the plan, not a device, a folder that exists
    if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a headless export needs no screen
    from dzp_planner.gui.application import route_qt_messages, use_utf8_locale

    use_utf8_locale()  # no four-line Qt locale warning under LANG=C
    from PySide6.QtGui import QGuiApplication

    from dzp_planner.gui.report.report import export_plan_pdf
    from dzp_planner.gui.widgets.fonts import ensure_usable_font

    existing = QGuiApplication.instance()
    app = existing if isinstance(existing, QGuiApplication) else QGuiApplication(sys.argv[:1])
    route_qt_messages()
    ensure_usable_font(app)
    try:
        pages = export_plan_pdf(plan, out, page_size="Letter" if args.letter else "A4", inputs=(Path(args.plan),))
    except OSError as exc:  # a WriteError says what failed and that the previous file is unchanged
        raise UserInputError(str(exc) if isinstance(exc, UserInputError) else f"{out} could not be written: {exc.strerror or exc}") from None
    return {"pages": pages, "path": str(out.resolve())}
