"""How much acid a plan leaves on the diamine: the mono-protonation route's input, read from the table.

Counted per mole of substrate: the protons of every row whose role is "acid" (HCl, HCl made from
TMSCl, SOCl2 or acetyl chloride in methanol, TFA, a sulfonic acid), plus the acid of a substrate
weighed as its salt (2 for ·2HCl) and of any other row weighed as a salt (a reagent·HCl), minus one per mole of every "base" row (TEA, DIPEA, NaHCO3 each
take one proton from an ammonium or a strong acid). What remains (0–2) sits on the amines; below
zero the amines are free and the statistical model holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from dzp_planner.core.document.plan import Component
    from dzp_planner.core.quantities.stoich import TableResult

# the acid a reagent delivers to an amine, per mole, keyed by canonical SMILES (in methanol where it makes HCl)
ACID_SOURCES: dict[str, tuple[str, float]] = {
    "Cl": ("HCl", 1.0),
    "C[Si](C)(C)Cl": ("TMSCl (HCl from methanol)", 1.0),
    "O=S(Cl)Cl": ("SOCl2 (two HCl from methanol)", 2.0),
    "CC(=O)Cl": ("acetyl chloride (HCl from methanol)", 1.0),
    "O=C(O)C(F)(F)F": ("TFA", 1.0),
    "Br": ("HBr", 1.0),
    "CS(=O)(=O)O": ("MsOH", 1.0),
    "Cc1ccc(S(=O)(=O)O)cc1": ("TsOH", 1.0),
    "O=S(=O)(O)O": ("H2SO4", 2.0),
    "CC(=O)O": ("AcOH", 1.0),
}
WEAK_ACIDS = {"CC(=O)O"}  # pKa 4.76: in water it protonates an amine, in DCM or THF only in part


@dataclass(frozen=True)
class AcidCharge:
    acid_equiv: float  # protons left on the amines per substrate, 0–2
    parts: tuple[str, ...]  # what was counted, in words
    notes: tuple[str, ...]  # what the chemist should know (an unknown acid counted as one proton, a weak acid)


def _protons(smiles: str, name: str) -> tuple[float, str, str]:
    """(protons per mole, label, note) of an acid row."""
    from dzp_planner.core.chem.parsing import canonical_smiles, parse_smiles

    try:
        key = canonical_smiles(parse_smiles(smiles)) if smiles.strip() else ""
    except Exception:  # noqa: BLE001 - an unreadable structure is counted as one proton, and said so
        key = ""
    if key in ACID_SOURCES:
        label, protons = ACID_SOURCES[key]
        note = (f"{label} is a weak acid (pKa 4.76): it protonates an amine fully in water, only in part in DCM or THF; "
                "the model counts it as a strong acid") if key in WEAK_ACIDS else ""
        return protons, label, note
    return 1.0, name or "acid", f"{name or 'an acid row'}: not an acid the app knows; counted as one proton per mole"


def acid_charge(table: TableResult, components: Sequence[Component], substrate_row: int | None, salt_acid_equiv: float) -> AcidCharge | None:
    """The net acid on the substrate's amines, or None when the table has no substrate amount."""
    if substrate_row is None or substrate_row >= len(table.rows):
        return None
    substrate = table.rows[substrate_row].mmol
    if not substrate:
        return None
    acid = salt_acid_equiv * substrate
    parts = [f"{salt_acid_equiv:g} equiv from the salt"] if salt_acid_equiv else []
    notes: list[str] = []
    for row, component in zip(table.rows, components, strict=False):
        if row.mmol is None or row.index == substrate_row:
            continue
        if component.role == "acid":
            protons, label, note = _protons(component.smiles, component.name)
            acid += protons * row.mmol
            parts.append(f"{protons * row.mmol / substrate:.3g} equiv {component.name or label}")
            if note:
                notes.append(note)
        elif component.role == "base":
            acid -= row.mmol
            parts.append(f"−{row.mmol / substrate:.3g} equiv {component.name}")
        elif row.salt_acid_equiv:  # a reagent weighed as its salt (a sulfonyl chloride·HCl) brings its acid too
            acid += row.salt_acid_equiv * row.mmol
            parts.append(f"{row.salt_acid_equiv * row.mmol / substrate:.3g} equiv from {component.name or 'a salt'}")
    return AcidCharge(min(max(acid / substrate, 0.0), 2.0), tuple(parts), tuple(notes))
