"""The reaction table against hand-derived numbers.

Molecular weights are built here from IUPAC atomic weights as RDKit uses them
(C 12.011, H 1.008, N 14.007, O 15.999, Na 22.990, B 10.81, Cl 35.453), then every amount,
mass and volume is worked out from first principles: mmol = mg / MW, mL = mg / (1000 × g/mL),
M = mmol / mL.
"""

from __future__ import annotations

import pytest

from dzp_planner.core.document.plan import Addition, Component
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.guidance import templates
from dzp_planner.core.quantities import salt_forms, stoich
from dzp_planner.core.quantities.stoich import compute_table, percent_yield, rescale, theoretical_yield

C, H, N, O, NA, B, CL = 12.011, 1.008, 14.007, 15.999, 22.990, 10.81, 35.453
MW_DIAZEPANE = 5 * C + 12 * H + 2 * N  # C5H12N2 = 100.165
MW_BOC2O = 10 * C + 18 * H + 5 * O  # C10H18O5 = 218.249
MW_BENZALDEHYDE = 7 * C + 6 * H + O  # C7H6O = 106.124
MW_STAB = 6 * C + 10 * H + B + NA + 6 * O  # C6H10BNaO6 = 211.94
MW_HCL = H + CL  # 36.461
MW_MONO_BOC = 10 * C + 20 * H + 2 * N + 2 * O  # C10H20N2O2 = 200.282
MW_BENZYL_DIAZEPANE = 12 * C + 18 * H + 2 * N  # C12H18N2 = 190.29

DIAZEPANE, BOC2O = "C1CNCCNC1", "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C"


def protocol_2() -> list[Component]:
    return [
        Component("1,4-Diazepane", "limiting", DIAZEPANE, "5.0 g"),
        Component("Boc2O", "reagent", BOC2O, "5.4 g"),
        Component("DCM", "solvent", "ClCCl", "100 mL", density=1.33),
    ]


def test_molecular_weights_match_the_notes():
    assert pytest.approx(100.165, abs=1e-3) == MW_DIAZEPANE
    assert salt_forms.mw_from_smiles(DIAZEPANE) == pytest.approx(MW_DIAZEPANE, abs=1e-3)
    assert salt_forms.mw_from_smiles(BOC2O) == pytest.approx(218.249, abs=1e-3)
    with pytest.raises(UserInputError):
        salt_forms.mw_from_smiles("C1CC(")


def test_protocol_2_as_written():
    table = compute_table(protocol_2(), Addition("Boc2O", "50 mL", "1 h", "DCM"))
    dzp, boc, dcm = table.rows
    # 5.0 g / 100.165 g/mol = 49.92 mmol (the guide's "50 mmol")
    assert dzp.mmol == pytest.approx(5000 / MW_DIAZEPANE, rel=1e-6)
    assert dzp.mmol == pytest.approx(49.92, abs=0.005)
    assert dzp.equiv == 1.0
    # 5.4 g / 218.249 g/mol = 24.74 mmol, 0.496 equiv
    assert boc.mmol == pytest.approx(24.74, abs=0.005)
    assert boc.equiv == pytest.approx((5400 / MW_BOC2O) / (5000 / MW_DIAZEPANE), rel=1e-6)
    assert boc.equiv == pytest.approx(0.496, abs=0.0005)
    assert boc.volume_ml is None  # weighed: no density given
    assert dcm.volume_ml == 100.0 and dcm.mmol is None and dcm.equiv is None
    # 49.92 mmol / 100 mL = 0.499 M
    assert table.concentration_m == pytest.approx(0.499, abs=0.0005)
    assert table.solvent_volume_ml == 100.0
    # 50 mL over 1 h: 50 mL/h, 50/60 = 0.833 mL/min; 150 mL in all after the addition
    assert table.addition.rate_ml_per_h == pytest.approx(50.0)
    assert table.addition.rate_ml_per_min == pytest.approx(0.8333, abs=1e-4)
    assert table.concentration_after_addition_m == pytest.approx(49.92 / 150, abs=1e-3)
    assert table.addition.display() == "50 mL/h, 0.833 mL/min"
    assert table.errors == ()
    # 25 mmol of Boc2O would be 25 × 218.249 mg = 5.456 g (the notes' rounding remark)
    assert pytest.approx(5.456, abs=5e-4) == 25 * MW_BOC2O / 1000


