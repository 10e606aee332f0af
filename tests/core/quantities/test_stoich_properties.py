"""Property tests of the reaction table: the arithmetic identities hold for any values, and
no input, however odd, makes `compute_table` raise."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dzp_planner.core.document.plan import ROLES, Addition, Component
from dzp_planner.core.quantities.stoich import compute_table, rescale

mw_values = st.floats(10.0, 2000.0, allow_nan=False)
mmol_values = st.floats(1e-3, 1e3, allow_nan=False)


@given(mw=mw_values, mmol=mmol_values)
def test_mass_is_mmol_times_mw(mw, mmol):
    row = compute_table([Component("x", "limiting", "", f"{mmol!r} mmol", mw=mw)]).rows[0]
    assert row.mass_g == pytest.approx(mmol * mw / 1000.0, rel=1e-12)  # mmol × g/mol = mg


@given(mw=mw_values, mass_mg=st.floats(1e-2, 1e6), purity=st.floats(1.0, 100.0))
def test_mmol_is_pure_mass_over_mw(mw, mass_mg, purity):
    row = compute_table([Component("x", "limiting", "", f"{mass_mg!r} mg", mw=mw, purity=purity)]).rows[0]
    assert row.mmol == pytest.approx(mass_mg * purity / 100.0 / mw, rel=1e-9)
    assert row.mass_g == pytest.approx(mass_mg / 1000.0, rel=1e-12)


@given(lim=mmol_values, equiv=st.floats(0.01, 50.0), mw=mw_values, density=st.floats(0.5, 3.0))
def test_equiv_volume_round_trip(lim, equiv, mw, density):
    rows = [Component("a", "limiting", "", f"{lim!r} mmol", mw=100.0),
            Component("b", "reagent", "", f"{equiv!r} equiv", mw=mw, density=density)]
    b = compute_table(rows).rows[1]
    assert b.mmol == pytest.approx(lim * equiv, rel=1e-12)
    assert b.volume_ml == pytest.approx(lim * equiv * mw / 1000.0 / density, rel=1e-9)
    # typing that volume back gives the same equivalents (above 1 nL, the parser's floor)
    assume(b.volume_ml >= 1e-5)
    rows[1].quantity = f"{b.volume_ml!r} mL"
    assert compute_table(rows).rows[1].equiv == pytest.approx(equiv, rel=1e-9)


@given(lim=mmol_values, target=st.floats(1e-3, 5.0), factor=st.floats(0.01, 100.0))
def test_concentration_and_rescale(lim, target, factor):
    rows = [Component("a", "limiting", "", f"{lim!r} mmol", mw=100.0),
            Component("b", "reagent", "", f"{lim * 0.5!r} mmol", mw=50.0),
            Component("s", "solvent", "", f"{target!r} M")]
    table = compute_table(rows)
    if table.rows[2].errors:  # the volume is outside what a flask holds: a message, not a crash
        return
    assert table.concentration_m == pytest.approx(target, rel=1e-9)
    scaled = compute_table(rescale(rows, f"{lim * factor!r} mmol"))
    assert scaled.rows[1].equiv == pytest.approx(0.5, rel=2e-3)  # 4 significant figures kept
    assert scaled.concentration_m == pytest.approx(target, rel=1e-9)


text = st.one_of(st.text(max_size=20), st.sampled_from(["5 g", "1.5 equiv", "2 mmol", "0.1 M", "50 mL", "-1 g", "1e400 g"]))
numbers = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 5))


def components():
    # st.builds, not @st.composite: the same values, a fifth less time to draw (300 examples: 1.1 s, was 1.4)
    return st.builds(
        Component,
        name=st.text(max_size=8), role=st.sampled_from((*ROLES, "boss", "")),
        smiles=st.sampled_from(["", "C1CNCCNC1", "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C", "C1CC(", "O=Cc1ccccc1", "ClCCl"]),
        quantity=text, mw=numbers, density=numbers, concentration=numbers,
        purity=st.one_of(st.just(100.0), st.floats(allow_nan=True)),
        salt=st.sampled_from(["", "2HCl", "HCl", "xyz", "2HCl·H2O", "1000HCl"]),
        equiv_locked=st.booleans(),
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(components(), max_size=8), st.builds(Addition, st.text(max_size=5), text, text))
def test_compute_table_never_raises(rows, addition):
    table = compute_table(rows, addition)
    assert len(table.rows) == len(rows)
    for r in table.rows:
        for value in (r.mmol, r.equiv, r.mass_g, r.volume_ml):
            assert value is None or (math.isfinite(value) and value >= 0)
        if r.errors:
            assert r.mmol is None and r.mass_g is None and r.volume_ml is None
