"""Everything that follows from a plan, computed once per plan state: what every view shows.

The table, the site model of the substrate, the products and LCMS masses, the decision facts
and walk, the distribution model in force, the procedure text and the checks all come from
here, so the structure panel, the table, the tree, the plot, `show` and the PDF can never
describe different molecules or quote different numbers. A derivation is cached by the
plan's content (`_fingerprint`): one cell edit computes the table once, whoever asks.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dzp_planner.core.document.plan import Plan
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.guidance.checks import Check, ModelState, SiteRates
from dzp_planner.core.models.caveats import MODEL_CAVEATS, NO_SUBSTRATE_CAVEAT
from dzp_planner.core.quantities.stoich import TableResult, TheoreticalYield

if TYPE_CHECKING:  # types only: the modules that compute them import this one's inputs
    from dzp_planner.core.chem.site_model import SiteModel
    from dzp_planner.core.guidance.decisions import Fact, WalkResult
    from dzp_planner.core.guidance.procedure import RenderedStep
    from dzp_planner.core.models.plan_fit import PlanFit
    from dzp_planner.core.reactions.products import MassRow

log = logging.getLogger(__name__)

_CACHE: dict[str, Derivation] = {}
_CACHE_SIZE = 16


@dataclass(frozen=True)
class SubstrateSummary:
    """What the drawing is, in numbers: the formula and MW of what is weighed per molecule of substrate (a salt
    weighs as the salt; a drawing of two molecules with one water is one molecule's share), the free base's
    formula, its monoisotopic mass and [M+H]+."""

    formula: str
    mw: float
    parent_formula: str
    exact_mass: float
    mh_plus: float


@dataclass(frozen=True)
class Derivation:
    substrate_smiles: str
    summary: SubstrateSummary | None  # formula and masses of what was drawn (None: empty or unreadable)
    substrate_name: str
    site_model: SiteModel | None
    table: TableResult
    slots: dict[str, int]
    substrate_row: int | None
    electrophile_row: int | None
    electrophile_smiles: str  # the reagent the products are enumerated with
    reagent_reacts: bool | None  # None: no reagent
    products: tuple[MassRow, ...]
    products_problem: str
    product_smiles: str  # the scheme's product: mono at the most reactive site
    facts: dict[str, Fact]
    walk: WalkResult
    distribution: ModelState
    procedure: tuple[RenderedStep, ...]
    checks: tuple[Check, ...]
    theoretical_yield: TheoreticalYield | None
    yield_problem: str
    template_title: str = ""
    guide_section: str = ""
    fit: PlanFit | None = None  # the fit of the recorded runs (None: no runs recorded)

    @property
    def model_kind(self) -> str:
        return self.distribution.model

    @property
    def scheme(self) -> dict[str, object]:
        reactants = [s for s in (self.substrate_smiles, self.electrophile_smiles) if s]
        return {"reactants": reactants, "product": self.product_smiles}


def _fingerprint(plan: Plan) -> str:
    return repr((plan.substrate_smiles, plan.reaction_type, plan.reagent_smiles, plan.product_smiles, plan.components,
                 plan.decisions, plan.active_tree, plan.model, plan.template_id, plan.addition, plan.results))


def forget(plan: Plan) -> None:
    """Drop the remembered derivation of `plan` as it is now (a fit computed elsewhere has arrived)."""
    _CACHE.pop(_fingerprint(plan), None)


def derive(plan: Plan) -> Derivation:
    """The derivation of `plan` as it is now (cached by content)."""
    key = _fingerprint(plan)
    found = _CACHE.get(key)
    if found is None:
        found = _derive(plan)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = found
    return found


def _canonical_parent(smiles: str) -> str:
    from dzp_planner.core.chem.parsing import StructureError
    from dzp_planner.core.chem.site_model import site_model_for

    if not smiles.strip():
        return ""
    try:
        return site_model_for(smiles.strip()).parent_smiles
    except StructureError:
        return ""


def _substrate_row(plan: Plan, slots: dict[str, int], parent: str) -> int | None:
    if "substrate" in slots and plan.components[slots["substrate"]].slot == "substrate":
        return slots["substrate"]
    if parent:
        for i, c in enumerate(plan.components):
            if c.role != "solvent" and c.smiles.strip() and _canonical_parent(c.smiles) == parent:
                return i
    return slots.get("substrate")


def _electrophile_row(plan: Plan, slots: dict[str, int]) -> int | None:
    if "electrophile" in slots and plan.components[slots["electrophile"]].slot == "electrophile":
        return slots["electrophile"]
    from dzp_planner.core.document.plan_facts import electrophile_row

    found = electrophile_row(plan)
    return found[0] if found is not None else None


def _analysis(smiles: str) -> tuple[dict[str, Any] | None, SiteModel | None, str]:
    from dzp_planner.core.chem import analyze
    from dzp_planner.core.chem.site_model import site_model_for

    if not smiles.strip():
        return None, None, ""
    try:
        return analyze(smiles), site_model_for(smiles.strip()), ""
    except UserInputError as exc:
        return None, None, str(exc)


def _distribution(plan: Plan, table: TableResult, model: Any, substrate_row: int | None,
                  electrophile_row: int | None, electrophile: str) -> ModelState:
    from dzp_planner.core.models import kinetics

    kind = model.model_kind if model is not None else "two-equivalent-sites"
    if model is not None and model.beyond_two_sites:
        kind = "many-sites"  # refused rather than given two-site numbers that understate the over-reaction
    caveat = MODEL_CAVEATS[kind] if model is not None else NO_SUBSTRATE_CAVEAT
    equiv, source = None, "none"
    reference = substrate_row if substrate_row is not None else table.limiting_index
    if electrophile_row is not None and reference is not None:
        e_row, s_row = table.rows[electrophile_row], table.rows[reference]
        if e_row.mmol is not None and s_row.mmol:
            equiv, source = e_row.mmol / s_row.mmol, "table"
    if source == "none" and electrophile_row is None and plan.model.electrophile_equiv is not None:
        equiv, source = plan.model.electrophile_equiv, "override"
    r = plan.model.k2_k1
    sites = site_rates(plan, model)
    if equiv is None or kind in ("none", "many-sites"):
        return ModelState(kind, r, equiv, source, None, None, None, caveat, sites=sites)
    if sites is not None:
        from dzp_planner.core.models import two_sites

        o = two_sites.outcome(equiv, sites.ratio, r)
        total = o.mono
        shares = ((sites.first, o.mono_first / total), (sites.second, o.mono_second / total)) if total > 0 else ()
        state = ModelState(kind, r, equiv, source, o.sm, o.mono, o.bis, caveat, shares, sites=sites)
    else:
        d = kinetics.for_model(kind, equiv, r)
        state = ModelState(kind, r, equiv, source, d.sm, d.mono, d.bis, caveat)
    if substrate_row is not None and kind not in ("none", "many-sites"):
        return _with_acid(plan, table, state, substrate_row, electrophile)
    return state


def _with_acid(plan: Plan, table: TableResult, state: ModelState, substrate_row: int, electrophile: str) -> ModelState:
    """The statistical state, or the mono-protonation model's where acid is left on the amines."""
    from dataclasses import replace

    from dzp_planner.core.models import protonation
    from dzp_planner.core.quantities.acid_charge import acid_charge

    charge = acid_charge(table, plan.components, substrate_row, table.rows[substrate_row].salt_acid_equiv)
    if charge is None or charge.acid_equiv < 1e-6 or state.electrophile_equiv is None:
        return state
    if state.model == "one-site":  # one amine N–H: not modelled; the check says how much of it the acid holds
        return replace(state, acid_equiv=charge.acid_equiv, acid_parts=charge.parts)
    from dzp_planner.core.guidance.acid_route import protonation_inputs

    inputs = protonation_inputs(plan, state.electrophile_equiv, charge.acid_equiv, electrophile)
    d_sm, d_mono, d_bis = state.sm or 0.0, state.mono or 0.0, state.bis or 0.0
    try:
        result = protonation.simulate(inputs)
    except UserInputError:
        return state
    return replace(state, sm=result.sm, mono=result.mono, bis=result.bis, acid_equiv=charge.acid_equiv,
                   acid_parts=charge.parts, protonation=result, protonation_inputs=inputs,
                   caveat=MODEL_CAVEATS["protonation"], statistical=(d_sm, d_mono, d_bis),
                   mono_ratio=())


SITE_RATE_PER_RANK = 10.0  # an estimate: one nucleophilicity rank (site_model) is a tenfold rate


def site_rates(plan: Plan, model: Any) -> SiteRates | None:
    """Two different reactive N–H: the sites (faster first, by the structure) and the second's rate over the
    first's: the plan's value when the chemist set one, else the estimate from the structure's nucleophilicity
    ranks, ten-fold per rank. None for any other substrate."""
    if model is None or model.model_kind != "two-different-sites" or len(model.competing) != 2:
        return None
    first, second = model.competing
    if plan.model.site_rate_ratio is not None:
        return SiteRates(first.name, second.name, plan.model.site_rate_ratio, "set")
    from dzp_planner.core.models.two_sites import RATIO_MAX, RATIO_MIN

    estimate = SITE_RATE_PER_RANK ** (second.rank - first.rank)  # kept inside the model's thousandfold either way
    return SiteRates(first.name, second.name, min(max(estimate, RATIO_MIN), RATIO_MAX), "structure")


def _derive(plan: Plan) -> Derivation:
    from dzp_planner.core.chem.naming import substrate_name
    from dzp_planner.core.guidance import checks as rules
    from dzp_planner.core.guidance.procedure import slot_rows
    from dzp_planner.core.quantities.stoich import compute_table
    from dzp_planner.core.reactions.products import mass_table, reagent_reacts

    substrate = plan.substrate_smiles.strip()
    analysis, model, problem = _analysis(substrate)
    name = substrate_name(substrate) if model is not None else ""
    table = compute_table(plan.components, plan.addition)
    slots = slot_rows(plan.components)
    parent = model.parent_smiles if model is not None else ""
    substrate_row = _substrate_row(plan, slots, parent)
    if substrate_row is not None:
        slots["substrate"] = substrate_row
    electrophile_row = _electrophile_row(plan, slots)
    if electrophile_row is not None:
        slots.setdefault("electrophile", electrophile_row)
    row_smiles = plan.components[electrophile_row].smiles.strip() if electrophile_row is not None else ""
    electrophile = row_smiles or plan.reagent_smiles.strip()
    reacts = reagent_reacts(plan.reaction_type, electrophile) if electrophile else None
    products: tuple[Any, ...] = ()
    products_problem = ""
    if model is not None and electrophile:
        try:
            products = tuple(mass_table(substrate, plan.reaction_type, electrophile))
        except UserInputError as exc:
            products_problem = str(exc)
    elif model is not None:
        products_problem = "Give a reagent SMILES (or the electrophile row's structure) to see the products and the masses to look for in LCMS."
    product = next((r.smiles for r in products if r.species.startswith("mono")), "") or (plan.product_smiles if not electrophile else "")
    facts, walk = _walk(plan, analysis, electrophile, substrate)
    state = _distribution(plan, table, model, substrate_row, electrophile_row, electrophile)
    from dzp_planner.core.chem.naming import in_sentence

    e_name = in_sentence(plan.components[electrophile_row].name) if electrophile_row is not None else "electrophile"
    found: list[Check] = [Check("error", m.text) for m in table.errors]
    if model is not None:
        from dzp_planner.core.chem.site_model import salt_warning

        kept_on_route = salt_warning(model.salt, model.salt_acid_equiv) if state.route == "protonation" and model.salt else None
        found.extend(Check("warning", w) for w in model.warnings if w != kept_on_route)  # the acid check says it instead
        found.extend(rules.substrate_row_checks(table, plan.components, substrate_row, parent,
                                                _canonical_parent(plan.components[substrate_row].smiles) if substrate_row is not None else "",
                                                name))
        found.extend(rules.ratio_checks(state, plan.reaction_type, e_name))
        found.extend(rules.ceiling_checks(state, plan.reaction_type, e_name))
        if state.mono_ratio and state.sites is not None:
            shares = ", ".join(f"{share:.0%} at {name}" for name, share in state.mono_ratio)
            where = (f"estimated from the structure, {SITE_RATE_PER_RANK:g}-fold per nucleophilicity rank: assumed, not "
                     "measured; set the ratio on the plot when you know it" if state.sites.source == "structure" else "as set in this plan")
            found.append(Check("info", f"Two different sites: the mono product is about {shares}, with {state.sites.second} "
                                       f"reacting at {state.sites.ratio:.3g}× the rate of {state.sites.first} ({where}). "
                                       "Confirm the regiochemistry (2D NMR)."))
            if plan.results:
                found.append(Check("info", "The k2/k1 fit of the recorded runs treats the two sites as equal (one rate for "
                                           "both); the plot's curves use the site ratio as well, so a fitted k2/k1 is an "
                                           "approximation for this substrate."))
    elif problem:
        found.append(Check("error", f"Substrate: {problem}"))
    found.extend(rules.electrophile_checks(plan.components, electrophile_row, plan.reaction_type, reacts))
    from dzp_planner.core.guidance.structure_alerts import plan_alerts

    found.extend(Check("warning", alert.text, alert.id)
                 for alert in plan_alerts(substrate, model, plan.reaction_type, electrophile, plan.components))
    found.extend(rules.concentration_checks(table))
    yield_result, yield_problem = _yield(table, product)
    derivation = Derivation(
        substrate_smiles=substrate, summary=_summary(analysis), substrate_name=name, site_model=model,
        table=table, slots=slots, substrate_row=substrate_row, electrophile_row=electrophile_row,
        electrophile_smiles=electrophile, reagent_reacts=reacts, products=products, products_problem=products_problem,
        product_smiles=product, facts=facts, walk=walk, distribution=state, procedure=(), checks=(),
        theoretical_yield=yield_result, yield_problem=yield_problem,
    )
    steps, template_title, section = _procedure(plan, derivation)
    problems = [p for step in steps for p in step.problems]
    found.extend(Check("warning", f"Procedure: {p.split(': ', 1)[-1]}") for p in dict.fromkeys(problems))
    if plan.template_id and _uses_partition(plan.template_id) and state.model in ("two-equivalent-sites", "two-different-sites"):
        from dzp_planner.core.guidance.procedure_values import partition_text

        found.append(Check("info", "The basic extraction (pH switch): " + partition_text(plan, derivation) + "."))
    from dataclasses import replace

    fit = None
    if plan.results:
        from dzp_planner.core.models.plan_fit import PlanFit, fit_for_derivation

        if state.model == "one-site":
            fit = PlanFit(None, 0, "One reactive N–H: no bis can form, so there is no k2/k1 to fit.")
        elif state.model == "many-sites":
            fit = PlanFit(None, 0, "Three or more reactive amines: the two-site model's k2/k1 cannot be fitted to them.")
        else:
            fit = fit_for_derivation(plan.results, state.electrophile_equiv)
        found.extend(rules.atmosphere_checks(plan.results))
    return replace(derivation, procedure=tuple(steps), checks=tuple(found), template_title=template_title, guide_section=section,
                   fit=fit)


def _summary(analysis: dict[str, Any] | None) -> SubstrateSummary | None:
    if analysis is None:
        return None
    formula, mw, parent = str(analysis["formula"]), float(analysis["mw"]), str(analysis.get("parent_formula", analysis["formula"]))
    salt = str(analysis.get("salt") or "")
    if salt:  # per molecule of substrate, as the row weighs it: a 2:2:1 drawing is one C6H14N2·HCl·0.5H2O, not C12H32Cl2N4O
        from dzp_planner.core.quantities.salt_forms import salt_form_mw

        try:
            per_molecule = salt_form_mw(str(analysis["parent_smiles"]), salt)
        except UserInputError:
            per_molecule = mw
        if abs(per_molecule - mw) > 0.005:
            formula, mw = f"{parent}·{salt}", per_molecule
    return SubstrateSummary(formula, mw, parent, float(analysis["exact_mass"]), float(analysis["mh_plus"]))


def _walk(plan: Plan, analysis: dict[str, Any] | None, reagent: str, substrate: str) -> tuple[dict[str, Fact], WalkResult]:
    from dzp_planner.core.guidance import decisions

    facts = decisions.facts_from_analysis(analysis) if analysis is not None else {}
    facts.update(decisions.reagent_facts(reagent, substrate if analysis is not None else ""))
    if "route" in facts:
        facts["route"] = decisions.route_fact(any(c.role == "acid" for c in plan.components))
    trees = decisions.all_trees()
    tree_id = plan.active_tree if plan.active_tree in trees else next(iter(trees))
    tree = trees[tree_id]
    answers = {k: v for k, v in plan.decisions.get(tree_id, {}).items() if k in tree.nodes and tree.nodes[k].answer(v)}
    return facts, decisions.walk(tree, answers, facts)


def _yield(table: TableResult, product: str) -> tuple[TheoreticalYield | None, str]:
    from dzp_planner.core.quantities.salt_forms import mw_from_smiles
    from dzp_planner.core.quantities.stoich import theoretical_yield

    if not product:
        return None, "no product yet: give the electrophile's structure"
    try:
        return theoretical_yield(table, mw_from_smiles(product)), ""
    except UserInputError as exc:
        return None, str(exc)


def _uses_partition(template_id: str) -> bool:
    """Whether the protocol's work-up is the pH switch (a step quotes {workup:partition})."""
    from dzp_planner.core.guidance.templates import all_templates

    template = all_templates().get(template_id)
    return template is not None and any("{workup:partition}" in (s.text + s.correction) for s in template.steps)


def _procedure(plan: Plan, derivation: Derivation) -> tuple[list[Any], str, str]:
    from dzp_planner.core.guidance.procedure import render_steps
    from dzp_planner.core.guidance.procedure_values import plan_resolver
    from dzp_planner.core.guidance.templates import all_templates

    template = all_templates().get(plan.template_id) if plan.template_id else None
    if template is None:
        return [], "", ""
    resolve = plan_resolver(plan, derivation)
    present = set(derivation.slots)
    model = derivation.site_model
    kind = derivation.distribution.model
    chosen = [s for s in template.steps if present.issuperset(s.needs)]
    if kind == "many-sites" and model is not None:
        import dataclasses

        from dzp_planner.core.models.caveats import MODEL_CAVEATS

        kind = model.model_kind  # the steps of the structure's own kind, with no model numbers in them
        chosen = [dataclasses.replace(s, correction=MODEL_CAVEATS["many-sites"]) if "{model:" in s.correction else s
                  for s in chosen]
    steps = render_steps(chosen, resolve, kind)
    if model is not None:
        from dzp_planner.core.document.substrate_steps import for_the_substrate

        steps = for_the_substrate(steps, model, plan, derivation, template.puts_acid_on_diamine)
    return steps, template.title, template.guide_section
