"""The pH switch: what fraction of each species is neutral (extractable) at a given pH.

For a base with pKa values pKa1 > pKa2 > …, the fractions of the neutral, mono- and
di-protonated forms follow from the successive equilibria; for a diprotic base
f0 = 1 / (1 + 10^(pKa1 − pH) + 10^(pKa1 + pKa2 − 2 pH)) (chemistry notes). Defaults come
with their sources because they are editable inputs, not facts of nature.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Array = NDArray[np.float64]


@dataclass(frozen=True)
class Species:
    key: str
    name: str
    pka: tuple[float, ...]
    source: str


DEFAULT_SPECIES: dict[str, Species] = {
    "diamine": Species(
        "diamine", "1,4-diazepane", (10.41, 6.70),
        "Perrin compilation / IUPAC digitised dissociation constants, citing Pagano, Goldberg & Fernelius, "
        "J. Phys. Chem. 65, 1062 (1961): 10.41 and 6.70 at 20 °C, rated approximate (about 10.25 and 6.68 at 25 °C)",
    ),
    "mono": Species(
        "mono", "1-Boc-1,4-diazepane", (9.0,),
        "estimate, 9.0 ± 0.5: no measured value found; by analogy with ethyl piperazine-1-carboxylate (8.25) "
        "against piperazine (9.73)",
    ),
    "bis": Species("bis", "1,4-di-Boc-1,4-diazepane", (), "bis-carbamate: no basic nitrogen, always neutral"),
}
STATE_NAMES = ("neutral", "cation", "dication", "trication", "tetracation")


def _validated_pkas(pkas: Sequence[float]) -> list[float]:
    values = sorted((float(p) for p in pkas), reverse=True)
    if len(values) > 4:
        raise ValueError("at most four pKa values")
    for p in values:
        if not math.isfinite(p) or not -2 <= p <= 16:
            raise ValueError(f"pKa {p!r} is outside −2…16")
    return values


def _validated(pkas: Sequence[float], ph: float | Array) -> tuple[list[float], Array]:
    import numpy as np  # here, not at import: the panel lists the species before the first paint

    values = _validated_pkas(pkas)
    ph_arr = np.asarray(ph, dtype=float)
    if not np.all(np.isfinite(ph_arr)) or np.any((ph_arr < 0) | (ph_arr > 14)):
        raise ValueError("pH must be between 0 and 14")
    return values, ph_arr


@overload
def fractions(pkas: Sequence[float], ph: float) -> dict[str, float]: ...
@overload
def fractions(pkas: Sequence[float], ph: Array) -> dict[str, Array]: ...
def fractions(pkas: Sequence[float], ph: float | Array) -> dict[str, Any]:
    """{state: fraction} at pH (a number or an array); states neutral, cation, dication…"""
    if isinstance(ph, (int, float)):
        return _fractions_at(_validated_pkas(pkas), float(ph))
    import numpy as np

    values, ph_arr = _validated(pkas, ph)
    # term k = 10^(sum of the k highest pKa − k·pH): the k-fold protonated form relative to neutral
    terms = [np.ones_like(ph_arr)]
    running = 0.0
    for k, pka in enumerate(values, start=1):
        running += pka
        terms.append(10.0 ** (running - k * ph_arr))
    total = sum(terms)
    result = {STATE_NAMES[k]: term / total for k, term in enumerate(terms)}
    if np.ndim(ph) == 0:
        return {k: float(v) for k, v in result.items()}
    return result


def _fractions_at(values: list[float], ph: float) -> dict[str, float]:
    """`fractions` at one pH in plain floats, the same sums in the same order: the derivation's
    procedure text asks at one pH, and numpy's import (60 ms) would land in the first derivation at start-up."""
    if not math.isfinite(ph) or not 0 <= ph <= 14:
        raise ValueError("pH must be between 0 and 14")
    terms = [1.0]
    running = 0.0
    for k, pka in enumerate(values, start=1):
        running += pka
        terms.append(10.0 ** (running - k * ph))
    total = sum(terms)
    return {STATE_NAMES[k]: term / total for k, term in enumerate(terms)}


@overload
def neutral_fraction(pkas: Sequence[float], ph: float) -> float: ...
@overload
def neutral_fraction(pkas: Sequence[float], ph: Array) -> Array: ...
def neutral_fraction(pkas: Sequence[float], ph: float | Array) -> Any:
    return fractions(pkas, ph)["neutral"]


@dataclass(frozen=True)
class SwitchStep:
    ph: float
    neutral: dict[str, float]  # species key -> fraction neutral
    into_organic: tuple[str, ...]  # species mostly extracted (neutral > 0.5)
    verdict: str


