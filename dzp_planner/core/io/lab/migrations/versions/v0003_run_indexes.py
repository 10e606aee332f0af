"""Indexes for a lab's scale: a plan's runs, and the runs something supersedes.

Revision ID: 0003
Why: at 100,000 runs every push asked which of the plan's runs are current by scanning the whole table (no
index on plan_id), and the fit of the lab's pairs compared every run with every superseding one (the
planner, without statistics, did not hash the NOT IN). Measured with bench/bench_lab.py: a sync of 1,000
changed plans 93 s and the fit of every pair 41 s before; the numbers after are in the issue's note.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS dzp_runs_plan ON dzp_runs (plan_id)")
    op.execute("CREATE INDEX IF NOT EXISTS dzp_runs_supersedes ON dzp_runs (supersedes) WHERE supersedes IS NOT NULL")
    op.execute("ANALYZE dzp_runs")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS dzp_runs_supersedes")
    op.execute("DROP INDEX IF EXISTS dzp_runs_plan")
