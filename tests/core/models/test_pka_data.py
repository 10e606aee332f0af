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
    assert homopiperazine.temperature_c == 20.0 and "Pagano" in homopiperazine.source
    assert pka_data.for_smiles("CC(C)(C)OC(=O)N1CCCNCC1").is_estimate
    assert pka_data.for_smiles("C1CNCCN1").values == (9.73, 5.33)  # Hetzer, Robinson & Bates 1968


def test_a_value_without_a_source_is_refused(tmp_path):
    path = tmp_path / "pka.toml"
    path.write_text('[[pka]]\nname = "x"\nsmiles = "N"\nvalues = [9.0]\ntemperature_c = 25\nsolvent = "water"\n'
                    'method = "guess"\nsource = "estimate"\n')
    with pytest.raises(UserInputError, match="an estimate says how it was estimated"):
        pka_data.load(path)
