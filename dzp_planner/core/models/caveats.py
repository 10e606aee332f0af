"""What the distribution model in force cannot tell, one sentence per model (the plot's caveat line).

A module of its own, importing nothing: the plot panel sizes its caveat line from every caveat
when it is first shown, before the first paint, where importing the checks (and with them the
reaction table) would cost ~85 ms.
"""

from __future__ import annotations

MODEL_CAVEATS = {
    "two-equivalent-sites": "Two equivalent reactive N–H: the statistical consecutive model (SM → mono → bis).",
    "two-different-sites": ("Two different reactive N–H, each at its own rate (the ratio estimated from the structure "
                            "unless set); k2/k1 is what the first reaction does to the other N. Confirm the regiochemistry."),
    "one-site": "One reactive N–H: SM → mono only; no bis product can form.",
    "none": "No reactive N–H: nothing for the electrophile to react with.",
    "many-sites": ("Three or more reactive amines compete: the SM/mono/bis models describe two sites, so no numbers are "
                   "given. Protect every N that must not react (a Boc on the primary amine) and plan that substrate."),
    "protonation": ("Acid on the diamine: the mono-protonation model (only free N react, protons exchange fast, pKa "
                    "from the plan's pH-switch fields); k2/k1 applies to the free mono product only."),
}
NO_SUBSTRATE_CAVEAT = "No substrate drawn: the plot shows the parent diamine's two equal sites."
ALL_CAVEATS = (*MODEL_CAVEATS.values(), NO_SUBSTRATE_CAVEAT)  # what the plot's caveat line can say
