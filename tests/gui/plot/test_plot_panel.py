"""The distribution panel: slider → plan → redraw, marker follows the table, export, mixing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from dzp_planner.core.guidance import templates
from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.plot import DistributionPanel, r_to_slider, slider_to_r
from dzp_planner.gui.plot.panel import TAB_KEYS


@pytest.fixture
def panel(qtbot):
    controller = PlanController(templates.plan_from_template("mono-boc-protection"))
    widget = DistributionPanel(controller)
    qtbot.addWidget(widget)
    widget.resize(600, 500)
    widget.show()
    widget.refresh()
    return widget


def test_slider_edits_the_plan_and_redraws(panel, qtbot):
    controller = panel.controller
    panel.r_slider.setValue(r_to_slider(2.0))
    assert controller.plan.model.k2_k1 == pytest.approx(2.0, abs=0.02)
    assert panel.is_populated()
    # the mono curve now peaks where the closed form says: e* for r = 2 is 0.75, m* = 0.25
    xs, ys = panel.host.artists.optimum.get_data()
    assert (xs[0], ys[0]) == pytest.approx((0.75, 0.25), abs=0.01)
    panel.r_slider.setValue(r_to_slider(3.0))  # consecutive slider moves merge into one undo step
    controller.undo_stack.undo()
    assert controller.plan.model.k2_k1 == 0.5


def test_marker_follows_the_reaction_table(panel):
    controller = panel.controller
    rows = controller.plan.get_section("components")
    rows[1].quantity = "0.9 equiv"
    controller.edit("components", rows, "Boc2O 0.9 equiv")
    assert panel.host.artists.marker.get_xdata()[0] == pytest.approx(0.9)
    # the guide's "0.9 equiv ensures mono" shown for what it is: about 20 % bis
    assert "bis 20%" in panel.host.artists.title.get_text()


def test_equivalents_box_edits_the_table(panel, qtbot):
    panel.equiv_spin.setValue(0.25)
    panel.equiv_spin.editingFinished.emit()
    assert panel.controller.plan.components[1].quantity == "0.25 equiv"


def test_slider_scale_round_trips():
    for r in (0.05, 0.1, 0.5, 1.0, 2.0, 20.0):
        assert slider_to_r(r_to_slider(r)) == pytest.approx(r, rel=0.02)


def test_export_png_and_svg(panel, tmp_path):
    png, svg = tmp_path / "d.png", tmp_path / "d.svg"
    panel.save_figure(png)
    panel.save_figure(svg)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in svg.read_bytes()[:400]


def test_ph_view_and_mixing_run_off_the_gui_thread(panel, qtbot):
    panel.tabs.setCurrentIndex(2)
    assert "phCanvas" in [c.objectName() for c in panel.figure_canvases().values()]
    panel.tabs.setCurrentIndex(TAB_KEYS.index("mixing"))
    panel.mixing.mixing_time.setValue(1.0)
    panel.mixing.k1.setValue(100.0)
    panel.mixing.addition_time.setValue(60.0)
    qtbot.mouseClick(panel.mixing.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "This flask" in panel.mixing.result.text(), timeout=20000)
    assert "mixingCanvas" in [c.objectName() for c in panel.figure_canvases().values()]  # bis against addition time, drawn
    assert "Damköhler" in panel.mixing.result.text() and panel.mixing.run_button.isEnabled()


def test_pka_values_are_editable_undoable_and_sourced(panel):
    edit = panel.ph.edits["diamine"]
    assert edit.text() == "10.41 6.7" and "Pagano" in edit.toolTip()
    edit.setText("10.25 6.68")
    edit.editingFinished.emit()
    assert panel.controller.plan.model.pka["diamine"] == [10.25, 6.68]
    edit.setText("ten")
    edit.editingFinished.emit()
    assert "pKa values" in panel.ph.message.text() and panel.controller.plan.model.pka["diamine"] == [10.25, 6.68]
    panel.controller.undo_stack.undo()
    assert panel.controller.plan.model.pka["diamine"] == [10.41, 6.70]


def test_figure_follows_the_application_palette(qtbot):
    from matplotlib.colors import to_hex

    controller = PlanController(templates.plan_from_template("mono-boc-protection"))
    widget = DistributionPanel(controller)
    widget.setPalette(_dark_palette())
    qtbot.addWidget(widget)
    widget.refresh()
    figure = widget.host.canvases["equiv"].figure
    assert to_hex(figure.patch.get_facecolor()) == "#202124"
    assert to_hex(figure.axes[0].get_facecolor()) == "#2b2c30"
    assert to_hex(figure.axes[0].xaxis.label.get_color()) == "#e8eaed"


def test_controls_show_the_plan_before_the_plot_is_drawn(qtbot):
    """At start-up the controls are set first; the plot page says it is drawing until it is."""
    from PySide6.QtWidgets import QLabel

    plan = templates.plan_from_template("mono-boc-protection")
    plan.model.k2_k1 = 0.25
    widget = DistributionPanel(PlanController(plan))
    qtbot.addWidget(widget)
    widget.resize(600, 500)
    widget.show()
    widget.show_values()
    assert widget.r_spin.value() == 0.25
    assert widget.equiv_spin.value() == pytest.approx(24.7 / 49.9, abs=0.002)  # Boc2O 24.7 mmol on 49.9 mmol diamine
    assert widget.host.canvases == {} and not widget.is_populated()
    page = widget.tabs.widget(0)
    assert page.findChild(QLabel, "equivPlaceholder").text() == "Drawing the plot…"
    widget.refresh()
    qtbot.waitUntil(widget.is_populated, timeout=5000)  # the draw is queued until the canvas has its size
    assert page.layout().indexOf(widget.host.canvases["equiv"]) >= 0
    assert "equiv" not in widget.host.placeholders


def _shown_panel(qtbot, plan) -> DistributionPanel:
    widget = DistributionPanel(PlanController(plan))
    qtbot.addWidget(widget)
    widget.resize(600, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _sample(k2_k1: float | None = None):
    """Protocol 2; a k2/k1 of its own keeps a test's stored picture apart from the others'."""
    plan = templates.plan_from_template("mono-boc-protection")
    if k2_k1 is not None:
        plan.model.k2_k1 = k2_k1
    return plan


def _live_panel(qtbot, plan) -> DistributionPanel:
    panel = _shown_panel(qtbot, plan)
    panel.refresh()
    qtbot.waitUntil(panel.is_live, timeout=5000)
    return panel


def _dark_palette():
    """What a desktop in dark mode hands the panel: the three roles the figure takes its colours from."""
    from PySide6.QtGui import QColor, QPalette

    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#2b2c30"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    return dark


def _store(panel: DistributionPanel) -> None:
    panel.store_snapshot()
    panel.picture.pool.waitForDone()  # written on a worker


def _differing_pixels(a, b) -> int:
    assert a.size() == b.size()
    return sum(1 for y in range(0, a.height(), 2) for x in range(0, a.width(), 2) if a.pixel(x, y) != b.pixel(x, y))


def test_stored_picture_is_the_live_plot_and_gives_way_to_it(qtbot, _session_cache):
    """A repeat start shows the plot as stored: the same pixels, replaced by the live canvas on an edit."""
    plan = _sample(k2_k1=0.37)  # inputs no other test stores a picture for
    first = _live_panel(qtbot, plan)
    live = first.grab().toImage()
    _store(first)
    again = _shown_panel(qtbot, plan.copy())
    again.show_values()
    assert again.show_stored_picture()
    assert again.is_populated() and again.shows_stored_picture() and again.host.canvases == {}
    assert _differing_pixels(again.grab().toImage(), live) == 0
    # an edit cannot be shown by a picture: the live canvas takes over and draws the new value
    model = again.controller.plan.get_section("model")
    model.k2_k1 = 2.0
    again.controller.edit("model", model, "k2/k1 2")
    qtbot.waitUntil(again.is_populated, timeout=5000)
    assert not again.shows_stored_picture() and "equiv" in again.host.canvases
    xs, ys = again.host.artists.optimum.get_data()
    assert (xs[0], ys[0]) == pytest.approx((0.75, 0.25), abs=0.01)  # closed form for r = 2


def test_no_picture_for_other_inputs_or_another_size(qtbot, _session_cache):
    plan = _sample(k2_k1=0.41)
    first = _live_panel(qtbot, plan)
    _store(first)
    other = plan.copy()
    other.model.k2_k1 = 0.42
    assert not _shown_panel(qtbot, other).show_stored_picture()
    resized = _shown_panel(qtbot, plan.copy())
    resized.resize(601, 500)
    qtbot.wait(10)
    assert not resized.show_stored_picture()
    assert _shown_panel(qtbot, plan.copy()).show_stored_picture()


def test_a_picture_is_stored_only_when_it_shows_the_plan(qtbot, _session_cache):
    plan = _sample(k2_k1=0.43)
    panel = _live_panel(qtbot, plan)
    before = set((_session_cache / "plots").glob("*.png"))
    panel.controller.plan.model.k2_k1 = 0.44  # changed behind the panel's back: the canvas is stale
    _store(panel)
    assert set((_session_cache / "plots").glob("*.png")) == before


def test_a_picture_stored_after_a_resize_matches_a_fresh_draw_at_that_size(qtbot, _session_cache):
    """The figure is laid out again after a resize, so the stored picture is what a new start draws."""
    plan = _sample(k2_k1=0.47)
    first = _live_panel(qtbot, plan)
    first.resize(760, 640)
    # the canvas took the new size, and the layout was solved again and frozen at the next draw
    qtbot.waitUntil(lambda: first.host.canvases["equiv"].width() > 700 and first.host.relayout_timer.isActive(), timeout=5000)
    qtbot.waitUntil(lambda: not first.host.relayout_timer.isActive() and not first.host.freeze_layout, timeout=5000)
    qtbot.waitUntil(lambda: first.host.settled("equiv"), timeout=5000)  # the relayout's draw, both its stages
    _store(first)
    fresh = _shown_panel(qtbot, plan.copy())
    fresh.resize(760, 640)
    qtbot.wait(20)
    fresh.show_values()
    assert fresh.show_stored_picture()
    pictured = fresh.grab().toImage()
    fresh.refresh()
    qtbot.waitUntil(fresh.is_live, timeout=5000)
    qtbot.wait(50)
    assert _differing_pixels(pictured, fresh.grab().toImage()) == 0


def test_a_palette_change_redraws_and_keys_the_picture(qtbot, _session_cache):
    from PySide6.QtGui import QColor, QPalette

    plan = _sample(k2_k1=0.53)
    panel = _live_panel(qtbot, plan)
    dark = _dark_palette()
    panel.setPalette(dark)
    qtbot.waitUntil(panel.is_live, timeout=5000)  # the state now names the dark palette
    qtbot.wait(50)
    canvas = panel.host.canvases["equiv"]
    assert canvas.grab().toImage().pixelColor(2, 2).name() == "#202124"  # the figure was recoloured
    artists = panel.host.artists
    only_highlight = QPalette(dark)
    only_highlight.setColor(QPalette.ColorRole.Highlight, QColor("#ff8800"))  # no colour the figure uses
    panel.setPalette(only_highlight)
    assert panel.host.artists is artists  # no rebuild
    _store(panel)
    again = _shown_panel(qtbot, plan.copy())
    again.setPalette(dark)
    again.show_values()
    assert again.show_stored_picture()
    label = again.host.placeholders["equiv"]
    assert label.pixmap().toImage().pixelColor(2, 2).name() == "#202124"
    light = _shown_panel(qtbot, plan.copy())  # the default palette has no picture of its own yet
    light.show_values()
    assert not light.show_stored_picture()


def test_a_plotting_library_that_fails_to_load_is_said_where_the_plot_would_be(qtbot, _session_cache):
    plan = _sample(k2_k1=0.37)  # the picture the first test above stored
    first = _live_panel(qtbot, plan)
    _store(first)
    panel = _shown_panel(qtbot, plan.copy())
    panel.show_values()
    assert panel.show_stored_picture() and panel.is_populated()
    panel._library_loaded("No module named 'matplotlib.backends.backend_qtagg'")
    text = panel.host.placeholders["equiv"].text()
    assert "cannot be drawn" in text and "No module named" in text and "Reinstall" in text
    assert not panel.shows_stored_picture() and not panel.is_populated() and not panel.is_live()
    assert not panel.export_button.isEnabled()
    # said once: edits, slider steps and tab switches leave it alone (no new import, no crash report)
    panel.r_slider.setValue(r_to_slider(2.0))
    panel.tabs.setCurrentIndex(1)
    panel.tabs.setCurrentIndex(0)
    assert panel.controller.plan.model.k2_k1 == pytest.approx(2.0, abs=0.02)
    assert panel.host.canvases == {} and "cannot be drawn" in panel.host.placeholders["equiv"].text()
    with pytest.raises(RuntimeError, match="cannot be drawn"):
        panel.save_figure(_session_cache / "never.png")


def test_the_background_import_waits_for_the_pictures_paint_but_not_forever(qtbot):
    from PySide6.QtWidgets import QLabel

    from dzp_planner.gui.plot.startup_picture import OnFirstPaint as _OnFirstPaint

    shown = QLabel("picture")
    qtbot.addWidget(shown)
    calls: list[str] = []
    _OnFirstPaint(shown, lambda: calls.append("shown"))
    assert calls == []  # not before the paint
    shown.show()
    qtbot.waitUntil(lambda: calls == ["shown"], timeout=2000)
    shown.repaint()
    qtbot.wait(_OnFirstPaint.FALLBACK_MS + 50)
    assert calls == ["shown"]  # once only, the fallback included
    hidden = QLabel("never painted")
    qtbot.addWidget(hidden)
    _OnFirstPaint(hidden, lambda: calls.append("hidden"))
    qtbot.waitUntil(lambda: calls == ["shown", "hidden"], timeout=2000)  # the fallback fired


def test_the_picture_is_looked_up_at_the_size_the_window_is_about_to_give_the_plot(qtbot, _session_cache):
    """At start-up the panels filled just before the plot change the layout; the size must be the settled one."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    def window_with_plot(plan, sibling_height: int):
        container = QWidget()
        qtbot.addWidget(container)
        sibling = QLabel("another panel", container)
        sibling.setMinimumHeight(sibling_height)
        panel = DistributionPanel(PlanController(plan), container)
        layout = QVBoxLayout(container)
        layout.addWidget(sibling)
        layout.addWidget(panel, 1)
        container.resize(600, 700)
        container.show()
        qtbot.waitExposed(container)
        return container, sibling, panel  # qtbot keeps only a weak reference to the container

    plan = _sample(k2_k1=0.59)
    _window, _, first = window_with_plot(plan, 120)
    first.refresh()
    qtbot.waitUntil(first.is_live, timeout=5000)
    _store(first)
    _window2, sibling, second = window_with_plot(plan.copy(), 0)
    sibling.setMinimumHeight(120)  # what a panel filled a moment ago does; its layout request is pending
    second.show_values()
    assert second.show_stored_picture()


