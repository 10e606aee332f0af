"""The product-distribution panel: SM / mono / bis, selectivity vs excess, the pH switch, mixing.

A thin view: the numbers come from `core.kinetics`, `core.extraction` and `core.mixing`, the
drawing from `gui.figures`. k2/k1 and the equivalents are plan data, so moving the slider is
an undoable edit (consecutive slider moves merge into one step) and the marker follows the
reaction table. The mixing model runs on a worker thread so the window never freezes.

At start-up matplotlib loads on a background thread; meanwhile the plot appears from the
picture stored when it was last drawn (`plot_snapshots`), and the live canvas then takes its place.
"""

from __future__ import annotations

import logging
import math
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dzp_planner.gui import crash_handler
from dzp_planner.gui.plan_controller import PlanController

log = logging.getLogger(__name__)

R_MIN, R_MAX, SLIDER_STEPS = 0.05, 20.0, 400
PICTURED_TAB = "equiv"  # the tab a start shows, so the one whose picture is worth storing


def r_to_slider(r: float) -> int:
    return round((math.log(r) - math.log(R_MIN)) / (math.log(R_MAX) - math.log(R_MIN)) * SLIDER_STEPS)


def slider_to_r(value: int) -> float:
    return round(math.exp(math.log(R_MIN) + value / SLIDER_STEPS * (math.log(R_MAX) - math.log(R_MIN))), 3)


class _MixingSignals(QObject):
    finished = Signal(object, object)  # result or None, error text or None


class _MixingJob(QRunnable):
    def __init__(self, inputs) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.inputs = inputs
        self.signals = _MixingSignals()

    def run(self) -> None:
        from dzp_planner.core import mixing

        try:
            result = mixing.simulate(self.inputs)
            self.signals.finished.emit((result, mixing.sweep(self.inputs)), None)
        except Exception as exc:  # noqa: BLE001 - reported in the panel, never raised on the worker
            self.signals.finished.emit(None, str(exc))


class _PlotLibraryLoader(QObject):
    """Imports matplotlib and the figure code on a plain thread while the window stays live.

    Only once every panel is on screen: importing RDKit, numpy and matplotlib on a thread from
    process start made the first paint 4.5x a bare window instead of 1.9x (the import holds
    the GIL). A main-thread draw that needs matplotlib meanwhile simply waits for the import
    lock. The loader has no Qt parent: the thread keeps it alive, so it is never deleted
    under the emit, and the queued connection dies with the panel.
    """

    finished = Signal(str)  # "" when loaded, else the error

    def start(self) -> None:
        # not a daemon: an interpreter must not shut down under a half-done import
        threading.Thread(target=self._load, name="dzp-load-matplotlib").start()

    def _load(self) -> None:
        error = ""
        try:
            import matplotlib.backends.backend_qtagg
            import matplotlib.figure  # noqa: F401

            from dzp_planner.gui import figures  # noqa: F401
        except Exception as exc:  # noqa: BLE001 - said where the plot would be (_show_unavailable)
            log.warning("loading matplotlib in the background failed: %s", exc)
            error = str(exc) or type(exc).__name__
        try:
            self.finished.emit(error)
        except RuntimeError:  # the window closed while the import ran
            pass


class _OnFirstPaint(QObject):
    """Runs `action` once, just after `widget` is next painted (or after a short wait if it is not)."""

    FALLBACK_MS = 250  # a minimised or covered window may not paint: do not wait for it forever

    def __init__(self, widget: QWidget, action: Callable[[], None]) -> None:
        super().__init__(widget)  # dies with the widget, like its filter
        self._action: Callable[[], None] | None = action
        widget.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._fire)

    @crash_handler.guarded
    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self._action is not None:
            QTimer.singleShot(0, self, self._fire)  # after this paint has finished
        return False

    def _fire(self) -> None:
        action, self._action = self._action, None
        if action is not None:
            action()


