"""Headless commands about structures and reagents."""
