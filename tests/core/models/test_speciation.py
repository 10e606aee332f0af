"""Speciation of a diamine (issue 27), against hand calculations."""

from __future__ import annotations

import json
import math

import pytest

from dzp_planner import cli
from dzp_planner.core.models.speciation import after_acid, at_ph

PIPERAZINE = (9.73, 5.33)  # 25 °C, Hetzer, Robinson & Bates, J. Phys. Chem. 1968, 72, 2081
HOMOPIPERAZINE = (10.41, 6.70)  # 20 °C, Pagano, Goldberg & Fernelius, J. Phys. Chem. 1961, 65, 1062


def test_one_equivalent_of_acid_leaves_almost_all_piperazine_as_the_mono_cation():
    """2 AH+ = A + AH2(2+), K = 10^(pKa_low − pKa_high); with y = [A] = [AH2]: y / (1 − 2y) = √K."""
    root = math.sqrt(10 ** (PIPERAZINE[1] - PIPERAZINE[0]))
    y = root / (1 + 2 * root)
    found = after_acid(*PIPERAZINE, 1.0)
    assert found.free_base == pytest.approx(y, rel=1e-6) and found.di_cation == pytest.approx(y, rel=1e-6)
    assert found.mono_cation == pytest.approx(1 - 2 * y, rel=1e-9)
    assert 0.987 <= found.mono_cation < 0.988 and 0.006 <= found.free_base < 0.007  # the 98.7 % and 0.6 %


def test_fractions_at_a_ph_are_the_chemistry_notes_values():
    """f0 = 1 / (1 + 10^(pKa1 − pH) + 10^(pKa1 + pKa2 − 2pH)) with pKa1 the higher."""
    for ph in (3.0, 8.0, 11.0):
        expected = 1 / (1 + 10 ** (HOMOPIPERAZINE[0] - ph) + 10 ** (sum(HOMOPIPERAZINE) - 2 * ph))
        assert at_ph(*HOMOPIPERAZINE, ph).free_base == pytest.approx(expected, rel=1e-9)
    assert at_ph(*HOMOPIPERAZINE, 3.0).free_base < 1e-10  # the acid wash keeps the diamine in the water


def test_no_acid_is_all_free_base_and_two_equivalents_all_di_cation():
    assert after_acid(*HOMOPIPERAZINE, 0.0).free_base == 1.0
    assert after_acid(*HOMOPIPERAZINE, 2.0).di_cation == 1.0
    half = after_acid(*HOMOPIPERAZINE, 0.5)
    assert half.mono_cation + 2 * half.di_cation == pytest.approx(0.5, abs=1e-9)


def test_the_command_contract(capsys):
    assert cli.run(["speciation", "--pka", "9.73", "5.33", "--acid-equiv", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"free_base", "mono_cation", "di_cation"} and sum(out.values()) == pytest.approx(1.0)
    assert cli.run(["speciation", "--pka", "9.73", "5.33"]) == 2
    assert "either --acid-equiv" in capsys.readouterr().err
    assert cli.run(["speciation", "--pka", "5.33", "9.73", "--ph", "7"]) == 2
    assert "high first" in capsys.readouterr().err


def test_the_pka_values_can_come_from_the_table(capsys):
    assert cli.run(["speciation", "--smiles", "C1CNCCN1", "--acid-equiv", "1"]) == 0
    from_table = json.loads(capsys.readouterr().out)
    assert cli.run(["speciation", "--pka", "9.73", "5.33", "--acid-equiv", "1"]) == 0
    assert json.loads(capsys.readouterr().out) == from_table
    assert cli.run(["speciation", "--smiles", "CCCCN", "--ph", "7"]) == 2
    assert "--pka HIGH LOW" in capsys.readouterr().err