class DistributionPanel(QWidget):
    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._canvases: dict[str, object] = {}
        self._artists = None
        self._background = None
        self._draw_hook = None
        self._drawn: tuple | None = None
        self._rendered = False  # a canvas has finished a draw (the picture exists, not just scheduled)
        self._freeze_layout = False
        self._snapshot_state: tuple | None = None  # inputs of the stored picture on screen, if one is
        self.started_from_picture = False  # the start-up showed a stored picture (the self-test reports it)
        self._loader: _PlotLibraryLoader | None = None
        self.unavailable: str | None = None  # why the plot cannot be drawn (matplotlib failed to load), if so
        self._snapshot_timer = QTimer(self)  # store the picture once the plot has settled
        self._snapshot_timer.setSingleShot(True)
        self._snapshot_timer.setInterval(1000)
        self._snapshot_timer.timeout.connect(self.store_snapshot)
        self._laid_out_at: tuple[int, int] | None = None  # canvas size the frozen layout was solved for
        self._relayout_timer = QTimer(self)  # one layout solve once a resize drag has stopped
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(200)
        self._relayout_timer.timeout.connect(self._relayout)
        self._redraw_timer = QTimer(self)  # a full redraw after an edit, coalesced and off the edit's own turn
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(0)
        self._redraw_timer.timeout.connect(self._draw_current)
        self._store_pool = QThreadPool(self)  # PNG encoding off the GUI thread (70–80 ms at 2x scale)
        self._store_pool.setMaxThreadCount(1)
        self._build_controls()
        controller.sectionChanged.connect(self._on_section)
        # another plan: the values at once, the drawing in a turn of its own, so opening a plan is
        # two short waits (the other panels, then this figure) instead of one long one
        controller.planReplaced.connect(self.clear_readout)
        controller.planReplaced.connect(self.show_values)
        controller.planReplaced.connect(lambda: QTimer.singleShot(0, self, self._draw_current))

    # -- layout ------------------------------------------------------------------------
    def _build_controls(self) -> None:
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
        from dzp_planner.core.presets import PRESETS  # numpy-free: the panel is built before the first paint

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
        self.export_button = QPushButton("Export figure…", self)
        self.export_button.setToolTip("Save the current view as PNG or SVG")
        self.export_button.clicked.connect(self.export_figure)
        self.hover = QLabel(" ", self)  # the read-out of the excess and pH plots (the equivalents plot has it inside)
        self.hover.setObjectName("hoverLabel")
        self.hover.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel("k2/k1", self))
        row.addWidget(self.r_slider, 2)
        row.addWidget(self.r_spin)
        row.addWidget(self.presets)
        row2 = QHBoxLayout()
        row2.addWidget(QLabel("electrophile", self))
        row2.addWidget(self.equiv_spin)
        row2.addWidget(self.equiv_source)
        row2.addWidget(self.clear_override)
        row2.addStretch(1)
        row2.addWidget(self.export_button)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("distributionTabs")
        for key, title in (("equiv", "vs equivalents"), ("ratio", "vs excess"), ("ph", "pH switch"), ("mixing", "mixing")):
            page = QWidget(self)
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(page, title)
            page.setObjectName(f"{key}Page")
        self.tabs.currentChanged.connect(lambda _i: (self.clear_readout(), self._draw_current()))
        self._build_mixing_controls(self.tabs.widget(3))
        self._build_pka_controls(self.tabs.widget(2))
        # until matplotlib is loaded (the slowest part of start-up) each plot page says so
        self._placeholders: dict[str, QLabel] = {}
        for index, key in enumerate(("equiv", "ratio", "ph")):
            page = self.tabs.widget(index)
            placeholder = QLabel("Drawing the plot…", page)
            placeholder.setObjectName(f"{key}Placeholder")
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            placeholder.setEnabled(False)  # drawn in the palette's disabled (grey) text colour
            placeholder.setMinimumSize(1, 1)  # a stored picture in it must not hold the dock open
            page.layout().addWidget(placeholder, 1)
            self._placeholders[key] = placeholder
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(row2)
        layout.addWidget(self.model_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.hover)

    def _build_mixing_controls(self, page: QWidget) -> None:
        from dzp_planner.core.mixing import CAVEAT

        form = QFormLayout()
        self.mix_time = self._duration(0.0, 1e4, 1.0, "Feed-zone exchange time: seconds for a stirred flask, longer for a viscous or badly stirred mixture (saved in the plan)")
        self.mix_k1 = self._spin(1e-4, 1e6, 1.0, " L/(mol·s)", "k1 of the first reaction (illustrative unless measured; saved in the plan)", 3)
        self.mix_conc = self._spin(1e-4, 10.0, 0.5, " M", "Substrate concentration, from the reaction table", 3)
        self.mix_conc.setReadOnly(True)
        self.mix_add = self._duration(0.0, 1e6, 3600.0, "Addition time, e.g. 1 h or 45 min (saved in the plan; from the plan's dropwise addition when it has one)")
        for spin, field in ((self.mix_time, "mixing_time_s"), (self.mix_k1, "rate_constant_m_s"), (self.mix_add, "addition_time_s")):
            spin.editingFinished.connect(lambda s=spin, f=field: self._mixing_input_edited(f, s.value()))
        for label, spin in (("mixing time", self.mix_time), ("k1", self.mix_k1), ("concentration", self.mix_conc), ("addition time", self.mix_add)):
            form.addRow(label, spin)
        self.mix_run = QPushButton("Run mixing model", page)
        self.mix_run.setObjectName("runMixing")
        self.mix_run.clicked.connect(self.run_mixing)
        self.mix_result = QLabel("", page)
        self.mix_result.setObjectName("mixingResult")
        self.mix_result.setWordWrap(True)
        caveat = QLabel(f"<i>{CAVEAT}</i>", page)
        caveat.setWordWrap(True)
        box = page.layout()
        box.addLayout(form)
        box.addWidget(self.mix_run)
        box.addWidget(self.mix_result)
        box.addWidget(caveat)
        box.addStretch(1)

    def _build_pka_controls(self, page: QWidget) -> None:
        """Editable pKa values, each with its source in the tooltip (they are inputs, not facts)."""
        from dzp_planner.core.extraction import DEFAULT_SPECIES

        self.pka_edits: dict[str, QLineEdit] = {}
        from dzp_planner.gui.flow_layout import FlowLayout

        row = FlowLayout(spacing=6)  # each species with its field; wraps in a narrow dock, never cuts a value
        for key, species in DEFAULT_SPECIES.items():
            edit = QLineEdit(page)
            edit.setObjectName(f"pka_{key}")
            edit.setToolTip(f"pKa values of {species.name}, separated by spaces. Source: {species.source}")
            edit.setPlaceholderText("not basic" if not species.pka else "")
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("10.41 6.70") + 16)
            edit.editingFinished.connect(lambda k=key: self._pka_edited(k))
            group = QWidget(page)
            group_row = QHBoxLayout(group)
            group_row.setContentsMargins(0, 0, 0, 0)
            group_row.addWidget(QLabel(f"{species.name}:", group))
            group_row.addWidget(edit)
            row.addWidget(group)
            self.pka_edits[key] = edit
        self.pka_message = QLabel("", page)
        self.pka_message.setStyleSheet("color: #b00020")
        page.layout().addLayout(row)
        page.layout().addWidget(self.pka_message)

    def _pka_edited(self, key: str) -> None:
        from dzp_planner.core.errors import UserInputError
        from dzp_planner.core.plan_edits import model_changes, parse_pka

        try:
            values = parse_pka(self.pka_edits[key].text(), key)
        except UserInputError as exc:
            self.pka_message.setText(str(exc))
            return
        self.pka_message.setText("")
        if values == sorted(self.controller.plan.model.pka.get(key, []), reverse=True):
            return
        self.controller.edit("model", model_changes(self.controller.plan, pka={key: values}), f"Set pKa of {key}")

    def _mixing_input_edited(self, field: str, value: float) -> None:
        from dzp_planner.core.plan_edits import model_changes

        if abs(getattr(self.controller.plan.model, field) - value) < 1e-12:
            return
        self.controller.edit("model", model_changes(self.controller.plan, **{field: value}), f"Set {field.split('_')[0]} input of the mixing model")

    def _duration(self, lo: float, hi: float, value: float, tip: str) -> QDoubleSpinBox:
        from dzp_planner.gui.duration_spin_box import DurationSpinBox

        spin = DurationSpinBox(self)
        spin.setRange(lo, hi)
        spin.setValue(value)
        spin.setToolTip(tip)
        return spin

    def _spin(self, lo: float, hi: float, value: float, suffix: str, tip: str, decimals: int = 3) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(lo, hi)
        spin.setDecimals(decimals)
        spin.setValue(value)
        spin.setSuffix(suffix)
        spin.setToolTip(tip)
        return spin

    # -- plan ↔ controls --------------------------------------------------------------------
    def _derived(self):  # type: ignore[no-untyped-def]
        from dzp_planner.core.derivation import derive

        return derive(self.controller.plan)

    def _equiv(self) -> float | None:
        return self._derived().distribution.electrophile_equiv

    def _model_kind(self) -> str:
        return self._derived().distribution.model

    def _set_r(self, r: float) -> None:
        if r is None or not R_MIN <= r <= R_MAX or abs(r - self.controller.plan.model.k2_k1) < 1e-9:
            return
        model = self.controller.plan.get_section("model")
        model.k2_k1 = float(r)
        self.controller.edit("model", model, f"Set k2/k1 to {r:g}", merge_key="k2_k1")

    def _equiv_edited(self) -> None:
        from dzp_planner.core.plan_edits import model_changes

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
        from dzp_planner.core.plan_edits import model_changes

        if self.controller.plan.model.electrophile_equiv is not None:
            self.controller.edit("model", model_changes(self.controller.plan, electrophile_equiv=None),
                                 "Clear the plot's electrophile equivalents")

    def _on_section(self, section: str) -> None:
        if section not in ("model", "components", "procedure", "substrate"):
            return
        self.show_values()
        if self._artists is not None and self._current_key() == "equiv" and self._artists.model == self._model_kind():
            self._draw_current()  # a slider step or a table edit: the fast path (blit) at once
        else:
            self._redraw_timer.start()  # a whole new figure: in its own event-loop turn, once per burst of edits

    def is_populated(self) -> bool:
        mixing = self.tabs.currentIndex() == 3  # the mixing tab computes on request
        return self._drawn is not None and self._drawn[0] == self.controller.plan.model.k2_k1 and (
            self._rendered or mixing or self.shows_stored_picture())

    def refresh(self) -> None:
        self.show_values()
        self._draw_current()

    def shows_stored_picture(self) -> bool:
        """True while the plot on screen is the stored picture, before the live canvas."""
        return self._snapshot_state is not None and self._drawn == self._snapshot_state

    def is_live(self) -> bool:
        """The current tab shows a live canvas, drawn from the plan as it is now (never, if `unavailable`)."""
        key = self._current_key()
        return key == "mixing" or (key in self._canvases and self._rendered and self._drawn == self._state())

    def draw_at_start(self) -> None:
        """The start-up's draw: the stored picture of this very plot, then the live canvas.

        matplotlib loads in the background, so the window answers clicks meanwhile; until it
        is ready the plot page shows the picture stored when this plot was last drawn, or says
        it is drawing when there is none. Any edit, tab change or export before then draws
        live at once (waiting for the import to finish).
        """
        if self._current_key() == "mixing" or "matplotlib.backends.backend_qtagg" in sys.modules:
            self._draw_current()  # nothing to wait for
            return
        try:
            self.started_from_picture = self._show_snapshot()
        except Exception:  # a cache must never cost the plot
            log.warning("the stored plot picture could not be shown", exc_info=True)
        self._loader = _PlotLibraryLoader()
        self._loader.finished.connect(self._library_loaded, Qt.ConnectionType.QueuedConnection)
        if self.started_from_picture:
            # the import holds the GIL and would hold up painting: the picture reaches the screen first
            _OnFirstPaint(self._placeholders[PICTURED_TAB], self._loader.start)
        else:
            self._loader.start()

    def _current_key(self) -> str:
        return ("equiv", "ratio", "ph", "mixing")[self.tabs.currentIndex()]

    def _state(self) -> tuple:
        """Everything the current tab's picture depends on: the plan's inputs and the palette."""
        plan = self.controller.plan
        return (plan.model.k2_k1, self._equiv(), self._current_key(), tuple((k, tuple(v)) for k, v in plan.model.pka.items()),
                self._model_kind(), self._palette_names())

    def _palette_names(self) -> tuple[str, str, str]:
        from PySide6.QtGui import QPalette

        palette = self.palette()
        return tuple(palette.color(role).name() for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base,  # type: ignore[return-value]
                                                             QPalette.ColorRole.WindowText))

    def _show_snapshot(self) -> bool:
        key = self._current_key()
        placeholder = self._placeholders.get(key)
        if key != PICTURED_TAB or placeholder is None or key in self._canvases or not placeholder.isVisible():
            return False  # another tab, already live, or a hidden dock (its size is made up)
        from PySide6.QtWidgets import QApplication

        from dzp_planner.gui import plot_snapshots

        # the panels filled just before this one changed their size hints; let the window lay
        # itself out now, or the size measured here is not the one the plot will have
        for _ in range(4):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        state = self._state()
        scale = placeholder.devicePixelRatioF()
        pixmap = plot_snapshots.load(plot_snapshots.key(state, placeholder.width(), placeholder.height(), scale),
                                     placeholder.width(), placeholder.height(), scale)
        if pixmap is None:
            return False
        placeholder.setEnabled(True)  # a disabled label would grey the picture out
        placeholder.setPixmap(pixmap)
        placeholder.setToolTip("The plot as last drawn; it becomes interactive in a moment")
        self._drawn = self._snapshot_state = state
        return True

    def _library_loaded(self, error: str) -> None:
        self._loader = None
        if error:
            self._show_unavailable(error)
            return
        key = self._current_key()
        if key != "mixing" and key not in self._canvases:
            try:
                self._draw_current()  # the live canvas takes the place of the picture or the placeholder
            except Exception:  # noqa: BLE001 - a slot: reported like any panel that fails to refresh
                crash_handler.handle_exception(*sys.exc_info())  # type: ignore[arg-type]

    def _show_unavailable(self, error: str) -> None:
        """matplotlib cannot be loaded (a damaged installation): say so where the plot would be.

        Said once: edits, slider steps and tab switches then leave the plot alone, instead of
        failing the import again (a crash dialog per keystroke), and the table, tree and
        editor go on working.
        """
        self.unavailable = error
        self._snapshot_state = None  # a picture that can never become live must not pass for the plot
        self.export_button.setEnabled(False)
        self.export_button.setToolTip("No figure to export: the plotting library failed to load")
        for placeholder in self._placeholders.values():
            placeholder.clear()
            placeholder.setEnabled(True)
            placeholder.setWordWrap(True)
            placeholder.setText(f"The plot cannot be drawn: the plotting library failed to load ({error}). "
                                "Reinstall DZP Planner; the other panels work as usual.")

    def store_snapshot(self) -> None:
        """Keep the picture on screen for the next start, if it shows the plan as it is now.

        Only the tab a start shows. The grab is on the GUI thread (widgets live there); the
        encoding and writing on a worker. A picture of the same key is written again, so a
        changed look (a new matplotlib, an edited figure) heals after one start.
        """
        key = self._current_key()
        canvas = self._canvases.get(key)
        if key != PICTURED_TAB or canvas is None or not canvas.isVisible() or self._drawn != self._state():
            return
        from dzp_planner.gui import plot_snapshots

        scale = canvas.devicePixelRatioF()
        key_text = plot_snapshots.key(self._drawn, canvas.width(), canvas.height(), scale)
        image = canvas.grab().toImage()

        def write() -> None:
            try:
                plot_snapshots.store(key_text, image)
            except Exception:  # a worker: nothing may escape it, and a cache is never worth a crash
                log.warning("the plot picture was not stored", exc_info=True)

        self._store_pool.start(write)

    def flush_snapshot(self) -> None:
        """Closing: store a picture that is still waiting for the plot to settle, and finish writing."""
        if self._snapshot_timer.isActive():
            self._snapshot_timer.stop()
            self.store_snapshot()
        self._store_pool.waitForDone(2000)

    def show_values(self) -> None:
        """The controls from the plan (k2/k1, equivalents, pKa, mixing inputs); no drawing.

        Cheap and matplotlib-free, so the start-up sets them before the plot is drawn: the
        panel never shows the slider's default next to a plan that says otherwise.
        """
        plan = self.controller.plan
        r = plan.model.k2_k1
        for widget, value in ((self.r_slider, r_to_slider(min(max(r, R_MIN), R_MAX))), (self.r_spin, r)):
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)
        # the preset box names the plan's k2/k1 when it is a preset's, else says "preset…" (never a stale name)
        index = next((i for i in range(1, self.presets.count()) if abs(self.presets.itemData(i) - r) < 1e-9), 0)
        self.presets.setCurrentIndex(index)
        derived = self._derived()
        state = derived.distribution
        self.equiv_spin.blockSignals(True)
        self.equiv_spin.setValue(state.electrophile_equiv or 0.0)
        self.equiv_spin.blockSignals(False)
        override = state.equiv_source == "override"
        self.clear_override.setVisible(override)
        self.equiv_source.setText({"table": "(table)", "override": "(set here)", "none": "(none)"}[state.equiv_source])
        self.equiv_source.setToolTip({"table": "The equivalents come from the reaction table's electrophile row",
                                      "override": "Set here: the table has no electrophile row (Clear forgets it)",
                                      "none": "The table has no electrophile row: type the equivalents to plot"}[state.equiv_source])
        self.model_label.setText(state.caveat)
        for key, edit in self.pka_edits.items():
            if not edit.hasFocus():
                edit.setText(" ".join(f"{v:g}" for v in plan.model.pka.get(key, [])))
        table = derived.table
        self.mix_conc.setValue(table.concentration_m or 0.1)
        self.mix_conc.setToolTip("Substrate concentration, from the reaction table" if table.concentration_m else
                                 "No reaction concentration in the table (give the solvent a volume): 0.1 M assumed")
        for spin, value in ((self.mix_time, plan.model.mixing_time_s), (self.mix_k1, plan.model.rate_constant_m_s)):
            if not spin.hasFocus():
                spin.setValue(value)
        from_table = table.addition is not None and table.addition.time_s
        self.mix_add.setReadOnly(bool(from_table))
        if not self.mix_add.hasFocus():
            self.mix_add.setValue(table.addition.time_s if from_table else plan.model.addition_time_s)

    # -- drawing ----------------------------------------------------------------------------
    def _canvas(self, key: str):  # type: ignore[no-untyped-def]
        if key not in self._canvases:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            canvas = FigureCanvasQTAgg(Figure(figsize=(4.6, 3.4), layout="constrained"))
            canvas.setObjectName(f"{key}Canvas")
            canvas.mpl_connect("motion_notify_event", self._on_hover)
            canvas.mpl_connect("draw_event", self._on_drawn)
            if key == "equiv":
                canvas.mpl_connect("resize_event", self._on_resized)
            page = self.tabs.widget(("equiv", "ratio", "ph").index(key))
            placeholder = self._placeholders.pop(key)
            page.layout().replaceWidget(placeholder, canvas)
            placeholder.deleteLater()
            if placeholder.pixmap() is not None and not placeholder.pixmap().isNull():
                self._snapshot_state = None  # the picture is gone from the screen
            self._canvases[key] = canvas
        return self._canvases[key]

    def _draw_current(self) -> None:
        plan = self.controller.plan
        state = self._state()
        r, equiv, key = state[:3]
        model_kind = state[4]
        if key == "mixing" or self.unavailable:  # the message stays; no edit retries the import
            self._drawn = state
            return
        from dzp_planner.gui import figures

        canvas = self._canvas(key)
        figure = canvas.figure
        if key == "equiv" and self._artists is not None and self._artists.model == model_kind:
            figures.update_distribution(self._artists, r, equiv, model_kind)  # fast path for sliders: blit
            self._blit(canvas)
            self._drawn = state
            return
        # another model (a one-site substrate opened after the parent) redraws the figure;
        # at the size it was laid out for, with a title as tall, the solved layout still
        # fits: reuse it (constrained layout costs ~50 ms of a ~100 ms redraw)
        keep = None
        if key == "equiv" and self._artists is not None and figure.axes and \
                self._laid_out_at == (canvas.width(), canvas.height()):
            keep = (figure.axes[0].get_position(), self._artists.title.get_text().count("\n"))
        figure.clear()
        ax = figure.add_subplot()
        if key == "equiv":
            self._artists = figures.draw_distribution(ax, r, equiv, model_kind)
            self._apply_palette(figure)
            if keep is not None and keep[1] == self._artists.title.get_text().count("\n"):
                ax.set_position(keep[0])
                figure.set_layout_engine("none")
            else:
                # lay out once, at the first draw, then freeze (_on_drawn): constrained layout
                # re-solves on every draw (~70 ms), and a slider only moves data
                figure.set_layout_engine("constrained")
                self._freeze_layout = True
            for artist in self._dynamic():
                artist.set_animated(True)  # drawn by _blit, not by the full draw
            if self._draw_hook is None:
                self._draw_hook = canvas.mpl_connect("draw_event", lambda _e: self._capture(canvas))
        elif key == "ratio":
            figures.draw_selectivity(ax, r)
        else:
            figures.draw_ph_switch(ax, plan.model.pka)
        self._apply_palette(figure)
        # one draw, once Qt has given the new canvas its size (drawing now would draw twice)
        canvas.draw_idle()
        self._drawn = state

    def _apply_palette(self, figure) -> None:  # type: ignore[no-untyped-def]
        from dzp_planner.gui import figures

        figures.apply_palette(figure, *self._palette_names())

    def _dynamic(self) -> list:
        a = self._artists
        return [] if a is None else [a.sm, a.mono, a.bis, a.marker, a.marker_text, a.optimum, a.title, a.readout]

    def _on_resized(self, event) -> None:  # type: ignore[no-untyped-def]
        """Lay the figure out again at its new size once the resizing stops, then freeze it again.

        A layout frozen at the first size leaves the margins of that size, and the picture
        stored after a resize would then differ from a fresh draw at the same size. Solving it
        on every frame of a drag made each frame 35 % slower, so the drag uses the frozen layout.
        """
        if self._artists is not None and (event.canvas.width(), event.canvas.height()) != self._laid_out_at:
            self._relayout_timer.start()

    def _relayout(self) -> None:
        canvas = self._canvases.get("equiv")
        if canvas is None or self._artists is None or (canvas.width(), canvas.height()) == self._laid_out_at:
            return  # back at the size the layout was solved for (or never drawn): nothing to solve
        canvas.figure.set_layout_engine("constrained")
        self._freeze_layout = True  # frozen again by _on_drawn after this draw
        canvas.draw_idle()

    @crash_handler.guarded
    def changeEvent(self, event) -> None:
        """A new palette (the desktop switched to dark) recolours the figure: a full redraw."""
        super().changeEvent(event)
        figure_colours_changed = self._drawn is not None and self._drawn[-1] != self._palette_names()
        if event.type() == QEvent.Type.PaletteChange and self._canvases and figure_colours_changed:
            self._artists = None  # the slider's fast path only moves data
            self._draw_current()

    def _on_drawn(self, event) -> None:  # type: ignore[no-untyped-def]
        self._rendered = True
        self._snapshot_timer.start()
        # only the equivalents figure is frozen (its slider blits); a hidden dock draws at a made-up size
        if self._freeze_layout and event.canvas is self._canvases.get("equiv") and event.canvas.isVisible():
            self._freeze_layout = False
            self._laid_out_at = (event.canvas.width(), event.canvas.height())
            event.canvas.figure.set_layout_engine("none")

    def _capture(self, canvas) -> None:  # type: ignore[no-untyped-def]
        """After a full draw (first show, resize): keep the static picture, then add the moving parts."""
        self._background = canvas.copy_from_bbox(canvas.figure.bbox)
        self._draw_dynamic(canvas)

    def _draw_dynamic(self, canvas) -> None:  # type: ignore[no-untyped-def]
        figure = canvas.figure
        for artist in self._dynamic():
            figure.draw_artist(artist)

    def _blit(self, canvas) -> None:  # type: ignore[no-untyped-def]
        """Redraw only the curves, marker and title over the cached axes (a slider step)."""
        if self._background is None:
            canvas.draw()
            return
        canvas.restore_region(self._background)
        self._draw_dynamic(canvas)
        canvas.blit(canvas.figure.bbox)
        self._snapshot_timer.start()

    def clear_readout(self) -> None:
        """Another plan or another tab: the read-out of the previous one must not stay."""
        self.hover.setText(" ")
        if self._artists is not None:
            from dzp_planner.gui import figures

            figures.show_readout(self._artists, 0.0, None)

    def _on_hover(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.inaxes is None or event.xdata is None:
            return
        key = self._current_key()
        r = self.controller.plan.model.k2_k1
        from dzp_planner.core import extraction, kinetics

        if key == "equiv" and 0 <= event.xdata <= 2.5 and self._artists is not None:
            from dzp_planner.gui import figures

            figures.show_readout(self._artists, r, float(event.xdata))  # inside the figure, drawn with the moving parts
            self._blit(self._canvases["equiv"])
        elif key == "ratio" and event.xdata >= 1:
            s = kinetics.distribution_for_ratio(float(event.xdata), r).mono_selectivity
            self.hover.setText(f"{event.xdata:.1f}:1 → mono selectivity {s:.3f}")
        elif key == "ph" and 0 <= event.xdata <= 14:
            parts = [f"{k} {extraction.neutral_fraction(v, float(event.xdata)):.2g}" for k, v in self.controller.plan.model.pka.items()]
            self.hover.setText(f"pH {event.xdata:.1f}: neutral " + ", ".join(parts))

    # -- actions --------------------------------------------------------------------------------
    def run_mixing(self) -> None:
        from dzp_planner.core.mixing import MixingInputs

        equiv = self._equiv() or 1.0
        plan = self.controller.plan
        inputs = MixingInputs(
            concentration_m=self.mix_conc.value(), electrophile_equiv=equiv, addition_time_s=self.mix_add.value(),
            mixing_time_s=plan.model.mixing_time_s, k1=plan.model.rate_constant_m_s, k2_k1=plan.model.k2_k1,
        )
        self.mix_run.setEnabled(False)
        self.mix_result.setText("Running the mixing model…")
        self._job = _MixingJob(inputs)
        self._job.signals.finished.connect(self._mixing_done)
        QThreadPool.globalInstance().start(self._job)

    def _mixing_done(self, result, error) -> None:  # type: ignore[no-untyped-def]
        from dzp_planner.core import kinetics

        self.mix_run.setEnabled(True)
        if error:
            self.mix_result.setText(f"<span style='color:#b00020'>{error}</span>")
            return
        result, swept = result
        batch = kinetics.distribution(self._equiv() or 1.0, self.controller.plan.model.k2_k1)
        self.mix_result.setText(
            f"<b>This flask:</b> SM {result.sm:.1%}, mono {result.mono:.1%}, bis {result.bis:.1%} · "
            f"<b>ideal mixing:</b> bis {batch.bis:.1%} · Damköhler number {result.damkohler:.3g}: {result.regime}."
        )
        self._draw_mixing(swept)

    def _draw_mixing(self, swept) -> None:  # type: ignore[no-untyped-def]
        """bis against addition time, for this flask's mixing and a ten times slower one (matplotlib is loaded by now)."""
        if self.unavailable:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from dzp_planner.gui import figures

        if "mixing" not in self._canvases:
            canvas = FigureCanvasQTAgg(Figure(figsize=(4.6, 2.6), layout="constrained"))
            canvas.setObjectName("mixingCanvas")
            canvas.setMinimumHeight(180)
            page_layout = self.tabs.widget(3).layout()
            page_layout.insertWidget(page_layout.count() - 1, canvas, 1)
            page_layout.setStretch(page_layout.count() - 1, 0)  # the plot takes the page's free height, not a spacer
            self._canvases["mixing"] = canvas
        canvas = self._canvases["mixing"]
        canvas.figure.clear()
        figures.draw_mixing(canvas.figure.add_subplot(), swept, self.mix_add.value())
        self._apply_palette(canvas.figure)
        canvas.draw_idle()

    def export_figure(self) -> None:
        key = self._current_key()
        if key == "mixing":
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export figure", str(Path.home() / f"distribution-{key}.png"), "PNG image (*.png);;SVG vector (*.svg)")
        if path:
            try:
                self.save_figure(Path(path))
            except OSError as exc:  # a WriteError: what failed, and that the previous file is unchanged
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.warning(self, "Export figure", f"{path} was not written: {exc.strerror or exc}")

    def save_figure(self, path: Path) -> None:
        """The figure as PNG or SVG, written like every file the app writes (`safe_write`)."""
        import io

        from dzp_planner.core.safe_write import atomic_write_bytes

        if self.unavailable:
            raise RuntimeError(f"the plot cannot be drawn: {self.unavailable}")
        key = self._current_key()
        if key != "mixing" and key not in self._canvases:  # a stored picture on screen, or nothing yet
            self._draw_current()
        canvas = self._canvas(key if key != "mixing" else "equiv")
        fmt = "svg" if path.suffix.lower() == ".svg" else "png"
        animated = [a for a in self._dynamic() if a.get_animated()]
        for artist in animated:  # a saved figure must include the moving parts
            artist.set_animated(False)
        buffer = io.BytesIO()
        try:
            canvas.figure.savefig(buffer, format=fmt, dpi=200)
        finally:
            for artist in animated:
                artist.set_animated(True)
            canvas.draw_idle()
        atomic_write_bytes(path, buffer.getvalue())
