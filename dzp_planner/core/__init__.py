"""Qt-free core of DZP Planner: chemistry, units, kinetics, decisions and persistence.

Nothing under `dzp_planner.core` may import PySide6; `tests/core/test_qt_free.py` proves it.
"""
