"""The product-distribution and pH-switch figures, drawn with plain matplotlib.

No Qt here: the panel draws these on its canvas and the PDF report draws the same functions
into an SVG, so the printed figure is the one the chemist looked at.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Text

from dzp_planner.core.models import extraction, kinetics
from dzp_planner.gui.plot.observed import Observed

COLOURS = {"sm": "#4c72b0", "mono": "#2a9d55", "bis": "#c44e52"}


@dataclass
class DistributionArtists:
    """Lines kept between redraws so a slider only moves data, not whole axes."""

    sm: Line2D
    mono: Line2D
    bis: Line2D
    marker: Line2D  # the plan's equivalents, a vertical line
    marker_text: Text
    optimum: Line2D
    title: Text
    readout: Text  # the hover/click read-out, inside the axes (drawn with the moving parts)
    model: str = "two-equivalent-sites"
    source: str = ""  # where k2/k1 comes from, said in the title: "assumed", "fitted from 3 runs", "measured"
    observed_key: str = ""  # the measured runs drawn (a full redraw when they change)
    acid: Any = None  # ProtonationInputs when the mono-protonation model is drawn
    sites: Any = None  # checks.SiteRates for two different sites: the names and the second's rate over the first's

    @property
    def site_ratio(self) -> float | None:
        return None if self.sites is None else float(self.sites.ratio)


def draw_observed(ax: Axes, observed: Observed) -> None:
    """The runs as points with error bars (static: they do not move with the slider), the band as a shade."""
    if observed.band is not None:
        low, high = observed.band
        lo_c, hi_c = kinetics.curves(low), kinetics.curves(high)
        ax.fill_between(lo_c["equiv"], lo_c["mono"], hi_c["mono"], color=COLOURS["mono"], alpha=0.15, lw=0,
                        label=f"mono, fitted 95 % [{low:.2g}, {high:.2g}]")
    if not observed.points:
        return
    x, sm, mono, bis, err = (list(column) for column in zip(*observed.points, strict=True))
    for key, y, marker in (("sm", sm, "s"), ("mono", mono, "o"), ("bis", bis, "^")):
        # one call per species, not per run: 200 runs took 600 errorbar calls and 4.9 s on the GUI thread
        ax.errorbar(x, y, yerr=err, fmt=marker, ms=5, color=COLOURS[key], mec="black", mew=0.6, capsize=2,
                    label="measured runs" if key == "mono" else None)


def _legend_below(ax: Axes, ncol: int) -> None:
    """The legend under the plot, never over the curves: a figure legend "outside lower center",
    for which constrained layout reserves the room exactly (one solve, the same at any start)."""
    handles, labels = ax.get_legend_handles_labels()
    ax.figure.legend(handles, labels, loc="outside lower center", fontsize=7, frameon=False, ncol=ncol)


def _curves(k2_k1: float, model: str, acid: Any = None, site_ratio: float | None = None) -> dict[str, np.ndarray]:
    if model == "many-sites":  # not modelled: no curves rather than two-site ones that understate the over-reaction
        return {key: np.array([]) for key in ("equiv", "sm", "mono", "bis")}
    if model == "two-different-sites" and site_ratio is not None:
        from dzp_planner.core.models import two_sites

        return two_sites.curves(k2_k1, site_ratio)
    if model == "protonation" and acid is not None:
        from dataclasses import replace

        from dzp_planner.core.models import protonation

        return protonation.curves(replace(acid, k2_k1=k2_k1))
    return kinetics.one_site_curves() if model == "one-site" else kinetics.curves(k2_k1)


def _at(k2_k1: float, equiv: float, model: str, acid: Any, site_ratio: float | None = None) -> tuple[float, float, float]:
    """SM / mono / bis at the plan's charge under the model drawn."""
    if model == "two-different-sites" and site_ratio is not None:
        from dzp_planner.core.models import two_sites

        o = two_sites.outcome(equiv, site_ratio, k2_k1)
        return o.sm, o.mono, o.bis
    if model == "protonation" and acid is not None:
        from dataclasses import replace

        from dzp_planner.core.models import protonation

        found = protonation.simulate(replace(acid, k2_k1=k2_k1, electrophile_equiv=min(equiv, 20.0)))
        return found.sm, found.mono, found.bis
    d = kinetics.for_model(model, equiv, k2_k1)
    return d.sm, d.mono, d.bis


