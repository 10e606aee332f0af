"""The product-distribution panel: SM / mono / bis, selectivity vs excess, the pH switch, mixing.

A thin view: the numbers come from `core.derivation` (which model fits the drawn substrate,
the equivalents from the table), `core.kinetics` and `core.extraction`. k2/k1 and the
equivalents are plan data, so moving the slider is an undoable edit (consecutive slider moves
merge into one step) and the marker follows the reaction table.

The panel owns the controls and says what to draw; the rooms next to it do the rest:
`canvas_host` (the canvases, blitting, the frozen layout), `startup_picture` (the stored
picture and the background import of matplotlib), `mixing_tab` and `model_fields`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dzp_planner.gui.document.plan_controller import DerivationChange

import logging
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QRect, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QSlider, QTabWidget, QVBoxLayout, QWidget

from dzp_planner.gui import crash_handler
from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.plot.acid_tab import AcidTab
from dzp_planner.gui.plot.canvas_host import PLOT_KEYS, CanvasHost, Palette
from dzp_planner.gui.plot.mixing_tab import MixingTab
from dzp_planner.gui.plot.model_fields import PkaFields, SiteRateField
from dzp_planner.gui.plot.runs_tab import RunsTab
from dzp_planner.gui.plot.startup_picture import PICTURED_TAB, OnFirstPaint, PlotLibraryLoader, StartupPicture
from dzp_planner.gui.widgets.turns import turn_queue

log = logging.getLogger(__name__)

R_MIN, R_MAX, SLIDER_STEPS = 0.05, 20.0, 400
TAB_KEYS = (*PLOT_KEYS, "acid", "mixing", "runs")
NOT_PLOTS = ("acid", "mixing", "runs")  # tabs with their own content, not a CanvasHost figure


def r_to_slider(r: float) -> int:
    return round((math.log(r) - math.log(R_MIN)) / (math.log(R_MAX) - math.log(R_MIN)) * SLIDER_STEPS)


def slider_to_r(value: int) -> float:
    return round(math.exp(math.log(R_MIN) + value / SLIDER_STEPS * (math.log(R_MAX) - math.log(R_MIN))), 3)


class DistributionPanel(QWidget):
    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._drawn: tuple | None = None  # the inputs of what the current tab shows
        self.started_from_picture = False  # the start-up showed a stored picture (the self-test reports it)
        self._loader: PlotLibraryLoader | None = None
        self._after_load: list[Callable[[], None]] = []  # start-up work that must not slow matplotlib's import
        self.unavailable: str | None = None  # why the plot cannot be drawn (matplotlib failed to load), if so
        self._build_controls()
        self.host = CanvasHost(self.tabs, self)
        self.host.hovered.connect(self._on_hover)
        self.picture = StartupPicture(self, self)
        controller.derivationChanged.connect(self._on_change)
        # another plan: the values at once, the drawing in a turn of its own, so opening a plan is
        # two short waits (the other panels, then this figure) instead of one long one
        controller.planReplaced.connect(self.clear_readout)
        controller.planReplaced.connect(self.show_values)
        controller.planReplaced.connect(self._redraw_soon)

    # -- layout ------------------------------------------------------------------------
    def _build_controls(self) -> None:
        from dzp_planner.core.models.presets import PRESETS  # numpy-free: the panel is built before the first paint

        self.r_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.r_slider.setObjectName("k2k1Slider")
        self.r_slider.setRange(0, SLIDER_STEPS)
        self.r_slider.setToolTip("k2/k1 per molecule: 0.5 = two equal, independent sites; > 1 = the product reacts faster")
        self.r_slider.valueChanged.connect(lambda v: self._set_r(slider_to_r(v)))
        self.r_spin = QDoubleSpinBox(self)
        self.r_spin.setObjectName("k2k1Spin")
        self.r_spin.setRange(R_MIN, R_MAX)
        self.r_spin.setDecimals(3)
        self.r_spin.setSingleStep(0.05)
        self.r_spin.editingFinished.connect(lambda: self._set_r(self.r_spin.value()))
        self.presets = QComboBox(self)
        self.presets.setObjectName("k2k1Presets")
        self.presets.addItem("preset…", None)
        for name, (value, meaning) in PRESETS.items():
            self.presets.addItem(f"{name} ({value:g})", value)
            self.presets.setItemData(self.presets.count() - 1, meaning, Qt.ItemDataRole.ToolTipRole)
        self.presets.activated.connect(lambda i: self._set_r(self.presets.itemData(i)) if self.presets.itemData(i) else None)
        self.equiv_spin = QDoubleSpinBox(self)
        self.equiv_spin.setObjectName("equivSpin")
        self.equiv_spin.setRange(0.0, 2.5)
        self.equiv_spin.setDecimals(3)
        self.equiv_spin.setSingleStep(0.05)
        self.equiv_spin.setSuffix(" equiv")
        self.equiv_spin.setToolTip("Equivalents of electrophile per diamine; linked to the reaction table")
        self.equiv_spin.editingFinished.connect(self._equiv_edited)
        self.equiv_source = QLabel("", self)
        self.equiv_source.setObjectName("equivSource")
        self.clear_override = QPushButton("Clear", self)
        self.clear_override.setObjectName("clearEquivOverride")
        self.clear_override.setToolTip("Forget the equivalents set on the plot (the table has no electrophile row)")
        self.clear_override.clicked.connect(self.clear_equiv_override)
        self.clear_override.setVisible(False)
        self.model_label = QLabel("", self)
        self.model_label.setObjectName("modelCaveat")
        self.model_label.setWordWrap(True)
        self.model_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # its height is reserved
        self.export_button = QPushButton("Export figure…", self)
        self.export_button.setToolTip("Save the current view as PNG or SVG")
        self.export_button.clicked.connect(self.export_figure)
        self.hover = QLabel(" ", self)  # the read-out of the excess and pH plots (the equivalents plot has it inside)
        self.hover.setObjectName("hoverLabel")
        self.hover.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel("k2/k1", self))
        row.addWidget(self.r_slider, 1)
        row.addWidget(self.r_spin)
        row.addWidget(self.presets)
        row2 = QHBoxLayout()
        row2.addWidget(QLabel("electrophile", self))
        row2.addWidget(self.equiv_spin)
        row2.addWidget(self.equiv_source)
        row2.addWidget(self.clear_override)
        self.site_rate = SiteRateField(self.controller, self)  # two different sites only; in this row: no height to add
        row2.addWidget(self.site_rate)
        row2.addStretch(1)
        row2.addWidget(self.export_button)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("distributionTabs")
        self.ph = PkaFields(self.controller)
        self.mixing = MixingTab(self.controller, self.palette_names)
        for key, title in (("equiv", "vs equivalents"), ("ratio", "vs excess"), ("ph", "pH switch")):
            page = QWidget(self)
            page.setObjectName(f"{key}Page")
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            if key == "ph":
                page.layout().addWidget(self.ph)  # the fields above the plot
            self.tabs.addTab(page, title)
        self.acid = AcidTab(self.controller, self.palette_names)
        self.tabs.addTab(self.acid, "vs acid")
        self.tabs.addTab(self.mixing, "mixing")
        self.runs = RunsTab(self.controller)
        self.tabs.addTab(self.runs, "runs")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(row2)
        layout.addWidget(self.model_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.hover)

    def _tab_changed(self, _index: int) -> None:
        if self.current_key() == "acid":
            self.acid.refresh()
        self.clear_readout()
        self._draw_current()

    # -- plan ↔ controls --------------------------------------------------------------------
    def _derived(self) -> Any:
        from dzp_planner.core.document.derivation import derive

        return derive(self.controller.plan)

    def _equiv(self) -> float | None:
        equiv: float | None = self._derived().distribution.electrophile_equiv
        return equiv

    def _model_kind(self) -> str:
        state = self._derived().distribution
        return "protonation" if state.route == "protonation" else str(state.model)

    def _set_r(self, r: float | None) -> None:
        if r is None or not R_MIN <= r <= R_MAX or abs(r - self.controller.plan.model.k2_k1) < 1e-9:
            return
        from dzp_planner.core.document.plan_edits import k2_k1_changes

        self.controller.edit("model", k2_k1_changes(self.controller.plan, float(r)), f"Set k2/k1 to {r:g}", merge_key="k2_k1")

    def _equiv_edited(self) -> None:
        from dzp_planner.core.document.plan_edits import model_changes

        value = round(self.equiv_spin.value(), 3)
        current = self._equiv()
        if current is not None and abs(value - current) < 5e-4:
            return
        index = self._derived().electrophile_row
        if index is None:  # no table row to edit: a visible, clearable setting of the plot
            self.controller.edit("model", model_changes(self.controller.plan, electrophile_equiv=value),
                                 f"Set the plot's electrophile to {value:g} equiv")
            return
        rows = self.controller.plan.get_section("components")
        rows[index].quantity = f"{value:g} equiv"
        self.controller.edit("components", rows, f"Set {rows[index].name} to {value:g} equiv")

    def clear_equiv_override(self) -> None:
        from dzp_planner.core.document.plan_edits import model_changes

        if self.controller.plan.model.electrophile_equiv is not None:
            self.controller.edit("model", model_changes(self.controller.plan, electrophile_equiv=None),
                                 "Clear the plot's electrophile equivalents")

    def _on_change(self, change: DerivationChange) -> None:
        if change.replaced or not change.touches("model", "components", "procedure", "substrate", "results"):
            return  # another plan is drawn by planReplaced's handlers, on a turn of their own
        self.show_values()
        if self.current_key() == "equiv" and self.host.can_move_only(self._model_kind(), self._observed()):
            self._draw_current()  # a slider step or a table edit: the fast path (blit) at once
        else:
            self._redraw_soon()

    def _redraw_soon(self) -> None:
        """A whole new figure: on an event-loop turn of its own, once per burst of edits (gui/widgets/turns.py)."""
        turn_queue().later(self, "redraw", self._draw_current)

    def show_values(self) -> None:
        """The controls from the plan (k2/k1, equivalents, pKa, mixing inputs); no drawing.

        Cheap and matplotlib-free, so the start-up sets them before the plot is drawn: the
        panel never shows the slider's default next to a plan that says otherwise.
        """
        plan = self.controller.plan
        r = plan.model.k2_k1
        self.r_slider.blockSignals(True)
        self.r_slider.setValue(r_to_slider(min(max(r, R_MIN), R_MAX)))
        self.r_slider.blockSignals(False)
        self.r_spin.blockSignals(True)
        self.r_spin.setValue(r)
        self.r_spin.blockSignals(False)
        # the preset box names the plan's k2/k1 when it is a preset's, else says "preset…" (never a stale name)
        index = next((i for i in range(1, self.presets.count()) if abs(self.presets.itemData(i) - r) < 1e-9), 0)
        self.presets.setCurrentIndex(index)
        derived = self._derived()
        state = derived.distribution
        self.equiv_spin.blockSignals(True)
        self.equiv_spin.setValue(state.electrophile_equiv or 0.0)
        self.equiv_spin.blockSignals(False)
        self.clear_override.setVisible(state.equiv_source == "override")
        self.equiv_source.setText({"table": "(table)", "override": "(set here)", "none": "(none)"}[state.equiv_source])
        self.equiv_source.setToolTip({"table": "The equivalents come from the reaction table's electrophile row",
                                      "override": "Set here: the table has no electrophile row (Clear forgets it)",
                                      "none": "The table has no electrophile row: type the equivalents to plot"}[state.equiv_source])
        self.model_label.setText(state.caveat)
        self.ph.show_values(plan)
        self.site_rate.show_values(state.sites)
        self.mixing.show_values(plan, derived.table)
        if self.current_key() == "acid":
            self.acid.refresh()
        self.runs.show_fit()

    # -- what is on screen ------------------------------------------------------------------
    def current_key(self) -> str:
        return TAB_KEYS[self.tabs.currentIndex()]

    def state(self) -> tuple:
        """Everything the current tab's picture depends on: the plan's inputs and the palette."""
        plan = self.controller.plan
        observed = self._observed()
        return (plan.model.k2_k1, self._equiv(), self.current_key(), tuple((k, tuple(v)) for k, v in plan.model.pka.items()),
                self._model_kind(), observed.key() if observed is not None else "", self._source(),
                self._derived().distribution.protonation_inputs, self._derived().distribution.sites,
                self.palette_names())  # the palette last (changeEvent)

    def _observed(self) -> Any:
        from dzp_planner.gui.plot.observed import observed_for

        return observed_for(self.controller.plan)

    def _source(self) -> str:
        from dzp_planner.gui.plot.observed import source_label

        return source_label(self.controller.plan)

    def drawn_state(self) -> tuple | None:
        return self._drawn

    def palette_names(self) -> Palette:
        from PySide6.QtGui import QPalette

        palette = self.palette()
        window, base, text = (palette.color(role).name() for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base,
                                                                       QPalette.ColorRole.WindowText))
        return window, base, text

    def figure_canvases(self) -> dict[str, Any]:
        """Every live figure canvas by tab (the layout report checks their titles and legends)."""
        canvases = dict(self.host.canvases)
        canvases.update({key: tab.canvas for key, tab in (("mixing", self.mixing), ("acid", self.acid)) if tab.canvas is not None})
        return canvases

    def is_populated(self) -> bool:
        mixing = self.current_key() in NOT_PLOTS  # the mixing tab computes on request; the runs tab is a table
        return self._drawn is not None and self._drawn[0] == self.controller.plan.model.k2_k1 and (
            self.host.rendered or mixing or self.shows_stored_picture())

    def shows_stored_picture(self) -> bool:
        """True while the plot on screen is the stored picture, before the live canvas."""
        return self.picture.shown()

    def is_live(self) -> bool:
        """The current tab shows a live canvas, drawn from the plan as it is now (never, if `unavailable`)."""
        key = self.current_key()
        return key in NOT_PLOTS or (key in self.host.canvases and self.host.rendered and self._drawn == self.state()
                                    and self.host.settled(key))

    # -- drawing ----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.show_values()
        self._draw_current()

    def draw_at_start(self) -> None:
        """The start-up's draw: the stored picture of this very plot, then the live canvas.

        matplotlib loads in the background, so the window answers clicks meanwhile; until it
        is ready the plot page shows the picture stored when this plot was last drawn, or says
        it is drawing when there is none. Any edit, tab change or export before then draws
        live at once (waiting for the import to finish).
        """
        from dzp_planner.gui import startup

        if self.current_key() in NOT_PLOTS or "matplotlib.backends.backend_qtagg" in sys.modules or not startup.stored_pictures_enabled():
            self._draw_current()  # nothing to wait for (or the plain start: draw live, waiting for matplotlib)
            return
        try:
            self.started_from_picture = self.show_stored_picture()
        except Exception:
            log.warning("the stored plot picture could not be shown", exc_info=True)
        self._loader = PlotLibraryLoader()
        self._loader.finished.connect(self._library_loaded, Qt.ConnectionType.QueuedConnection)
        if self.started_from_picture:
            # the import holds the GIL and would hold up painting: the picture reaches the screen first
            OnFirstPaint(self.host.placeholders[PICTURED_TAB], self._loader.start)
        else:
            self._loader.start()

    def show_stored_picture(self) -> bool:
        """The picture stored when this very plot was last drawn, in place of the live canvas."""
        if not self.picture.show():
            return False
        self._drawn = self.picture.state_on_screen
        return True

    AFTER_LOAD_FALLBACK_MS = 3000  # a hidden plot may never draw: do not hold the waiting work for ever

    def after_library_load(self, action: Callable[[], None]) -> None:
        """Run `action` once matplotlib's background import is over and the live plot has been
        drawn (now, when it is drawn already).

        Another import on another thread meanwhile (pint's) shares the GIL with the import and
        with the plot's first draw: measured, it put the live plot off by ~0.28 s.
        """
        self._after_load.append(action)
        if self._loader is None:  # no import running (a first start draws live at once): after the draw
            self._after_live_draw()

    def _library_loaded(self, error: str) -> None:
        self._loader = None
        try:
            self._show_live_plot(error)
        finally:
            self._after_live_draw()

    def _after_live_draw(self) -> None:
        if self.is_live() or self.unavailable:
            self._run_after_load()
        else:  # the live draw is scheduled: wait for it (or for the fallback)
            self.host.painted.connect(self._run_after_load, Qt.ConnectionType.SingleShotConnection)
            QTimer.singleShot(self.AFTER_LOAD_FALLBACK_MS, self, self._run_after_load)

    def _run_after_load(self) -> None:
        waiting, self._after_load = self._after_load, []
        for action in waiting:
            action()

    def _show_live_plot(self, error: str) -> None:
        if error:
            self._show_unavailable(error)
            return
        key = self.current_key()
        if key not in NOT_PLOTS and key not in self.host.canvases:
            try:
                self._draw_current()  # the live canvas takes the place of the picture or the placeholder
            except Exception:  # noqa: BLE001 - a slot: reported like any panel that fails to refresh
                crash_handler.handle_exception(*sys.exc_info())

    def _show_unavailable(self, error: str) -> None:
        """matplotlib cannot be loaded (a damaged installation): say so where the plot would be.

        Said once: edits, slider steps and tab switches then leave the plot alone, instead of
        failing the import again (a crash dialog per keystroke), and the table, tree and
        editor go on working.
        """
        self.unavailable = self.mixing.unavailable = self.acid.unavailable = error
        self.picture.forget()  # a picture that can never become live must not pass for the plot
        self.export_button.setEnabled(False)
        self.export_button.setToolTip("No figure to export: the plotting library failed to load")
        self.host.show_unavailable(error)

    def store_snapshot(self) -> None:
        self.picture.store()

    def flush_snapshot(self) -> None:
        self.picture.flush()

    def _draw_current(self) -> None:
        state = self.state()
        r, equiv, key = state[:3]
        if key in NOT_PLOTS or self.unavailable:  # the message stays; no edit retries the import
            self._drawn = state
            return
        observed = self._observed() if key == "equiv" else None
        self.host.draw(key, r, equiv, state[4], self.controller.plan.model.pka, self.palette_names(), observed, state[6], state[7],
                       state[8])
        self._drawn = state

    @crash_handler.guarded
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reserve_caveat_height()

    def _reserve_caveat_height(self) -> None:
        """The caveat line as tall as the longest caveat at this width: a plan of another model
        must not change the canvas's height, which would redraw the figure in full (a second
        ~100 ms draw on opening a plan) and move the plot under the mouse."""
        from dzp_planner.core.models.caveats import ALL_CAVEATS  # imports nothing: this runs at the first show

        margins = self.layout().contentsMargins()
        width = max(self.width() - margins.left() - margins.right(), 50)  # the label's width once laid out
        metrics = self.model_label.fontMetrics()
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        tallest = max(metrics.boundingRect(QRect(0, 0, width, 0), flags, text).height() for text in ALL_CAVEATS)
        self.model_label.setMinimumHeight(tallest)

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (the desktop switched to dark) recolours the figure: a full redraw."""
        super().changeEvent(event)
        figure_colours_changed = self._drawn is not None and self._drawn[-1] != self.palette_names()
        if event.type() == QEvent.Type.PaletteChange and self.host.canvases and figure_colours_changed:
            self.host.forget_figure()  # the slider's fast path only moves data
            self._draw_current()

    def clear_readout(self) -> None:
        """Another plan or another tab: the read-out of the previous one must not stay."""
        self.hover.setText(" ")
        self.host.show_readout(0.0, None)

    def _on_hover(self, key: str, x: float) -> None:
        from dzp_planner.core.models import extraction, kinetics

        r = self.controller.plan.model.k2_k1
        if key == "equiv" and 0 <= x <= 2.5:
            self.host.show_readout(r, x)  # inside the figure, drawn with the moving parts
        elif key == "ratio" and x >= 1:
            s = kinetics.distribution_for_ratio(x, r).mono_selectivity
            self.hover.setText(f"{x:.1f}:1 → mono selectivity {s:.3f}")
        elif key == "ph" and 0 <= x <= 14:
            parts = [f"{k} {extraction.neutral_fraction(v, x):.2g}" for k, v in self.controller.plan.model.pka.items()]
            self.hover.setText(f"pH {x:.1f}: neutral " + ", ".join(parts))

    # -- export -------------------------------------------------------------------------------
    def export_figure(self) -> None:
        key = self.current_key()
        if key in NOT_PLOTS:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export figure", str(Path.home() / f"distribution-{key}.png"),
                                              "PNG image (*.png);;SVG vector (*.svg)")
        if path:
            try:
                self.save_figure(Path(path))
            except OSError as exc:  # a WriteError: what failed, and that the previous file is unchanged
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.warning(self, "Export figure", f"{path} was not written: {exc.strerror or exc}")

    def save_figure(self, path: Path) -> None:
        """The figure as PNG or SVG, written like every file the app writes (`safe_write`)."""
        from dzp_planner.core.io.safe_write import atomic_write_bytes

        if self.unavailable:
            raise RuntimeError(f"the plot cannot be drawn: {self.unavailable}")
        key = self.current_key()
        if key not in NOT_PLOTS and key not in self.host.canvases:  # a stored picture on screen, or nothing yet
            self._draw_current()
        fmt = "svg" if path.suffix.lower() == ".svg" else "png"
        atomic_write_bytes(path, self.host.figure_bytes(key if key not in NOT_PLOTS else "equiv", fmt))
