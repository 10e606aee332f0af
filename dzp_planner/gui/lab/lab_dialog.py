"""File ▸ Lab server…: which lab server this workstation syncs with, tested before it is kept.

Why a Test button that runs on the worker: a DSN that names a host that does not answer holds the attempt
for libpq's connect timeout; the dialog says "Testing…" meanwhile and stays usable. What is kept is only the
connection string (core/io/lab/connection.py refuses one that carries a password: libpq reads it from
~/.pgpass or the lab's Kerberos/certificates, and DZP Planner never writes one).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from dzp_planner.core.errors import UserInputError
from dzp_planner.gui.lab.lab_client import LabClient

PLACEHOLDER = "service=dzp-lab   or   host=labserver dbname=dzp user=alice"


class LabServerDialog(QDialog):
    def __init__(self, client: LabClient, parent: QWidget | None = None) -> None:
        from dzp_planner.core.io.lab.connection import LAB_ENV, configured_dsn, saved_dsn

        super().__init__(parent)
        self.setWindowTitle("Lab server")
        self.setObjectName("labServerDialog")
        self.client = client
        layout = QVBoxLayout(self)
        intro = QLabel("Plans and measured runs are shared through the lab's PostgreSQL server. Give the connection as "
                       "libpq takes it; the password, if the lab uses one, goes in ~/.pgpass, never here.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.dsn_edit = QLineEdit(saved_dsn() or configured_dsn(), self)  # what is in effect, to test or to keep
        self.dsn_edit.setObjectName("labDsnEdit")
        self.dsn_edit.setPlaceholderText(PLACEHOLDER)
        self.dsn_edit.setToolTip("A libpq connection string: service=NAME (pg_service.conf), host=… dbname=… user=…, "
                                 "or a postgresql:// URI without a password")
        self.dsn_edit.setMinimumWidth(420)
        form.addRow("&Connection:", self.dsn_edit)
        layout.addLayout(form)
        self.env_note = QLabel(self)
        self.env_note.setWordWrap(True)
        if configured_dsn() != saved_dsn().strip():
            self.env_note.setText(f"{LAB_ENV} is set for this session and is used instead: {configured_dsn()}")
        self.env_note.setVisible(bool(self.env_note.text()))
        layout.addWidget(self.env_note)
        self.answer = QLabel("", self)
        self.answer.setObjectName("labTestResult")
        self.answer.setWordWrap(True)
        layout.addWidget(self.answer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.test_button = QPushButton("&Test connection", self)
        self.test_button.setObjectName("labTestButton")
        self.test_button.setToolTip("Connect once and say who you are on the server and which schema it has")
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.forget_button = QPushButton("&Disconnect", self)
        self.forget_button.setToolTip("Stop syncing this workstation (its library stays as it is)")
        self.forget_button.setEnabled(bool(saved_dsn()))
        buttons.addButton(self.forget_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        layout.addWidget(buttons)
        self.test_button.clicked.connect(self.test)
        self.forget_button.clicked.connect(self.forget)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        client.finished.connect(self._tested)

    def _typed(self) -> str | None:
        from dzp_planner.core.io.lab.connection import check_no_password

        try:
            dsn = check_no_password(self.dsn_edit.text())
        except UserInputError as exc:
            self._say(str(exc), error=True)
            self.dsn_edit.setFocus()
            return None
        if not dsn:
            self._say("Type the connection first (or Disconnect to stop syncing).", error=True)
            self.dsn_edit.setFocus()
            return None
        return dsn

    def test(self) -> None:
        dsn = self._typed()
        if dsn is None:
            return
        if not self.client.submit("test", lambda server, _library: server.whoami(), dsn=dsn):
            self._say(f"Busy with a {self.client.busy()}: try again when it ends.", error=True)
            return
        self.test_button.setEnabled(False)
        self._say("Testing…")

    def _tested(self, job: str, result: object, error: str) -> None:
        if job != "test":
            return
        self.test_button.setEnabled(True)
        if error:
            self._say(f"Not connected: {error}", error=True)
            return
        assert isinstance(result, dict)
        schema = result["schema"] or "none yet (the lab runs `dzp-planner lab init` once)"
        self._say(f"Connected as {result['user']} to {result['database']}; lab schema {schema}.")

    def _say(self, text: str, error: bool = False) -> None:
        self.answer.setText(text)
        self.answer.setStyleSheet("color: #b00020" if error else "")

    def accept(self) -> None:
        from dzp_planner.core.io.lab.connection import save_dsn

        dsn = self._typed()
        if dsn is None:
            return
        try:
            save_dsn(dsn)
        except UserInputError as exc:  # a folder that cannot be written: said here, nothing half-written
            self._say(str(exc), error=True)
            return
        super().accept()

    def forget(self) -> None:
        from dzp_planner.core.io.lab.connection import save_dsn

        try:
            save_dsn("")
        except UserInputError as exc:
            self._say(str(exc), error=True)
            return
        self.dsn_edit.clear()
        super().accept()

    def done(self, result: int) -> None:
        try:
            self.client.finished.disconnect(self._tested)
        except (RuntimeError, TypeError):
            pass
        super().done(result)