def draw_distribution(ax: Axes, k2_k1: float, equiv: float | None, model: str = "two-equivalent-sites", *,
                      observed: Observed | None = None, source: str = "", acid: Any = None,
                      sites: Any = None) -> DistributionArtists:
    """SM / mono / bis against equivalents under the model the substrate calls for: two sites
    (the consecutive model at k2/k1) or one reactive N–H (SM → mono only, no bis).

    The legend sits under the axes, never over the curves; the title is always two lines
    (the model, then the plan's numbers), so a layout solved once still fits after any edit.
    """
    c = _curves(k2_k1, model, acid, sites.ratio if sites is not None else None)
    drawn = model != "many-sites"  # not modelled: no curves, so no legend of curves either
    labels = ("SM (substrate)", "mono", "bis" if model != "one-site" else "bis (none: one N–H)", "most mono") if drawn \
        else ("_sm", "_mono", "_bis", "_optimum")
    sm, = ax.plot(c["equiv"], c["sm"], color=COLOURS["sm"], lw=2, label=labels[0])
    mono, = ax.plot(c["equiv"], c["mono"], color=COLOURS["mono"], lw=2, label=labels[1])
    bis, = ax.plot(c["equiv"], c["bis"], color=COLOURS["bis"], lw=2, label=labels[2])
    if model not in ("one-site", "protonation", "many-sites"):
        ax.plot([1.0], [0.5], "o", ms=7, mfc="none", mec="#555555", label="guide: 25/50/25 at 1 equiv")
        ax.plot([1.0, 1.0], [0.25, 0.25], "o", ms=7, mfc="none", mec="#555555")
    optimum, = ax.plot([], [], "*", ms=12, color=COLOURS["mono"], label=labels[3])
    marker = ax.axvline(0.0, color="#222222", ls="--", lw=1.2)
    marker_text = ax.text(0.0, 0.97, "", transform=ax.get_xaxis_transform(), ha="left", va="top", fontsize=8,
                          bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.8))
    readout = ax.text(0.99, 0.97, "", transform=ax.transAxes, ha="right", va="top", fontsize=7.5,
                      bbox=dict(boxstyle="round,pad=0.25", fc="white", ec="#bbbbbb", alpha=0.9))
    ax.set_xlim(0, 2.5)
    ax.set_ylim(0, 1.05)
    ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.set_xlabel("equivalents of electrophile per substrate")
    ax.set_ylabel("fraction of the substrate")
    ax.grid(alpha=0.3)
    if observed is not None and model != "one-site":
        draw_observed(ax, observed)
    if ax.get_legend_handles_labels()[0]:
        _legend_below(ax, ncol=3)
    title = ax.set_title("\n", fontsize=9)
    artists = DistributionArtists(sm, mono, bis, marker, marker_text, optimum, title, readout, model, source,
                                  observed.key() if observed is not None else "", acid, sites)
    update_distribution(artists, k2_k1, equiv, model)
    return artists


