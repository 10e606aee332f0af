"""Alembic migrations of the lab server's schema (run by `lab init`; never by hand)."""
