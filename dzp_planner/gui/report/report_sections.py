"""The content of the PDF report, section by section, as blocks the page layout places.

Each function asks the core for its numbers and returns blocks: HTML (every string that
came from the chemist or a file is escaped, so `<b>` typed in a title prints as typed) or
SVG (structures and figures, kept as vector graphics). A section whose data is missing says
"not set" rather than disappearing, so an empty plan still exports.
"""

from __future__ import annotations

import html
import io
import logging
from dataclasses import dataclass, field
from typing import Any

from dzp_planner import __version__
from dzp_planner.core.document.plan import Plan

log = logging.getLogger(__name__)
e = html.escape


@dataclass
class HtmlBlock:
    """Flowing text: kept on one page when it fits, paginated by QTextDocument when taller."""

    html: str
    _doc: Any = field(default=None, repr=False, compare=False)  # its laid-out QTextDocument, set by the report


@dataclass
class SvgBlock:
    svg: str
    width_mm: float
    height_mm: float
    caption: str = ""


@dataclass
class SchemeBlock:
    """Substrate → product with reagents and conditions over the arrow (vector structures)."""

    substrate_svg: str
    product_svg: str
    above: str
    below: str


def header(plan: Plan) -> list:
    created = plan.created.replace("T", " ")[:16]
    return [HtmlBlock(
        f"<h1 style='margin:0'>{e(plan.title)}</h1>"
        f"<p style='color:#444'>Author: {e(plan.author) or 'not set'} · Created {e(created)} UTC · "
        f"Modified {e(plan.modified.replace('T', ' ')[:16])} UTC<br>Plan id {e(plan.plan_id)} · DZP Planner {__version__}</p>"
    )]


def _derived(plan: Plan):
    from dzp_planner.core.document.derivation import derive

    return derive(plan)


def _structure_svg(smiles: str, labels: dict[int, str] | None = None, highlight=()) -> str:
    from dzp_planner.core.chem.depiction import depict_svg

    return depict_svg(smiles, 320, 240, labels=labels, highlight_atoms=highlight, bond_length=30, transparent=True)


def scheme(plan: Plan) -> list:
    d = _derived(plan)
    model = d.site_model
    if model is None:
        return [HtmlBlock("<h2>Reaction scheme</h2><p>Substrate not set (or not a valid structure).</p>")]
    labels = {s.atom: s.label for s in model.sites if s.label}
    free = [s.atom for s in model.competing]
    from dzp_planner.core.document.titles import scheme_conditions, scheme_reagents

    reagents = scheme_reagents(plan.components)
    blocks: list = [HtmlBlock("<h2>Reaction scheme</h2>")]
    blocks.append(SchemeBlock(
        _structure_svg(plan.substrate_smiles, labels, free),
        _structure_svg(d.product_smiles) if d.product_smiles else "",
        reagents or plan.reaction_type.replace("-", " "),
        scheme_conditions(plan.conditions, reagents) or ", ".join(c.name for c in plan.components if c.role == "solvent"),
    ))
    if not d.product_smiles:
        blocks.append(HtmlBlock(f"<p style='color:#9a5b00'>No product drawn: {e(d.products_problem or d.yield_problem)}</p>"))
    return blocks


def site_analysis(plan: Plan) -> list:
    d = _derived(plan)
    info, model = d.summary, d.site_model
    if info is None or model is None:
        return [HtmlBlock("<h2>Site analysis</h2><p>No substrate structure.</p>")]
    items = [f"<li>{e(d.substrate_name)}: {e(info.formula)}, MW {info.mw:.2f}"
             + (f" (as {e(model.salt)}; free base {e(info.parent_formula)})" if model.salt else "")
             + f", monoisotopic {info.exact_mass:.4f}, [M+H]+ {info.mh_plus:.4f}</li>"]
    for site in model.sites:
        items.append(f"<li>{e(site.describe())}</li>")
    ring = model.first_ring
    if ring.found:
        items.append("<li>N1 and N4 are " + ("equivalent (same canonical rank): no regioselectivity without desymmetrising"
                                             if ring.n1_n4_equivalent else "not equivalent") + "</li>")
    items.append(f"<li>Distribution model: {e(d.distribution.caveat)}</li>")
    items.extend(f"<li><b>Warning:</b> {e(w)}</li>" for w in model.warnings)
    return [HtmlBlock(f"<h2>Site analysis</h2><p>Substrate: <tt>{e(plan.substrate_smiles)}</tt></p><ul>{''.join(items)}</ul>")]


