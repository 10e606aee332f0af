"""The plan-wide values a procedure step can quote, beside the table's rows.

`{model:...}` quotes the distribution model in force at the plan's k2/k1 and equivalents, so a
correction such as "this charge gives about 30 / 50 / 20" follows the plan instead of being a
number typed into a template. `{lcms:...}` quotes the same products table the structure
panel shows (free base, isobars flagged). `{workup:...}` scales the guide's work-up: 10 mL of
water or extraction solvent per gram of substrate (the guide's 50 mL for 5 g), and the 1 M
HCl that takes the mixture to pH 3: one proton per basic nitrogen left at the end (two per
unreacted diamine, one per mono-Boc, none per bis-Boc).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from dzp_planner.core.document.plan import Plan
from dzp_planner.core.guidance.procedure import Resolver, table_resolver
from dzp_planner.core.quantities.units import format_quantity

if TYPE_CHECKING:
    from dzp_planner.core.document.derivation import Derivation

WORKUP_ML_PER_G = 10.0


def plan_resolver(plan: Plan, derivation: Derivation) -> Resolver:
    rows = table_resolver(derivation.table, plan.components, derivation.slots)

    def resolve(key: str, field: str) -> tuple[str | None, str]:
        name, fld = key.strip().casefold(), field.strip()
        if name == "model":
            return _model_value(derivation, fld)
        if name == "lcms":
            return _lcms_value(derivation, fld)
        if name == "workup" and fld == "partition":
            return partition_text(plan, derivation), ""
        if name == "workup":
            return _workup_value(derivation, fld)
        return rows(key, field)

    return resolve


def _model_value(d: Derivation, field: str) -> tuple[str | None, str]:
    state = d.distribution
    if field == "k2_k1":
        return f"{state.k2_k1:.3g}", ""
    if state.sm is None or state.mono is None or state.bis is None or not state.electrophile_equiv:
        return None, "the model has no equivalents: the table needs an electrophile row with an amount"
    if field == "corrected":
        return _corrected_charge(state), ""
    values = {
        "sm": f"{state.sm:.0%}", "mono": f"{state.mono:.0%}", "bis": f"{state.bis:.0%}",
        "mono_share": f"{state.mono / state.electrophile_equiv:.0%}",
        "selectivity": f"{state.mono / (state.mono + state.bis):.1%}" if state.mono + state.bis > 0 else "n/a",
    }
    if field not in values:
        return None, f"the 'model' placeholder has the fields k2_k1, corrected, {', '.join(values)}"
    return values[field], ""


TARGET_SELECTIVITY = 0.9


def _corrected_charge(state: Any) -> str:
    """What to charge instead, where this charge gives a mixture: the equivalents (and the diamine
    excess) at which the model gives 90 % mono selectivity at the plan's k2/k1."""
    from dzp_planner.core.models import kinetics

    selectivity = state.mono / (state.mono + state.bis) if state.mono + state.bis > 0 else 1.0
    if selectivity >= TARGET_SELECTIVITY:
        return f"this charge already gives {selectivity:.0%} mono selectivity"
    e = kinetics.equiv_for_selectivity(TARGET_SELECTIVITY, state.k2_k1)
    return (f"for {TARGET_SELECTIVITY:.0%} mono selectivity charge at most {e:.2g} equiv per diamine "
            f"(a {1 / e:.2g} : 1 excess of the diamine), and recover the excess")


def _first_ion(row: Any) -> str:
    name, mz = row.ions[0] if row.ions else ("m/z", row.observed_mz)
    return f"{name} {mz:.4f}"


def _lcms_value(d: Derivation, field: str) -> tuple[str | None, str]:
    rows = list(d.products)
    if not rows:
        return None, d.products_problem or "no products: the plan needs a substrate and a reagent"
    if field == "products":
        shown = [r for r in rows if r.species != "SM" and not r.species.startswith("iminium")]
        parts = [f"{r.species} {_first_ion(r)}" for r in shown]
        isobars = sorted({r.species for r in shown if "isobar" in r.note})
        text = ", ".join(parts)
        if isobars:
            text += f" ({' and '.join(isobars)} share an m/z: LCMS alone cannot tell them apart)"
        return text, ""
    if field == "iminium":
        iminium = [r for r in rows if r.species.startswith("iminium")]
        if not iminium:
            return ("the imine [M+H]+ (a primary amine gives a neutral imine)" if d.products else None), ""
        return ("the iminium m/z " + ", ".join(f"{r.observed_mz:.4f}" for r in iminium)
                + " (a secondary amine gives an iminium ion, not a neutral imine: look for this, not an imine [M+H]+)"), ""
    if field in ("mono", "bis", "sm"):
        wanted = "SM" if field == "sm" else field
        found = [r for r in rows if r.species == wanted or r.species.startswith(f"{wanted} (")]
        if not found:
            return f"no {field} product", ""
        return ", ".join(f"{r.species} {_first_ion(r)}" for r in found), ""
    return None, "the 'lcms' placeholder has the fields products, iminium, mono, bis and sm"


