"""`distribution … --acid-equiv X`: the mono-protonation route's SM / mono / bis (model "protonation").

Kept apart from `distribution` so that command stays the statistical and mixing models it was; the
defaults (homopiperazine and its mono-Boc product) and their sources come from resources/data/pka.toml.
"""

from __future__ import annotations

import argparse
from typing import Any


def protonation_result(args: argparse.Namespace, electrophile_equiv: float, batch: dict[str, Any]) -> dict[str, Any]:
    from dzp_planner.core.models import pka_data, protonation

    parent, product = pka_data.parent_and_product()
    high, low = args.pka if args.pka is not None else parent.values
    product_pka = args.product_pka if args.product_pka is not None else product.values[0]
    inputs = protonation.ProtonationInputs(
        electrophile_equiv=electrophile_equiv, acid_equiv=args.acid_equiv, pka_high=high, pka_low=low,
        product_pka=product_pka, k2_k1=args.k2_k1,
        cation_rate=args.cation_rate if args.cation_rate is not None else protonation.ProtonationInputs.cation_rate,
        byproduct_acid=args.byproduct_acid,
    )
    outcome = protonation.simulate(inputs)
    return {
        **outcome.as_dict(),
        "model": "protonation",
        "acid_equiv": inputs.acid_equiv,
        "pka": [high, low],
        "product_pka": product_pka,
        "cation_rate": inputs.cation_rate,
        "byproduct_acid": inputs.byproduct_acid,
        "sm_free_base": outcome.sm_free_base,
        "mono_protonated": outcome.mono_protonated,
        "pka_source": "given" if args.pka is not None else pka_data.citation(parent),
        "product_pka_source": "given" if args.product_pka is not None else pka_data.citation(product),
        "cation_rate_source": "given" if args.cation_rate is not None else protonation.CATION_RATE_NOTE,
        "batch": {k: batch[k] for k in ("sm", "mono", "bis")},
    }
