"""Three ways to one mono product of a symmetric diamine, predicted side by side for the plan's own reaction.

The guide offers an excess of diamine or protection first; the mono-protonation route (one equivalent of
acid) is the third. A recommendation that chooses between them (`compare_routes` in its tree) shows this
table: the mono and bis the model gives for each (as fractions of the diamine charged), how much of the
electrophile ends up in mono, how much diamine each uses per electrophile, and the steps. The numbers are
the statistical model at the plan's k2/k1 for the excess, the mono-protonation model at the plan's pKa
values for the acid route (HCl made by the reagent counted), and none for protection (no bis by design,
three steps whose yields the app does not model).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dzp_planner.core.document.plan import Plan

EXCESS_RATIO = 4.0  # diamine : electrophile for the excess route (3–5 equiv, as the trees advise)


@dataclass(frozen=True)
class RoutePrediction:
    id: str  # "excess", "mono-protonation", "protect-first"
    title: str
    mono: float | None  # fraction of the diamine charged
    bis: float | None
    mono_per_electrophile: float | None  # the electrophile's yield in mono
    diamine_per_electrophile: float
    steps: int
    note: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "mono": self.mono, "bis": self.bis,
                "mono_per_electrophile": self.mono_per_electrophile,
                "diamine_per_electrophile": self.diamine_per_electrophile, "steps": self.steps, "note": self.note}


def for_plan(plan: Plan) -> tuple[RoutePrediction, ...]:
    """The routes where the plan's recommendation compares them (else none). Computed on request, not in
    every derivation (the acid route integrates the model: ~20 ms), and remembered by what they depend on."""
    from dzp_planner.core.document.derivation import derive

    derived = derive(plan)
    rec, sites = derived.walk.recommendation, derived.site_model
    if rec is None or not rec.compare_routes or sites is None or sites.model_kind == "one-site" or not sites.competing \
            or derived.distribution.model == "many-sites":  # two-site numbers would understate a third amine's share
        return ()
    key = (plan.model.k2_k1, tuple((k, tuple(v)) for k, v in sorted(plan.model.pka.items())), derived.electrophile_smiles)
    if key not in _REMEMBERED:
        if len(_REMEMBERED) >= 32:
            _REMEMBERED.pop(next(iter(_REMEMBERED)))
        _REMEMBERED[key] = compare(plan, derived.electrophile_smiles)
    return _REMEMBERED[key]


_REMEMBERED: dict[tuple[Any, ...], tuple[RoutePrediction, ...]] = {}


def compare(plan: Plan, electrophile: str) -> tuple[RoutePrediction, ...]:
    from dzp_planner.core.errors import UserInputError
    from dzp_planner.core.guidance.acid_route import protonation_inputs
    from dzp_planner.core.models import kinetics, protonation

    r = min(max(plan.model.k2_k1, 1e-6), 1e6)
    e = 1.0 / EXCESS_RATIO
    excess = kinetics.distribution(e, r)
    routes = [RoutePrediction(
        "excess", f"Diamine in excess ({EXCESS_RATIO:g} : 1), recover the rest", excess.mono, excess.bis, excess.mono / e,
        EXCESS_RATIO, 1, f"statistical model at k2/k1 = {r:.3g}; {excess.sm * EXCESS_RATIO:.2g} equiv of diamine per electrophile "
        "to recover from the work-up")]
    inputs = protonation_inputs(plan, 1.0, 1.0, electrophile)
    try:
        acid = protonation.simulate(inputs)
        stalls = (" the reagent makes HCl, which takes a free N each time: the reaction stops near half conversion "
                  "unless the reagent makes no acid (Boc2O, an isocyanate)") if inputs.byproduct_acid else ""
        routes.append(RoutePrediction(
            "mono-protonation", "One equivalent of acid first (HCl from Me3SiCl in methanol), then 1 equiv electrophile",
            acid.mono, acid.bis, acid.mono, 1.0, 1,
            f"mono-protonation model at pKa {inputs.pka_high:g} / {inputs.pka_low:g} and {inputs.product_pka:g} for the "
            f"product;{stalls or ' no amine base may be added'}"))
    except UserInputError as exc:
        routes.append(RoutePrediction("mono-protonation", "One equivalent of acid first", None, None, None, 1.0, 1,
                                      f"not predicted: {exc}"))
    routes.append(RoutePrediction(
        "protect-first", "Mono-Boc first, react the free N, deprotect", None, 0.0, None, 2.0, 3,
        "no bis by design; the Boc step itself needs the excess or the acid route; yields of three steps not modelled"))
    return tuple(routes)


def as_text(routes: tuple[RoutePrediction, ...]) -> list[str]:
    """One line per route, as the decision panel and the commands say it."""
    lines = []
    for route in routes:
        numbers = (f"mono {route.mono:.0%}, bis {route.bis:.0%} of the diamine; {route.mono_per_electrophile:.0%} of the "
                   "electrophile in mono" if route.mono is not None and route.bis is not None
                   and route.mono_per_electrophile is not None else "bis 0 %" if route.bis == 0.0 else "not predicted")
        lines.append(f"{route.title}: {numbers}; {route.diamine_per_electrophile:g} equiv diamine per electrophile, "
                     f"{route.steps} step{'s' if route.steps > 1 else ''} ({route.note})")
    return lines
