"""Lab conflicts: a plan changed here and on the server since the last sync. Compare, then keep mine or take theirs.

Why nothing is decided for the chemist: a conflict means two people changed the same plan; neither change
is lost whatever is chosen (the server keeps every revision, `lab history` shows them), but only the chemist
knows which one the plan should go on from. Compare and resolve talk to the server on the worker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dzp_planner.gui.lab.lab_client import LabClient


class ConflictDialog(QDialog):
    resolved = Signal(str, str)  # (plan id, "mine" | "theirs")

    def __init__(self, client: LabClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Lab conflicts")
        self.setObjectName("labConflictDialog")
        self.client = client
        self.resize(760, 440)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("These plans changed on this workstation and on the lab server since the last sync. "
                                "Whichever you keep, the other stays in the plan's history on the server.", self))
        row = QHBoxLayout()
        self.plans = QListWidget(self)
        self.plans.setObjectName("labConflictList")
        self.plans.setMaximumWidth(240)
        row.addWidget(self.plans)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("labCompareTable")
        self.table.setHorizontalHeaderLabels(["What", "Mine (this workstation)", "Theirs (the server)"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):  # mine and theirs side by side, the same width
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        row.addWidget(self.table, 1)
        layout.addLayout(row)
        self.status = QLabel("", self)
        self.status.setObjectName("labConflictStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.compare_button = QPushButton("&Compare", self)
        self.mine_button = QPushButton("Keep &mine", self)
        self.mine_button.setToolTip("Make this workstation's plan the newest revision on the server")
        self.theirs_button = QPushButton("Take &theirs", self)
        self.theirs_button.setToolTip("Replace this workstation's plan by the server's newest revision")
        for button in (self.compare_button, self.mine_button, self.theirs_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.compare_button.clicked.connect(self.compare)
        self.mine_button.clicked.connect(lambda: self.resolve("mine"))
        self.theirs_button.clicked.connect(lambda: self.resolve("theirs"))
        self.plans.currentItemChanged.connect(lambda *_: self.compare())
        client.finished.connect(self._answered)
        self.reload()

    def reload(self) -> None:
        from dzp_planner.core.io.lab.sync import conflicts

        self.plans.clear()
        for plan_id in conflicts():
            try:
                title = self.client.library.load(plan_id).title
            except Exception:  # noqa: BLE001 - a plan the library no longer has: its id is enough
                title = plan_id
            item = QListWidgetItem(title, self.plans)
            item.setData(Qt.ItemDataRole.UserRole, plan_id)
        if self.plans.count():
            self.plans.setCurrentRow(0)
        else:
            self.table.setRowCount(0)
            self.status.setText("No conflicts: every plan is in step with the lab server.")
        self._enable()

    def selected(self) -> str | None:
        item = self.plans.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _enable(self) -> None:
        idle = not self.client.busy()
        for button in (self.compare_button, self.mine_button, self.theirs_button):
            button.setEnabled(idle and self.selected() is not None)

    def _start(self, job: str, work) -> None:
        if not self.client.submit(job, work):
            self.status.setText(f"Busy with a {self.client.busy()}: try again when it ends.")
            return
        self.status.setText("Asking the lab server…")
        self._enable()

    def compare(self) -> None:
        plan_id = self.selected()
        if plan_id is None:
            return
        from dzp_planner.core.io.lab import sync

        self._start("compare", lambda server, library: (plan_id, sync.compare(server, library, plan_id)))

    def resolve(self, keep: str) -> None:
        plan_id = self.selected()
        if plan_id is None:
            return
        from dzp_planner.core.io.lab import sync

        self._start("resolve", lambda server, library: (plan_id, keep, sync.resolve(server, library, plan_id, keep)))

    def _answered(self, job: str, result: object, error: str) -> None:
        if job not in {"compare", "resolve"}:
            return
        self._enable()
        if error:
            self.status.setText(f"The lab server could not be asked: {error}")
            return
        if job == "compare":
            assert isinstance(result, tuple)
            plan_id, differences = result
            if plan_id != self.selected():
                return
            self.table.setRowCount(len(differences))
            for row, values in enumerate(differences):
                for column, text in enumerate(values):
                    self.table.setItem(row, column, QTableWidgetItem(text or "(empty)"))
            self.table.resizeRowsToContents()
            self.status.setText(f"{len(differences)} part(s) differ." if differences else "The two revisions are the same plan.")
            return
        assert isinstance(result, tuple)
        plan_id, keep, revision = result
        self.status.setText(f"Resolved: {'your change' if keep == 'mine' else 'the server’s'} is revision {revision}.")
        self.resolved.emit(plan_id, keep)
        self.reload()

    def done(self, result: int) -> None:
        try:
            self.client.finished.disconnect(self._answered)
        except (RuntimeError, TypeError):
            pass
        super().done(result)
