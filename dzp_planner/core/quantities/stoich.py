"""The reaction table: one typed quantity per row in, every other column out.

`compute_table` is a pure function of the plan's components (and the dropwise addition):
the chemist's typed `quantity` drives each row (mass -> mmol -> equiv; volume -> density or
solution strength -> mmol; equiv -> mmol from the limiting row), so the plan never stores
two numbers that can disagree. Problems are collected per row as messages and that row's
values are None: a bad cell never raises out of here, because the panel recomputes on every
keystroke and must keep showing the other rows.

Units: masses in g, amounts in mmol, volumes in mL, concentrations in mol/L (= mmol/mL),
MW in g/mol, resin loadings in mmol/g, so mmol × g/mol = mg, mmol / (mol/L) = mL and
mmol / (mmol/g) = g (tests/core/quantities/test_resin_loading.py checks each against pint).

The guide's rules checked against a plan (ratios, ceilings, concentration) are in `checks`,
which knows the substrate's sites and the model in force; this module is the arithmetic.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from dzp_planner.core.document.plan import ROLES, Addition, Component
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.quantities.addition import AddedRow, AdditionResult, addition_result
from dzp_planner.core.quantities.salt_forms import counter_ion_mw, mw_or_problem, parse_salt, salt_acid_equiv
from dzp_planner.core.quantities.units import ParsedQuantity, format_quantity, parse_quantity

log = logging.getLogger(__name__)

REACTIVE_ROLES = ("limiting", "reagent")  # rows that can limit the product
SOLVENT = "solvent"
ADDITION_SOLVENT = "addition-solvent"



@dataclass(frozen=True, slots=True)
class Message:
    """One problem or remark; `row` is the component's name (None for the whole table)."""

    row: str | None
    text: str
    severity: str = "error"  # error | warning | info
    field: str | None = None  # quantity, mw, density, concentration, purity, salt, role, smiles

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class RowResult:
    """The computed row. `mw` is the weighed form's (salt included); `mmol` is the free base's."""

    index: int
    name: str
    role: str
    typed: str  # kind of the typed quantity ("mass", "amount", "volume", "equiv", "concentration") or ""
    mw: float | None
    free_base_mw: float | None
    equiv: float | None
    mmol: float | None
    mass_g: float | None  # mass to weigh, purity and salt included; None for a solution
    volume_ml: float | None  # neat liquid (from density), solution (from strength) or solvent
    density: float | None
    concentration: float | None  # strength of a reagent sold as a solution, mol/L
    loading: float | None  # mmol per gram of a resin-bound reagent
    purity: float
    salt: str
    salt_acid_equiv: float  # acidic protons per molecule of the salt (2 for ·2HCl)
    base_to_free_mmol: float | None  # monobasic base needed to free the amine
    errors: tuple[Message, ...] = ()
    notes: tuple[Message, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    def display(self, column: str) -> str:
        """A cell's text as the chemist reads it ("" where the value does not apply)."""
        kinds = {"mass_g": "mass", "mmol": "amount", "volume_ml": "volume", "equiv": "equiv",
                 "mw": "mw", "density": "density", "concentration": "concentration", "loading": "loading"}
        return format_quantity(getattr(self, column), kinds[column], measured=True)


@dataclass(frozen=True, slots=True)
class TableResult:
    rows: tuple[RowResult, ...]
    limiting_index: int | None
    limiting_mmol: float | None
    solvent_volume_ml: float | None
    concentration_m: float | None  # limiting reagent / solvent rows' volume
    concentration_after_addition_m: float | None  # counting the addition's volume too
    addition: AdditionResult | None
    messages: tuple[Message, ...]  # table-level and every row's errors and notes

    def row(self, name: str) -> RowResult | None:
        key = name.strip().casefold()
        return next((r for r in self.rows if r.name.strip().casefold() == key), None)

    @property
    def errors(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.severity == "error")


# -- one row ---------------------------------------------------------------------------------

@dataclass
class _Row:
    """Working state of one row while the table is computed."""

    index: int
    c: Component
    name: str
    q: ParsedQuantity | None = None
    mw: float | None = None
    free_base_mw: float | None = None
    acid_equiv: float = 0.0
    mmol: float | None = None
    mass_g: float | None = None
    volume_ml: float | None = None
    errors: list[Message] = dataclasses.field(default_factory=list)
    notes: list[Message] = dataclasses.field(default_factory=list)

    def error(self, text: str, field: str = "quantity") -> None:
        self.errors.append(Message(self.name, f"{self.name}: {text}", "error", field))

    def note(self, text: str, field: str = "quantity", severity: str = "info") -> None:
        self.notes.append(Message(self.name, f"{self.name}: {text}", severity, field))


def _positive(value: float | None, what: str, row: _Row, field: str, lower: float, upper: float) -> float | None:
    """A row's own number within what any real reagent has (a density of 1e-308 g/mL would overflow a volume)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or not lower <= value <= upper:
        row.error(f"{what} must be a number between {lower:g} and {upper:g}, not {value!r}", field)
        return None
    return float(value)


def _prepare(index: int, c: Component) -> _Row:
    """Validate the row's own fields and parse its quantity; no cross-row arithmetic yet."""
    row = _Row(index, c, c.name.strip() or f"row {index + 1}")
    if c.role not in ROLES:
        row.error(f"role {c.role!r} is not one of {', '.join(ROLES)}", "role")
    _positive(c.density, "the density (g/mL)", row, "density", 0.01, 25.0)
    _positive(c.concentration, "the solution concentration (mol/L)", row, "concentration", 1e-6, 100.0)
    _positive(c.loading, "the resin loading (mmol/g)", row, "concentration", 1e-6, 100.0)
    if c.loading and c.concentration:
        row.error("a row is a solution (mol/L) or a resin (mmol/g), not both; give one strength (the Solution cell)",
                  "concentration")
    _positive(c.mw, "the MW (g/mol)", row, "mw", 1.0, 1e7)
    _positive(c.purity, "the purity (wt %)", row, "purity", 0.01, 100.0)
    try:
        salt = parse_salt(c.salt)
    except UserInputError as exc:
        row.error(str(exc), "salt")
        salt = ()
    row.acid_equiv = salt_acid_equiv(c.salt) if salt else 0.0
    if c.loading and salt:
        row.error(f"a resin is weighed by its loading, which already counts what is bound; clear the salt form {c.salt!r}",
                  "salt")
    smiles = c.smiles.strip()
    if smiles:
        mw, problem = mw_or_problem(smiles)
        if mw is None:
            row.error(problem, "smiles")
        row.free_base_mw = mw
    if smiles and "." in smiles and row.acid_equiv > 0:
        row.error(f"the SMILES already holds counter-ions and the salt field says {c.salt!r}; "
                  "give the free base's SMILES, or clear the salt", "salt")
    if c.mw is not None:
        row.mw = c.mw  # the override is the MW of what is weighed (salt, hydrate)
    elif row.free_base_mw is not None:
        row.mw = row.free_base_mw + sum(n * counter_ion_mw(t) for n, t in salt)
    if c.role == SOLVENT:
        expected: tuple[str, ...] = ("volume", "concentration", "mass")
        hint = "a volume (100 mL) or a target concentration of the limiting reagent (0.1 M)"
    else:
        expected = ("mass", "amount", "volume", "equiv")
        hint = "a mass (250 mg), an amount (2.0 mmol), a volume (180 µL) or equivalents (1.5 equiv)"
    text = c.quantity.strip()
    if not text:
        row.error(f"no quantity; type {hint}")
        return row
    try:
        row.q = parse_quantity(text, expected)
    except UserInputError as exc:
        msg = str(exc)
        if "expected" in msg and c.role != SOLVENT and "concentration" in msg:
            msg += "; for a reagent sold as a solution put its strength in the concentration column"
        row.error(msg)
    return row


def _amount_from_typed(row: _Row, limiting_mmol: float | None, limiting_name: str | None = None) -> None:
    """mmol (and the typed mass or volume) of a non-solvent row."""
    c, q = row.c, row.q
    assert q is not None
    purity = c.purity / 100.0
    if q.kind == "amount":
        row.mmol = q.value
    elif q.kind == "equiv":
        if c.role == "limiting":
            row.error("the limiting reagent is the reference (1 equiv); type its mass, amount or volume")
        elif limiting_mmol is None and limiting_name:
            row.error(f"equivalents need the amount of the limiting reagent, {limiting_name}, which cannot be computed yet")
        elif limiting_mmol is None:
            row.error("equivalents need a limiting reagent with an amount; mark one row 'limiting'")
        else:
            row.mmol = q.value * limiting_mmol
    elif q.kind == "mass":
        if c.concentration:
            row.error(f"a mass was typed but it is a {c.concentration:g} M solution; type a volume, mmol or equiv")
        elif c.loading:
            row.mass_g = q.value
            row.mmol = q.value * c.loading  # g × mmol/g = mmol: the loading is the active amount
        elif row.mw is None:
            row.error("a mass needs an MW; enter a SMILES or an MW")
        else:
            row.mass_g = q.value
            row.mmol = q.value * purity / row.mw * 1000.0
    elif q.kind == "volume":
        if c.loading:
            row.error(f"a volume was typed but it is a resin of {c.loading:g} mmol/g; weigh it: type a mass, mmol or equiv")
        elif c.concentration:
            row.volume_ml = q.value
            row.mmol = q.value * c.concentration
        elif not c.density:
            row.error(f"volume given for {row.name} but it has no density; enter a density or weigh it")
        elif row.mw is None:
            row.error("a volume of a neat liquid needs an MW; enter a SMILES or an MW")
        else:
            row.volume_ml = q.value
            row.mass_g = q.value * c.density
            row.mmol = row.mass_g * purity / row.mw * 1000.0


def _complete(row: _Row) -> None:
    """Fill mass and volume from mmol for a row whose amount is known."""
    c = row.c
    if row.mmol is None:
        return
    if c.concentration:
        row.volume_ml = row.mmol / c.concentration if row.volume_ml is None else row.volume_ml
        row.mass_g = None
        if c.purity != 100.0:
            row.note("purity is ignored for a solution: its concentration is the active amount", "purity")
        return
    if c.loading:
        if row.mass_g is None:
            row.mass_g = row.mmol / c.loading  # mmol / (mmol/g) = g of resin
        if c.purity != 100.0:
            row.note("purity is ignored for a resin: its loading is the active amount per gram", "purity")
        return
    if row.mw is None:
        row.note("no MW: enter a SMILES or an MW to get the mass", "mw", "warning")
        return
    if row.mass_g is None:
        row.mass_g = row.mmol * row.mw / (c.purity / 100.0) / 1000.0
    if row.volume_ml is None and c.density:
        row.volume_ml = row.mass_g / c.density


def _solvent(row: _Row, limiting_mmol: float | None, other_volume: float) -> None:
    q = row.q
    assert q is not None
    if q.kind == "volume":
        row.volume_ml = q.value
    elif q.kind == "mass":
        if not row.c.density:
            row.error(f"mass given for the solvent {row.name} but it has no density; enter a density or a volume")
        else:
            row.volume_ml = q.value / row.c.density
    else:  # a target concentration of the limiting reagent over all solvent rows
        if limiting_mmol is None:
            row.error("a target concentration needs a limiting reagent with an amount")
            return
        volume = limiting_mmol / q.value - other_volume
        if volume <= 0:
            row.error(f"the other solvent rows already dilute below {format_quantity(q.value, 'concentration')}")
            return
        row.volume_ml = volume
    if q.kind == "mass" and row.volume_ml is not None:
        row.mass_g = q.value  # a solvent's mass is shown only when it was weighed


def _finish(row: _Row, limiting_mmol: float | None) -> RowResult:
    c, bad = row.c, bool(row.errors)
    mmol = None if bad or c.role == SOLVENT else row.mmol
    equiv = mmol / limiting_mmol if mmol is not None and limiting_mmol else None
    return RowResult(
        index=row.index, name=row.name, role=c.role, typed=row.q.kind if row.q else "",
        mw=row.mw, free_base_mw=row.free_base_mw, equiv=equiv, mmol=mmol,
        mass_g=None if bad else row.mass_g, volume_ml=None if bad else row.volume_ml,
        density=c.density, concentration=c.concentration, loading=c.loading, purity=c.purity, salt=c.salt.strip(),
        salt_acid_equiv=row.acid_equiv,
        base_to_free_mmol=mmol * row.acid_equiv if mmol is not None and row.acid_equiv else None,
        errors=tuple(row.errors), notes=tuple(row.notes),
    )


# -- the table -----------------------------------------------------------------------------

def compute_table(components: Iterable[Component], addition: Addition | None = None) -> TableResult:
    """Every column of every row from the typed quantities; never raises for bad input."""
    rows = [_prepare(i, c) for i, c in enumerate(components)]
    table_msgs: list[Message] = []
    limiting = [r for r in rows if r.c.role == "limiting"]
    lim = limiting[0] if limiting else None
    for extra in limiting[1:]:
        extra.error(f"more than one limiting row; {lim.name if lim else ''} is the reference", "role")
    if lim is None and any(r.c.role != SOLVENT for r in rows):
        table_msgs.append(Message(None, "no limiting reagent: mark one row 'limiting' to get equivalents", "warning", "role"))
    limiting_mmol = None
    if lim is not None and lim.q is not None and not lim.errors:
        _amount_from_typed(lim, None)
        limiting_mmol = lim.mmol if not lim.errors else None
    for r in rows:
        if r is lim or r.c.role == SOLVENT or r.q is None or r.errors:
            continue
        _amount_from_typed(r, limiting_mmol, lim.name if lim else None)
    for r in rows:
        if r.c.role != SOLVENT and not r.errors:
            _complete(r)
    solvents = [r for r in rows if r.c.role == SOLVENT and r.q is not None and not r.errors]
    # a solvent that carries the dropwise addition (slot "addition-solvent") joins the reaction
    # only as it is added: it counts in the concentration after the addition, not at the start
    feeding = [r for r in solvents if r.c.slot == ADDITION_SOLVENT and r.q is not None and r.q.kind != "concentration"]
    fixed = [r for r in solvents if r.q is not None and r.q.kind != "concentration"]
    targets = [r for r in solvents if r.q is not None and r.q.kind == "concentration"]
    for r in fixed:
        _solvent(r, limiting_mmol, 0.0)
    fixed_volume = sum(r.volume_ml or 0.0 for r in fixed if not r.errors and r not in feeding)
    for i, r in enumerate(targets):
        if i:
            r.error(f"only one solvent row can set the reaction concentration ({targets[0].name} does)")
        else:
            _solvent(r, limiting_mmol, fixed_volume)
    volumes = [r.volume_ml for r in rows if r.c.role == SOLVENT and not r.errors and r.volume_ml and r not in feeding]
    solvent_volume = sum(volumes) if volumes else None
    concentration = limiting_mmol / solvent_volume if limiting_mmol and solvent_volume else None
    feed_volume = sum(r.volume_ml or 0.0 for r in feeding if not r.errors) or None
    added_rows = [AddedRow(r.name, r.c.slot, None if r.errors else r.mmol) for r in rows]
    add, problems = addition_result(addition, added_rows, limiting_mmol, feed_volume)
    table_msgs.extend(Message(None, text, severity, field) for text, severity, field in problems)
    after = None
    added = (add.volume_ml if add is not None and add.volume_ml else None) or feed_volume
    if limiting_mmol and solvent_volume and added:
        after = limiting_mmol / (solvent_volume + added)
    results = tuple(_finish(r, limiting_mmol) for r in rows)
    messages = tuple(table_msgs) + tuple(m for r in results for m in (*r.errors, *r.notes))
    return TableResult(
        rows=results, limiting_index=lim.index if lim else None, limiting_mmol=limiting_mmol,
        solvent_volume_ml=solvent_volume, concentration_m=concentration,
        concentration_after_addition_m=after, addition=add, messages=messages,
    )


# -- scaling and yield -------------------------------------------------------------------------

def rescale_to(components: list[Component], text: str) -> list[Component]:
    """"2 mmol" rescales by the limiting row; "Boc2O = 5 mmol" (or "Boc2O: 5 mmol") so that the named row
    comes to that amount, mass or volume, every row keeping its equivalents."""
    name, sep, quantity = text.partition("=") if "=" in text else text.partition(":")
    if not sep:
        return rescale(components, text)
    wanted_name = name.strip().casefold()
    index = next((i for i, c in enumerate(components) if c.name.strip().casefold() == wanted_name), None)
    if index is None:
        names = ", ".join(c.name for c in components if c.role != "solvent")
        raise UserInputError(f"no row is called {name.strip()!r}; the rows are {names}")
    old = compute_table(components)
    row = old.rows[index]
    typed = parse_quantity(quantity.strip(), ("mass", "amount", "volume"))
    target = compute_table([dataclasses.replace(components[index], role="limiting", quantity=quantity.strip(), equiv_locked=False)])
    if not row.mmol or target.limiting_mmol is None or old.limiting_index is None or not old.limiting_mmol:
        raise UserInputError(f"{components[index].name} has no amount to scale from yet" if not row.mmol
                             else "; ".join(str(m) for m in target.errors) or f"{typed.text} cannot be computed for this row")
    factor = target.limiting_mmol / row.mmol
    return rescale(components, f"{old.limiting_mmol * factor:.6g} mmol")


def rescale(components: list[Component], new_limiting_quantity: str) -> list[Component]:
    """A copy of the table at a new scale: the limiting row takes the new quantity and every
    other row keeps its equivalents (and a solvent its concentration).

    Rows typed as equiv, and solvents given as a target concentration, are unchanged; rows
    typed as a mass, amount or volume are rewritten in the same kind at the new scale (4
    significant figures); rows with `equiv_locked` are rewritten as equiv. Rows that cannot be
    computed now are left as they are (they already show their error).
    """
    old = compute_table(components)
    if old.limiting_index is None:
        raise UserInputError("the table has no limiting reagent to rescale; mark one row 'limiting'")
    i = old.limiting_index
    parse_quantity(new_limiting_quantity, ("mass", "amount", "volume"))
    new_lim = dataclasses.replace(components[i], quantity=new_limiting_quantity.strip())
    probe = compute_table([new_lim])
    if probe.limiting_mmol is None:
        raise UserInputError("; ".join(str(m) for m in probe.errors) or "the new scale cannot be computed")
    factor = probe.limiting_mmol / old.limiting_mmol if old.limiting_mmol else None
    out: list[Component] = []
    for j, (c, r) in enumerate(zip(components, old.rows, strict=True)):
        if j == i:
            out.append(new_lim)
            continue
        new_quantity = c.quantity
        if r.ok and factor is not None and r.typed in ("mass", "amount", "volume"):
            if c.equiv_locked and r.equiv is not None:
                new_quantity = f"{r.equiv:.4g} equiv"
            else:
                typed = parse_quantity(c.quantity, r.typed)
                new_quantity = format_quantity(typed.value * factor, r.typed, sig=4)
        out.append(dataclasses.replace(c, quantity=new_quantity))
    log.debug("rescaled to %s (factor %s)", new_limiting_quantity, factor)
    return out


@dataclass(frozen=True, slots=True)
class TheoreticalYield:
    limiting_row: str  # the row that actually runs out first
    mmol: float
    mass_g: float
    product_mw: float


def theoretical_yield(table: TableResult, product_mw: float, needs: dict[str, float] | None = None) -> TheoreticalYield:
    """Product from the reactant that runs out first: the smallest mmol / stoichiometric need
    over the limiting and reagent rows (not solvents, catalysts, ligands, bases, additives).

    The 'limiting' role is the equiv reference, not necessarily what runs out: in Protocol 2
    the diamine is the reference but 0.5 equiv Boc2O limits the mono-Boc.
    """
    if isinstance(product_mw, bool) or not isinstance(product_mw, (int, float)) or not math.isfinite(product_mw) or product_mw <= 0:
        raise UserInputError(f"the product MW must be a positive number, not {product_mw!r}")
    needs = {k.casefold(): v for k, v in (needs or {}).items()}
    best: tuple[float, str] | None = None
    for r in table.rows:
        if r.role not in REACTIVE_ROLES or r.mmol is None:
            continue
        need = needs.get(r.name.casefold(), 1.0)
        if need <= 0:
            continue
        if best is None or r.mmol / need < best[0]:
            best = (r.mmol / need, r.name)
    if best is None:
        raise UserInputError("no reactant with an amount: the theoretical yield needs the limiting reagent's amount")
    mmol, name = best
    return TheoreticalYield(name, mmol, mmol * product_mw / 1000.0, float(product_mw))


def percent_yield(isolated_mass: str | float, theoretical: TheoreticalYield) -> float:
    """Isolated mass ("4.1 g", or grams as a number) as a percentage of the theoretical yield."""
    mass = parse_quantity(isolated_mass if isinstance(isolated_mass, str) else f"{float(isolated_mass)!r} g", "mass").value
    return 100.0 * mass / theoretical.mass_g


def quantity_for_cell(column: str, text: str, default_unit: str | None = None) -> str:
    """The quantity string to store when the chemist types into a column of the table.

    `column` is mass, amount (or mmol), volume or equiv; a bare number takes `default_unit`
    (the unit the cell shows) or, for equiv, "equiv". Raises UserInputError, so the panel
    can mark the cell and keep the last good value.
    """
    kind = {"mmol": "amount", "mass_g": "mass", "volume_ml": "volume"}.get(column, column)
    if kind not in ("mass", "amount", "volume", "equiv", "concentration"):
        raise ValueError(f"column {column!r} does not take a quantity")
    stripped = text.strip()
    default_unit = default_unit or {"equiv": "equiv", "concentration": "M"}.get(kind)
    if default_unit and re.fullmatch(r"[0-9.,eE+-]+", stripped or "x"):
        stripped = f"{stripped} {default_unit}"
    parse_quantity(stripped, kind)
    return stripped
