"""The offline names table (issue 24): a chemist's own reagents named, and liquids measured by volume.

Expected names are the ones on the bottle; densities are suppliers' catalogue values at 25 °C
(Sigma-Aldrich), compared within 2 %; MWs from element weights summed here over the formula.
"""

from __future__ import annotations

import json
import re

import pytest
from rdkit import Chem
from rdkit.Chem import Descriptors

from dzp_planner import cli, paths
from dzp_planner.core.chem.identity import inchikey
from dzp_planner.core.reactions import reagent_names


@pytest.mark.parametrize(("smiles", "name", "state", "density"), [
    ("O=C(Cl)c1ccc(Br)cc1", "4-Bromobenzoyl chloride", "solid", None),  # acid chloride, mp 36-41 °C
    ("O=S(=O)(Cl)c1ccc(F)cc1", "4-Fluorobenzenesulfonyl chloride", "solid", None),  # sulfonyl chloride, mp 29-31 °C
    ("Brc1ccccn1", "2-Bromopyridine", "liquid", 1.657),  # aryl halide
    ("O=Cc1ccc(F)cc1", "4-Fluorobenzaldehyde", "liquid", None),  # aldehyde: its only density is unverified
    ("O=C=Nc1ccc(Cl)cc1", "4-Chlorophenyl isocyanate", "solid", None),  # mp 26-29 °C
    ("C=CC(=O)OC(C)(C)C", "tert-Butyl acrylate", "liquid", 0.875),  # Michael acceptor
    ("CC1(C)OC1", "Isobutylene oxide", "liquid", 0.812),  # epoxide
    ("CCCCBr", "1-Bromobutane", "liquid", 1.276),  # alkyl halide
    ("Cc1cc(C)nc(C)c1", "2,4,6-Collidine", "liquid", 0.917),  # base
])
def test_real_reagents_are_named_and_liquids_have_their_density(capsys, smiles, name, state, density):
    assert cli.run(["reagent", smiles]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["name"] == name and found["state"] == state
    assert found["mw"] == pytest.approx(Descriptors.MolWt(Chem.MolFromSmiles(smiles)), abs=2e-3)
    if density is None:
        assert found["density_g_ml"] is None
    else:
        assert found["density_g_ml"] == pytest.approx(density, rel=0.02)


def test_a_reagent_in_no_table_is_unnamed_with_its_formula(capsys):
    assert cli.run(["reagent", "O=C(Cl)c1cc(C2CC2)c(OC(F)(F)F)cc1Br"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "unnamed (C11H7BrClF3O2)"
    assert reagent_names.lookup("NOT-AN-INCHIKEY") is None
    assert reagent_names.lookup(inchikey("O=C(Cl)c1cc(C2CC2)c(OC(F)(F)F)cc1Br")) is None


def test_a_state_from_one_crowd_sourced_melting_point_is_not_taken():
    # cyclopropanecarbonyl chloride (a liquid, bp 119 °C) has a 351 K "melting point" in one table only
    assert reagent_names.trusted_state("solid", "Tm=351.1K(COMMON_CHEMISTRY)") == "unknown"
    assert reagent_names.trusted_state("solid", "Tm=344.1K(CRC_ORG)") == "solid"
    assert reagent_names.trusted_state("liquid", "Tm=272.6K(CRC_ORG);Tb=474.1K(CRC_ORG)") == "liquid"
    assert reagent_names.trusted_density("1.18", "CRC_ORG(T unrecorded;unverified)") is None
    assert reagent_names.trusted_density("1.212", "CRC_ORG(T unrecorded;RI-checked)") == 1.212


def _weight(formula: str) -> float:
    table = Chem.GetPeriodicTable()
    return sum(table.GetAtomicWeight(symbol) * (int(count) if count else 1)
               for symbol, count in re.findall(r"([A-Z][a-z]?)(\d*)", formula))


def test_the_file_is_sorted_unique_and_every_mw_is_its_formulas():
    """The lookup bisects the file: it must be sorted by InChIKey with one row per key."""
    lines = paths.resource(*reagent_names.FILE).read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines[next(i for i, line in enumerate(lines) if line.startswith("inchikey\t")) + 1:]]
    keys = [row[0] for row in rows]
    assert len(rows) > 20000 and keys == sorted(keys) and len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"[A-Z]{14}-[A-Z]{10}-[A-Z]", key) for key in keys)
    off = [row[1] for row in rows if row[2] and abs(_weight(row[2]) - float(row[3])) > 0.02]
    assert off == []
    assert all(reagent_names.lookup(key) is not None for key in keys[::997])  # bisection finds rows all over


def test_a_plan_names_the_chemists_reagent_everywhere(tmp_path, capsys):
    out = tmp_path / "p.dzp"
    assert cli.run(["plan", str(out), "--smiles", "CC(C)(C)OC(=O)N1CCCNCC1", "--reagent", "O=C(Cl)c1ccc(Br)cc1"]) == 0
    capsys.readouterr()
    assert cli.run(["show", str(out)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert "4-bromobenzoyl chloride" in found["title"]
    assert found["reagent"]["name"] == "4-Bromobenzoyl chloride"
    assert any(c["name"] == "4-Bromobenzoyl chloride" for c in found["components"])


def test_a_substrate_outside_the_curated_list_is_named_from_the_table():
    """Not a diazepane the namer can build, not curated: the offline table names it (PubChem's names for
    piperidine and ethylenediamine) before the formula does; a molecule in neither keeps its formula."""
    from dzp_planner.core.chem.naming import substrate_name

    assert substrate_name("C1CCNCC1") == "Piperidine"
    assert substrate_name("NCCN") == "Ethylenediamine"
    assert substrate_name("NC1CNCCNC1") == "Substrate C5H13N3"
