"""The core must import without PySide6 (the headless commands and CI's pure tests rely on it)."""

import pkgutil
import subprocess
import sys

import dzp_planner.core


def test_core_imports_without_loading_pyside6():
    modules = [m.name for m in pkgutil.walk_packages(dzp_planner.core.__path__, "dzp_planner.core.")]
    assert len(modules) >= 5
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('PySide6') or m.startswith('shiboken'))\n"
        "print(','.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"core modules pulled in Qt: {out.stdout}"