def test_protocol_2_template_gives_the_same_numbers():
    plan = templates.plan_from_template("mono-boc-protection")
    table = compute_table(plan.components, plan.addition)
    assert table.row("Boc2O").equiv == pytest.approx(0.496, abs=0.0005)
    assert table.concentration_m == pytest.approx(0.499, abs=0.0005)
    assert table.addition.rate_ml_per_min == pytest.approx(50 / 60)


def test_protocol_1_at_2_mmol():
    plan = templates.plan_from_template("reductive-mono-alkylation")
    table = compute_table(plan.components)
    dzp = table.row("1,4-Diazepane")
    assert dzp.mmol == 2.0
    assert dzp.mass_g * 1000 == pytest.approx(2.0 * MW_DIAZEPANE, rel=1e-6)  # 200.3 mg
    assert dzp.mass_g * 1000 == pytest.approx(200.3, abs=0.05)
    ald = table.row("Benzaldehyde")
    assert ald.mmol == pytest.approx(1.8)  # 0.9 equiv × 2.0 mmol
    assert ald.mass_g * 1000 == pytest.approx(191.0, abs=0.05)  # 1.8 × 106.124
    assert ald.volume_ml * 1000 == pytest.approx(1.8 * MW_BENZALDEHYDE / 1.044, rel=1e-6)  # 183 µL
    assert ald.volume_ml * 1000 == pytest.approx(183.0, abs=0.05)
    acoh = table.row("acetic acid")  # row lookup ignores case
    assert acoh.mmol == pytest.approx(2.0)
    assert acoh.mass_g * 1000 == pytest.approx(120.1, abs=0.05)
    assert acoh.volume_ml * 1000 == pytest.approx(114.5, abs=0.05)
    stab = table.row("STAB")
    assert stab.mmol == pytest.approx(3.0)
    assert stab.mass_g * 1000 == pytest.approx(3.0 * MW_STAB, rel=1e-5)  # 635.8 mg
    assert stab.mass_g * 1000 == pytest.approx(635.8, abs=0.05)
    assert stab.volume_ml is None
    dce = table.row("DCE")
    assert dce.volume_ml == pytest.approx(20.0)  # 2.0 mmol / 0.1 M
    assert table.concentration_m == pytest.approx(0.1)
    assert ald.display("volume_ml") == "183 µL"
    assert dzp.display("mass_g") == "200 mg"


def test_protocol_1_rescaled_from_another_scale_to_2_mmol():
    plan = templates.plan_from_template("reductive-mono-alkylation")
    small = rescale(plan.components, "0.5 mmol")
    assert compute_table(small).row("DCE").volume_ml == pytest.approx(5.0)  # 0.5 / 0.1
    back = rescale(small, "2.0 mmol")
    table = compute_table(back)
    assert table.row("STAB").mass_g * 1000 == pytest.approx(635.8, abs=0.05)
    assert table.row("Benzaldehyde").volume_ml * 1000 == pytest.approx(183.0, abs=0.05)


def test_rescale_keeps_equivalents_of_typed_masses():
    comps = protocol_2()
    half = rescale(comps, "2.5 g")
    assert half[0].quantity == "2.5 g"
    assert half[1].quantity == "2.7 g"  # 5.4 g × (2.5 / 5.0)
    assert half[2].quantity == "50 mL"  # the solvent keeps the concentration
    table = compute_table(half)
    assert table.row("Boc2O").equiv == pytest.approx((5400 / MW_BOC2O) / (5000 / MW_DIAZEPANE), rel=1e-3)
    assert table.concentration_m == pytest.approx(0.499, abs=0.0005)
    comps[1].equiv_locked = True
    locked = rescale(comps, "10 mmol")
    assert locked[1].quantity == "0.4957 equiv"
    assert compute_table(locked).row("Boc2O").mmol == pytest.approx(4.957, abs=1e-3)


def test_rescale_errors():
    with pytest.raises(UserInputError):
        rescale(protocol_2(), "1.5 equiv")
    with pytest.raises(UserInputError):
        rescale(protocol_2(), "5 m")
    with pytest.raises(UserInputError, match="limiting"):
        rescale([Component("x", "reagent", DIAZEPANE, "1 g")], "2 g")


