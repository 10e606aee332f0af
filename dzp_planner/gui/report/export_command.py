"""`dzp-planner export PLAN [--pdf F] [--rxn F] [--csv F] [--sdf F]`: the report and the ELN formats, without a window.

Each file given is written (through the safe write); the answer lists them in `written`. With
`--pdf` alone the answer also keeps today's `pages` and `path`. Only the PDF needs Qt (it paints).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from dzp_planner.core.errors import UserInputError

HELP = "Export a plan: the PDF report (A4 unless --letter), the reaction as RXN V3000, the table as CSV, the products as SDF."



def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", help="the .dzp plan file")
    parser.add_argument("--pdf", help="where to write the PDF report")
    parser.add_argument("--rxn", help="where to write the reaction as an MDL RXN V3000 file (agents kept)")
    parser.add_argument("--csv", help="where to write the reaction table as CSV")
    parser.add_argument("--sdf", help="where to write the products table (masses as properties) as SDF")
    parser.add_argument("--ord", help="where to write the Open Reaction Database record (.json: JSON; .pb: binary); needs ord-schema")
    parser.add_argument("--eln", help="where to write an .eln archive (RO-Crate): the plan, the PDF, RXN, CSV, SDF and ORD inside")
    parser.add_argument("--letter", action="store_true", help="US Letter instead of A4")


def _write(out: Path, data: bytes) -> None:
    """The safe write, its failure said in one line (a WriteError already says the previous file is unchanged)."""
    from dzp_planner.core.io.safe_write import atomic_write_bytes

    try:
        atomic_write_bytes(out, data)
    except OSError as exc:
        raise UserInputError(str(exc) if isinstance(exc, UserInputError) else f"{out} could not be written: {exc}") from None


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.export.text_formats import SUFFIXES, text_of
    from dzp_planner.core.io import storage
    from dzp_planner.core.io.safe_write import output_path

    asked = [fmt for fmt in ("pdf", *SUFFIXES, "ord", "eln") if getattr(args, fmt)]
    if not asked:
        raise UserInputError("give at least one of --pdf, --rxn, --csv, --sdf, --ord, --eln (where to write each format)")
    from dzp_planner.core.document.pending_fit import settle_pending_fit

    plan = settle_pending_fit(storage.load_plan(Path(args.plan)))  # exported while the window's worker fitted
    inputs = (Path(args.plan),)
    suffixes = {**SUFFIXES, "pdf": ".pdf", "ord": None, "eln": ".eln"}  # ORD keeps the suffix given (.json or .pb)
    targets = {fmt: output_path(getattr(args, fmt), suffix=suffixes[fmt], inputs=inputs) for fmt in asked}
    if len({str(t.resolve()) for t in targets.values()}) < len(targets):
        raise UserInputError("two formats name the same file: give each its own")
    written: list[dict[str, Any]] = []
    for fmt in SUFFIXES:
        if fmt in targets:
            _write(targets[fmt], text_of(plan, fmt).encode("utf-8"))
            written.append({"format": fmt, "path": str(targets[fmt].resolve())})
    if "ord" in targets:
        written.append(_ord(plan, targets["ord"]))
    if "pdf" in targets:
        pdf = _pdf(plan, targets["pdf"], args.letter, inputs)
        written.insert(0, {"format": "pdf", **pdf})
    if "eln" in targets:
        written.append(_eln(plan, targets["eln"], args.letter, inputs))
    if "pdf" not in targets:
        return {"written": written}
    return {**pdf, "written": written} if asked == ["pdf"] else {"written": written}


def _eln(plan: Any, out: Path, letter: bool, inputs: tuple[Path, ...]) -> dict[str, Any]:
    """The .eln archive: the report rendered to a temporary file, everything else from the core."""
    import tempfile

    from dzp_planner.core.export.eln_crate import eln_bytes
    from dzp_planner.core.export.text_formats import ARCHIVE_NAMES, text_of
    from dzp_planner.core.io import plan_format

    files: dict[str, bytes] = {"plan.dzp": plan_format.dumps(plan)}
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.pdf"
        _pdf(plan, report, letter, inputs)
        files["report.pdf"] = report.read_bytes()
    from dzp_planner.gui.report.report_sections import figure_svgs

    files.update({name: svg.encode("utf-8") for name, svg in figure_svgs(plan).items()})
    files.update({name: text_of(plan, fmt).encode("utf-8") for fmt, name in ARCHIVE_NAMES.items()})
    left_out = []
    try:
        from dzp_planner.core.export.ord_record import export_ord, ord_bytes

        files["reaction.ord.json"] = ord_bytes(export_ord(plan), json_text=True)
    except UserInputError as exc:  # ord-schema is an optional extra
        left_out.append(f"the ORD record: {exc}")
    _write(out, eln_bytes(plan, files, root=out.stem))
    return {"format": "eln", "path": str(out.resolve()), "files": sorted(files), "left_out": left_out}


def _ord(plan: Any, out: Path) -> dict[str, Any]:
    from dzp_planner.core.export.ord_record import export_ord, ord_bytes

    record = export_ord(plan)
    _write(out, ord_bytes(record, json_text=out.suffix.lower() != ".pb"))
    return {"format": "ord", "path": str(out.resolve()), "errors": list(record.errors), "warnings": list(record.warnings)}


def _pdf(plan: Any, out: Path, letter: bool, inputs: tuple[Path, ...]) -> dict[str, Any]:
    """The PDF report (Qt paints it; offscreen without a display)."""
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
        pages = export_plan_pdf(plan, out, page_size="Letter" if letter else "A4", inputs=inputs)
    except OSError as exc:  # a WriteError says what failed and that the previous file is unchanged
        raise UserInputError(str(exc) if isinstance(exc, UserInputError) else f"{out} could not be written: {exc.strerror or exc}") from None
    return {"pages": pages, "path": str(out.resolve())}
