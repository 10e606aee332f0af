"""The matplotlib canvases of the plot tabs: drawing, the slider's blitting, a layout solved once.

Why this is its own room: a slider step must cost a few milliseconds, so the equivalents figure
is drawn in full once, its layout frozen, and only its moving parts (curves, marker, title,
read-out) are redrawn over a cached background. That bookkeeping (the frozen layout, when to
solve it again after a resize, the cached background) lives here and nowhere else; the panel
only says what to draw.

Until a tab is first drawn its page holds a placeholder label ("Drawing the plot…", or the
stored start-up picture); the first draw puts the live canvas in its place.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout

from dzp_planner.gui.widgets.turns import turn_queue

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PLOT_KEYS = ("equiv", "ratio", "ph")  # the tabs drawn here, in tab order (the mixing tab draws its own)
Palette = tuple[str, str, str]  # window, base and text colours as #rrggbb


class CanvasHost(QObject):
    """Owns the three figure canvases and draws them; tells the panel when a picture settles."""

    painted = Signal()  # a draw or a blit finished: the plot on screen changed
    hovered = Signal(str, float)  # the tab's key and the x value under the mouse
    picture_replaced = Signal()  # the stored start-up picture left the screen

    def __init__(self, tabs: QTabWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tabs = tabs
        self.canvases: dict[str, Any] = {}
        self.artists: Any = None  # figures.DistributionArtists of the equivalents figure
        self.rendered = False  # a canvas has finished a draw (the picture exists, not just scheduled)
        self.freeze_layout = False
        self.laid_out_at: tuple[int, int] | None = None  # canvas size the frozen layout was solved for
        self._background: Any = None
        self._draw_hook: Any = None
        self._blit_canvas: Any = None
        self._blit_timer = QTimer(self)
        self._blit_timer.setSingleShot(True)
        self._blit_timer.setInterval(1)  # a timer, not a posted call: see draw_soon
        self._blit_timer.timeout.connect(self._blit_now)
        self._draw_pending: set[Any] = set()
        self._solving: set[Any] = set()
        self._capture_pending: set[Any] = set()  # rendered without its moving parts; they are added on the next turn
        self._staging: Any = None  # the canvas whose static picture is being rendered (_draw_now)
        self.relayout_timer = QTimer(self)  # one layout solve once a resize drag has stopped
        self.relayout_timer.setSingleShot(True)
        self.relayout_timer.setInterval(200)
        self.relayout_timer.timeout.connect(self.relayout)
        self.placeholders: dict[str, QLabel] = {}
        for index, key in enumerate(PLOT_KEYS):  # until matplotlib is loaded each plot page says so
            page = tabs.widget(index)
            placeholder = QLabel("Drawing the plot…", page)
            placeholder.setObjectName(f"{key}Placeholder")
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            placeholder.setEnabled(False)  # drawn in the palette's disabled (grey) text colour
            placeholder.setMinimumSize(1, 1)  # a stored picture in it must not hold the dock open
            box = page.layout()
            assert isinstance(box, QVBoxLayout)  # the panel gives each plot page one
            box.addWidget(placeholder, 1)
            self.placeholders[key] = placeholder

    def canvas(self, key: str) -> Any:
        """The live canvas of a tab, created (in place of its placeholder) on first use."""
        if key not in self.canvases:
            import matplotlib
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            # unhinted text: the same glyphs, a touch softer at screen size, and a full draw of the
            # equivalents figure in 60 ms where FreeType's hinting took 96 (text is half of a draw)
            matplotlib.rcParams["text.hinting"] = "no_hinting"
            canvas = FigureCanvasQTAgg(Figure(figsize=(4.6, 3.4), layout="constrained"))
            canvas.setObjectName(f"{key}Canvas")
            canvas.mpl_connect("motion_notify_event", partial(self._on_motion, key))
            canvas.mpl_connect("draw_event", self._on_drawn)
            if key == "equiv":
                canvas.mpl_connect("resize_event", self._on_resized)
            page = self.tabs.widget(PLOT_KEYS.index(key))
            placeholder = self.placeholders.pop(key)
            page.layout().replaceWidget(placeholder, canvas)
            placeholder.deleteLater()
            if placeholder.pixmap() is not None and not placeholder.pixmap().isNull():
                self.picture_replaced.emit()
            self.canvases[key] = canvas
        return self.canvases[key]

    def can_move_only(self, model_kind: str, observed: Any = None) -> bool:
        """The equivalents figure is drawn for this model and these runs: a slider step only moves its data."""
        key = observed.key() if observed is not None else ""
        return self.artists is not None and self.artists.model == model_kind and self.artists.observed_key == key

    def draw(self, key: str, r: float, equiv: float | None, model_kind: str, pka: dict[str, list[float]], palette: Palette,
             observed: Any = None, source: str = "", acid: Any = None, sites: Any = None) -> None:
        """Draw a tab; `observed` (figures.Observed), `source` (where k2/k1 comes from) and `sites` (checks.SiteRates,
        two different sites) are the equivalents plot's."""
        from dzp_planner.gui.plot import figures

        canvas = self.canvas(key)
        figure = canvas.figure
        if key == "equiv" and self.can_move_only(model_kind, observed):
            figures.update_distribution(self.artists, r, equiv, model_kind, source, acid, sites)  # fast path: blit
            self.blit(canvas)
            return
        # another model (a one-site substrate opened after the parent) redraws the figure;
        # at the size it was laid out for, with a title as tall, the solved layout still
        # fits: reuse it (constrained layout is about half of a full redraw)
        keep = None
        same_legend = self.artists is not None and bool(self.artists.observed_key) == (observed is not None) and \
            (self.artists.model == "many-sites") == (model_kind == "many-sites")  # runs add legend rows, no curves none
        if key == "equiv" and self.artists is not None and same_legend and figure.axes and \
                self.laid_out_at == (canvas.width(), canvas.height()):
            keep = (figure.axes[0].get_position(), self.artists.title.get_text().count("\n"))
        figure.clear()
        ax = figure.add_subplot()
        solve_apart = False
        if key == "equiv":
            self._background = None  # the previous figure's: a blit before the new draw must not restore it
            self._capture_pending.discard(canvas)  # nor may a staged capture of it put the new figure's curves on it
            self.artists = figures.draw_distribution(ax, r, equiv, model_kind, observed=observed, source=source, acid=acid,
                                                     sites=sites)
            if keep is not None and keep[1] == self.artists.title.get_text().count("\n"):
                ax.set_position(keep[0])
                figure.set_layout_engine("none")
            else:
                # lay out once, at the first draw, then freeze (_on_drawn): constrained layout
                # re-solves on every draw, and a slider only moves data
                figure.set_layout_engine("constrained")
                self.freeze_layout = True
                # a canvas on screen already has its size: solve the layout on one timer and
                # render on the next, so neither holds the window as long as both (measured
                # 91 ms together on opening a plan of another model; ~30 + ~50 apart)
                solve_apart = canvas.isVisible() and self.laid_out_at is not None
            for artist in self.dynamic():
                artist.set_animated(True)  # drawn by blit, not by the full draw
            if self._draw_hook is None:
                self._draw_hook = canvas.mpl_connect("draw_event", lambda _e: self._on_full_draw(canvas))
        elif key == "ratio":
            figures.draw_selectivity(ax, r)
        else:
            figures.draw_ph_switch(ax, pka)
        apply_palette(figure, palette)
        if solve_apart:
            self._solving.add(canvas)
            turn_queue().later(self, "solve", partial(self._solve_layout_then_draw, canvas))
        elif canvas.isVisible() and self.laid_out_at is not None:
            self.draw_soon(canvas)  # a canvas on screen has its size
        else:
            canvas.draw_idle()  # one draw, once Qt has given a new canvas its size (drawing now would draw twice)

    def _solve_layout_then_draw(self, canvas: Any) -> None:
        self._solving.discard(canvas)
        figure = canvas.figure
        engine = figure.get_layout_engine()
        if self.freeze_layout and engine is not None and engine.__class__.__name__ == "ConstrainedLayoutEngine":
            engine.execute(figure)
            figure.set_layout_engine("none")
            self.freeze_layout = False
            self.laid_out_at = (canvas.width(), canvas.height())
        self.draw_soon(canvas)

    def draw_soon(self, canvas: Any) -> None:
        """A full draw of a canvas on screen, on a timer of its own, once however often asked.

        Why not matplotlib's draw_idle: it is a posted call, and Qt runs every event posted on
        one turn in one batch, so the draw (~60 ms) ran back to back with the paint and the other
        panels' updates after the same edit (measured 106-136 ms without a break on opening a
        plan); a timer lets input and painting in between."""
        self._draw_pending.add(canvas)
        turn_queue().later(self, "draw", self._draw_now)

    def settled(self, key: str) -> bool:
        """No draw, layout solve or blit of this tab's canvas is waiting: what it shows is final."""
        canvas = self.canvases.get(key)
        return canvas is None or not (canvas in self._draw_pending or canvas in self._solving or canvas in self._capture_pending
                                      or canvas is self._blit_canvas or getattr(canvas, "_draw_pending", False))

    def _draw_now(self) -> None:
        """The full draws asked for. The equivalents figure's is split over two turns: the static picture is
        rendered here (~65 ms), its moving parts drawn over it and the result shown on the next (~25 ms);
        together they held the window ~95 ms after a substrate edit. The Agg render alone asks Qt for no
        repaint and `painted` (what the stored start-up picture waits on) comes with the whole picture; only
        a repaint Qt makes by itself in between (an expose) shows the static picture, for one turn."""
        pending, self._draw_pending = self._draw_pending, set()
        for canvas in pending:
            if canvas in self._solving:  # its layout is solved on a turn of its own, which draws it after
                continue
            if canvas is self.canvases.get("equiv") and self._draw_hook is not None:
                self._staging = canvas
                try:  # what FigureCanvasAgg.draw does, less the Qt update it ends with (canvas.draw() would show it)
                    renderer = canvas.get_renderer()
                    renderer.clear()
                    canvas.figure.draw(renderer)  # its draw_event: _on_drawn and _on_full_draw see it is staged
                finally:
                    self._staging = None
                self._capture_pending.add(canvas)  # only once rendered: a failed render leaves no stage waiting
                turn_queue().later(self, "capture", partial(self._finish_staged_draw, canvas, self._render_key(canvas)))
            else:
                canvas.draw()

    @staticmethod
    def _render_key(canvas: Any) -> tuple[float, float, float]:
        return (*canvas.figure.bbox.size, canvas.figure.dpi)

    def finish_pending(self) -> None:
        """Every draw, stage and blit still waiting, done now: closing the window stores what the plot shows."""
        turn_queue().drain()
        if self._blit_canvas is not None:
            self._blit_timer.stop()
            self._blit_now()

    def _finish_staged_draw(self, canvas: Any, rendered_at: tuple[float, float, float]) -> None:
        if canvas not in self._capture_pending:
            return  # a plain draw came first and captured
        self._capture_pending.discard(canvas)
        if self._render_key(canvas) != rendered_at:  # resized in between: the static picture is of another size
            canvas.draw()  # the whole figure now; the draw hook adds the moving parts
            return
        try:
            self._capture(canvas)
        except Exception:
            self._background = None  # the next step draws the figure whole instead of blitting over half of it
            raise
        finally:
            canvas.update()
        self.rendered = True
        self.painted.emit()

    def forget_figure(self) -> None:
        """The colours changed: the next draw of the equivalents figure is a full one."""
        self.artists = None

    def dynamic(self) -> list[Any]:
        a = self.artists
        return [] if a is None else [a.sm, a.mono, a.bis, a.marker, a.marker_text, a.optimum, a.title, a.readout]

    def _on_motion(self, key: str, event: Any) -> None:
        if event.inaxes is not None and event.xdata is not None:
            self.hovered.emit(key, float(event.xdata))

    def _on_resized(self, event: Any) -> None:
        """Lay the figure out again at its new size once the resizing stops, then freeze it again.

        A layout frozen at the first size leaves the margins of that size, and the picture
        stored after a resize would then differ from a fresh draw at the same size. Solving it
        on every frame of a drag made each frame 35 % slower, so the drag uses the frozen layout.
        """
        if self.artists is not None and (event.canvas.width(), event.canvas.height()) != self.laid_out_at:
            self.relayout_timer.start()

    def relayout(self) -> None:
        canvas = self.canvases.get("equiv")
        if canvas is None or self.artists is None or (canvas.width(), canvas.height()) == self.laid_out_at:
            return  # back at the size the layout was solved for (or never drawn): nothing to solve
        canvas.figure.set_layout_engine("constrained")
        self.freeze_layout = True  # frozen again after the solve (or by _on_drawn, off screen)
        if canvas.isVisible():  # solved on one turn, drawn on the next, as after a new figure
            self._solving.add(canvas)
            turn_queue().later(self, "solve", partial(self._solve_layout_then_draw, canvas))
        else:
            canvas.draw_idle()

    def _on_full_draw(self, canvas: Any) -> None:
        if self._staging is canvas:
            return  # the moving parts go on next turn (_finish_staged_draw)
        self._capture_pending.discard(canvas)  # this draw captures: a staged capture still waiting is stale
        self._capture(canvas)

    def _on_drawn(self, event: Any) -> None:
        if event.canvas is not self._staging:  # a staged draw is painted once its moving parts are on
            self.rendered = True
            self.painted.emit()
        # only the equivalents figure is frozen (its slider blits); a hidden dock draws at a made-up size
        if self.freeze_layout and event.canvas is self.canvases.get("equiv") and event.canvas.isVisible():
            self.freeze_layout = False
            self.laid_out_at = (event.canvas.width(), event.canvas.height())
            event.canvas.figure.set_layout_engine("none")

    def _capture(self, canvas: Any) -> None:
        """After a full draw (first show, resize): keep the static picture, then add the moving parts."""
        self._background = canvas.copy_from_bbox(canvas.figure.bbox)
        self._draw_dynamic(canvas)

    def _draw_dynamic(self, canvas: Any) -> None:
        for artist in self.dynamic():
            canvas.figure.draw_artist(artist)

    def blit(self, canvas: Any) -> None:
        """Redraw only the curves, marker and title over the cached axes (a slider step), once per
        event-loop turn: one edit can change several plan sections, and each moved the data and
        blitted (~25 ms apiece) on the same turn; the data still moves at once, the picture follows."""
        self._blit_canvas = canvas
        self._blit_timer.start()

    def _blit_now(self) -> None:
        canvas, self._blit_canvas = self._blit_canvas, None
        if canvas is None or canvas in self._draw_pending or canvas in self._solving or canvas in self._capture_pending \
                or getattr(canvas, "_draw_pending", False):
            return  # a full draw is coming, or its moving parts are (_capture paints them with the data as it is then)
        if self._background is None:
            canvas.draw()
            return
        canvas.restore_region(self._background)
        self._draw_dynamic(canvas)
        canvas.blit(canvas.figure.bbox)
        self.painted.emit()

    def show_readout(self, r: float, x: float | None) -> None:
        """The equivalents read-out inside the figure (None clears it), drawn with the moving parts."""
        if self.artists is None or (x is None and not self.artists.readout.get_text()):
            return  # nothing to clear: a blit here would repaint the canvas for nothing (~50 ms on opening a plan)
        from dzp_planner.gui.plot import figures

        figures.show_readout(self.artists, r, x)
        if "equiv" in self.canvases:
            self.blit(self.canvases["equiv"])

    def figure_bytes(self, key: str, fmt: str) -> bytes:
        """The tab's figure as PNG or SVG, with the moving parts a blitted figure leaves out of a save."""
        canvas = self.canvas(key)
        animated = [a for a in self.dynamic() if a.get_animated()]
        for artist in animated:
            artist.set_animated(False)
        buffer = io.BytesIO()
        try:
            canvas.figure.savefig(buffer, format=fmt, dpi=200)
        finally:
            for artist in animated:
                artist.set_animated(True)
            canvas.draw_idle()
        return buffer.getvalue()

    def show_unavailable(self, error: str) -> None:
        """matplotlib cannot be loaded: each placeholder says so, where the plot would be."""
        for placeholder in self.placeholders.values():
            placeholder.clear()
            placeholder.setEnabled(True)
            placeholder.setWordWrap(True)
            placeholder.setText(f"The plot cannot be drawn: the plotting library failed to load ({error}). "
                                "Reinstall DZP Planner; the other panels work as usual.")


def apply_palette(figure: Figure, palette: Palette) -> None:
    from dzp_planner.gui.plot import figures

    figures.apply_palette(figure, *palette)


def draw_on_page(page: Any, canvas: Any, name: str, palette: Palette, draw: Callable[[Any], None]) -> Any:
    """A tab page's own small figure (the mixing and "vs acid" tabs): made on first use above the page's
    spacer, which then gives the plot the free height; cleared, drawn by `draw(axes)`, recoloured, shown.
    Returns the canvas for the page to keep."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    if canvas is None:
        canvas = FigureCanvasQTAgg(Figure(figsize=(4.6, 2.6), layout="constrained"))
        canvas.setObjectName(name)
        canvas.setMinimumHeight(180)
        box = page.layout()
        box.insertWidget(box.count() - 1, canvas, 1)
        box.setStretch(box.count() - 1, 0)  # the plot takes the page's free height, not the spacer
    canvas.figure.clear()
    draw(canvas.figure.add_subplot())
    apply_palette(canvas.figure, palette)
    canvas.draw_idle()
    return canvas
