"""The guide's rules checked against a plan, each with the chemistry notes' reasoning.

Why a module of its own: a check needs the substrate's sites (two equivalent N–H, two
different ones, or one), the plan's k2/k1 and its equivalents, not only the table. The
fractions come from the model in force (`kinetics.for_model`) at the plan's k2/k1, so the
checks and the plot always quote the same numbers. The guide's 10 : 1 is Module A's advice
for alkylation; Protocol 2 (mono-Boc) uses 2 : 1, and the check says which it compares with.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dzp_planner.core.quantities.stoich import REACTIVE_ROLES, TableResult
from dzp_planner.core.quantities.units import format_quantity
from dzp_planner.core.reactions import registry
from dzp_planner.core.reactions.base import ReactionType

GUIDE_DILUTION_M = 0.05


@dataclass(frozen=True)
class Check:
    severity: str  # info | warning | error
    text: str
    id: str = ""  # a structure warning's id (`show`'s warnings: hindered-nh, nitrosamine, ...); "" for the others

    def as_dict(self) -> dict[str, str]:
        return {"severity": self.severity, "text": self.text}


@dataclass(frozen=True)
class SiteRates:
    """Two different reactive N–H: which reacts faster (by the structure) and the second's rate over the first's."""

    first: str  # the site names, as the site table shows them ("N4", "N1")
    second: str
    ratio: float
    source: str  # "structure" (the estimate) or "set" (the chemist's value, in the plan)


@dataclass(frozen=True)
class ModelState:
    """The distribution model in force for a plan and its numbers at the plan's equivalents."""

    model: str  # two-equivalent-sites, two-different-sites, one-site, none, many-sites
    k2_k1: float
    electrophile_equiv: float | None
    equiv_source: str  # "table", "override" (no electrophile row; set on the plot), "none"
    sm: float | None
    mono: float | None
    bis: float | None
    caveat: str = ""
    mono_ratio: tuple[tuple[str, float], ...] = ()  # two different sites: each site's share of the mono product
    # the mono-protonation route: acid left on the amines per substrate (0: the statistical model holds)
    acid_equiv: float = 0.0
    acid_parts: tuple[str, ...] = ()  # what was counted (the salt, acid rows, base rows)
    protonation: Any = None  # ProtonationResult when the acid is in force, with `statistical` beside it
    protonation_inputs: Any = None  # its ProtonationInputs (the plot draws the curves from them)
    statistical: tuple[float, float, float] | None = None  # SM / mono / bis the statistical model gives at this charge
    sites: SiteRates | None = None  # two different sites: the rate ratio the numbers were computed with

    @property
    def fits_k2_k1(self) -> bool:
        """Whether runs can fit a k2/k1: not with one N–H (no bis) nor with three or more amines (not modelled)."""
        return self.model not in ("one-site", "many-sites")

    @property
    def route(self) -> str:
        return "protonation" if self.protonation is not None else "statistical"

    def as_dict(self) -> dict[str, Any]:
        found = {"model": self.model, "k2_k1": self.k2_k1, "electrophile_equiv": self.electrophile_equiv,
                 "equiv_source": self.equiv_source, "sm": self.sm, "mono": self.mono, "bis": self.bis, "caveat": self.caveat}
        if self.protonation is not None:
            found.update(route="protonation", acid_equiv=self.acid_equiv)
        return found




def _reaction(reaction_type: str) -> ReactionType:
    """The plan's reaction type; a plan of a type no module registers reads as an alkylation's checks."""
    return registry.find(reaction_type) or registry.get("alkylation")


def _pct(value: float) -> str:
    return f"{value:.0%}"


