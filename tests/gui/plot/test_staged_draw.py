"""A new equivalents figure is drawn over two turns (static picture, then its moving parts) and shown once, whole.

The staged picture must be the picture a one-go draw gives, and nothing may be shown or stored between the
stages (`painted` is what the stored start-up picture is taken on).
"""

from __future__ import annotations

from dzp_planner.core.guidance import templates
from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.plot import DistributionPanel


def _shown_panel(qtbot) -> DistributionPanel:
    controller = PlanController(templates.plan_from_template("mono-boc-protection"))
    panel = DistributionPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(600, 500)
    panel.show()
    qtbot.waitExposed(panel)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.is_live(), timeout=10000)
    return panel


def _pixels(canvas) -> bytes:
    return bytes(canvas.get_renderer().buffer_rgba())


def test_a_new_figure_is_shown_whole_and_equals_a_one_go_draw(qtbot):
    panel = _shown_panel(qtbot)
    host = panel.host
    canvas = host.canvases["equiv"]
    staged: list[bool] = []
    host.painted.connect(lambda: staged.append(canvas in host._capture_pending))
    finished: list[object] = []
    real_finish = host._finish_staged_draw
    host._finish_staged_draw = lambda c, key: (finished.append(c), real_finish(c, key))  # type: ignore[method-assign]
    # a one-N–H substrate: another model, so a new figure
    panel.controller.edit("substrate", ("CC(C)(C)OC(=O)N1CCCNCC1", ""), "1-Boc")
    qtbot.waitUntil(lambda: panel.is_live() and host.artists.model == "one-site", timeout=10000)
    assert finished == [canvas]  # the staged path drew it
    assert staged and not any(staged)  # painted only once the moving parts were on
    after_stages = _pixels(canvas)
    canvas.draw()  # the plain path: the whole figure in one go, its moving parts added by the draw hook
    assert _pixels(canvas) == after_stages


def test_a_slider_step_waiting_for_the_moving_parts_is_drawn_by_them(qtbot):
    panel = _shown_panel(qtbot)
    host = panel.host
    canvas = host.canvases["equiv"]
    panel.controller.edit("substrate", ("CC1CNCCCN1", ""), "2-methyl")  # two different N–H: a new figure
    qtbot.waitUntil(lambda: canvas in host._capture_pending, timeout=10000)  # between the two stages
    assert host.artists.model == "two-different-sites"
    curve_before = list(host.artists.mono.get_ydata())
    model = panel.controller.plan.get_section("model")
    model.k2_k1 = 2.0
    panel.controller.edit("model", model, "k2/k1 2")
    qtbot.waitUntil(lambda: panel.is_live(), timeout=10000)
    assert list(host.artists.mono.get_ydata()) != curve_before  # the step moved the curves
    shown = _pixels(canvas)
    canvas.draw()
    assert _pixels(canvas) == shown  # the curves on screen are k2/k1 2's, over the one-site figure


def test_a_canvas_resized_between_the_stages_is_drawn_whole_at_its_new_size(qtbot):
    panel = _shown_panel(qtbot)
    host = panel.host
    canvas = host.canvases["equiv"]
    panel.controller.edit("substrate", ("CC1CNCCCN1", ""), "2-methyl")
    qtbot.waitUntil(lambda: canvas in host._capture_pending, timeout=10000)  # the static picture is rendered
    rendered_at = host._render_key(canvas)
    width, height = canvas.figure.get_size_inches()
    canvas.figure.set_size_inches(width * 1.25, height * 1.1)  # what a resize does to the figure before its redraw
    host._finish_staged_draw(canvas, rendered_at)  # the second stage, now at another size
    assert canvas not in host._capture_pending
    shown = _pixels(canvas)
    canvas.draw()
    assert _pixels(canvas) == shown  # a whole picture of the new size, not the moving parts on an empty one


def _between_the_stages_with_writes_recorded(qtbot, monkeypatch) -> tuple[DistributionPanel, list[object]]:
    """A panel whose new figure's static picture is rendered and its moving parts not yet on; the picture
    writes it would start, recorded instead of run."""
    panel = _shown_panel(qtbot)
    written: list[object] = []
    monkeypatch.setattr(panel.picture.pool, "start", lambda job: written.append(job))
    panel.controller.edit("substrate", ("CC1CNCCCN1", ""), "2-methyl")
    qtbot.waitUntil(lambda: panel.host.canvases["equiv"] in panel.host._capture_pending, timeout=10000)
    return panel, written


def test_no_picture_is_stored_for_the_next_start_between_the_stages(qtbot, monkeypatch):
    panel, written = _between_the_stages_with_writes_recorded(qtbot, monkeypatch)
    picture = panel.picture
    picture.store()  # the store timer, or closing the window, at this moment
    assert written == []  # the canvas holds the static picture alone: no curves, no title
    qtbot.waitUntil(lambda: panel.is_live(), timeout=10000)
    picture.store()
    assert len(written) == 1


def test_a_static_render_that_raises_leaves_no_stage_waiting(qtbot, monkeypatch):
    import pytest

    panel = _shown_panel(qtbot)
    host = panel.host
    canvas = host.canvases["equiv"]

    def broken(_renderer) -> None:
        raise RuntimeError("matplotlib failed")

    monkeypatch.setattr(canvas.figure, "draw", broken)
    host._draw_pending.add(canvas)
    with pytest.raises(RuntimeError):
        host._draw_now()
    assert canvas not in host._capture_pending  # slider steps still blit; settled() does not wait for ever
    assert host._staging is None


def test_closing_between_the_stages_finishes_the_draw_and_stores_the_whole_picture(qtbot, monkeypatch):
    panel, written = _between_the_stages_with_writes_recorded(qtbot, monkeypatch)
    host, canvas = panel.host, panel.host.canvases["equiv"]
    panel.flush_snapshot()  # what closing the window does
    assert canvas not in host._capture_pending and len(written) == 1
    stored = _pixels(canvas)
    canvas.draw()
    assert _pixels(canvas) == stored  # the picture stored was the whole one
