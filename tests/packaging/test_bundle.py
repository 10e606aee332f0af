"""Build the PyInstaller bundle and run it with an empty environment, as on a bare lab PC.

Marked slow (about a minute here once the build venv exists, a few minutes from scratch).
Set DZP_BUNDLE_DIR to a built `dzp-planner` folder to test an existing bundle instead.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    existing = os.environ.get("DZP_BUNDLE_DIR")
    if existing:
        return Path(existing) / "dzp-planner" / "dzp-planner"
    out = tmp_path_factory.mktemp("dist")
    build = subprocess.run(["bash", str(REPO / "packaging" / "build.sh"), str(out)], capture_output=True, text=True, timeout=1500)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return out / "dzp-planner" / "dzp-planner"


def _bare(bundle: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "DZP_PLANNER_HOME": str(home / "data")}
    return subprocess.run(["env", "-i", *[f"{k}={v}" for k, v in env.items()], str(bundle), *args],
                          capture_output=True, text=True, timeout=300)


def test_frozen_self_test_with_an_empty_environment(bundle, tmp_path):
    out = _bare(bundle, tmp_path, "--self-test")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert out.returncode == 0 and result["ok"], result
    assert result["text_renders"]


def test_frozen_headless_commands(bundle, tmp_path):
    from dzp_planner import __version__

    assert _bare(bundle, tmp_path, "--version").stdout.strip() == f"DZP Planner {__version__}"
    plan = tmp_path / "p.dzp"
    assert _bare(bundle, tmp_path, "new", "--template", "mono-boc-protection", str(plan)).returncode == 0
    checked = json.loads(_bare(bundle, tmp_path, "check", str(plan)).stdout)
    assert checked["components"] == 4  # the Protocol 2 table: diamine, Boc2O, DCM, DCM for the Boc2O
    analysed = json.loads(_bare(bundle, tmp_path, "analyze", "C1CNCCNC1").stdout)
    assert analysed["formula"] == "C5H12N2"
    mixing = json.loads(_bare(bundle, tmp_path, "distribution", "--electrophile-equiv", "1", "--mixing-time", "1e-6").stdout)
    assert abs(mixing["mono"] - 0.5) < 1e-3  # scipy's solver is in the bundle
    pdf = tmp_path / "p.pdf"
    exported = _bare(bundle, tmp_path, "export", str(plan), "--pdf", str(pdf))
    assert exported.returncode == 0 and pdf.read_bytes()[:5] == b"%PDF-"
