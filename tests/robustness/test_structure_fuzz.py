"""Our structure parsing layer on hostile input: a molecule or a StructureError, never a crash.

Mutated SMILES and MOL blocks go through `parse_any` (what the editor's paste and the SMILES
field call), `analyze` and the editor's `drawing`, with a fixed seed so CI is repeatable.
Each example must finish within 2 s.
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdkit import Chem

from dzp_planner.core.chem import analyze, editing
from dzp_planner.core.chem.parsing import parse_any
from dzp_planner.core.errors import UserInputError

SETTINGS = settings(derandomize=True, max_examples=2000, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
SEEDS = ["C1CNCCNC1", "CC(C)(C)OC(=O)N1CCCNCC1", "CN1CCCN(C)CC1C#N", "c1ccc(CN2CCCNCC2)cc1", "C1=CN=CC=NC1", "[NH3+]CC[O-]"]
ALPHABET = "CNOSPFIBrcl()[]=#@+-1234567890/\\%.Hn*:"
MOLBLOCK = Chem.MolToMolBlock(Chem.MolFromSmiles("CC(C)(C)OC(=O)N1CCCNCC1"))


def _survives(text: str) -> None:
    started = time.perf_counter()
    try:
        mol = parse_any(text)
    except UserInputError as exc:
        assert "\n" not in str(exc) and str(exc)
    else:
        smiles = Chem.MolToSmiles(mol)
        try:
            analyze(smiles)
        except UserInputError:
            pass  # a SMILES that round-trips badly is reported, not raised further
    assert time.perf_counter() - started < 2.0


@SETTINGS
@given(st.sampled_from(SEEDS), st.integers(0, 40), st.integers(0, 5), st.text(alphabet=ALPHABET, max_size=6))
def test_mutated_smiles(seed, position, cut, insert):
    position = min(position, len(seed))
    _survives(seed[:position] + insert + seed[position + cut:])


@SETTINGS
@given(st.text(max_size=60))
def test_arbitrary_text(text):
    _survives(text)


@SETTINGS
@given(st.integers(0, len(MOLBLOCK)), st.integers(0, 30), st.text(alphabet="0123456789 .-CNOV\nM END", max_size=12))
def test_mutated_molblocks_through_paste_and_the_editor(position, cut, insert):
    block = MOLBLOCK[:position] + insert + MOLBLOCK[position + cut:]
    _survives(block)
    started = time.perf_counter()
    try:
        editing.drawing(block)
    except (ValueError, UserInputError):
        pass
    assert time.perf_counter() - started < 2.0
