"""Start-up: the plot as last drawn, shown while matplotlib loads on a background thread.

Importing matplotlib takes longer than building the rest of the window, so a start that waited
for it would show an empty plot for most of its first second. This module and
`picture_cache` are the whole of that trick, deletable as one unit: without them the panel
simply draws live (`DistributionPanel.draw_at_start` would call its draw directly).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QWidget

from dzp_planner.gui import crash_handler
from dzp_planner.gui.plot.canvas_host import CanvasHost

log = logging.getLogger(__name__)

PICTURED_TAB = "equiv"  # the tab a start shows, so the one whose picture is worth storing


class PlotView(Protocol):
    """What the picture needs from the panel: which tab shows, and the inputs of what it draws."""

    host: CanvasHost

    def current_key(self) -> str: ...

    def state(self) -> tuple: ...

    def drawn_state(self) -> tuple | None: ...


class PlotLibraryLoader(QObject):
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

            from dzp_planner.gui.plot import figures  # noqa: F401
        except Exception as exc:  # noqa: BLE001 - said where the plot would be (CanvasHost.show_unavailable)
            log.warning("loading matplotlib in the background failed: %s", exc)
            error = str(exc) or type(exc).__name__
        try:
            self.finished.emit(error)
        except RuntimeError:  # the window closed while the import ran
            pass


class OnFirstPaint(QObject):
    """Runs `action` once, just after `widget` is next painted (or after a short wait if it is not)."""

    FALLBACK_MS = 250  # a minimised or covered window may not paint: do not wait for it forever

    def __init__(self, widget: QWidget, action: Callable[[], None]) -> None:
        super().__init__(widget)  # dies with the widget, like its filter
        self._action: Callable[[], None] | None = action
        widget.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._fire)

    @crash_handler.guarded
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._action is not None:
            QTimer.singleShot(0, self, self._fire)  # after this paint has finished
        return False

    def _fire(self) -> None:
        action, self._action = self._action, None
        if action is not None:
            action()


class StartupPicture(QObject):
    """Shows the stored picture of the plot at start-up and stores a new one once the plot settles."""

    def __init__(self, view: PlotView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.state_on_screen: tuple | None = None  # inputs of the stored picture on screen, if one is
        self.holding = False  # True while the self-test's own edits draw plots no start will show: none is stored
        self.store_timer = QTimer(self)  # store the picture once the plot has settled
        self.store_timer.setSingleShot(True)
        self.store_timer.setInterval(1000)
        self.store_timer.timeout.connect(self.store)
        self.pool = QThreadPool(self)  # PNG encoding off the GUI thread
        self.pool.setMaxThreadCount(1)
        view.host.painted.connect(self.store_timer.start)
        view.host.picture_replaced.connect(self.forget)

    def forget(self) -> None:
        """The picture left the screen (or can never become live): it no longer stands for the plot."""
        self.state_on_screen = None

    def shown(self) -> bool:
        return self.state_on_screen is not None and self.view.drawn_state() == self.state_on_screen

    def show(self) -> bool:
        """Put the stored picture of this very plot in the placeholder; False when there is none."""
        key = self.view.current_key()
        placeholder = self.view.host.placeholders.get(key)
        if key != PICTURED_TAB or placeholder is None or key in self.view.host.canvases or not placeholder.isVisible():
            return False  # another tab, already live, or a hidden dock (its size is made up)
        from PySide6.QtWidgets import QApplication

        from dzp_planner.gui.plot import picture_cache

        # the panels filled just before this one changed their size hints; let the window lay
        # itself out now, or the size measured here is not the one the plot will have
        for _ in range(4):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        state = self.view.state()
        scale = placeholder.devicePixelRatioF()
        pixmap = picture_cache.load(picture_cache.key(state, placeholder.width(), placeholder.height(), scale),
                                    placeholder.width(), placeholder.height(), scale)
        if pixmap is None:
            return False
        placeholder.setEnabled(True)  # a disabled label would grey the picture out
        placeholder.setPixmap(pixmap)
        placeholder.setToolTip("The plot as last drawn; it becomes interactive in a moment")
        self.state_on_screen = state
        return True

    def store(self) -> None:
        """Keep the picture on screen for the next start, if it shows the plan as it is now.

        Only the tab a start shows. The grab is on the GUI thread (widgets live there); the
        encoding and writing on a worker. A picture of the same key is written again, so a
        changed look (a new matplotlib, an edited figure) heals after one start.
        """
        key = self.view.current_key()
        canvas = self.view.host.canvases.get(key)
        drawn = self.view.drawn_state()
        if self.holding or key != PICTURED_TAB or canvas is None or not canvas.isVisible() or drawn != self.view.state() \
                or not self.view.host.settled(key):  # a draw still on its way: the canvas may hold half a picture
            return
        from dzp_planner.gui.plot import picture_cache

        key_text = picture_cache.key(drawn, canvas.width(), canvas.height(), canvas.devicePixelRatioF())
        image = canvas.grab().toImage()

        def write() -> None:
            try:
                picture_cache.store(key_text, image)
            except Exception:
                log.warning("the plot picture was not stored", exc_info=True)

        self.pool.start(write)

    def flush(self) -> None:
        """Closing: store a picture that is still waiting for the plot to settle, and finish writing."""
        if self.store_timer.isActive() or not self.view.host.settled(self.view.current_key()):
            self.store_timer.stop()
            self.view.host.finish_pending()  # a redraw, a draw stage or a blit still waiting: done now, so what is stored is whole
            self.store()
        self.pool.waitForDone(2000)
