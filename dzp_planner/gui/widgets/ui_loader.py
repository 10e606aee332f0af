"""Load Qt Designer forms at run time with `QUiLoader`, into an existing widget instance.

`loadUiType` would shell out to `pyside6-uic`, which a frozen bundle does not have; this
loader needs only QtUiTools. Loading into `baseinstance` lets a Python subclass (with its own
slots and event handlers) own the widgets a designer laid out, the same way `uic.loadUi`
does in PyQt. Children are reachable as attributes named after their objectName.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QFile, QIODevice, QMetaObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from dzp_planner import paths


class _InstanceLoader(QUiLoader):
    def __init__(self, baseinstance: QWidget, custom_widgets: Iterable[type[QWidget]]) -> None:
        # Our forms use no Designer plugins (custom widgets are registered below). Without
        # this, the first QUiLoader loads every plugin in plugins/designer (a measurable share of start-up; bench/bench_startup.py).
        library_paths = QCoreApplication.libraryPaths()
        QCoreApplication.setLibraryPaths([])
        try:
            super().__init__(baseinstance)
        finally:
            QCoreApplication.setLibraryPaths(library_paths)
        self._base = baseinstance
        for widget_class in custom_widgets:
            self.registerCustomWidget(widget_class)

    def createWidget(self, class_name: str, parent: QWidget | None = None, name: str = "") -> QWidget:
        if parent is None and self._base is not None:
            return self._base
        widget = super().createWidget(class_name, parent, name)
        if name:
            setattr(self._base, name, widget)
        return widget


def load_ui(form: str, baseinstance: QWidget, custom_widgets: Iterable[type[QWidget]] = ()) -> QWidget:
    """Populate `baseinstance` from `ui/<form>`; raise a clear error if the form is missing."""
    path = paths.ui_file(form)
    handle = QFile(str(path))
    if not handle.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"cannot open the form {path}: {handle.errorString()}")
    try:
        loader = _InstanceLoader(baseinstance, custom_widgets)
        widget = loader.load(handle, None)
    finally:
        handle.close()
    if widget is None:
        raise RuntimeError(f"the form {path} could not be loaded: {loader.errorString()}")
    QMetaObject.connectSlotsByName(baseinstance)
    return widget
