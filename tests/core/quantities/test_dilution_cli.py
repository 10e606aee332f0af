"""`dzp-planner dilute` (through a real subprocess once, the rest in this process)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from tests.cli_in_process import run_in_process


def dilute(*args: str, real_process: bool = False) -> subprocess.CompletedProcess:
    if not real_process:
        return run_in_process(["dilute", *args], text=True)
    return subprocess.run([sys.executable, "-m", "dzp_planner", "dilute", *args], capture_output=True, text=True,
                          timeout=120)


def test_three_of_four_give_the_fourth():
    out = dilute("--c1", "1.0 M", "--v1", "10 mL", "--c2", "0.1 M", real_process=True)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert set(result) == {"c1_m", "v1_ml", "c2_m", "v2_ml", "solvent_to_add_ml"}
    # V2 = 1.0 × 10 / 0.1 = 100 mL; add 100 − 10 = 90 mL
    assert result["v2_ml"] == pytest.approx(100.0) and result["solvent_to_add_ml"] == pytest.approx(90.0)
    out = dilute("--c1", "4 mmol/mL", "--c2", "50 mM", "--v2", "250 µL")
    # V1 = 0.05 × 0.25 / 4 = 0.003125 mL
    assert json.loads(out.stdout)["v1_ml"] == pytest.approx(0.003125)
    out = dilute("--c1", "2", "--v1", "5", "--v2", "20")  # bare numbers: M and mL
    assert json.loads(out.stdout)["c2_m"] == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (("--c1", "0.1 M", "--v1", "10 mL", "--c2", "1 M"), "cannot make the solution stronger"),
        (("--c1", "1 M", "--v1", "10 mL"), "exactly three"),
        (("--c1", "1 M", "--v1", "10 g", "--c2", "0.1 M"), "V1"),
        (("--c1", "10**10**10 M", "--v1", "10 mL", "--c2", "0.1 M"), "C1"),
        (("--c1", "1e400", "--v1", "10 mL", "--c2", "0.1 M"), "C1"),
        (("--c1", "nan", "--v1", "10 mL", "--c2", "0.1 M"), "C1"),
        (("--bogus", "1"), "unrecognized"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, expect):
    out = dilute(*args)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and expect in out.stderr
