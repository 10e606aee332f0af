"""Alembic's environment: the connection comes from `lab init` (config.attributes["connection"]), never a URL in a file.

Only Alembic runs this module (it gives `context` its config); imported any other way it does nothing.
"""

from __future__ import annotations

from alembic import context

config = getattr(context, "config", None)
if config is not None:
    context.configure(connection=config.attributes["connection"], target_metadata=None, version_table="dzp_alembic_version")
    with context.begin_transaction():
        context.run_migrations()
