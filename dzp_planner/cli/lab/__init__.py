"""Headless commands of the lab server (issue 28)."""
