"""The .eln archive against checks written from The ELN Consortium's specification (SPECIFICATION.md) and RO-Crate 1.1.

The `export --eln` command, which adds the PDF report Qt paints, is tested where it lives: tests/gui/report.
"""

from __future__ import annotations

from tests.eln_spec import check_eln

from dzp_planner.core.export.eln_crate import eln_bytes
from dzp_planner.core.guidance.templates import plan_from_template


def test_an_eln_of_a_plan_meets_the_specification():
    plan = plan_from_template("mono-boc-protection")
    metadata = check_eln(eln_bytes(plan, {"plan.dzp": b"{}", "table.csv": b"role,name\n"}))
    dataset = next(n for n in metadata["@graph"] if n["@id"] == "./plan/")
    assert "1,4-diazepane" in dataset["keywords"] and dataset["name"] == plan.title
