"""Every pKa shipped has a source or says "estimate" with its method (issue 27)."""

from __future__ import annotations

import pytest

from dzp_planner.core.document.plan import ModelSettings
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.models import pka_data


def test_every_value_has_a_source_or_is_an_estimate_with_its_method():
    records = pka_data.shipped()
    assert records
    for record in records:
        assert record.is_estimate or any(ch.isdigit() for ch in record.source)  # a reference with its year
        if record.is_estimate:
            assert "estimate" in record.method.lower()


def test_the_plan_defaults_are_the_tables_homopiperazine_values():
    homopiperazine = pka_data.for_smiles("N1CCNCCC1.Cl.Cl")  # another spelling, as the salt
    assert homopiperazine is not None and list(homopiperazine.values) == ModelSettings().pka["diamine"]
    assert homopiperazine.temperature_c == 20.2 and "Pagano" in homopiperazine.source
    assert pka_data.for_smiles("CC(C)(C)OC(=O)N1CCCNCC1").is_estimate
    assert pka_data.for_smiles("C1CNCCN1").values == (9.73, 5.33)  # Hetzer, Robinson & Bates 1968


def test_a_value_without_a_source_is_refused(tmp_path):
    path = tmp_path / "pka.toml"
    path.write_text('[[pka]]\nname = "x"\nsmiles = "N"\nvalues = [9.0]\ntemperature_c = 25\nsolvent = "water"\n'
                    'method = "guess"\nsource = "estimate"\n')
    with pytest.raises(UserInputError, match="an estimate says how it was estimated"):
        pka_data.load(path)


def test_piperazine_at_other_temperatures_follows_hetzer_robinson_and_bates():
    """Their fit, −log K2 = 1656.59/T + 6.1316 − 0.006556·T (K2: the higher pKa), against the table's interpolation."""
    record = pka_data.for_smiles("C1CNCCN1")
    for celsius in (7.5, 25.0, 37.0, 50.0):
        t = celsius + 273.15
        high, low = record.at_temperature(celsius)
        assert high == pytest.approx(1656.59 / t + 6.1316 - 0.006556 * t, abs=0.005)
        assert low == pytest.approx(952.11 / t + 4.3919 - 0.007555 * t, abs=0.005)
    with pytest.raises(UserInputError, match="outside"):
        record.at_temperature(80.0)
    with pytest.raises(UserInputError, match="only"):
        pka_data.for_smiles("CC(=O)N1CCNCC1").at_temperature(40.0)


def test_the_speciation_command_reads_the_table_at_a_temperature(capsys):
    import json

    from dzp_planner import cli
    from dzp_planner.core.models.speciation import at_ph

    assert cli.run(["speciation", "--smiles", "C1CNCCN1", "--temperature", "40", "--ph", "9"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["free_base"] == pytest.approx(at_ph(9.367, 5.066, 9.0).free_base, rel=1e-9)  # Hetzer's 40 °C row
    assert cli.run(["speciation", "--pka", "9.7", "5.3", "--temperature", "40", "--ph", "9"]) == 2
    assert "--smiles" in capsys.readouterr().err


def test_the_series_must_match_the_values_and_go_up(tmp_path):
    path = tmp_path / "pka.toml"
    base = ('[[pka]]\nname = "x"\nsmiles = "N"\nvalues = [9.0]\ntemperature_c = 25\nsolvent = "water"\n'
            'method = "emf"\nsource = "Someone 1999"\n')
    path.write_text(base + "series = [[25, 9.0, 5.0]]\n")
    with pytest.raises(UserInputError, match="series"):
        pka_data.load(path)
    path.write_text(base + "series = [[30, 9.0], [25, 9.1]]\n")
    with pytest.raises(UserInputError, match="go up"):
        pka_data.load(path)