def ph_switch_report(pka_by_species: dict[str, list[float]] | None = None, steps: tuple[float, ...] = (3.0, 11.0)) -> list[SwitchStep]:
    """What each work-up step of Protocol 2 moves into the organic layer, in words."""
    pkas = pka_by_species or {k: list(s.pka) for k, s in DEFAULT_SPECIES.items()}
    names = {k: DEFAULT_SPECIES[k].name if k in DEFAULT_SPECIES else k for k in pkas}
    report = []
    for ph in steps:
        neutral = {k: neutral_fraction(v, ph) for k, v in pkas.items()}
        organic = tuple(k for k, f in neutral.items() if f > 0.5)
        extracted = ", ".join(f"{names[k]} ({neutral[k]:.2g} neutral)" for k in organic) or "nothing"
        verdict = f"pH {ph:g}: into the organic layer: {extracted}."
        if "diamine" in organic and "mono" in organic:
            verdict += (
                " The excess diamine is extracted together with the mono product: pH alone does not separate them;"
                " rely on partitioning (the diamine is far more water-soluble) or evaporate it."
            )
        report.append(SwitchStep(ph, neutral, organic, verdict))
    return report


@dataclass(frozen=True)
class Partition:
    """What N extractions of an aqueous phase take of one compound.

    Only the neutral form partitions: D = P·f0 (P = 10^logP, f0 the neutral fraction at the pH); one
    extraction with organic:aqueous volume ratio R takes q = D·R / (1 + D·R) of what is in the water,
    so N extractions take 1 − (1 − q)^N of it into the combined organic layers.
    """

    distribution_coefficient: float
    per_extraction: float
    extracted: float


LOGP_MIN, LOGP_MAX = -8.0, 12.0  # beyond these a partition is all or nothing, and Crippen's estimate is no longer one


def partition(neutral: float, log_p: float, extractions: int, volume_ratio: float) -> Partition:
    if not math.isfinite(neutral) or not 0 <= neutral <= 1:
        raise ValueError(f"the neutral fraction must be between 0 and 1, not {neutral!r}")
    if not math.isfinite(log_p) or not LOGP_MIN <= log_p <= LOGP_MAX:
        raise ValueError(f"logP must be between {LOGP_MIN:g} and {LOGP_MAX:g}, not {log_p!r}")
    if isinstance(extractions, bool) or not isinstance(extractions, int) or not 1 <= extractions <= 50:
        raise ValueError(f"the number of extractions must be a whole number from 1 to 50, not {extractions!r}")
    if not math.isfinite(volume_ratio) or not 0.01 <= volume_ratio <= 100:
        raise ValueError(f"the organic:aqueous volume ratio must be between 0.01 and 100, not {volume_ratio!r}")
    d = 10.0 ** log_p * neutral
    q = d * volume_ratio / (1.0 + d * volume_ratio)
    return Partition(d, q, 1.0 - (1.0 - q) ** extractions)


@dataclass(frozen=True)
class Carryover:
    """What the basic extraction takes of the left-over diamine, and the back-wash that removes it."""

    ph: float
    extractions: int
    diamine_extracted: float  # fraction of the diamine in the water that reaches the combined organic layers
    product_extracted: float
    wash_ph: float  # the back-wash of the combined organic layers the model picks
    washes: int
    diamine_left: float  # fraction of the extracted diamine still in the organic layer after the washes
    product_kept: float


def _kept_after_washes(pka: Sequence[float], log_p: float, ph: float, washes: int, volume_ratio: float) -> float:
    """Fraction left in the organic layer after `washes` back-washes with aqueous buffer at `ph`."""
    d = 10.0 ** log_p * neutral_fraction(pka, ph)
    stays = d * volume_ratio / (1.0 + d * volume_ratio)  # organic:aqueous R: the share that stays organic each wash
    return stays ** washes


def carryover(diamine_pka: Sequence[float], product_pka: Sequence[float], diamine_logp: float, product_logp: float,
              ph: float = 12.0, extractions: int = 3, volume_ratio: float = 1.0, washes: int = 2) -> Carryover:
    """The pH switch with partition: the extraction at `ph`, then the back-wash pH that keeps the most
    product while removing the most diamine (the best product_kept × (1 − diamine_left) on a 0.1 grid)."""
    diamine = partition(neutral_fraction(diamine_pka, ph), diamine_logp, extractions, volume_ratio)
    product = partition(neutral_fraction(product_pka, ph), product_logp, extractions, volume_ratio)
    best = (0.0, ph, 1.0, 1.0)
    for tenth in range(60, 126):
        wash = tenth / 10
        left = _kept_after_washes(diamine_pka, diamine_logp, wash, washes, volume_ratio)
        kept = _kept_after_washes(product_pka, product_logp, wash, washes, volume_ratio)
        if kept * (1.0 - left) > best[0]:
            best = (kept * (1.0 - left), wash, left, kept)
    _, wash_ph, left, kept = best
    return Carryover(ph, extractions, diamine.extracted, product.extracted, wash_ph, washes, left, kept)


def crippen_logp(smiles: str) -> float | None:
    """RDKit's Crippen estimate of logP (octanol/water) for the neutral form, or None if unreadable.

    Through rdMolDescriptors (what `Crippen.MolLogP` calls): the `Crippen` module imports numpy, 60 ms
    of the first derivation at start-up for one number."""
    from rdkit import Chem
    from rdkit.Chem import rdMolDescriptors

    mol = Chem.MolFromSmiles(smiles) if smiles else None
    return None if mol is None else float(rdMolDescriptors.CalcCrippenDescriptors(mol)[0])
