"""Tests of the window, one folder per room of dzp_planner.gui."""
