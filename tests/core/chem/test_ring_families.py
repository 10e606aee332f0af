"""A ring family is one small object: a piperazine family written in this test alone is found by the site model,
numbered N1/N4, and gives products and `analyze` output, without touching any other module."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from rdkit import Chem

from dzp_planner.core import chem
from dzp_planner.core.chem import rings
from dzp_planner.core.chem.rings import walk
from dzp_planner.core.chem.rings.analysis import RingAnalysis, RingSite
from dzp_planner.core.chem.rings.nitrogens import classify_nitrogen
from dzp_planner.core.chem.site_model import site_model_for
from dzp_planner.core.reactions.products import enumerate_products

PIPERAZINE = "C1CNCCN1"
BENZOYL_CHLORIDE = "O=C(Cl)c1ccccc1"


@dataclass(frozen=True)
class PiperazineFamily:
    """Saturated six-membered rings with two N para to each other; N1 is the N of lower canonical rank."""

    name: str = "piperazine"

    def find(self, mol: Any) -> list[RingAnalysis]:
        ranks = list(Chem.CanonicalRankAtoms(mol, breakTies=False))
        found = []
        for ring in mol.GetRingInfo().AtomRings():
            if len(ring) != 6:
                continue
            order = walk.ordered_ring(mol, ring)
            gap = walk.nitrogen_gap(mol, order)
            if gap is None or gap[2] != 3 or walk.ring_state(mol, order)[0]:
                continue
            first = gap[0] if ranks[order[gap[0]]] <= ranks[order[gap[1]]] else gap[1]
            numbered = order[first:] + order[:first]
            n1, n4 = numbered[0], numbered[3]
            sites = tuple(RingSite(atom, label, classify_nitrogen(mol, atom),
                                   mol.GetAtomWithIdx(atom).GetTotalNumHs(includeNeighbors=True) > 0)
                          for atom, label in ((n1, "N1"), (n4, "N4")))
            found.append(RingAnalysis(True, tuple(numbered), n1, n4, ranks[n1] == ranks[n4], sites, family=self.name))
        return found

    def not_found(self, mol: Any) -> RingAnalysis:
        return RingAnalysis(False, family=self.name, warnings=("no piperazine ring",))


@pytest.fixture(name="piperazines")
def _piperazines():
    rings.register(PiperazineFamily())
    yield
    rings.unregister("piperazine")


def _canon(smiles: str) -> str:
    return Chem.MolToSmiles(Chem.MolFromSmiles(smiles))


def test_without_the_family_a_piperazine_is_a_look_alike():
    model = site_model_for(PIPERAZINE)
    assert model.rings == () and model.model_kind == "two-equivalent-sites"  # its two NH are still amines
    assert any("a piperazine" in w for w in model.warnings)
    assert [f.name for f in rings.families()] == ["1,4-diazepane"]


@pytest.mark.usefixtures("piperazines")
def test_a_registered_family_numbers_its_rings_and_the_sites_follow():
    model = site_model_for(PIPERAZINE)
    assert [r.family for r in model.rings] == ["piperazine"]
    assert sorted(s.label for s in model.sites) == ["N1", "N4"]
    assert model.model_kind == "two-equivalent-sites" and model.first_ring.n1_n4_equivalent
    # 1-methylpiperazine: one N–H (secondary, reactive), the other tertiary
    methyl = site_model_for("CN1CCNCC1")
    assert methyl.model_kind == "one-site" and methyl.first_ring.n1_n4_equivalent is False
    assert [s.kind for s in methyl.reactive] == ["secondary_amine"]
    # 2-methylpiperazine: two different secondary N–H
    assert site_model_for("CC1CNCCN1").model_kind == "two-different-sites"


@pytest.mark.usefixtures("piperazines")
def test_products_and_analyze_see_the_registered_family():
    products = enumerate_products(PIPERAZINE, "acylation", BENZOYL_CHLORIDE)
    assert [p.smiles for p in products["mono"]] == [_canon("O=C(c1ccccc1)N1CCNCC1")]
    assert products["bis"][0].smiles == _canon("O=C(c1ccccc1)N1CCN(C(=O)c2ccccc2)CC1")
    assert set(products["mono"][0].sites) <= {"N1", "N4"}  # ring labels, not "side-chain NH"
    assert chem.analyze(PIPERAZINE)["diazepane"]["family"] == "piperazine"


@pytest.mark.usefixtures("piperazines")
def test_a_molecule_with_both_rings_names_both_families():
    model = site_model_for("C1CNCCN1CCN1CCCNCC1")
    assert sorted(r.family for r in model.rings) == ["1,4-diazepane", "piperazine"]
    assert any("1,4-diazepane and piperazine rings" in w for w in model.warnings)


def test_unregistering_drops_the_family_from_cached_answers():
    rings.register(PiperazineFamily())
    try:
        assert site_model_for(PIPERAZINE).rings
        assert enumerate_products(PIPERAZINE, "acylation", BENZOYL_CHLORIDE)["mono"][0].sites[0] in {"N1", "N4"}
    finally:
        rings.unregister("piperazine")
    assert site_model_for(PIPERAZINE).rings == ()
    assert enumerate_products(PIPERAZINE, "acylation", BENZOYL_CHLORIDE)["mono"][0].sites[0] != "N1"
    assert chem.analyze(PIPERAZINE)["diazepane"]["found"] is False
