"""`dzp-planner table`: the JSON contract, exit codes, one-line errors (stdin through a real subprocess once,
the rest in this process)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from tests.cli_in_process import run_in_process

MW_DIAZEPANE = 5 * 12.011 + 12 * 1.008 + 2 * 14.007  # 100.165
MW_BOC2O = 10 * 12.011 + 18 * 1.008 + 5 * 15.999  # 218.249
MW_BENZALDEHYDE = 7 * 12.011 + 6 * 1.008 + 15.999  # 106.124


def run_table(payload, *args, real_process: bool = False) -> subprocess.CompletedProcess:
    data = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not real_process:
        return run_in_process(["table", *args], stdin=data)
    return subprocess.run([sys.executable, "-m", "dzp_planner", "table", *args], input=data,
                          capture_output=True, timeout=120)


def ok(payload, *args, real_process: bool = False) -> dict:
    out = run_table(payload, *(args or ("-",)), real_process=real_process)
    assert out.returncode == 0, out.stderr.decode()
    return json.loads(out.stdout)


def bad(payload, *args) -> str:
    out = run_table(payload, *(args or ("-",)))
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert out.stdout == b""
    err = out.stderr.decode().strip()
    assert "\n" not in err and err.startswith("error:") and "Traceback" not in err
    return err


def test_protocol_2_from_stdin():
    result = ok({
        "components": [
            {"name": "1,4-Diazepane", "smiles": "C1CNCCNC1", "role": "limiting", "mass": "5.0 g"},
            {"name": "Boc2O", "smiles": "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C", "role": "reagent", "mass": "5.4 g"},
            {"name": "DCM", "role": "solvent", "volume": "100 mL"},
        ],
        "addition": {"component": "Boc2O", "volume": "50 mL", "time": "1 h"},
    }, real_process=True)  # the one end-to-end run: stdin, stdout and the exit code of a real process
    dzp, boc, dcm = result["components"]
    assert set(dzp) == {"name", "mw", "mmol", "equiv", "mass_g", "volume_ml"}
    assert dzp["mmol"] == pytest.approx(5000 / MW_DIAZEPANE, rel=1e-6)  # 49.92
    assert boc["equiv"] == pytest.approx(0.496, abs=5e-4)
    assert boc["volume_ml"] is None  # weighed solid: does not apply
    assert dcm["mmol"] is None and dcm["equiv"] is None and dcm["volume_ml"] == 100.0
    assert result["concentration_M"] == pytest.approx(0.499, abs=5e-4)
    assert result["addition"]["rate_ml_per_min"] == pytest.approx(50 / 60, rel=1e-6)
    assert any("75%" in h["text"] for h in result["hints"])


def test_protocol_1_from_a_file_with_database_fill_in(tmp_path):
    path = tmp_path / "p1.json"
    path.write_text(json.dumps({"components": [
        {"name": "1,4-Diazepane", "role": "limiting", "amount": "2.0 mmol"},
        {"name": "Benzaldehyde", "equiv": 0.9},  # SMILES and density from the database
        {"name": "AcOH", "role": "additive", "equiv": "1.0 equiv"},
        {"name": "STAB", "equiv": "1.5 equiv"},
        {"name": "DCE", "role": "solvent", "concentration": "0.1 M"},
    ]}), encoding="utf-8")
    result = ok(b"", str(path))
    rows = {r["name"]: r for r in result["components"]}
    assert rows["1,4-Diazepane"]["mass_g"] == pytest.approx(2.0 * MW_DIAZEPANE / 1000, rel=1e-6)
    assert rows["Benzaldehyde"]["volume_ml"] == pytest.approx(1.8 * MW_BENZALDEHYDE / 1.044 / 1000, rel=1e-6)
    assert rows["STAB"]["mass_g"] == pytest.approx(0.6358, abs=1e-4)
    assert rows["DCE"]["volume_ml"] == pytest.approx(20.0)
    assert result["concentration_M"] == pytest.approx(0.1)
    # without the database, the aldehyde has no structure: no MW, so no mass or volume
    rows = {r["name"]: r for r in ok(b"", str(path), "--no-database")["components"]}
    assert rows["Benzaldehyde"]["mmol"] == pytest.approx(1.8) and rows["Benzaldehyde"]["mass_g"] is None


def test_mol_amount_salt_and_solution():
    result = ok({"components": [
        {"name": "Homopiperazine·2HCl", "smiles": "C1CNCCNC1", "salt": "2HCl", "role": "limiting", "amount": "0.01 mol"},
        {"name": "LiHMDS", "role": "base", "equiv": "2.2", "concentration": "1.0 M"},
        {"name": "Boc2O", "smiles": "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C", "mass": "1.1 g", "purity": "97 %"},
    ]}, "-", "--no-database")
    salt, base, boc = result["components"]
    assert salt["mmol"] == pytest.approx(10.0)
    assert salt["mass_g"] == pytest.approx(10.0 * (MW_DIAZEPANE + 2 * 36.461) / 1000, rel=1e-5)  # 1.731 g
    assert base["volume_ml"] == pytest.approx(22.0) and base["mass_g"] is None
    assert boc["mmol"] == pytest.approx(1100 * 0.97 / MW_BOC2O, rel=1e-6)
    assert result["concentration_M"] is None  # no solvent row


@pytest.mark.parametrize(
    ("payload", "expect"),
    [
        ({"components": [{"name": "Diazepane", "role": "limiting", "mass": "5.0 g"},
                         {"name": "Boc2O", "volume": "5 mL"}]},
         "component 'Boc2O': volume given for Boc2O but it has no density; enter a density or weigh it"),
        ({"components": [{"name": "X", "role": "limiting", "mass": 5}]}, "component 'X': 'mass' is a bare number"),
        ({"components": [{"name": "X", "role": "limiting", "mass": "5 m"}]}, "component 'X': mass:"),
        ({"components": [{"name": "X", "role": "limiting", "mass": "5 mL"}]}, "expected a mass"),
        ({"components": [{"name": "X", "role": "limiting", "mass": "-5 g"}]}, "negative"),
        ({"components": [{"name": "X", "role": "limiting", "mass": "10**10**10 g"}]}, "not a quantity"),
        ({"components": [{"name": "X", "role": "limiting", "mass": "1 g", "volume": "1 mL"}]}, "not several"),
        ({"components": [{"name": "X", "role": "limiting"}]}, "component 'X': no quantity"),
        ({"components": [{"name": "X", "role": "boss", "mass": "1 g"}]}, "role 'boss'"),
        ({"components": [{"name": "X", "role": "limiting", "mass": "1 g", "colour": "red"}]}, "unknown key 'colour'"),
        ({"components": [{"name": "X", "role": "limiting", "mass": "1 g", "density": True}]}, "density"),
        ({"components": [{"role": "limiting", "mass": "1 g"}]}, "no \"name\""),
        ({"components": []}, "empty"),
        ({"rows": []}, "\"components\" list"),
        ([1, 2], "\"components\" list"),
        ("{not json", "not valid JSON"),
        ("[" * 100000 + "]" * 100000, "nested too deeply"),
        (b"\xff\xfe\x00", "UTF-8"),
    ],
)
def test_bad_input_exits_2_with_one_line(payload, expect):
    assert expect in bad(payload)


def test_missing_file():
    assert "cannot read" in bad(b"", "/nonexistent/table.json")


def test_a_resin_bound_reagent_by_its_loading():
    result = ok({"components": [
        {"name": "1,4-diazepane", "smiles": "C1CNCCNC1", "role": "limiting", "amount": "2.0 mmol"},
        {"name": "PS-DIEA", "role": "base", "equiv": 3, "loading": "3.5 mmol/g"},
        {"name": "MP-cyanoborohydride", "mass": "1.0 g", "loading": 2.3},  # a bare number is mmol/g
    ]})
    base, resin = result["components"][1], result["components"][2]
    assert base["mmol"] == pytest.approx(6.0) and base["mass_g"] == pytest.approx(6.0 / 3.5, rel=1e-3)
    assert base["volume_ml"] is None
    assert resin["mmol"] == pytest.approx(2.3) and resin["equiv"] == pytest.approx(1.15)  # 1.0 g × 2.3 mmol/g
    assert "loading" in bad({"components": [{"name": "x", "role": "limiting", "mass": "1 g", "loading": "2 M"}]})
