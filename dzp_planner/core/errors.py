"""Errors that carry a message meant for the chemist, not a traceback.

Every parser in the core raises `UserInputError` (or a subclass) with a sentence that says
what is wrong and, where possible, what to do. The GUI shows it beside the field that was
typed into; the command line prints it on one line and exits 2.
"""

from __future__ import annotations


class UserInputError(ValueError):
    """Bad input from a person or a file: show the message, never the traceback."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field

    def __str__(self) -> str:  # one line, always
        return " ".join(str(self.args[0]).split()) if self.args else ""


class PlanFileError(UserInputError):
    """A plan file that cannot be opened: truncated, foreign, newer, or with a bad field."""
