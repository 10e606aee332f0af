"""k2/k1 presets and what they mean, kept free of numpy so a view can list them cheaply."""

PRESETS: dict[str, tuple[float, str]] = {
    "statistical": (0.5, "two equal, independent sites (25 / 50 / 25 at one equivalent)"),
    "deactivating": (0.1, "the first group slows the second (acylation, Boc)"),
    "activating": (2.0, "the first group speeds the second (pessimistic alkylation)"),
}