def test_salt_form_dihydrochloride():
    mw_salt = MW_DIAZEPANE + 2 * MW_HCL  # 100.165 + 2 × 36.461 = 173.087
    assert mw_salt == pytest.approx(173.08, abs=0.01)
    mass_g = 10.0 * mw_salt / 1000  # 10 mmol of the salt
    rows = [Component("1,4-Diazepane·2HCl", "limiting", DIAZEPANE, f"{mass_g:.6f} g", salt="2HCl")]
    row = compute_table(rows).rows[0]
    assert row.mw == pytest.approx(mw_salt, abs=1e-3)
    assert row.free_base_mw == pytest.approx(MW_DIAZEPANE, abs=1e-3)
    assert row.mmol == pytest.approx(10.0, rel=1e-6)  # amount of the free base
    assert row.salt_acid_equiv == 2
    assert row.base_to_free_mmol == pytest.approx(20.0, rel=1e-6)  # 2 equiv of base per mmol
    # an amount typed for the salt gives the salt's mass
    row = compute_table([Component("dzp", "limiting", DIAZEPANE, "2.0 mmol", salt="dihydrochloride")]).rows[0]
    assert row.mass_g * 1000 == pytest.approx(2.0 * mw_salt, rel=1e-6)


def test_salt_with_an_mw_override_and_hydrate():
    row = compute_table([Component("x", "limiting", "", "1.0 g", mw=200.0, salt="HCl")]).rows[0]
    assert row.mmol == pytest.approx(5.0) and row.base_to_free_mmol == pytest.approx(5.0)
    row = compute_table([Component("x", "limiting", DIAZEPANE, "1 mmol", salt="2HCl·H2O")]).rows[0]
    assert row.mw == pytest.approx(MW_DIAZEPANE + 2 * MW_HCL + (2 * H + O), abs=1e-3)
    assert row.salt_acid_equiv == 2  # water needs no base


@pytest.mark.parametrize("salt", ["2HCl", "HCl", "TFA", "HBr", "2 HCl", "dihydrochloride", "H2SO4"])
def test_salt_spellings(salt):
    assert salt_forms.parse_salt(salt)


def test_salt_problems():
    rows = compute_table([
        Component("a", "limiting", DIAZEPANE, "1 g", salt="2HXyz"),
        Component("b", "reagent", "C1CNCCNC1.Cl.Cl", "1 g", salt="2HCl"),
    ]).rows
    assert rows[0].errors and "salt" in str(rows[0].errors[0])
    assert rows[1].errors and "counter-ions" in str(rows[1].errors[0])


def test_purity_raises_the_mass_to_weigh():
    rows = [Component("Boc2O", "limiting", BOC2O, "10 mmol", purity=95.0)]
    row = compute_table(rows).rows[0]
    assert row.mass_g == pytest.approx(10 * MW_BOC2O / 0.95 / 1000, rel=1e-6)  # 2.297 g
    rows = [Component("Boc2O", "limiting", BOC2O, "2.297 g", purity=95.0)]
    assert compute_table(rows).rows[0].mmol == pytest.approx(2297 * 0.95 / MW_BOC2O, rel=1e-6)


def test_reagent_sold_as_a_solution():
    comps = [
        Component("amine", "limiting", DIAZEPANE, "2.0 mmol"),
        Component("LiHMDS", "base", "C[Si](C)(C)[N-][Si](C)(C)C.[Li+]", "1.2 equiv", concentration=1.0),
        Component("HCl", "additive", "Cl", "500 µL", concentration=4.0),
    ]
    table = compute_table(comps)
    lihmds, hcl = table.row("LiHMDS"), table.row("HCl")
    assert lihmds.volume_ml == pytest.approx(2.4)  # 2.4 mmol / 1.0 mmol/mL
    assert lihmds.mass_g is None  # a solution is not weighed
    assert hcl.mmol == pytest.approx(2.0)  # 0.5 mL × 4 mmol/mL
    comps[1].quantity = "2 g"
    assert compute_table(comps).row("LiHMDS").errors


def test_liquid_reagent_by_volume():
    comps = [Component("amine", "limiting", DIAZEPANE, "2.0 mmol"),
             Component("Benzaldehyde", "reagent", "O=Cc1ccccc1", "183 µL", density=1.044)]
    row = compute_table(comps).rows[1]
    assert row.mmol == pytest.approx(0.183 * 1.044 * 1000 / MW_BENZALDEHYDE, rel=1e-9)
    assert row.equiv == pytest.approx(0.9, abs=0.001)


def test_mass_of_a_liquid_without_density_is_fine():
    comps = [Component("amine", "limiting", DIAZEPANE, "2.0 mmol"),
             Component("Benzaldehyde", "reagent", "O=Cc1ccccc1", "191 mg")]
    row = compute_table(comps).rows[1]
    assert row.ok and row.volume_ml is None and row.mmol == pytest.approx(191 / MW_BENZALDEHYDE)