def decision_path(plan: Plan) -> list:
    result = _derived(plan).walk
    if result is None:
        return [HtmlBlock("<h2>Decision</h2><p>No decision tree chosen.</p>")]
    tree = result.tree
    rows = "".join(
        f"<tr><td>{e(s.question)}</td><td><b>{e(s.answer_label)}</b></td><td>{'from the structure: ' + e(s.reason) if s.auto else 'chemist'}</td></tr>"
        for s in result.path
    )
    head = "<thead><tr><th>Question</th><th>Answer</th><th>Source</th></tr></thead>"
    body = f"<h2>Decision: {e(tree.title)}</h2><table width='100%' border='1' cellspacing='0' cellpadding='3'>{head}<tbody>{rows}</tbody></table>"
    if result.recommendation is not None:
        rec = result.recommendation
        body += f"<h3>Recommendation: {e(rec.title)}</h3><p>{e(rec.reasoning)}</p>"
    elif result.pending is not None:
        body += f"<p>Not finished: next question “{e(result.pending.question)}”.</p>"
    return [HtmlBlock(body)]


def stoichiometry(plan: Plan) -> list:
    from dzp_planner.core.chem.naming import salt_row_name
    from dzp_planner.core.quantities.units import format_quantity

    if not plan.components:
        return [HtmlBlock("<h2>Reaction table</h2><p>No reagents yet.</p>")]
    d = _derived(plan)
    table = d.table
    head = "".join(f"<th>{h}</th>" for h in ("Role", "Name", "MW", "Equiv", "Amount", "Mass", "Volume"))
    body = ""
    for component, row in zip(plan.components, table.rows, strict=True):
        name = e(salt_row_name(component.name, component.salt))  # "1,4-Diazepane·2HCl", never the salt twice
        if row.loading:
            name += f"<br><small>on resin, {row.display('loading')}</small>"
        elif row.concentration and component.role != "solvent":
            name += f"<br><small>{row.display('concentration')} solution</small>"
        cells = [e(component.role), name, row.display("mw"), row.display("equiv"), row.display("mmol"),
                 row.display("mass_g"), row.display("volume_ml")]
        if row.errors:
            cells[1] += f"<br><span style='color:#b00020'>{e('; '.join(m.text for m in row.errors))}</span>"
        body += "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
    facts = []
    if table.concentration_m:
        text = f"Reaction concentration {format_quantity(table.concentration_m, 'concentration')}"
        if table.concentration_after_addition_m:
            text += f" ({format_quantity(table.concentration_after_addition_m, 'concentration')} after the addition)"
        facts.append(text)
    if table.addition is not None and table.addition.display():
        add = table.addition
        over = f" over {format_quantity(add.time_s, 'time')}" if add.time_s else ""
        facts.append(f"addition of {e(add.component)}{over}: {e(add.display())}")
    ty = d.theoretical_yield
    if ty is not None:
        facts.append(f"theoretical yield {format_quantity(ty.mass_g, 'mass')} ({format_quantity(ty.mmol, 'amount')}, from {e(ty.limiting_row)})")
    checks = "".join(f"<li>{e(c.text)}</li>" for c in d.checks)
    return [HtmlBlock(
        f"<h2>Reaction table</h2><table width='100%' border='1' cellspacing='0' cellpadding='3'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        + (f"<p>{'; '.join(facts)}.</p>" if facts else "") + (f"<p><b>Checks against the guide</b></p><ul>{checks}</ul>" if checks else "")
    )]


