"""pint at run time: the app's definitions file, the factors it gives and the dimensional check.

The oracle for the definitions file is pint's own default registry (a separate file, written by
pint's authors), and for the factors hand arithmetic (1 µmol/h = 1e-3 mmol / 60 min).
"""

from __future__ import annotations

import math
import subprocess
import sys

import pint
import pytest

from dzp_planner.core.quantities import unit_registry, units
from dzp_planner.core.quantities.units import parse_quantity


@pytest.fixture
def restore_factors(monkeypatch):
    """Tests that install other factors put the process's own back afterwards."""
    monkeypatch.setattr(units, "_FACTORS", dict(units._FACTORS))


def test_the_written_factors_are_pints():
    factors = unit_registry.pint_factors()
    assert set(factors) == set(units.unit_table())
    for token, (_kind, written, _expression) in units.unit_table().items():
        assert factors[token] == pytest.approx(written, rel=1e-12), token


def test_the_definitions_file_agrees_with_pints_own_registry():
    """Every allow-listed unit means the same in our ~25 definitions as in pint's ~1000."""
    ours = unit_registry.registry()
    theirs = pint.UnitRegistry(cache_folder=None)
    theirs.define("equivalent = [equivalent] = equiv")  # ours alone has equivalents
    for token, (kind, _factor, expression) in units.unit_table().items():
        base = units.unit_table()[units.BASE_UNITS[kind]][2]
        if kind == "temperature":
            assert ours.Quantity(25.0, expression).to("kelvin").magnitude == pytest.approx(298.15)
            continue
        mine = ours.Quantity(1.0, expression).to(base).magnitude
        reference = theirs.Quantity(1.0, expression).to(base).magnitude
        assert mine == pytest.approx(reference, rel=1e-12), token


@pytest.mark.parametrize(
    ("token", "factor"),
    [
        ("mmol/g", 1.0),  # base unit of a loading
        ("mol/kg", 1.0),  # 1 mol / 1000 g = 1 mmol / g
        ("µmol/g", 1e-3),
        ("mmol/h", 1.0 / 60.0),  # base mmol/min
        ("µmol/h", 1e-3 / 60.0),
        ("µmol/min", 1e-3),
        ("equiv/h", 1.0 / 60.0),  # base equiv/min
        ("mg/mL", 1.0),  # 1 mg per mL = 1 g per L
        ("% w/v", 10.0),  # 1 g per 100 mL = 10 g/L
        ("mM", 1e-3),
    ],
)
def test_compound_units_by_hand(token, factor):
    assert unit_registry.pint_factors()[token] == pytest.approx(factor, rel=1e-12)


def test_equivalents_are_a_dimension_of_their_own():
    ureg = unit_registry.registry()
    with pytest.raises(pint.DimensionalityError):
        ureg.Quantity(1.0, "equivalent / hour").to("1 / hour")
    with pytest.raises(pint.DimensionalityError):
        ureg.Quantity(1.0, "equivalent").to("millimole")
    with pytest.raises(pint.DimensionalityError):
        ureg.Quantity(1.0, "millimole / gram").to("molar")  # a loading is not a concentration


def test_a_unit_filed_under_the_wrong_kind_is_refused(monkeypatch):
    monkeypatch.setitem(units._UNITS, "mmol/g", ("concentration", 1.0, "millimole / gram"))
    with pytest.raises(unit_registry.UnitDefinitionError, match="mmol/g"):
        unit_registry.pint_factors()


@pytest.mark.usefixtures("restore_factors")
def test_install_makes_conversions_use_pints_factors(monkeypatch):
    # a wrong written copy (mg as a hundredth of a gram) is what conversions use before install...
    monkeypatch.setitem(units._UNITS, "mg", ("mass", 1e-2, "milligram"))
    units.use_factors({token: entry[1] for token, entry in units._UNITS.items()})
    assert parse_quantity("250 mg").value == pytest.approx(2.5)
    # ...and pint's (1 mg = 1e-3 g) after it, reported as a difference
    differ = unit_registry.install()
    assert set(differ) == {"mg"}
    assert differ["mg"][1] == pytest.approx(1e-3)
    assert parse_quantity("250 mg").value == pytest.approx(0.25)
    assert units.format_quantity(0.25, "mass") == "250 mg"
    assert unit_registry.installed()


@pytest.mark.usefixtures("restore_factors")
def test_use_factors_needs_every_unit():
    with pytest.raises(ValueError, match="no factor"):
        units.use_factors({"g": 1.0})


def _python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return result.stdout.strip()


def test_parsing_does_not_import_pint():
    """The start path: the window's first table is computed before pint is loaded."""
    out = _python("import sys\n"
                  "from dzp_planner.core.quantities.units import parse_quantity, format_quantity\n"
                  "parse_quantity('2.3 mmol/g'); format_quantity(0.25, 'mass')\n"
                  "print('pint' in sys.modules)")
    assert out == "False"


def test_load_in_background_installs_pints_factors():
    out = _python("from dzp_planner.core.quantities import unit_registry as r, units\n"
                  "assert not r.installed()\n"
                  "r.load_in_background(); r.load_in_background()\n"
                  "assert r.wait_installed(60)\n"
                  "import threading\n"
                  "print(sum(t.name == 'dzp-load-pint' for t in threading.enumerate()) <= 1,"
                  " units.parse_quantity('20 µmol/h').value * 60)")
    started_once, per_hour = out.split()
    assert started_once == "True"
    assert math.isclose(float(per_hour), 0.020, rel_tol=1e-12)  # 20 µmol/h = 0.020 mmol/h


@pytest.mark.parametrize(("command", "converts"), [("dilute", True), ("analyze", False)])
def test_headless_commands_that_read_quantities_convert_with_pint(command, converts, monkeypatch, capsys):
    from dzp_planner import cli

    calls: list[bool] = []
    monkeypatch.setattr(unit_registry, "try_install", lambda: calls.append(True) or True)
    args = ["--c1", "1 M", "--v1", "10 mL", "--c2", "0.1 M"] if command == "dilute" else ["C1CNCCNC1"]
    assert cli.run([command, *args]) == 0
    assert calls == ([True] if converts else [])
    capsys.readouterr()


def test_a_background_load_that_ended_says_so_whether_or_not_it_installed(monkeypatch):
    import threading

    from dzp_planner.core.quantities import unit_registry

    monkeypatch.setattr(unit_registry, "_BACKGROUND", None)
    assert not unit_registry.background_load_ended()  # never started
    release = threading.Event()
    running = threading.Thread(target=release.wait)
    running.start()
    monkeypatch.setattr(unit_registry, "_BACKGROUND", running)
    assert not unit_registry.background_load_ended()
    release.set()
    running.join()
    assert unit_registry.background_load_ended()  # a failed load ends too: installed() alone would be waited on for ever
