"""PySide6 must not read the source of modules imported after it (dzp_planner.gui.startup)."""

from __future__ import annotations

import inspect
import sys

import PySide6.QtCore  # noqa: F401  (installs PySide6's import hook)

from dzp_planner.gui import startup


def test_imports_after_pyside_read_no_source(tmp_path, monkeypatch):
    feature = sys.modules["shibokensupport.feature"]
    monkeypatch.setattr(feature, "_mod_uses_pyside", feature._mod_uses_pyside)  # restored afterwards
    assert startup.skip_source_scan()
    reads: list[object] = []
    real_getsource = inspect.getsource
    monkeypatch.setattr(inspect, "getsource", lambda obj: reads.append(obj) or real_getsource(obj))
    (tmp_path / "dzp_probe_module_a.py").write_text("import PySide6\nVALUE = 1\n")
    (tmp_path / "dzp_probe_module_b.py").write_text("VALUE = 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    a = __import__("dzp_probe_module_a")  # the import statement's path, which PySide6 wraps
    b = __import__("dzp_probe_module_b")
    assert (a.VALUE, b.VALUE) == (1, 2)
    assert reads == []  # without the patch PySide6 reads both files (checked: 2 reads)
    assert feature.pyside_feature_dict["dzp_probe_module_b"] == -1  # answered from the name


def test_without_the_patch_pyside_reads_sources(tmp_path, monkeypatch):
    """The control: PySide6 6.9-6.11 really scan each new module, so the test above can fail."""
    feature = sys.modules["shibokensupport.feature"]
    assert feature._mod_uses_pyside is not startup._uses_pyside_by_name  # tests restore it
    reads: list[object] = []
    real_getsource = inspect.getsource
    monkeypatch.setattr(inspect, "getsource", lambda obj: reads.append(obj) or real_getsource(obj))
    (tmp_path / "dzp_probe_module_c.py").write_text("VALUE = 3\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    __import__("dzp_probe_module_c")
    assert [getattr(m, "__name__", "") for m in reads] == ["dzp_probe_module_c"]


def test_the_kill_switch_turns_every_trick_off(monkeypatch):
    """DZP_PLANNER_PLAIN_START=1: no patch, signals not muted, no stored picture."""
    from PySide6.QtCore import QObject

    feature = sys.modules["shibokensupport.feature"]
    monkeypatch.setattr(feature, "_mod_uses_pyside", feature._mod_uses_pyside)
    before = feature._mod_uses_pyside
    monkeypatch.setenv(startup.PLAIN_START_ENV, "1")
    assert not startup.skip_source_scan() and feature._mod_uses_pyside is before
    controller = QObject()
    startup.mute_plan_signals(controller)
    assert not controller.signalsBlocked()
    assert not startup.stored_pictures_enabled()
    monkeypatch.setenv(startup.PLAIN_START_ENV, "0")
    startup.mute_plan_signals(controller)
    assert controller.signalsBlocked() and startup.stored_pictures_enabled()


def test_an_unchecked_pyside_version_is_left_alone(monkeypatch):
    import PySide6

    feature = sys.modules["shibokensupport.feature"]
    monkeypatch.setattr(feature, "_mod_uses_pyside", feature._mod_uses_pyside)
    before = feature._mod_uses_pyside
    monkeypatch.setattr(PySide6, "__version__", "6.12.0")
    assert not startup.skip_source_scan() and feature._mod_uses_pyside is before
