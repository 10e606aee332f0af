"""The report's figures are drawn once per plan content: an .eln export asks for them twice (its PDF, its files)."""

from __future__ import annotations

from dzp_planner.core.guidance.templates import plan_from_template
from dzp_planner.gui.report import report_sections


def test_the_same_plan_is_drawn_once_and_an_edited_one_again(monkeypatch):
    drawn: list[str] = []
    real = report_sections._draw_figure_svgs

    def counting(plan):
        drawn.append(plan.title)
        return real(plan)

    monkeypatch.setattr(report_sections, "_draw_figure_svgs", counting)
    monkeypatch.setattr(report_sections, "_last_figures", None)
    plan = plan_from_template("mono-boc-protection")
    first = report_sections.figure_svgs(plan)
    assert set(first) == {"distribution.svg", "ph-switch.svg"} and first["distribution.svg"].lstrip().startswith("<?xml")
    first["distribution.svg"] = "scribbled on by a caller"
    second = report_sections.figure_svgs(plan)
    assert len(drawn) == 1 and second["distribution.svg"].lstrip().startswith("<?xml")  # a caller's copy, not the cache
    second.clear()
    assert report_sections.figure_svgs(plan).keys() == first.keys() and len(drawn) == 1
    second = report_sections.figure_svgs(plan)
    plan.model.k2_k1 = plan.model.k2_k1 * 3  # another curve
    third = report_sections.figure_svgs(plan)
    assert len(drawn) == 2 and third["distribution.svg"] != second["distribution.svg"]


def test_a_plan_the_file_format_cannot_hold_is_drawn_all_the_same(monkeypatch):
    """A NaN in memory (the plan file refuses NaN, so it cannot be the key): drawn, not kept, never an error."""
    monkeypatch.setattr(report_sections, "_last_figures", None)
    plan = plan_from_template("mono-boc-protection")
    plan.components[1].mw = float("nan")
    svgs = report_sections.figure_svgs(plan)
    assert svgs["distribution.svg"].lstrip().startswith("<?xml")
    assert report_sections._last_figures is None
