"""PySide6 views over `dzp_planner.core`. Widgets display and edit the plan; they do no chemistry."""