def test_volume_for_a_solid_without_density_is_a_row_error():
    comps = protocol_2()
    comps[1].quantity = "5 mL"
    table = compute_table(comps)
    boc = table.row("Boc2O")
    assert [str(m) for m in boc.errors] == ["Boc2O: volume given for Boc2O but it has no density; enter a density or weigh it"]
    assert boc.mmol is None and boc.mass_g is None and boc.equiv is None
    assert table.row("1,4-Diazepane").mmol == pytest.approx(49.92, abs=0.005)  # the other rows still compute
    assert table.concentration_m == pytest.approx(0.499, abs=0.0005)


@pytest.mark.parametrize(
    ("quantity", "expect"),
    [("5 m", "length"), ("-5 g", "negative"), ("0 g", "zero"), ("abc", "not a quantity"),
     ("", "no quantity"), ("0.1 M", "concentration"), ("10**10**10 g", "not a quantity")],
)
def test_bad_cells_are_row_messages_not_exceptions(quantity, expect):
    comps = protocol_2()
    comps[1].quantity = quantity
    table = compute_table(comps)
    boc = table.row("Boc2O")
    assert not boc.ok
    assert expect in str(boc.errors[0]) and str(boc.errors[0]).startswith("Boc2O: ")
    assert boc.mmol is None and boc.equiv is None and boc.mass_g is None and boc.volume_ml is None
    assert boc.errors[0] in table.errors


def test_table_level_problems():
    # no limiting row: masses still give mmol, equiv needs the reference
    t = compute_table([Component("a", "reagent", DIAZEPANE, "1 g"), Component("b", "reagent", BOC2O, "1 equiv")])
    assert t.rows[0].mmol == pytest.approx(1000 / MW_DIAZEPANE) and t.rows[0].equiv is None
    assert "limiting" in str(t.rows[1].errors[0])
    assert any("no limiting reagent" in str(m) for m in t.messages)
    # the limiting row typed in equiv, a second limiting row, a bad role, bad SMILES, no MW
    t = compute_table([
        Component("a", "limiting", DIAZEPANE, "1 equiv"),
        Component("b", "limiting", DIAZEPANE, "1 g"),
        Component("c", "boss", DIAZEPANE, "1 g"),
        Component("d", "reagent", "C1CC(", "1 g"),
        Component("e", "reagent", "", "1 g"),
        Component("f", "reagent", "", "2 mmol"),
    ])
    assert all(not r.ok for r in t.rows[:5])
    assert t.rows[5].ok and t.rows[5].mass_g is None and t.rows[5].notes  # no MW: mmol only


def test_bad_numeric_fields_are_row_errors():
    for field, value in (("density", -1.0), ("density", float("nan")), ("concentration", 0.0),
                         ("mw", float("inf")), ("purity", 120.0), ("purity", 0.0)):
        c = Component("x", "limiting", DIAZEPANE, "1 g")
        setattr(c, field, value)
        row = compute_table([c]).rows[0]
        assert not row.ok and row.errors[0].field == field


def test_solvent_rows():
    comps = [Component("amine", "limiting", DIAZEPANE, "2.0 mmol"),
             Component("DCM", "solvent", "ClCCl", "5 mL"),
             Component("MeOH", "solvent", "CO", "0.1 M")]
    table = compute_table(comps)
    # 0.1 M over all solvents: 2.0 / 0.1 = 20 mL in all, so MeOH is 20 − 5 = 15 mL
    assert table.row("MeOH").volume_ml == pytest.approx(15.0)
    assert table.concentration_m == pytest.approx(0.1)
    comps[1].quantity = "30 mL"
    assert "already dilute" in str(compute_table(comps).row("MeOH").errors[0])
    comps = [Component("amine", "limiting", DIAZEPANE, "2.0 mmol"),
             Component("DCM", "solvent", "ClCCl", "26.6 g", density=1.33)]
    assert compute_table(comps).row("DCM").volume_ml == pytest.approx(20.0)
    comps[1].density = None
    assert compute_table(comps).row("DCM").errors
    comps[1].quantity = "2 equiv"
    assert compute_table(comps).row("DCM").errors


def test_addition_problems_are_messages():
    t = compute_table(protocol_2(), Addition("Boc2O", "50 mL", "soon"))
    assert t.addition.rate_ml_per_min is None
    assert any("addition" in str(m) for m in t.errors)
    t = compute_table(protocol_2(), Addition("Nope", "50 mL", "30 min"))
    assert t.addition.rate_ml_per_h == pytest.approx(100.0)
    assert any("Nope" in str(m) for m in t.messages)
    assert compute_table(protocol_2(), Addition()).addition is None


