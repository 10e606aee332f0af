"""The product-distribution panel and the rooms it draws with (see `panel`)."""

from dzp_planner.gui.plot.panel import DistributionPanel, r_to_slider, slider_to_r

__all__ = ["DistributionPanel", "r_to_slider", "slider_to_r"]