def ratio_checks(state: ModelState, reaction_type: str, electrophile_name: str) -> list[Check]:
    """Diamine : electrophile against the guide, at the plan's k2/k1 and model."""
    e = state.electrophile_equiv
    if e is None or e <= 0 or state.sm is None or state.mono is None or state.bis is None:
        return []
    r = state.k2_k1
    kind = _reaction(reaction_type)
    if state.model == "one-site" and state.acid_equiv > 0.05:
        return [Check("warning", f"{state.acid_equiv:.2g} equiv of acid sits on the substrate ({'; '.join(state.acid_parts)}): "
                                 f"with one basic amine, about {min(state.acid_equiv, 1.0):.0%} of it is held as its salt "
                                 "and cannot react. Free it with base (one equivalent per acid proton) before the "
                                 f"{electrophile_name} goes in.")]
    if state.model == "one-site":
        text = (f"{e:.3g} equiv {electrophile_name}: one reactive N–H, so no bis product; expect about "
                f"{_pct(state.mono)} conversion to mono.")
        if kind.over_reaction:
            text += " " + kind.over_reaction
        if e < 1.05 and kind.one_site_excess:
            text += " With one site a slight excess (1.1–1.5 equiv) drives the conversion; the guide's deficit is for the free diamine."
        return [Check("info", text)]
    if state.model == "none":
        return []
    if state.protonation is not None:
        return protonation_checks(state, electrophile_name)
    if e > 2:
        return [Check("warning", f"{e:.2g} equiv of {electrophile_name} per substrate: more than enough for both "
                                 "nitrogens; expect mostly bis product.")]
    selectivity = state.mono / (state.mono + state.bis) if state.mono + state.bis > 0 else 1.0
    ratio = 1.0 / e
    reference, target = kind.ratio_reference, kind.ratio_reference_text
    sites = state.sites  # "independent" only at k2/k1 = 0.5: otherwise the first reaction changes the other N
    where = ("two equal sites" if state.model == "two-equivalent-sites" or sites is None
             else f"two different sites ({sites.second} at {sites.ratio:.3g}× {sites.first}'s rate"
                  f"{', an estimate from the structure' if sites.source == 'structure' else ''})")
    numbers = (f"With {where} at k2/k1 = {r:.3g} expect about {_pct(state.sm)} SM / {_pct(state.mono)} mono / "
               f"{_pct(state.bis)} bis, a mono selectivity m/(m+b) of {selectivity:.1%}")
    if ratio >= reference * 0.995:
        return [Check("info", f"Substrate : {electrophile_name} is {ratio:.3g} : 1; {target}. {numbers}; "
                              "the excess substrate has to be removed in the work-up.")]
    text = (f"Substrate : {electrophile_name} is {ratio:.3g} : 1; {target}. {numbers}. An excess of the diamine is "
            "the real lever; dilution and slow addition do not change this in a well-mixed flask.")
    if kind.deficit_note and e < 1:
        text += " " + kind.deficit_note
    return [Check("warning" if ratio < reference * 0.995 and kind.short_ratio_warns else "info", text)]


def ceiling_checks(state: ModelState, reaction_type: str, electrophile_name: str) -> list[Check]:
    """How much of the electrophile can end up in mono product, at the plan's k2/k1."""
    e = state.electrophile_equiv
    if state.model not in ("two-equivalent-sites", "two-different-sites") or e is None or not 0 < e <= 2 or state.mono is None:
        return []
    if state.protonation is not None:  # the protonation check says it, at the acid's numbers
        return []
    share = state.mono / e
    kind = _reaction(reaction_type)
    what = kind.product_word
    text = (f"{e:.3g} equiv {electrophile_name} per substrate at k2/k1 = {state.k2_k1:.3g}: at most about {share:.0%} "
            f"of the {electrophile_name} can end up in {what} ({state.sm:.1%} SM left, {state.mono:.1%} mono, "
            f"{state.bis:.1%} bis, as fractions of the substrate).")
    if kind.ceiling_note:
        text += " " + kind.ceiling_note
    return [Check("info", text)]


def concentration_checks(table: TableResult) -> list[Check]:
    concentration = table.concentration_m
    if not concentration:
        return []
    shown = format_quantity(concentration, "concentration")
    after = table.concentration_after_addition_m
    after_text = f" ({format_quantity(after, 'concentration')} after the addition)" if after else ""
    honest = ("In a well-mixed, homogeneous batch the concentration does not change the SM/mono/bis outcome "
              "(with time scaled by k1·A0 only k2/k1 and the equivalents remain); dilution, like slow addition, "
              "helps only when the reaction is faster than mixing, where the feed zone is locally rich in electrophile.")
    if concentration > GUIDE_DILUTION_M * 1.05:
        return [Check("info", f"The reaction is at {shown}{after_text}, {concentration / GUIDE_DILUTION_M:.2g} times the "
                              f"guide's 'high dilution' figure of 0.05 M. {honest}")]
    return [Check("info", f"The reaction is at {shown}{after_text}, at or below the guide's 0.05 M. {honest} "
                          "Below that it mostly costs volume and time.")]