def test_theoretical_yield_protocol_2_is_limited_by_boc2o():
    table = compute_table(protocol_2())
    y = theoretical_yield(table, MW_MONO_BOC)
    assert y.limiting_row == "Boc2O"  # 24.74 mmol Boc2O < 49.92 mmol diamine
    assert y.mmol == pytest.approx(5400 / MW_BOC2O, rel=1e-6)
    assert y.mass_g == pytest.approx(5.400 / MW_BOC2O * MW_MONO_BOC, rel=1e-6)  # 4.955 g
    assert percent_yield("4.0 g", y) == pytest.approx(100 * 4.0 / y.mass_g, rel=1e-9)  # 80.7 %
    assert percent_yield(4.0, y) == pytest.approx(80.7, abs=0.05)
    with pytest.raises(UserInputError):
        percent_yield("4 mL", y)
    with pytest.raises(UserInputError):
        theoretical_yield(table, -1.0)


def test_theoretical_yield_protocol_1_is_limited_by_the_aldehyde():
    table = compute_table(templates.plan_from_template("reductive-mono-alkylation").components)
    y = theoretical_yield(table, salt_forms.mw_from_smiles("C1CNCCN(C1)Cc1ccccc1"))
    assert y.limiting_row == "Benzaldehyde"  # 1.8 mmol; STAB (3.0) and the diamine (2.0) are in excess
    assert y.mass_g * 1000 == pytest.approx(1.8 * MW_BENZYL_DIAZEPANE, rel=1e-5)  # 342.5 mg
    y2 = theoretical_yield(table, MW_BENZYL_DIAZEPANE, needs={"STAB": 2.0})
    assert y2.limiting_row == "STAB" and y2.mmol == pytest.approx(1.5)  # 3.0 mmol / 2


def test_quantity_for_cell():
    assert stoich.quantity_for_cell("equiv", "1.2") == "1.2 equiv"
    assert stoich.quantity_for_cell("mass", "250", default_unit="mg") == "250 mg"
    assert stoich.quantity_for_cell("mass", "0.25 g") == "0.25 g"
    with pytest.raises(UserInputError):
        stoich.quantity_for_cell("mass", "250")
    with pytest.raises(UserInputError):
        stoich.quantity_for_cell("volume", "5 g")


def test_a_vanishing_density_is_refused_not_turned_into_an_infinite_volume():
    """4 g at 1.7e-308 g/mL would be 2.4e308 mL, past the largest float: refused on the row instead."""
    rows = [Component("1,4-diazepane", "limiting", "C1CNCCNC1", "4 g"),
            Component("liquid", "reagent", "ClCCl", "4 g", density=1.6983800652505334e-308)]
    table = compute_table(rows)
    assert table.rows[1].volume_ml is None
    assert any(m.field == "density" and "between 0.01 and 25" in m.text for m in table.rows[1].errors)


def test_scale_so_that_a_named_row_comes_to_an_amount():
    """Issue 24: "scale so that this row is 5 mmol". Protocol 2 has 49.92 mmol diamine and 24.74 mmol Boc2O
    (the chemistry notes); Boc2O = 5 mmol scales everything by 5 / 24.74."""
    from dzp_planner.core.guidance.templates import plan_from_template
    from dzp_planner.core.quantities.stoich import compute_table, rescale_to

    plan = plan_from_template("mono-boc-protection")
    before = compute_table(plan.components)
    rows = rescale_to(plan.components, "Boc2O = 5 mmol")
    after = compute_table(rows)
    boc = next(i for i, c in enumerate(rows) if c.name == "Boc2O")
    assert after.rows[boc].mmol == pytest.approx(5.0, rel=1e-3)  # masses are rewritten to 4 significant figures
    assert after.limiting_mmol == pytest.approx(before.limiting_mmol * 5.0 / (5.4 / 218.249 * 1000), rel=1e-3)
    assert after.rows[boc].equiv == pytest.approx(before.rows[boc].equiv, rel=1e-3)
    assert compute_table(rescale_to(plan.components, "2 mmol")).limiting_mmol == pytest.approx(2.0)
    with pytest.raises(UserInputError, match="no row is called 'TsCl'"):
        rescale_to(plan.components, "TsCl: 1 mmol")