def procedure(plan: Plan) -> list:
    d = _derived(plan)
    if not d.procedure:
        return [HtmlBlock("<h2>Procedure</h2><p>No protocol chosen.</p>")]
    blocks: list = [HtmlBlock(f"<h2>Procedure</h2><p style='color:#444'>From the guide's {e(d.guide_section)}, written for "
                              f"{e(d.substrate_name or 'this substrate')} and this table, with the chemistry notes' corrections.</p>")]
    for i, step in enumerate(d.procedure, start=1):
        text = f"<p><b>{i}.</b> {e(step.text)}</p>"
        if step.checkpoint:
            text += f"<p style='margin-left:18px;color:#1f4e79'>Checkpoint: {e(step.checkpoint)}</p>"
        if step.correction:
            text += f"<p style='margin-left:18px;background:#fff4d6'><b>Correction:</b> {e(step.correction)}</p>"
        blocks.append(HtmlBlock(text))
    return blocks


def _figure_svg(draw, width_in: float = 6.2, height_in: float = 3.3) -> str:
    import matplotlib
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width_in, height_in), layout="constrained")
    draw(figure.add_subplot())
    buffer = io.StringIO()
    # real <text> rather than glyph references: QtSvg draws it, and the PDF text stays searchable
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg")
    return buffer.getvalue()


_last_figures: tuple[bytes, dict[str, str]] | None = None  # (the plan's bytes, its figures): the one plan last drawn


def figure_svgs(plan: Plan) -> dict[str, str]:
    """The report's figures as SVG by file name: the product distribution, and the pH switch where the protocol has one
    (the PDF and the .eln archive carry the same pictures).

    Drawn once per plan content: an .eln export asks for them for its PDF and again for its own files, and
    matplotlib's layout and SVG writing of the two figures cost 0.1–0.2 s each time."""
    global _last_figures
    from dzp_planner.core.io import plan_format

    try:
        key = plan_format.dumps(plan)
    except ValueError:  # a NaN or an infinity in memory (the file format refuses them): drawn, not kept
        return _draw_figure_svgs(plan)
    last = _last_figures
    if last is not None and last[0] == key:
        return dict(last[1])
    svgs = _draw_figure_svgs(plan)
    _last_figures = (key, svgs)
    return dict(svgs)


def _draw_figure_svgs(plan: Plan) -> dict[str, str]:
    from dzp_planner.gui.plot import figures as fig
    from dzp_planner.gui.plot.observed import observed_for, source_label

    state = _derived(plan).distribution
    out = {"distribution.svg": _figure_svg(lambda ax: fig.draw_distribution(
        ax, plan.model.k2_k1, state.electrophile_equiv, "protonation" if state.route == "protonation" else state.model,
        observed=observed_for(plan), source=source_label(plan), acid=state.protonation_inputs,
        sites=state.sites))}
    if plan.template_id == "mono-boc-protection":
        out["ph-switch.svg"] = _figure_svg(lambda ax: fig.draw_ph_switch(ax, plan.model.pka))
    return out


def figures(plan: Plan) -> list:
    state = _derived(plan).distribution
    caption = ("Batch model, well mixed: SM, mono and bis against equivalents; the dashed line is this plan. "
               + state.caveat)
    svgs = figure_svgs(plan)
    blocks: list = [HtmlBlock("<h2>Product distribution</h2>"), SvgBlock(svgs["distribution.svg"], 170, 90, caption)]
    blocks.extend(measured_runs(plan))
    if "ph-switch.svg" in svgs:
        blocks.append(HtmlBlock("<h2>pH switch</h2>"))
        blocks.append(SvgBlock(svgs["ph-switch.svg"], 170, 90,
                               "Fraction neutral (extractable) against pH for the plan's pKa values; the pH 3 and pH 11 steps are marked."))
    return blocks


