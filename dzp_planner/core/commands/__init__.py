"""One module per headless command; see `dzp_planner.cli` for the contract."""
