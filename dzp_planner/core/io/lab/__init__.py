"""The lab's shared library on PostgreSQL (issue 28): plans revisioned, runs append-only, every change audited."""