def measured_runs(plan: Plan) -> list:
    """The runs as entered, the fit and what to charge next; and which numbers are measured,
    fitted or assumed (the model is a well-mixed batch)."""
    from dzp_planner.core.models.fitting import next_run

    model = plan.model
    said = {"assumed": f"assumed: {model.k2_k1_note}" if model.k2_k1_note else "assumed (a preset or typed; not measured for this reaction)",
            "fitted": f"fitted to this plan's runs ({model.k2_k1_note})",
            "measured": f"measured earlier ({model.k2_k1_note})"}[model.k2_k1_source]
    honesty = (f"<p>k2/k1 = {model.k2_k1:.3g} is {e(said)}. The curves assume a well-mixed batch; the mixing model "
               "says when slow mixing changes the outcome.</p>")
    if not plan.results:
        return [HtmlBlock(honesty)]
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in ("run", "equiv", "analysis", "SM", "mono", "bis", "RF SM / mono / bis", "±",
                                                     "date", "note")) + "</tr>"

    def cell(value: float | None) -> str:
        return "" if value is None else f"{value:g}"

    rows = "".join(
        f"<tr><td>{i}</td><td>{cell(r.equiv) or '(table)'}</td><td>{e(r.analysis)}</td><td>{cell(r.sm)}</td><td>{cell(r.mono)}</td>"
        f"<td>{cell(r.bis)}</td><td>{r.rf_sm:g} / {r.rf_mono:g} / {r.rf_bis:g}</td><td>{r.sigma:g}</td><td>{e(r.date)}</td>"
        f"<td>{e(r.note)}</td></tr>" for i, r in enumerate(plan.results, start=1))
    fit = _derived(plan).fit
    lines: list[str] = []
    if fit is not None and fit.result is not None:
        lines = [f"<b>k2/k1 {e(fit.summary())}</b> (95 % profile interval)"]
        lines += [e(x) for x in next_run(fit.result)] + [f"Warning: {e(w)}" for w in fit.result.warnings]
    elif fit is not None:
        lines = [e(fit.problem)]
    table = f"<table width='100%' border='1' cellspacing='0' cellpadding='3'><thead>{head}</thead><tbody>{rows}</tbody></table>"
    return [HtmlBlock(f"<h2>Measured runs</h2>{table}<p>{'<br>'.join(lines)}</p>{honesty}")]


def mass_table(plan: Plan) -> list:
    d = _derived(plan)
    rows = d.products
    if not rows:
        return [HtmlBlock(f"<h2>LCMS masses</h2><p>{e(d.products_problem or 'Substrate or reagent not set.')}</p>")]
    head = "".join(f"<th>{h}</th>" for h in ("Species", "Formula", "MW", "Monoisotopic", "Ions (m/z)", "Note"))
    body = "".join(
        f"<tr><td>{e(r.species)}</td><td>{e(r.formula)}</td><td>{r.mw:.2f}</td><td>{r.exact_mass:.4f}</td>"
        f"<td>{'<br>'.join(f'{e(name)} {mz:.4f}' for name, mz in r.ions)}</td><td>{e(r.note)}</td></tr>"
        for r in rows
    )
    return [HtmlBlock(f"<h2>LCMS masses</h2><p style='color:#444'>Of the free base and its products (what LCMS sees).</p>"
                      f"<table width='100%' border='1' cellspacing='0' cellpadding='3'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")]


def notes_and_references(plan: Plan) -> list:
    blocks: list = []
    if plan.notes.strip():
        blocks.append(HtmlBlock(f"<h2>Notes</h2><p>{e(plan.notes).replace(chr(10), '<br>')}</p>"))
    blocks.append(HtmlBlock(
        "<h2>References</h2><ul>"
        "<li>BenchChem Technical Support, “Minimizing side reactions during diazepane ring functionalization” (2026): "
        "Module A (poly-alkylation), Module B (regioselectivity), Module C (Buchwald–Hartwig), Protocols 1 and 2, oxidation warning.</li>"
        "<li>DZP Planner chemistry notes: closed-form consecutive-competitive kinetics, corrections to the guide.</li>"
        "<li>Homopiperazine pKa 10.41 and 6.70 (20 °C): Perrin compilation / IUPAC digitised dissociation constants, citing "
        "Pagano, Goldberg &amp; Fernelius, J. Phys. Chem. 65, 1062 (1961). 1-Boc-homopiperazine pKa 9.0 ± 0.5: estimate.</li>"
        "</ul>"
    ))
    return blocks


def all_blocks(plan: Plan) -> list:
    blocks: list = []
    for section in (header, scheme, site_analysis, decision_path, stoichiometry, procedure, figures, mass_table, notes_and_references):
        try:
            blocks.extend(section(plan))
        except Exception as exc:  # one broken section must not cost the chemist the whole report
            log.exception("report section %s failed", section.__name__)
            blocks.append(HtmlBlock(f"<p style='color:#b00020'>{e(section.__name__)}: could not be drawn ({e(str(exc))})</p>"))
    return blocks