def substrate_row_checks(table: TableResult, components: list[Any], substrate_row: int | None,
                         substrate_parent: str, row_parent: str, substrate_name: str) -> list[Check]:
    """The table must weigh the drawn substrate; say so when a row says otherwise."""
    out: list[Check] = []
    if not substrate_parent:
        return out
    if substrate_row is None:
        if components:
            out.append(Check("warning", f"No row of the table is the drawn substrate ({substrate_name}): add it, or "
                                        "draw the structure again to put it in the limiting row."))
        return out
    row = components[substrate_row]
    if row_parent and row_parent != substrate_parent:
        out.append(Check("warning", f"The substrate row “{row.name}” holds another structure than the one drawn "
                                    f"({substrate_name}): weighing from it would be wrong. Draw the substrate again "
                                    "or correct the row."))
    if row.role != "limiting" and table.limiting_index is not None:
        limiting = components[table.limiting_index]
        out.append(Check("warning", f"“{limiting.name}” is the limiting row (the equivalents reference), not the substrate "
                                    f"“{row.name}”: every equiv in the table is per {limiting.name}."))
    return out


def electrophile_checks(components: list[Any], electrophile_row: int | None, reaction_type: str,
                        reacts: bool | None) -> list[Check]:
    if electrophile_row is None:
        if any(c.role in REACTIVE_ROLES and c.role != "limiting" for c in components):
            return []
        return [Check("info", "The table has no electrophile row: the plot's equivalents are set on the plot.")]
    row = components[electrophile_row]
    if not row.smiles.strip():
        return [Check("warning", f"“{row.name}” has no structure: enter its SMILES in the table (or as the reagent over "
                                 "the products) to get its amounts, the products and their LCMS masses.")]
    if reacts is False:
        return [Check("warning", f"“{row.name}” does not have the group {_reaction(reaction_type).noun} needs "
                                 f"({_reaction(reaction_type).reagent_words}): check the reagent or the reaction type.")]
    return []


def protonation_checks(state: ModelState, electrophile_name: str) -> list[Check]:
    """What the acid on the diamine does: the mono-protonation model's numbers beside the statistical ones."""
    result = state.protonation
    counted = "; ".join(state.acid_parts)
    text = (f"{state.acid_equiv:.2g} equiv of acid sits on the diamine ({counted}): the mono-protonation model holds "
            f"(only free N react, protons exchange fast). Expect about {_pct(result.sm)} SM / {_pct(result.mono)} mono / "
            f"{_pct(result.bis)} bis")
    if state.statistical is not None:
        sm, mono, bis = state.statistical
        text += f", against {_pct(sm)} / {_pct(mono)} / {_pct(bis)} from the free diamine at the same charge"
    text += "."
    if result.mono > 0.01:
        text += (f" {result.mono_protonated:.0%} of the mono product is its ammonium salt at the end: free it with base "
                 "(pH > 12) in the work-up.")
    found = [Check("info", text)]
    if result.unreacted_electrophile > 0.02:
        found.append(Check("warning", f"About {result.unreacted_electrophile:.0%} of the {electrophile_name} cannot react: "
                                      "every basic N left is protonated (the acid charged, a salt's acid, and any HCl the reaction "
                                      "makes). Charge less acid or more base, or use a reagent that makes no acid (Boc2O, "
                                      "an isocyanate)."))
    return found


def atmosphere_checks(runs: list[Any]) -> list[Check]:
    """The fit pools every run: say so when they were run under different atmospheres (or some not recorded)."""
    recorded = {run.atmosphere for run in runs}
    if len(runs) < 2 or len(recorded) < 2:
        return []
    named = sorted(a for a in recorded if a)
    unrecorded = sum(1 for run in runs if not run.atmosphere)
    also = f" ({unrecorded} with none recorded)" if unrecorded else ""
    return [Check("warning", f"The fit pools runs under {' and '.join(named)}{also}: ambient CO2 forms carbamates with "
                             "amines and can change the mono selectivity, so runs in air and under N2 or Ar may not share "
                             "one k2/k1. Compare them apart (record each run's atmosphere) before trusting the pooled fit.")]
