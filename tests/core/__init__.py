"""Tests of dzp_planner.core, one folder per room (as the source is laid out)."""
