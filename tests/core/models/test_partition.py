"""The partition step of the pH switch (issue 27), against a hand calculation."""

from __future__ import annotations

import json

import pytest

from dzp_planner import cli
from dzp_planner.core.models.extraction import partition


def test_three_extractions_of_homopiperazine_at_ph_12_by_hand():
    """pKa 10.41 / 6.70: f0 = 1/(1 + 10^(10.41−12) + 10^(17.11−24)) = 0.97494; logP −1 → D = 0.097494;
    equal volumes: q = D/(1 + D) = 0.088833 each; three: 1 − 0.911167³ = 0.24353 (the issue's 20–25 %)."""
    f0 = 1 / (1 + 10 ** (10.41 - 12) + 10 ** (10.41 + 6.70 - 24))
    assert f0 == pytest.approx(0.97494, abs=1e-5)
    split = partition(f0, -1.0, 3, 1.0)
    assert split.distribution_coefficient == pytest.approx(0.097494, abs=1e-6)
    assert split.per_extraction == pytest.approx(0.088833, abs=1e-6)
    assert split.extracted == pytest.approx(0.24353, abs=1e-5)


def test_half_the_volume_twice_takes_more_than_the_whole_once():
    """A lipophilic neutral (D = 1): once with R = 1 takes 1/2; twice with R = 1/2 takes 1 − (2/3)² = 5/9."""
    assert partition(1.0, 0.0, 1, 1.0).extracted == pytest.approx(0.5)
    assert partition(1.0, 0.0, 2, 0.5).extracted == pytest.approx(5 / 9)


@pytest.mark.parametrize("args, words", [
    ((1.5, 0.0, 1, 1.0), "neutral fraction"), ((1.0, 20.0, 1, 1.0), "logP"),
    ((1.0, 0.0, 0, 1.0), "whole number"), ((1.0, 0.0, 1, 0.0), "volume ratio"),
])
def test_bad_values_are_refused(args, words):
    with pytest.raises(ValueError, match=words):
        partition(*args)


def test_the_extraction_command_contract(capsys):
    assert cli.run(["extraction", "--pka", "10.41", "6.70", "--ph", "12", "--logp", "-1",
                    "--extractions", "3", "--volume-ratio", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["extracted"] == pytest.approx(0.24353, abs=1e-5) and out["neutral"] == pytest.approx(0.97494, abs=1e-5)
    assert cli.run(["extraction", "--pka", "10.41", "6.70", "--ph", "12"]) == 0
    assert "extracted" not in json.loads(capsys.readouterr().out)  # without --logp, today's output
    assert cli.run(["extraction", "--pka", "10.41", "--ph", "12", "--extractions", "3"]) == 2
    assert "--logp" in capsys.readouterr().err


def test_the_pH_switch_check_quotes_the_diamine_carried_by_hand():
    """Protocol 2: three equal DCM extractions at pH 12; logP of homopiperazine by RDKit's Crippen method (called here)."""
    from rdkit import Chem
    from rdkit.Chem import Crippen

    from dzp_planner.core.document.derivation import derive
    from dzp_planner.core.guidance import templates

    log_p = Crippen.MolLogP(Chem.MolFromSmiles("C1CNCCNC1"))
    f0 = 1 / (1 + 10 ** (10.41 - 12) + 10 ** (10.41 + 6.70 - 24))
    d = 10 ** log_p * f0
    carried = 1 - (1 / (1 + d)) ** 3
    text = next(c.text for c in derive(templates.plan_from_template("mono-boc-protection")).checks if "basic extraction" in c.text)
    assert f"take about {carried:.0%} of the left-over diamine" in text and "Crippen" in text


def test_a_substrate_beyond_the_logp_range_gets_the_plain_sentence_not_a_crash():
    """A 2-hexatriacontyl diazepane in Protocol 2: Crippen logP ~13.6 for the SM (RDKit, called here), past the
    partition model's range; the derivation used to raise inside the window's update."""
    from rdkit import Chem
    from rdkit.Chem import Crippen

    from dzp_planner.core.document import plan_edits
    from dzp_planner.core.document.derivation import derive
    from dzp_planner.core.guidance.templates import plan_from_template

    greasy = "C" * 36 + "C1CNCCCN1"
    assert Crippen.MolLogP(Chem.MolFromSmiles(greasy)) > 12
    plan = plan_from_template("mono-boc-protection")
    for section, value in plan_edits.substrate_changes(plan, greasy, "").items():
        plan.set_section(section, value)
    text = " ".join(s.correction for s in derive(plan).procedure)
    assert "the extraction also takes some of the left-over diamine: check the extract for it" in text
