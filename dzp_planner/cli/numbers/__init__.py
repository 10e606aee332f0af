"""Headless commands about quantities and models."""
