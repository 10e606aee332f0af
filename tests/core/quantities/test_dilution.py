"""C1·V1 = C2·V2 with hand-worked cases across units."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dzp_planner.core.errors import UserInputError
from dzp_planner.core.quantities.dilution import solve_dilution
from dzp_planner.core.quantities.units import parse_quantity


def test_stock_to_working_solution():
    # 10 mL of 1.0 M diluted to 0.1 M: V2 = 1.0 × 10 / 0.1 = 100 mL, add 90 mL
    r = solve_dilution(c1="1.0 M", v1="10 mL", c2="0.1 M")
    assert r.v2_ml == pytest.approx(100.0)
    assert r.solvent_to_add_ml == pytest.approx(90.0)
    assert r.solved_for == "v2"
    assert r.display()["solvent_to_add"] == "90 mL"


def test_how_much_stock_across_units():
    # 250 µL of 50 mM from a 1 mol/L stock: V1 = 0.050 × 0.250 / 1 = 0.0125 mL = 12.5 µL
    r = solve_dilution(c1="1 mol/L", c2="50 mM", v2="250 µL")
    assert r.v1_ml == pytest.approx(0.0125)
    assert r.solvent_to_add_ml == pytest.approx(0.2375)
    assert r.display()["v1"] == "12.5 µL"


def test_final_concentration_and_stock_concentration():
    # 2 mL of 4 mmol/mL made up to 0.5 L: C2 = 4 × 2 / 500 = 0.016 M
    r = solve_dilution(c1="4 mmol/mL", v1="2 mL", v2="0.5 L")
    assert r.c2_m == pytest.approx(0.016)
    assert r.solvent_to_add_ml == pytest.approx(498.0)
    # 5 mL stock made up to 50 mL gives 0.2 M: C1 = 0.2 × 50 / 5 = 2 M
    r = solve_dilution(v1="5 mL", c2="200 mmol/L", v2="50 mL")
    assert r.c1_m == pytest.approx(2.0)


def test_numbers_are_molar_and_millilitres():
    r = solve_dilution(c1=1.0, v1=10, c2=0.5)
    assert r.v2_ml == pytest.approx(20.0)
    r = solve_dilution(c1=parse_quantity("1 M"), v1=parse_quantity("1 mL"), c2=parse_quantity("1 M"))
    assert r.solvent_to_add_ml == 0.0  # same strength: nothing to add


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (dict(c1="0.1 M", v1="10 mL", c2="1 M"), "cannot make the solution stronger"),
        (dict(c1="0.1 M", c2="1 M", v2="10 mL"), "cannot make the solution stronger"),
        (dict(c1="1 M", v1="10 mL", v2="5 mL"), "at least V1"),
        (dict(v1="10 mL", c2="1 M", v2="5 mL"), "at least V1"),
        (dict(c1="1 M", v1="10 mL"), "exactly three"),
        (dict(c1="1 M", v1="10 mL", c2="0.1 M", v2="100 mL"), "exactly three"),
        (dict(c1="1 g", v1="10 mL", c2="0.1 M"), "C1"),
        (dict(c1="1 M", v1="10 g", c2="0.1 M"), "V1"),
        (dict(c1="1 M", v1="-10 mL", c2="0.1 M"), "negative"),
        (dict(c1="1 M", v1="10 mL", c2="0 M"), "zero"),
        (dict(c1="1e-6 M", v1="1000 L", c2="1e-12 M"), "check the inputs"),
        (dict(v1="1 µL", c2="90 M", v2="10 mL"), "more than any solution"),
    ],
)
def test_inconsistent_inputs(kwargs, match):
    with pytest.raises(UserInputError, match=match):
        solve_dilution(**kwargs)


@given(c1=st.floats(0.01, 10.0), v1=st.floats(0.01, 100.0), ratio=st.floats(1.0, 100.0))
@example(c1=7.25, v1=0.01, ratio=1.0)  # 7.25 × 0.01 / 7.25 is one ulp above 0.01: no dilution, not an error
def test_any_three_give_back_the_fourth(c1, v1, ratio):
    c2 = c1 / ratio
    v2 = solve_dilution(c1=c1, v1=v1, c2=c2).v2_ml
    assert v2 == pytest.approx(v1 * ratio, rel=1e-9)
    assert solve_dilution(c1=c1, c2=c2, v2=v2).v1_ml == pytest.approx(v1, rel=1e-9)
    assert solve_dilution(c1=c1, v1=v1, v2=v2).c2_m == pytest.approx(c2, rel=1e-9)
    assert solve_dilution(v1=v1, c2=c2, v2=v2).c1_m == pytest.approx(c1, rel=1e-9)
