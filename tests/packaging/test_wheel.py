"""The wheel: forms and resources travel inside the package, and an installed copy finds its own.

The frozen bundle is tests/packaging/test_bundle.py; the checkout layout tests/core/test_paths.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0 and "hatchling" in result.stderr:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
            capture_output=True, text=True, timeout=300,
        )
    assert result.returncode == 0, result.stderr
    [built] = out.glob("dzp_planner-*.whl")
    return built


def test_wheel_carries_forms_and_resources_inside_the_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "dzp_planner/ui/main_window.ui" in names
    assert "dzp_planner/resources/templates/mono-boc-protection.toml" in names
    assert "dzp_planner/resources/docs/chemistry-notes.md" in names


def test_installed_wheel_finds_its_own_copies(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)], check=True, timeout=300)
    code = (
        "from dzp_planner import paths; from dzp_planner.core.guidance import templates;"
        "print(paths.ui_dir()); print(paths.resources_dir()); print(len(templates.all_templates()))"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert out.returncode == 0, out.stderr
    ui, res, count = out.stdout.split()
    assert Path(ui) == target / "dzp_planner" / "ui"
    assert Path(res) == target / "dzp_planner" / "resources"
    assert int(count) == len(list((REPO / "resources" / "templates").glob("*.toml")))
