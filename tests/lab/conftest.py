"""The lab tests run against a real PostgreSQL started by the test run (tests/pg_cluster.py)."""

from __future__ import annotations

import pytest

pytest.importorskip("psycopg", reason="the lab tests need the 'lab' extra (in the test extra)")

from tests.pg_cluster import chemists, cluster, lab_db  # noqa: F401 - fixtures, found by name