def update_distribution(artists: DistributionArtists, k2_k1: float, equiv: float | None, model: str = "two-equivalent-sites",
                        source: str | None = None, acid: Any = None, sites: Any = None) -> None:
    if source is not None:
        artists.source = source
    if acid is not None:
        artists.acid = acid
    if sites is not None:
        artists.sites = sites
    c = _curves(k2_k1, model, artists.acid, artists.site_ratio)
    artists.sm.set_data(c["equiv"], c["sm"])
    artists.mono.set_data(c["equiv"], c["mono"])
    artists.bis.set_data(c["equiv"], c["bis"])
    if model == "many-sites":
        artists.optimum.set_data([], [])
        _place_plan_marker(artists, equiv)
        artists.title.set_text("three or more reactive amines compete: not modelled\n"
                               "protect every N that must not react and plan that substrate")
        return
    if model == "one-site":
        artists.optimum.set_data([1.0], [1.0])
        head = "one reactive N–H: SM → mono only, no bis"
        best = "every equivalent goes to mono"
    elif model == "protonation":
        peak = int(np.argmax(c["mono"]))
        artists.optimum.set_data([c["equiv"][peak]], [c["mono"][peak]])
        acid_text = f", {artists.acid.acid_equiv:.2g} equiv acid" if artists.acid is not None else ""
        head = f"mono-protonation{acid_text}, k2/k1 = {k2_k1:.3g}"
        best = f"most mono ({c['mono'][peak]:.0%}) at {c['equiv'][peak]:.2f} equiv"
    elif model == "two-different-sites" and artists.site_ratio is not None:
        peak = int(np.argmax(c["mono"]))
        artists.optimum.set_data([c["equiv"][peak]], [c["mono"][peak]])
        head = f"k2/k1 = {k2_k1:.3g}" + (f" ({artists.source})" if artists.source else "") + (
            f", {artists.sites.second} at {artists.sites.ratio:.3g}× {artists.sites.first}'s rate"
            + (" (estimate)" if artists.sites.source == "structure" else ""))
        best = f"most mono ({c['mono'][peak]:.0%}) at {c['equiv'][peak]:.2f} equiv"
    else:
        e_star, m_star = kinetics.optimum_equiv(k2_k1)
        artists.optimum.set_data([e_star], [m_star])
        head = f"k2/k1 = {k2_k1:.3g}" + (f" ({artists.source})" if artists.source else "") + (
            ", two different N–H" if model == "two-different-sites" else "")
        best = f"most mono ({m_star:.0%}) at {e_star:.2f} equiv"
    _place_plan_marker(artists, equiv)
    if equiv is None:
        artists.title.set_text(f"{head}\n{best}")
        return
    sm, mono, bis = _at(k2_k1, equiv, model, artists.acid, artists.site_ratio)
    numbers = f"SM {sm:.0%} · mono {mono:.0%}" + ("" if model == "one-site" else f" · bis {bis:.0%}")
    artists.title.set_text(f"{head}\nplan {equiv:.2f} equiv: {numbers}")


def _place_plan_marker(artists: DistributionArtists, equiv: float | None) -> None:
    """The dashed line at the plan's equivalents and its label; hidden when the plan has none."""
    artists.marker.set_visible(equiv is not None)
    if equiv is None:
        artists.marker_text.set_text("")
        return
    artists.marker.set_xdata([min(equiv, 2.5)] * 2)
    artists.marker_text.set_position((min(equiv, 2.0) + 0.03, 0.62))
    artists.marker_text.set_text(f"plan\n{equiv:.2f} equiv")


def show_readout(artists: DistributionArtists, k2_k1: float, equiv: float | None) -> None:
    """What the curves say at `equiv` (the mouse), inside the axes; None clears it."""
    if equiv is None:
        artists.readout.set_text("")
        return
    if artists.model == "many-sites":
        artists.readout.set_text(f"{equiv:.2f} equiv\nnot modelled")
        return
    if artists.model == "protonation":  # read off the drawn curves: a mouse move must not integrate the model
        sm, mono, bis_value = (float(np.interp(equiv, np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)))
                               for line in (artists.sm, artists.mono, artists.bis))
    else:
        sm, mono, bis_value = _at(k2_k1, equiv, artists.model, None, artists.site_ratio)
    bis = "" if artists.model == "one-site" else f"\nbis {bis_value:.1%}"
    artists.readout.set_text(f"{equiv:.2f} equiv\nSM {sm:.1%}\nmono {mono:.1%}{bis}")


def draw_selectivity(ax: Axes, k2_k1: float) -> None:
    ratios = np.linspace(1.0, 20.0, 120)
    ax.plot(ratios, kinetics.mono_selectivity_vs_ratio(k2_k1, ratios), color=COLOURS["mono"], lw=2)
    at10 = kinetics.distribution_for_ratio(10.0, k2_k1).mono_selectivity or 1.0
    ax.plot([10.0], [at10], "o", color="#222222")
    ax.annotate(f"guide's 10:1 → {at10:.3f}", (10.0, at10), textcoords="offset points", xytext=(8, -14), fontsize=8)
    ax.set_xlim(1, 20)
    ax.set_ylim(min(0.3, ax.get_ylim()[0]), 1.0)
    ax.set_xlabel("diamine : electrophile (N : 1)")
    ax.set_ylabel("mono selectivity  m / (m + b)")
    ax.set_title(f"Excess diamine is the real lever\n(k2/k1 = {k2_k1:.3g})", fontsize=9)
    ax.grid(alpha=0.3)