def test_a_stale_picture_of_the_same_key_is_replaced_by_the_live_plot(qtbot, _session_cache):
    """A changed look (new matplotlib, edited figure) shows once at most, then heals."""
    from PySide6.QtGui import QColor, QImage

    from dzp_planner.gui.plot import picture_cache as plot_snapshots

    plan = _sample(k2_k1=0.61)
    panel = _live_panel(qtbot, plan)
    canvas = panel.host.canvases["equiv"]
    key_text = plot_snapshots.key(panel.state(), canvas.width(), canvas.height(), canvas.devicePixelRatioF())
    stale = QImage(plot_snapshots.pixel_size(canvas.width(), canvas.height(), canvas.devicePixelRatioF()), QImage.Format.Format_RGB32)
    stale.fill(QColor("#ff0000"))
    assert plot_snapshots.store(key_text, stale)
    _store(panel)
    stored = plot_snapshots.load(key_text, canvas.width(), canvas.height(), canvas.devicePixelRatioF())
    assert stored is not None and stored.toImage().pixelColor(2, 2).name() == canvas.grab().toImage().pixelColor(2, 2).name() != "#ff0000"


def test_showing_the_plot_does_not_lay_it_out_twice(qtbot):
    """The resize events of the first show must not schedule a second constrained-layout draw (~100 ms)."""
    plan = _sample()
    panel = _live_panel(qtbot, plan)
    full_draws: list[int] = []
    panel.host.canvases["equiv"].mpl_connect("draw_event", lambda _e: full_draws.append(1))
    qtbot.wait(panel.host.relayout_timer.interval() + 150)
    assert full_draws == [] and not panel.host.relayout_timer.isActive()
    panel.resize(640, 520)  # a real resize still gets its one solve
    qtbot.waitUntil(lambda: len(full_draws) >= 1 and not panel.host.relayout_timer.isActive() and not panel.host.freeze_layout, timeout=5000)
    assert panel.host.laid_out_at == (panel.host.canvases["equiv"].width(), panel.host.canvases["equiv"].height())


