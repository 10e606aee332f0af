"""One module per headless command; see `dzp_planner.core.cli` for the contract."""
