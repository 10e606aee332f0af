"""The main window: the structure editor in the centre, three panels as docks, the menus.

The layout comes from `ui/main_window.ui`; this class only wires it up. Panels are created
cheaply at construction; after the first paint the start-up tasks run and the panels fill
one per event-loop turn (`_populate_progressively`), so the window appears before RDKit,
matplotlib and pint are imported.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QMessageBox, QStyle, QWidget

from dzp_planner import APP_NAME
from dzp_planner.gui import crash_handler, startup
from dzp_planner.gui.document import settings as app_settings
from dzp_planner.gui.document.background_fit import BackgroundFit
from dzp_planner.gui.document.document_actions import DocumentActions
from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.widgets.ui_loader import load_ui

if TYPE_CHECKING:
    from dzp_planner.core.io.stores import LocalStore
    from dzp_planner.gui.report.export_dialog import PdfExporter

log = logging.getLogger(__name__)

LAYOUT_VERSION = 2  # 2: the palette editor and the compact laptop layout (a version-1 layout is not restored)


def _after_start_up() -> None:
    """Once the live plot is drawn: keep the start-up's objects out of the garbage collector's
    full passes, and load pint (on its thread; conversions then use its factors).

    Why freeze: the imports (RDKit, numpy, matplotlib, Qt) leave a few hundred thousand
    long-lived objects that every full collection walks again; measured, one such pass held the
    window 84 ms in the middle of an edit. Frozen, a full pass walks only what came after."""
    import gc

    from dzp_planner.core.quantities import unit_registry

    gc.freeze()
    unit_registry.load_in_background()


DEFAULT_SIZE = (1440, 900)  # ui/main_window.ui's; clamped to the screen by fit_to_screen


class MainWindow(QMainWindow):
    panelsPopulated = Signal()

    # attributes created by the form (for readers and type checkers)
    centralLayout: object
    menuFile: QMenu
    menuEdit: QMenu
    menuView: QMenu
    menuNewFromTemplate: QMenu
    menuOpenRecent: QMenu
    decisionPanel: QDockWidget
    stoichiometryPanel: QDockWidget
    distributionPanel: QDockWidget

    def __init__(self, controller: PlanController, library: LocalStore, settings: QSettings | None = None) -> None:
        super().__init__()
        load_ui("main_window.ui", self)
        self.controller = controller
        self.background_fit = BackgroundFit(controller, self)  # fits of many runs on a worker
        self.library = library
        self.settings = settings or app_settings.app_settings()
        self.documents = DocumentActions(controller, library, self.settings, self)
        self.documents.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.autosave_warning = QLabel("", self)
        self.autosave_warning.setObjectName("autosaveWarning")
        self.autosave_warning.setStyleSheet("color: #b00020")
        self.autosave_warning.setVisible(False)
        self.statusBar().addPermanentWidget(self.autosave_warning)
        self.documents.autosaveProblem.connect(self._show_autosave_problem)
        self.documents.recentFilesChanged.connect(self._rebuild_recent_menu)
        self._build_panels()
        self._wire_actions()
        self._restore_window_state()
        controller.dirtyChanged.connect(lambda _d: self._update_title())
        controller.filePathChanged.connect(lambda _p: self._update_title())
        controller.derivationChanged.connect(lambda change: self._update_title() if change.touches("meta") else None)
        self._update_title()
        self._populated = False
        self._pdf_exporter: PdfExporter | None = None
        self._populate_scheduled = False
        self._startup_tasks: list = []
        self.startup_problems: list[str] = []
        startup.mute_plan_signals(controller)  # until the panels are filled (after the first paint)

    # -- panels -------------------------------------------------------------------------
    def _build_panels(self) -> None:
        from dzp_planner.gui.decisions.decisions_panel import DecisionPanel
        from dzp_planner.gui.editor.structure_panel import StructurePanel
        from dzp_planner.gui.plot import DistributionPanel
        from dzp_planner.gui.stoich.stoich_panel import StoichiometryPanel

        self.structure_panel = StructurePanel(self.controller, self)
        self.structure_panel.setObjectName("structurePanel")
        self.centralLayout.addWidget(self.structure_panel)  # type: ignore[attr-defined]
        self.decision_panel = DecisionPanel(self.controller, self)
        self.stoich_panel = StoichiometryPanel(self.controller, self)
        self.distribution_panel = DistributionPanel(self.controller, self)
        for dock, panel in (
            (self.decisionPanel, self.decision_panel),
            (self.stoichiometryPanel, self.stoich_panel),
            (self.distributionPanel, self.distribution_panel),
        ):
            dock.widget().layout().addWidget(panel)
        self.panels: dict[str, QWidget] = {
            "structurePanel": self.structure_panel,
            "decisionPanel": self.decision_panel,
            "stoichiometryPanel": self.stoich_panel,
            "distributionPanel": self.distribution_panel,
        }
        self.arrange_docks(self._screen_is_compact())
        self.decision_panel.applied.connect(self.show_table)
        self.decision_panel.measured_lookup = self.documents.measured_k2_k1
        self.distribution_panel.runs.measured_lookup = self.documents.measured_k2_k1

    # -- dock layouts ---------------------------------------------------------------------
    COMPACT_BELOW = 950  # a screen less tall than this (1366×768, 1280×800, 1024×700) gets the compact layout

    def _screen_is_compact(self) -> bool:
        from PySide6.QtGui import QGuiApplication

        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen is not None and screen.availableGeometry().height() < self.COMPACT_BELOW

    def arrange_docks(self, compact: bool) -> None:
        """The default layout for the screen. Roomy: the table along the bottom. Compact (a
        laptop): the editor gets the whole height, the table and the plot share the right
        column as tabs, and Apply to plan brings the table's tab forward."""
        for dock in (self.decisionPanel, self.stoichiometryPanel, self.distributionPanel):
            dock.setFloating(False)
            self.removeDockWidget(dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.decisionPanel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.distributionPanel)
        if compact:
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.stoichiometryPanel)
            self.tabifyDockWidget(self.distributionPanel, self.stoichiometryPanel)
            self.distributionPanel.raise_()
            width = self.width() or 1366
            self.resizeDocks([self.decisionPanel, self.distributionPanel], [int(width * 0.24), int(width * 0.40)],
                             Qt.Orientation.Horizontal)
        else:
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.stoichiometryPanel)
            self.resizeDocks([self.decisionPanel, self.distributionPanel], [430, 480], Qt.Orientation.Horizontal)
            self.resizeDocks([self.stoichiometryPanel], [300], Qt.Orientation.Vertical)
        for dock in (self.decisionPanel, self.stoichiometryPanel, self.distributionPanel):
            dock.show()

    def show_table(self) -> None:
        """Bring the reaction table forward (after Apply to plan, where it shares a tab with the plot)."""
        if self.tabifiedDockWidgets(self.stoichiometryPanel):
            self.stoichiometryPanel.raise_()

    def after_first_paint(self, task) -> None:
        """Run `task` once the first frame is on screen, before the panels are filled.

        Start-up work that draws nothing (the log file, the library, crash recovery) waits
        here, so the window appears as soon as Qt can paint it. A task that returns False
        ends the start-up (the program is quitting); what it reports goes to
        `startup_problems`.
        """
        self._startup_tasks.append(task)

    def _run_startup_tasks(self) -> bool:
        """The `after_first_paint` tasks, once; False when one of them ended the start-up."""
        import sys

        tasks, self._startup_tasks = self._startup_tasks, []
        for task in tasks:
            try:
                if task() is False:
                    return False
            except Exception:  # noqa: BLE001 - a failed start-up step is reported, the window stays usable
                crash_handler.handle_exception(*sys.exc_info())
        return True

    def _run_startup(self) -> None:
        if self._run_startup_tasks():
            self._populate_progressively()

    def _start_populating(self, progressive: bool = False) -> list[Callable[[], None]]:
        """The panels' refreshes in order; at a real start (`progressive`) matplotlib loads in the
        background and the plot shows its stored picture meanwhile, where there is one."""
        import sys

        startup.unmute_plan_signals(self.controller)  # first: whatever fails below, edits reach the panels
        try:
            self._build_template_menu()
            self._update_title()
        except Exception:  # noqa: BLE001 - a broken template file must not leave every panel empty
            crash_handler.handle_exception(*sys.exc_info())
        # cheapest first: the tree, the table and the plot's controls need no drawing library,
        # the editor needs RDKit, the plot itself matplotlib (or its stored picture)
        return [self.decision_panel.refresh, self.stoich_panel.refresh, self.distribution_panel.show_values,
                self.structure_panel.refresh, self.distribution_panel.draw_at_start if progressive else self.distribution_panel.refresh]

    def _refresh_panel(self, refresh: Callable[[], None]) -> None:
        import sys

        try:
            refresh()
        except Exception:  # noqa: BLE001 - one broken panel must not leave the others empty
            crash_handler.handle_exception(*sys.exc_info())

    def _finish_populating(self) -> None:
        self._populated = True
        self.panelsPopulated.emit()
        # every panel is on screen and, once the live plot is drawn, the start-up is over
        self.distribution_panel.after_library_load(_after_start_up)

    def populate_panels(self) -> None:
        """Fill every panel from the plan now (imports the heavy libraries on first call).

        Pending `after_first_paint` tasks run first, so calling this before the first paint
        skips nothing.
        """
        if self._populated:
            return
        self._populate_scheduled = True  # the first paint must not start it all again
        if not self._run_startup_tasks():
            return
        for refresh in self._start_populating():
            self._refresh_panel(refresh)
        self._finish_populating()

    def _populate_progressively(self) -> None:
        """Fill one panel per event-loop turn, so each is painted as soon as it has its data.

        The plot panel comes last: matplotlib is the slowest import by far, and the
        structure, decisions and table are on screen while it loads (or the plot's stored
        picture is, see `DistributionPanel.draw_at_start`).
        """
        if self._populated:
            return
        pending = self._start_populating(progressive=True)

        def step() -> None:
            if self._populated:  # populate_panels() ran meanwhile
                return
            self._refresh_panel(pending.pop(0))
            if pending:
                QTimer.singleShot(0, self, step)  # tied to the window: no step after it is gone
            else:
                self._finish_populating()

        QTimer.singleShot(0, self, step)  # tied to the window: no step after it is gone

    @crash_handler.guarded
    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._populated and not self._populate_scheduled:
            # the first frame is on screen: now fill the panels (heavy imports happen here)
            self._populate_scheduled = True
            QTimer.singleShot(0, self, self._run_startup)

    # -- menus ----------------------------------------------------------------------------
    def _action(self, name: str) -> QAction:
        """An action of the .ui file by object name (a missing one is a programming error)."""
        action = self.findChild(QAction, name)
        if action is None:
            raise LookupError(f"main_window.ui has no action {name!r}")
        return action

    def _wire_actions(self) -> None:
        find = self._action
        docs = self.documents
        find("actionNew").triggered.connect(docs.new_plan)
        find("actionOpen").triggered.connect(docs.open_dialog)
        find("actionSave").triggered.connect(docs.save)
        find("actionSaveAs").triggered.connect(docs.save_as)
        find("actionExportPdf").triggered.connect(self.export_pdf)
        find("actionLibrary").triggered.connect(self.show_library)
        find("actionQuit").triggered.connect(self.close)
        find("actionPlanProperties").triggered.connect(self.edit_plan_properties)
        find("actionResetLayout").triggered.connect(self.reset_layout)
        find("actionChemistryNotes").triggered.connect(self.show_chemistry_notes)
        find("actionAbout").triggered.connect(self.show_about)
        style = self.style()
        for name, icon in (("actionNew", QStyle.StandardPixmap.SP_FileIcon), ("actionOpen", QStyle.StandardPixmap.SP_DialogOpenButton),
                           ("actionSave", QStyle.StandardPixmap.SP_DialogSaveButton), ("actionLibrary", QStyle.StandardPixmap.SP_DirHomeIcon),
                           ("actionExportPdf", QStyle.StandardPixmap.SP_FileDialogDetailedView)):
            find(name).setIcon(style.standardIcon(icon))
        self.mainToolBar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)  # type: ignore[attr-defined]
        for name, key in (("actionNew", QKeySequence.StandardKey.New), ("actionOpen", QKeySequence.StandardKey.Open),
                          ("actionSave", QKeySequence.StandardKey.Save), ("actionSaveAs", QKeySequence.StandardKey.SaveAs),
                          ("actionQuit", QKeySequence.StandardKey.Quit)):
            shortcuts = QKeySequence.keyBindings(key)
            if shortcuts:
                find(name).setShortcuts(shortcuts)

        undo = self.controller.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        redo = self.controller.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        undo.setObjectName("actionUndo")
        redo.setObjectName("actionRedo")
        first = self.menuEdit.actions()[0]  # the .ui file's Edit menu is never empty
        self.menuEdit.insertAction(first, undo)
        self.menuEdit.insertAction(first, redo)
        self.menuEdit.insertSeparator(first)

        for dock in (self.decisionPanel, self.stoichiometryPanel, self.distributionPanel):
            toggle = dock.toggleViewAction()
            toggle.setStatusTip(f"Show or hide the {dock.windowTitle()} panel")
            self.menuView.insertAction(self.menuView.actions()[0], toggle)
        self.menuView.insertSeparator(self._action("actionResetLayout"))

        from dzp_planner.gui.lab import lab_actions
        from dzp_planner.gui.report import exchange_actions

        exchange_actions.install(self)  # Export as RXN / CSV / SDF, Import reaction, Copy table / reaction
        self.lab = lab_actions.install(self)  # File ▸ Lab server… / Sync with lab / Lab conflicts…, the indicator
        page_menu = self.menuFile.addMenu("PDF page si&ze")
        page_menu.setObjectName("menuPageSize")
        page_group = QActionGroup(self)
        for size in ("A4", "Letter"):
            action = page_menu.addAction(size)
            action.setObjectName(f"actionPage{size}")
            action.setCheckable(True)
            action.setChecked(app_settings.page_size(self.settings) == size)
            action.triggered.connect(lambda _=False, s=size: self.settings.setValue("export/page_size", s))
            page_group.addAction(action)
        self.menuFile.insertMenu(self._action("actionExportPdf"), page_menu)
        self._rebuild_recent_menu()

    def _build_template_menu(self) -> None:
        """File ▸ New from template (read from the template files after the first paint)."""
        if self.menuNewFromTemplate.actions():
            return
        from dzp_planner.core.guidance import templates

        for template in templates.guide_templates().values():
            action = self.menuNewFromTemplate.addAction(template.title)
            action.setStatusTip(f"{template.guide_section}: new plan with the guide's quantities and corrections")
            action.triggered.connect(lambda _=False, tid=template.id: self.documents.new_from_template(tid))

    def _rebuild_recent_menu(self) -> None:
        self.menuOpenRecent.clear()
        files = app_settings.recent_files(self.settings)
        for index, path in enumerate(files, start=1):
            action = self.menuOpenRecent.addAction(f"&{index} {app_settings.shown(path.name)}")
            action.setStatusTip(app_settings.shown(str(path)))
            action.triggered.connect(lambda _=False, p=path: self.documents.open_path(p))
        self.menuOpenRecent.setEnabled(bool(files))

    def _update_title(self) -> None:
        plan = self.controller.plan
        where = self.controller.file_path.name if self.controller.file_path else "not saved to a file"
        self.setWindowTitle(f"{plan.title}[*] — {where} — {APP_NAME}")
        self.setWindowModified(self.controller.is_dirty())

    # -- commands behind menu items -------------------------------------------------------------
    def export_pdf(self) -> None:
        from dzp_planner.gui.report.export_dialog import ask_pdf_path

        path = ask_pdf_path(self, self.controller)
        if path is not None:
            self.start_pdf_export(path)

    def start_pdf_export(self, path: Path, fmt: str = "pdf") -> None:
        """The report written on a worker: the window stays live, Cancel stops it (`PdfExporter`)."""
        if self._pdf_exporter is None:
            from dzp_planner.gui.report.export_dialog import PdfExporter

            self._pdf_exporter = PdfExporter(self, self.controller, self.settings)
        self._pdf_exporter.start(path, fmt)

    def show_library(self) -> None:
        from dzp_planner.gui.library.library_dialog import LibraryDialog

        dialog = LibraryDialog(self.library, self.documents, self)
        dialog.exec()

    def edit_plan_properties(self) -> None:
        from dzp_planner.gui.widgets.dialogs import PlanPropertiesDialog

        PlanPropertiesDialog(self.controller, self).exec()

    def show_chemistry_notes(self) -> None:
        from dzp_planner.gui.widgets.dialogs import show_chemistry_notes

        show_chemistry_notes(self)

    def show_about(self) -> None:
        from dzp_planner.gui.widgets.dialogs import show_about

        show_about(self)

    def reset_layout(self) -> None:
        """The default layout for the screen the window is on now (a laptop gets the compact one)."""
        self.arrange_docks(self._screen_is_compact())

    # -- state -------------------------------------------------------------------------------
    def _restore_window_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(*DEFAULT_SIZE)  # the form's size, which the loader does not apply to a window it fills
        if isinstance(state, QByteArray):
            self.restoreState(state, LAYOUT_VERSION)
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """The window within the screen's available geometry: the form's 1440×900, or a geometry
        restored from a larger screen, would put its right side and docks off a 1366×768 screen
        where no window manager moves it back."""
        screen = self.screen()
        if screen is None:
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()  # the decorations, when a manager adds them
        width = min(self.width(), area.width() - frame.width())
        height = min(self.height(), area.height() - frame.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = min(max(self.x(), area.left()), area.right() - self.frameGeometry().width() + 1)
        y = min(max(self.y(), area.top()), area.bottom() - self.frameGeometry().height() + 1)
        if (x, y) != (self.x(), self.y()):
            self.move(x, y)

    def save_window_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        if self.controller.file_path is not None:
            self.settings.setValue("files/last", app_settings.path_setting(self.controller.file_path))
        self.settings.sync()

    @crash_handler.guarded
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.documents.confirm_discard():
            event.ignore()
            return
        self.documents.autosave_timer.stop()
        if not self.controller.is_dirty():
            self.documents.discard_autosave()
        self.documents.autosaver.close()
        if self._pdf_exporter is not None:
            self._pdf_exporter.cancel()
            self._pdf_exporter.wait()
        self.save_window_state()
        self.distribution_panel.flush_snapshot()
        event.accept()

    def open_initial_plan(self, plan_path: str | None) -> None:
        """Start-up: a crash's autosave first, then the file asked for, then the last file, then the sample."""
        if self.documents.offer_recovery():
            return
        if plan_path:
            problem = self.documents.open_path_at_start(Path(plan_path))
            if problem is None:
                return
            self.documents.open_sample()
            self._after_populating(lambda: self.warn(
                "Cannot open plan", f"{problem}\n\nThe file was not changed. DZP Planner opened its sample plan instead."))
            return
        if isinstance(stored := self.settings.value("files/last"), str) and (last := app_settings.path_from_setting(stored)).is_file():
            try:
                from dzp_planner.core.io import storage

                self.controller.replace_plan(storage.load_plan(last), last)
                return
            except Exception as exc:  # noqa: BLE001 - whatever stops the last plan reopening, start with a new one
                log.warning("could not reopen %s: %s", last, exc)
        self.documents.open_sample()
        if not self.settings.value("app/first_start_done", False, type=bool):
            self.settings.setValue("app/first_start_done", True)
            self.statusBar().showMessage("Welcome: this sample plan is the guide's Protocol 2 (mono-Boc protection). Every panel shows it.", 15000)

    def _after_populating(self, task: Callable[[], None]) -> None:
        """Run `task` once every panel shows the plan (a message over empty panels reads as a failure)."""
        if self._populated:
            task()
            return

        def once() -> None:
            self.panelsPopulated.disconnect(once)
            task()

        self.panelsPopulated.connect(once)

    def _show_autosave_problem(self, text: str) -> None:
        """Stays in the status bar until an autosave succeeds again: the chemist must know."""
        for show in (self.autosave_warning.setText, self.autosave_warning.setToolTip):
            show(text)
        self.autosave_warning.setVisible(bool(text))

    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)