def draw_ph_switch(ax: Axes, pka: dict[str, list[float]]) -> None:
    ph = np.linspace(0.0, 14.0, 281)
    names = {k: s.name for k, s in extraction.DEFAULT_SPECIES.items()}
    colours = {"diamine": COLOURS["sm"], "mono": COLOURS["mono"], "bis": COLOURS["bis"]}
    for key, values in pka.items():
        pkas = ", ".join(f"{v:g}" for v in values) or "none"
        ax.plot(ph, extraction.neutral_fraction(values, ph), lw=2, color=colours.get(key), label=f"{names.get(key, key)} (pKa {pkas})")
    for index, step in enumerate(extraction.ph_switch_report(pka)):
        ax.axvline(step.ph, color="#222222", ls="--", lw=1)
        moved = ",\n".join(names.get(k, k) for k in step.into_organic) or "nothing"
        right_half = step.ph > 7  # keep the label inside the axes, on the far side of its line
        # the pH 3 note high, the pH 11 note low: they can never overlap, however narrow the plot
        ax.text(step.ph + (-0.2 if right_half else 0.2), 0.78 if index % 2 == 0 else 0.3, f"pH {step.ph:g}: organic gets\n{moved}",
                fontsize=7, va="center", ha="right" if right_half else "left",
                bbox=dict(boxstyle="round", fc="white", ec="#999999", alpha=0.9))
    ax.set_xlim(0, 14)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("pH of the aqueous phase")
    ax.set_ylabel("fraction neutral (extractable)")
    ax.set_title("pH switch (Protocol 2):\npH 11 does not separate mono-Boc from the diamine", fontsize=9)
    _legend_below(ax, ncol=2)
    ax.grid(alpha=0.3)


def draw_mixing(ax: Axes, swept, plan_addition_s: float | None = None) -> None:
    """bis against addition time (log scale) for two mixing times, with the well-mixed batch's bis."""
    minutes = np.array(swept.addition_times_s) / 60.0
    styles = ("-", "--")
    for index, (mix, row) in enumerate(zip(swept.mixing_times_s, swept.bis, strict=True)):
        label = f"mixing time {mix:g} s" + (" (this flask)" if index == 0 else " (poor stirring)")
        ax.plot(minutes, row, styles[index % 2], color=COLOURS["bis"], lw=2, label=label)
    ax.axhline(swept.batch_bis, color="#555555", lw=1, ls=":", label=f"ideal mixing {swept.batch_bis:.1%}")
    if plan_addition_s:
        ax.axvline(plan_addition_s / 60.0, color="#222222", ls="--", lw=1)
    ax.set_xscale("log")
    ax.set_xlabel("addition time (min)")
    ax.set_ylabel("bis fraction")
    ax.set_title("Does slow addition help here?", fontsize=9)
    ax.grid(alpha=0.3, which="both")
    _legend_below(ax, ncol=2)


def apply_palette(figure, window: str, base: str, text: str) -> None:
    """Colour the figure like the application (window background, plot area, text), e.g. a dark theme."""
    figure.patch.set_facecolor(window)
    for ax in figure.axes:
        ax.set_facecolor(base)
        ax.tick_params(colors=text)
        for label in (ax.xaxis.label, ax.yaxis.label, ax.title):
            label.set_color(text)
        for spine in ax.spines.values():
            spine.set_color(text)
    for legend in [*(ax.get_legend() for ax in figure.axes), *figure.legends]:
        if legend is not None:
            legend.get_frame().set_facecolor(base)
            for entry in legend.get_texts():
                entry.set_color(text)


def draw_vs_acid(ax: Axes, sweep: dict[str, list[float]], plan_acid: float) -> None:
    """SM / mono / bis against the acid charged first (the mono-protonation route), the plan's acid dashed."""
    for key, label in (("sm", "SM (substrate)"), ("mono", "mono"), ("bis", "bis")):
        ax.plot(sweep["acid"], sweep[key], color=COLOURS[key], lw=2, label=label)
    ax.axvline(plan_acid, color="#222222", ls="--", lw=1.2)
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("equivalents of acid per diamine (charged before the electrophile)")
    ax.set_ylabel("fraction of the substrate")
    ax.set_title("Mono-protonation: the acid is the lever\n(only free N react; the mono product is born protonated)", fontsize=9)
    ax.grid(alpha=0.3)
    _legend_below(ax, ncol=3)
