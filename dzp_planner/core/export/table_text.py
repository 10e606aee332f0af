"""The reaction table as CSV, as tab-separated text and as an HTML table: what a spreadsheet, an ELN
grid or a word processor pastes as a table."""

from __future__ import annotations

import csv
import html
import io

from dzp_planner.core.document.derivation import derive
from dzp_planner.core.document.plan import Plan

HEADER = ("role", "name", "smiles", "salt", "mw_g_mol", "equiv", "mmol", "mass_mg", "volume_ul", "density_g_ml",
          "concentration_M")


def table_rows(plan: Plan) -> list[tuple[str, ...]]:
    """One tuple of text per row, in HEADER's order; numbers with the precision a chemist weighs to."""
    d = derive(plan)

    def num(value: float | None, fmt: str) -> str:
        return "" if value is None else format(value, fmt)

    out: list[tuple[str, ...]] = []
    for component, row in zip(plan.components, d.table.rows, strict=True):
        out.append((component.role, component.name, component.smiles, component.salt, num(row.mw, ".3f"), num(row.equiv, ".4g"),
                    num(row.mmol, ".4g"), num(row.mass_g * 1000 if row.mass_g is not None else None, ".4g"),
                    num(row.volume_ml * 1000 if row.volume_ml is not None else None, ".4g"),
                    num(component.density, ".4g"), num(row.concentration, ".4g")))
    return out


def table_csv(plan: Plan) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180, what spreadsheets expect
    writer.writerow(HEADER)
    writer.writerows(table_rows(plan))
    return buffer.getvalue()


def table_tsv(plan: Plan) -> str:
    def clean(cell: str) -> str:
        return cell.replace("\t", " ").replace("\n", " ")

    return "\n".join("\t".join(clean(c) for c in row) for row in (HEADER, *table_rows(plan))) + "\n"


def table_html(plan: Plan) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in HEADER)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in table_rows(plan))
    return f"<table><caption>{html.escape(plan.title)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
