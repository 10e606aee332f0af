"""pint at run time: the registry of DZP Planner's own units, and the conversions it works out.

What pint does here, and what it does not. What the chemist types is read only by the
allow-list grammar of `units` (pint *evaluates* text: `10**10**10 g` never returns). pint
is given the allow-list's unit expressions, never typed text, and from a registry built from
`resources/data/units.txt` it works out

- each allow-listed unit's factor to its kind's base unit (`pint_factors`), which `install`
  hands to `units`, so that from then on every conversion of a typed quantity uses pint's
  factor; and
- the dimensional check of the allow-list: every unit has the dimensions of its kind
  (`KIND_DIMENSIONS`; "mmol/g" is an amount per mass, "equiv/h" equivalents per time), so a
  unit added to the wrong kind is refused before any number is converted with it.

Why a file of our own: pint's default registry is about a thousand definitions and takes
~0.17 s to build; this one names only the allow-list's units and builds in ~8 ms, and it
gives the equivalent a dimension of its own, so equivalents can never be converted into a
frequency or a number of moles.

Why lazily and off the start path: `import pint` takes 0.12 s even with numpy already loaded
(bench/bench_units.py), which the window must not wait for. Until `install` runs, `units` converts with the copy of pint's
factors written in its table (tests check the copy against pint); the GUI calls
`load_in_background` once its live plot is first drawn, the headless commands `install` before
they read a quantity.
"""

from __future__ import annotations

import logging
import math
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from dzp_planner.core.quantities import units

if TYPE_CHECKING:  # pragma: no cover
    import pint

log = logging.getLogger(__name__)

# The dimensions of every quantity kind, in pint's notation ("" is a pure number).
KIND_DIMENSIONS: dict[str, str] = {
    "mass": "[mass]",
    "amount": "[substance]",
    "volume": "[length] ** 3",
    "concentration": "[substance] / [length] ** 3",
    "equiv": "[equivalent]",
    "density": "[mass] / [length] ** 3",
    "mw": "[mass] / [substance]",
    "time": "[time]",
    "rate": "[length] ** 3 / [time]",
    "percent": "",
    "temperature": "[temperature]",
    "mass_concentration": "[mass] / [length] ** 3",
    "loading": "[substance] / [mass]",
    "amount_rate": "[substance] / [time]",
    "equiv_rate": "[equivalent] / [time]",
}


class UnitDefinitionError(RuntimeError):
    """The definitions file and the allow-list disagree: a programming error, never the chemist's."""


_LOCK = threading.Lock()
_REGISTRY: pint.UnitRegistry | None = None
_INSTALLED = threading.Event()


def definitions_file() -> Path:
    from dzp_planner.paths import resource

    return resource("data", "units.txt")


def as_pint(parsed: units.ParsedQuantity) -> pint.Quantity:
    """The pint Quantity of a parsed entry, built from its validated magnitude and allow-listed unit only
    (here, not in `units`, so that `units` never imports this module: no circle)."""
    return registry().Quantity(parsed.magnitude, units.pint_unit(parsed.unit))


def registry() -> pint.UnitRegistry:
    """The one registry of the process, built from `definitions_file()` on first use.

    No disk cache: pint's cache folder holds pickle files, and the app never unpickles anything
    from disk (a planted file would run code). Thread-safe: the background load and a command
    on the window's thread may ask at once.
    """
    global _REGISTRY
    with _LOCK:
        if _REGISTRY is None:
            import pint

            _REGISTRY = pint.UnitRegistry(str(definitions_file()), cache_folder=None)
            log.debug("pint registry built from %s", definitions_file())
        return _REGISTRY


# (registry, allow-list, factors) of the last `pint_factors`: every headless command installs pint's factors,
# 5 ms of pint each time for the same answer (a test run makes hundreds of commands in one process)
_FACTORS_WORKED_OUT: tuple[pint.UnitRegistry, dict[str, tuple[str, float, str]], dict[str, float]] | None = None


def pint_factors() -> dict[str, float]:
    """Each allow-listed unit's factor to its kind's base unit, worked out by pint.

    Raises UnitDefinitionError when a unit's dimensions are not its kind's, or a factor is not
    a finite positive number.
    """
    global _FACTORS_WORKED_OUT
    ureg = registry()
    table = units.unit_table()
    known = _FACTORS_WORKED_OUT
    if known is not None and known[0] is ureg and known[1] == table:
        return dict(known[2])
    factors: dict[str, float] = {}
    for token, (kind, _written, expression) in table.items():
        one = ureg.Quantity(1.0, expression)
        wanted = ureg.get_dimensionality(KIND_DIMENSIONS[kind]) if KIND_DIMENSIONS[kind] else ureg.get_dimensionality("")
        if one.dimensionality != wanted:
            raise UnitDefinitionError(f"{token!r} ({expression}) has the dimensions {one.dimensionality}, "
                                      f"but {units.KIND_NAMES[kind]} has {wanted}")
        base_expression = table[units.BASE_UNITS[kind]][2]
        factor = float(one.to(base_expression).magnitude)
        if not (math.isfinite(factor) and factor > 0):
            raise UnitDefinitionError(f"{token!r}: pint gives the factor {factor!r} to {units.BASE_UNITS[kind]}")
        factors[token] = factor
    _FACTORS_WORKED_OUT = (ureg, table, dict(factors))
    return factors


def install() -> dict[str, tuple[float, float]]:
    """Convert with pint's factors from now on; returns the units whose written factor differed.

    Returns {token: (written, pint's)} for every factor that differs by more than rounding;
    those are logged as errors (the written table is a copy of pint's answer, and tests keep
    it so). Idempotent and thread-safe.
    """
    factors = pint_factors()
    written = {token: entry[1] for token, entry in units.unit_table().items()}
    differ = {t: (written[t], f) for t, f in factors.items() if not math.isclose(written[t], f, rel_tol=1e-12)}
    for token, (was, now) in differ.items():
        log.error("unit %s: the written factor %r is not pint's %r; using pint's", token, was, now)
    units.use_factors(factors)
    _INSTALLED.set()
    log.debug("conversions now use pint's factors (%d units)", len(factors))
    return differ


def installed() -> bool:
    """Whether conversions already use pint's factors."""
    return _INSTALLED.is_set()


def background_load_ended() -> bool:
    """Whether the import `load_in_background` started has ended, installed or failed (a failure leaves
    `installed()` False for good: a caller waiting for the load must not wait on that alone)."""
    thread = _BACKGROUND
    return thread is not None and not thread.is_alive()


def wait_installed(timeout: float | None = None) -> bool:
    """Block until pint's factors are in use (tests, and a command that must not race the load)."""
    return _INSTALLED.wait(timeout)


_BACKGROUND: threading.Thread | None = None
_START_LOCK = threading.Lock()


def load_in_background() -> None:
    """Import pint, build the registry and `install` on a plain thread (once per process).

    A failure leaves the written factors in use and is logged: the chemist loses nothing,
    and a broken pint never stops the program from starting.
    """
    global _BACKGROUND
    with _START_LOCK:  # not _LOCK: the thread holds that while it imports pint (~0.12 s)
        if _BACKGROUND is not None or _INSTALLED.is_set():
            return
        _BACKGROUND = threading.Thread(target=try_install, name="dzp-load-pint")  # not a daemon: no shutdown under a half-done import
    _BACKGROUND.start()


def try_install() -> bool:
    """`install`, or keep the written factors when pint cannot be loaded (said in the log)."""
    try:
        install()
    except Exception:  # the written copy of the factors stays in use; said in the log
        log.exception("pint could not be loaded; conversions keep the written factors")
        return False
    return True
