"""How an edit feels on the real window: derivationChanged emissions, the edit's own time, the longest stall after it.

Why a heartbeat: an edit that returns quickly can still post work (redraws, layout solves) that
holds the window a moment later. A 5 ms timer records every gap between its ticks in the second
after the edit; the longest gap, the edit's own synchronous time included, is what a chemist
typing into the window feels. `--self-test` reports it for a substrate edit and a table cell edit.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

HEARTBEAT_MS = 5
WATCH_S = 1.0


def measure(app: QApplication, controller: Any, edit: Callable[[], None]) -> dict[str, float | int]:
    """{"signals", "sync_ms", "longest_stall_ms"} of one edit (see the module's docstring)."""
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    clock = QElapsedTimer()
    clock.start()
    last = [0.0]
    longest = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        longest[0] = max(longest[0], now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(tick)
    before = controller.emissions
    heartbeat.start()
    last[0] = clock.nsecsElapsed() / 1e6
    started = time.perf_counter()
    edit()
    sync_ms = (time.perf_counter() - started) * 1000
    end = time.perf_counter() + WATCH_S
    while time.perf_counter() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.001)
    heartbeat.stop()
    tick()
    return {"signals": controller.emissions - before, "sync_ms": round(sync_ms, 1),
            "longest_stall_ms": round(max(longest[0], sync_ms), 1)}


def measure_window(app: QApplication, window: Any, smiles: str = "CC(C)(C)OC(=O)N1CCCNC(C)C1") -> dict[str, Any]:
    """The contract's two edits: a SMILES typed into the substrate field + Enter, and a cell of the table."""
    from PySide6.QtCore import Qt

    from dzp_planner.gui.stoich.stoich_table_model import KEYS

    field = window.structure_panel.smiles_edit

    def type_substrate() -> None:
        field.setText(smiles)
        field.returnPressed.emit()  # what Enter does in the field

    substrate = measure(app, window.controller, type_substrate)
    model = window.stoich_panel.model
    row = next((i for i, c in enumerate(window.controller.plan.components) if c.role not in ("limiting", "solvent")), 0)

    def edit_cell() -> None:
        model.setData(model.index(row, KEYS.index("equiv")), "1.3 equiv", Qt.ItemDataRole.EditRole)

    cell = measure(app, window.controller, edit_cell)
    return {"substrate": substrate, "cell": cell}
