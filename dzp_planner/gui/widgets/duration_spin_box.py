"""A spin box for durations that reads and writes them as a chemist does: "1 h", "45 min", "1.0 s".

Why: a QDoubleSpinBox with a fixed suffix shows an hour as "3600.0000 s". This one keeps the
value in seconds (what the models use) and shows the unit that reads best; typing any time the
units parser understands ("90 min", "1.5 h") works, and anything else is refused as it is typed.
"""

from __future__ import annotations

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget


def format_duration(seconds: float) -> str:
    if seconds >= 3600 and abs(seconds / 3600 - round(seconds / 3600, 2)) < 1e-9:
        return f"{seconds / 3600:g} h"
    if seconds >= 60:
        return f"{seconds / 60:.3g} min"
    return f"{seconds:.3g} s" if seconds >= 10 or seconds == 0 else f"{seconds:.2f} s".replace(".00 s", ".0 s")


class DurationSpinBox(QDoubleSpinBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(3)

    def textFromValue(self, value: float) -> str:
        return format_duration(value)

    def valueFromText(self, text: str) -> float:
        parsed = self._parse(text)
        return parsed if parsed is not None else self.value()

    def validate(self, text: str, pos: int):
        if self._parse(text) is not None:
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos

    @staticmethod
    def _parse(text: str) -> float | None:
        from dzp_planner.core.errors import UserInputError
        from dzp_planner.core.quantities.units import parse_quantity

        stripped = text.strip()
        if not stripped:
            return None
        try:
            return parse_quantity(stripped if not stripped.replace(".", "", 1).isdigit() else f"{stripped} s", "time",
                                  allow_zero=True).value
        except UserInputError:
            return None
