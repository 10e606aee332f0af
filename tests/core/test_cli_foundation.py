"""Headless `new`, `check`, `--version`: JSON on stdout and exit 0, or one line and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.cli_in_process import run_in_process

from dzp_planner import __version__


def dzp(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dzp_planner", *args], capture_output=True, text=True, input=stdin, timeout=120)


def test_new_from_template_then_check(tmp_path):
    path = tmp_path / "boc.dzp"
    made = dzp("new", "--template", "mono-boc-protection", str(path))
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["path"] == str(path.resolve())
    checked = dzp("check", str(path))
    assert checked.returncode == 0, checked.stderr
    summary = json.loads(checked.stdout)
    assert summary == {
        "format": "dzp-plan", "version": 4, "current_version": 4,
        "title": "Mono-Boc protection of 1,4-diazepane (Protocol 2, pH switch)",
        "substrate": "C1CNCCNC1", "reaction": "boc-protection", "components": 4, "warnings": [],
    }
    again = run_in_process(["new", "--template", "mono-boc-protection", str(path)], text=True)  # one subprocess per command
    assert again.returncode == 2 and "already exists" in again.stderr


def test_check_reports_the_version_of_an_old_file():
    from pathlib import Path

    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "plans" / "v1-mono-boc.dzp"
    out = run_in_process(["check", str(fixture)], text=True)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["version"] == 1 and json.loads(out.stdout)["components"] == 3


def test_bad_inputs_exit_2_with_one_line(tmp_path):
    truncated = tmp_path / "cut.dzp"
    truncated.write_text('{"format": "dzp-plan", "version": 2, "title": "x')
    cases = [
        ("check", str(truncated)),
        ("check", str(tmp_path / "missing.dzp")),
        ("new", "--template", "no-such-protocol", str(tmp_path / "x.dzp")),
        ("new", str(tmp_path / "y.dzp")),  # --template missing
        ("frobnicate",),
    ]
    for args in cases:
        out = run_in_process(list(args), text=True)
        assert out.returncode == 2, (args, out.returncode, out.stderr)
        assert out.stdout == ""
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error:"), (args, out.stderr)
        assert "Traceback" not in out.stderr


def test_version():
    out = dzp("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"DZP Planner {__version__}"