def _substrate_row(d: Derivation) -> Any:
    """The table's substrate row as computed, or None when the plan has none."""
    return d.table.rows[d.substrate_row] if d.substrate_row is not None and d.substrate_row < len(d.table.rows) else None


def _workup_value(d: Derivation, field: str) -> tuple[str | None, str]:
    row = _substrate_row(d)
    if row is None or row.mmol is None:
        return None, "the substrate row has no amount"
    if field == "volume":
        grams = row.mass_g if row.mass_g is not None else row.mmol * (row.mw or 100.0) / 1000.0
        volume = max(5.0, grams * WORKUP_ML_PER_G)
        return format_quantity(volume, "volume", sig=2), ""
    if field == "acid":
        return _acid_to_ph3(d, row.mmol)
    return None, "the 'workup' placeholder has the fields volume, acid and partition"


def _acid_to_ph3(d: Derivation, substrate_mmol: float) -> tuple[str | None, str]:
    from dzp_planner.core.chem.parsing import parse_smiles
    from dzp_planner.core.reactions.products import amine_nitrogens

    state = d.distribution
    if state.sm is None or state.mono is None or state.bis is None:
        return None, "the model has no equivalents"
    counts = {}
    for species in ("SM", "mono", "bis"):
        row = next((r for r in d.products if r.species == species), None)
        counts[species] = amine_nitrogens(parse_smiles(row.smiles)) if row is not None else 0
    left, mono, bis = state.sm * substrate_mmol, state.mono * substrate_mmol, state.bis * substrate_mmol
    mmol = counts["SM"] * left + counts["mono"] * mono + counts["bis"] * bis
    if mmol <= 0:
        return "a few drops", ""
    parts = []
    if counts["SM"]:
        parts.append(f"{counts['SM']} × {left:.3g} mmol substrate left")
    if counts["mono"]:
        parts.append(f"{counts['mono']} × {mono:.3g} mmol mono" if counts["mono"] > 1 else f"{mono:.3g} mmol mono")
    if counts["bis"]:
        parts.append(f"{counts['bis']} × {bis:.3g} mmol bis")
    volume = format_quantity(mmol, "volume", sig=2)
    return (f"about {volume}: {format_quantity(mmol, 'amount', sig=3)} of HCl for {' + '.join(parts)} at k2/k1 = "
            f"{state.k2_k1:.3g}"), ""


@lru_cache(maxsize=64)
def _carryover(sm: str, mono: str, diamine_pka: tuple[float, ...], product_pka: tuple[float, ...]) -> Any:
    """(Carryover, SM logP, mono logP), remembered: every derivation of a pH-switch plan quotes it twice, and the
    wash-pH search costs ~15 ms; it depends only on the two structures and the pKa fields."""
    from dzp_planner.core.models.extraction import LOGP_MAX, LOGP_MIN, carryover, crippen_logp

    sm_logp, mono_logp = crippen_logp(sm), crippen_logp(mono)
    if sm_logp is None or mono_logp is None or len(diamine_pka) != 2:
        return None
    if not (LOGP_MIN <= sm_logp <= LOGP_MAX and LOGP_MIN <= mono_logp <= LOGP_MAX):
        return None  # a macrocycle's or a grease ball's estimate: the model says nothing useful (the generic text)
    return carryover(diamine_pka, product_pka, sm_logp, mono_logp), sm_logp, mono_logp


def partition_text(plan: Plan, d: Derivation) -> str:
    """How much left-over diamine the basic extraction carries into the product, and the wash that removes it.

    Partition of the neutral form only (D = P·f0), three extractions of equal volume at pH 12; logP by RDKit's
    Crippen method for the plan's own SM and mono product (no measured value is known for them: an estimate,
    and said so), pKa from the plan's pH-switch fields.
    """
    sm = next((r.smiles for r in d.products if r.species == "SM"), d.substrate_smiles)
    mono = next((r.smiles for r in d.products if r.species.startswith("mono")), "")
    diamine_pka, product_pka = tuple(plan.model.pka.get("diamine", [])), tuple(plan.model.pka.get("mono", []))
    remembered = _carryover(sm, mono, diamine_pka, product_pka)
    if remembered is None:
        return "the extraction also takes some of the left-over diamine: check the extract for it"
    found, sm_logp, mono_logp = remembered
    row = _substrate_row(d)
    left = (d.distribution.sm or 0.0) * row.mmol if row is not None and row.mmol else None
    amount = f" (about {found.diamine_extracted * left:.2g} mmol of the {left:.3g} mmol left)" if left else ""
    return (f"at pH {found.ph:g}, {found.extractions} extractions of equal volume take about {found.diamine_extracted:.0%} of "
            f"the left-over diamine{amount} along with {found.product_extracted:.0%} of the mono product (logP "
            f"{sm_logp:.2f} and {mono_logp:.2f}: RDKit Crippen estimates, no measured values; pKa from the pH-switch fields). "
            f"Wash the combined organic layers {found.washes} × with pH {found.wash_ph:.1f} buffer (equal volume): about "
            f"{found.diamine_left:.1%} of that diamine stays, with {found.product_kept:.0%} of the mono product")
