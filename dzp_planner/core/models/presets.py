"""k2/k1 presets and what they mean, and the range any k2/k1 must lie in; kept free of numpy so a view can list them cheaply."""

import math

# what a k2/k1 may be, wherever it comes from (typed, fitted, a plan file, the library): below 1e-4
# the second reaction never happens on any time scale that matters, above 1e4 it is diffusion against
# a stalled first one; outside, a number is a damaged record, not a chemistry
K2_K1_MIN, K2_K1_MAX = 1e-4, 1e4


def valid_k2_k1(value: object) -> float | None:
    """The value as a float when it is a k2/k1 the app can use, else None (text, inf, 0, negative, 1e-9)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) and K2_K1_MIN <= number <= K2_K1_MAX else None


PRESETS: dict[str, tuple[float, str]] = {
    "statistical": (0.5, "two equal, independent sites (25 / 50 / 25 at one equivalent)"),
    "deactivating": (0.1, "the first group slows the second (acylation, Boc)"),
    "activating": (2.0, "the first group speeds the second (pessimistic alkylation)"),
}
