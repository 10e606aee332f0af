"""The text formats a plan is exported as, by name: the one table the export command and File ▸ Export as share."""

from __future__ import annotations

from dzp_planner.core.document.plan import Plan

SUFFIXES = {"rxn": ".rxn", "csv": ".csv", "sdf": ".sdf"}  # format -> file suffix
ARCHIVE_NAMES = {"rxn": "reaction.rxn", "csv": "table.csv", "sdf": "products.sdf"}  # the file inside an .eln


def text_of(plan: Plan, fmt: str) -> str:
    """The plan as `fmt` (one of SUFFIXES): RXN V3000, the reaction table as CSV, the products as SDF."""
    from dzp_planner.core.export import reaction_files, table_text

    return {"rxn": reaction_files.rxn_block, "csv": table_text.table_csv, "sdf": reaction_files.products_sdf}[fmt](plan)