def test_the_preset_box_follows_the_plans_k2_k1(panel):
    panel.presets.setCurrentIndex(panel.presets.findData(2.0))
    panel.presets.activated.emit(panel.presets.currentIndex())
    assert panel.controller.plan.model.k2_k1 == 2.0 and "activating" in panel.presets.currentText()
    panel.r_spin.setValue(0.5)
    panel.r_spin.editingFinished.emit()
    assert "statistical" in panel.presets.currentText()
    panel.r_spin.setValue(0.77)
    panel.r_spin.editingFinished.emit()
    assert panel.presets.currentText() == "preset…"


def test_the_start_up_picture_key_needs_no_matplotlib(tmp_path):
    """Until matplotlib has loaded in the background the panel shows the stored picture, keyed by
    `state()`: working that key out (runs, fit, where k2/k1 comes from) must not import matplotlib."""
    import os
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent("""
        import sys
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from dzp_planner.core.document import plan_edits
        from dzp_planner.core.guidance import templates
        from dzp_planner.core.document.plan import TrialRun
        from dzp_planner.gui.document.plan_controller import PlanController
        from dzp_planner.gui.plot import DistributionPanel
        plan = templates.plan_from_template("mono-boc-protection")
        plan.set_sections(plan_edits.result_changes(plan, [TrialRun(equiv=1.0, sm=25, mono=50, bis=25)]))
        panel = DistributionPanel(PlanController(plan))
        panel.show_values()
        panel.state()
        print("matplotlib" in sys.modules)
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DZP_PLANNER_HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_start_up_work_waits_for_matplotlibs_import_and_the_live_plot(panel, qtbot):
    from dzp_planner.gui.plot.startup_picture import PlotLibraryLoader

    panel.host.rendered = False  # as at start-up: no live canvas drawn yet
    ran: list[object] = []
    panel._loader = PlotLibraryLoader()  # an import still running (never started here)
    panel.after_library_load(lambda: ran.append(panel.host.rendered))
    assert ran == []
    panel._library_loaded("")
    assert ran == []  # the live plot is not drawn yet: the work waits
    panel.host.canvases[panel.current_key()].draw_idle()  # the draw the chemist waits for
    qtbot.waitUntil(lambda: ran != [], timeout=panel.AFTER_LOAD_FALLBACK_MS - 500)  # on the draw, not the fallback
    assert ran == [True]
    panel.after_library_load(lambda: ran.append("now"))  # no import running: at once
    assert ran == [True, "now"]


@pytest.mark.parametrize("smiles", ["CC1CNCCCN1", "CC(C)(C)OC(=O)N1CCCNCC1", "N1CCNCCC1" + "CNC" * 47])
def test_a_plan_of_another_model_is_drawn_once_at_the_same_size(qtbot, smiles):
    """2-methyl (two different sites: the longest caveat), 1-Boc (one site), 47 side-chain amines:
    the caveat's height is reserved, so the canvas keeps its size and the figure is drawn once,
    not a second time for a resize (each full draw ~60-100 ms)."""
    panel = _live_panel(qtbot, _sample())
    canvas = panel.host.canvases["equiv"]
    size = (canvas.width(), canvas.height())
    draws: list[tuple[int, int]] = []
    canvas.mpl_connect("draw_event", lambda _e: draws.append((canvas.width(), canvas.height())))
    other = templates.plan_from_template("mono-boc-protection")
    other.substrate_smiles, other.substrate_molblock = smiles, ""
    panel.controller.replace_plan(other)
    qtbot.waitUntil(lambda: panel.is_live() and len(draws) >= 1, timeout=5000)
    qtbot.wait(panel.host.relayout_timer.interval() + 150)
    assert draws == [size]


def test_a_new_layout_is_solved_on_one_turn_and_drawn_on_the_next(qtbot, monkeypatch):
    """Solving constrained layout inside the draw made one ~90 ms turn; apart they are ~30 + ~50 ms."""
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    panel = _live_panel(qtbot, _sample())
    canvas = panel.host.canvases["equiv"]
    solved_while_drawing: list[bool] = []
    drawing = [False]
    execute, draw = ConstrainedLayoutEngine.execute, Figure.draw

    def spy_execute(engine, figure):
        solved_while_drawing.append(drawing[0])
        return execute(engine, figure)

    def spy_draw(figure, renderer):
        drawing[0] = True
        try:
            return draw(figure, renderer)
        finally:
            drawing[0] = False

    monkeypatch.setattr(ConstrainedLayoutEngine, "execute", spy_execute)
    monkeypatch.setattr(Figure, "draw", spy_draw)
    panel.host.laid_out_at = (1, 1)  # as after a resize: the kept layout does not fit, a new one is solved
    draws: list[int] = []
    canvas.mpl_connect("draw_event", lambda _e: draws.append(1))
    other = templates.plan_from_template("mono-boc-protection")
    other.substrate_smiles, other.substrate_molblock = "CC(C)(C)OC(=O)N1CCCNCC1", ""  # one site: another figure
    panel.controller.replace_plan(other)
    qtbot.waitUntil(lambda: draws != [], timeout=5000)
    assert solved_while_drawing == [False]  # solved once, on its own turn, before the draw
    assert panel.host.laid_out_at == (canvas.width(), canvas.height())


def test_after_a_new_layout_a_slider_step_paints_what_a_full_draw_paints(qtbot):
    """The curves must stay out of the cached background: a blit then paints only the new ones."""
    panel = _live_panel(qtbot, _sample())
    canvas = panel.host.canvases["equiv"]
    panel.host.laid_out_at = (1, 1)  # a new layout is solved apart from the draw
    other = templates.plan_from_template("mono-boc-protection")
    other.substrate_smiles, other.substrate_molblock = "CC1CNCCCN1", ""  # 2-methyl: two different sites
    panel.controller.replace_plan(other)
    qtbot.waitUntil(panel.is_live, timeout=5000)
    assert all(artist.get_animated() for artist in panel.host.dynamic())
    panel.r_slider.setValue(r_to_slider(3.0))  # the blit path
    qtbot.waitUntil(panel.is_live, timeout=5000)
    qtbot.wait(20)
    blitted = canvas.grab().toImage()
    canvas.draw()  # a full draw of the same state: background, then the moving parts
    qtbot.wait(20)
    assert canvas.grab().toImage() == blitted


def test_two_different_sites_show_their_rate_ratio_and_it_is_an_undoable_edit(panel, qtbot):
    """2-methyl-1,4-diazepane with Boc2O: N4 and N1 differ; the field offers the structure's estimate, a typed
    value moves the curves (two independent sites tenfold apart at 1 equiv: 14 / 72.5 / 14, by hand)."""
    from dzp_planner.core.document import plan_edits
    from dzp_planner.core.document.plan_edits import k2_k1_changes

    controller = panel.controller
    field = panel.site_rate
    assert not field.isVisible()  # the parent diamine: two equal sites, nothing to set
    controller.edit_many(plan_edits.substrate_changes(controller.plan, "CC1CNCCCN1", ""), "2-methyl")
    qtbot.waitUntil(lambda: field.isVisible(), timeout=2000)
    assert field.edit.text() == "" and field.edit.placeholderText() == "0.316" and field.source.text() == "(estimate)"
    controller.edit("model", k2_k1_changes(controller.plan, 0.5), "k2/k1 0.5")
    rows = controller.plan.get_section("components")
    rows[1].quantity = "1 equiv"
    controller.edit("components", rows, "Boc2O 1 equiv")
    field.edit.setText("0.1")
    field.edit.editingFinished.emit()
    assert controller.plan.model.site_rate_ratio == 0.1 and field.reset.isVisible()
    qtbot.waitUntil(lambda: "N1 at 0.1× N4's rate" in panel.host.artists.title.get_text(), timeout=3000)
    assert "SM 14% · mono 72% · bis 14%" in panel.host.artists.title.get_text()
    field.edit.setText("zero")
    field.edit.editingFinished.emit()
    assert "not a number" in field.message and controller.plan.model.site_rate_ratio == 0.1
    controller.undo_stack.undo()
    assert controller.plan.model.site_rate_ratio is None
    qtbot.waitUntil(lambda: field.edit.text() == "" and not field.reset.isVisible(), timeout=2000)
