"""One resource locator for every layout: the checkout here; the installed wheel and the frozen bundle
in tests/packaging (they build a package)."""

from __future__ import annotations

from dzp_planner import paths


def test_checkout_finds_resources_and_forms():
    assert (paths.ui_dir() / "main_window.ui").is_file()
    assert paths.resource("templates", "mono-boc-protection.toml").is_file()
    assert paths.resource("docs", "chemistry-notes.md").is_file()


def test_data_home_follows_the_environment(data_home):
    assert paths.data_home() == data_home
