"""Revisions after the highest one, not after the head.

Revision ID: 0002
Why: 0001 numbered a new revision head + 1, but a conflicting revision is numbered above the head without
moving it (1, 2 by alice, 3 bob's conflict on 1); the next change based on the head (alice's, or bob keeping
his change over 2) was numbered 3 again and refused by the primary key. A new revision now follows the
plan's highest revision; a change is a conflict exactly as before (its base is not the head). And every
chemist may read which schema the server has (File ▸ Lab server…'s Test says it).
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

PUSH = """
CREATE OR REPLACE FUNCTION dzp_push(p_plan text, p_base integer, p_data text, p_summary text, p_title text, p_substrate text,
                         p_reaction text, OUT revision integer, OUT conflict boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE current_head integer;
BEGIN
  IF NOT pg_has_role(session_user, 'dzp_chemist', 'MEMBER') THEN
    RAISE EXCEPTION 'role % may not write plans to the lab server (it is not a chemist)', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO dzp_plans (plan_id, owner, title, substrate, reaction) VALUES (p_plan, session_user, p_title, p_substrate, p_reaction)
    ON CONFLICT (plan_id) DO NOTHING;
  SELECT head INTO current_head FROM dzp_plans WHERE plan_id = p_plan FOR UPDATE;
  -- the same change pushed again (the answer was lost with the connection): the revision it made, not a new one
  SELECT r.revision, r.conflict INTO revision, conflict FROM dzp_revisions r
    WHERE r.plan_id = p_plan AND r.base_revision = p_base AND r.author = session_user AND r.data = p_data;
  IF FOUND THEN RETURN; END IF;
  -- after the highest revision, not the head: a conflicting revision above the head keeps its number
  SELECT COALESCE(max(r.revision), 0) + 1 INTO revision FROM dzp_revisions r WHERE r.plan_id = p_plan;
  conflict := p_base <> current_head;
  INSERT INTO dzp_revisions (plan_id, revision, base_revision, author, summary, conflict, data)
    VALUES (p_plan, revision, p_base, session_user, p_summary, conflict, p_data);
  IF NOT conflict THEN
    UPDATE dzp_plans SET head = revision, title = p_title, substrate = p_substrate, reaction = p_reaction WHERE plan_id = p_plan;
  END IF;
END $$;
"""

PUSH_0001 = """
CREATE OR REPLACE FUNCTION dzp_push(p_plan text, p_base integer, p_data text, p_summary text, p_title text, p_substrate text,
                         p_reaction text, OUT revision integer, OUT conflict boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE current_head integer;
BEGIN
  IF NOT pg_has_role(session_user, 'dzp_chemist', 'MEMBER') THEN
    RAISE EXCEPTION 'role % may not write plans to the lab server (it is not a chemist)', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO dzp_plans (plan_id, owner, title, substrate, reaction) VALUES (p_plan, session_user, p_title, p_substrate, p_reaction)
    ON CONFLICT (plan_id) DO NOTHING;
  SELECT head INTO current_head FROM dzp_plans WHERE plan_id = p_plan FOR UPDATE;
  -- the same change pushed again (the answer was lost with the connection): the revision it made, not a new one
  SELECT r.revision, r.conflict INTO revision, conflict FROM dzp_revisions r
    WHERE r.plan_id = p_plan AND r.base_revision = p_base AND r.author = session_user AND r.data = p_data;
  IF FOUND THEN RETURN; END IF;
  revision := current_head + 1;
  conflict := p_base <> current_head;
  INSERT INTO dzp_revisions (plan_id, revision, base_revision, author, summary, conflict, data)
    VALUES (p_plan, revision, p_base, session_user, p_summary, conflict, p_data);
  IF NOT conflict THEN
    UPDATE dzp_plans SET head = revision, title = p_title, substrate = p_substrate, reaction = p_reaction WHERE plan_id = p_plan;
  END IF;
END $$;
"""


def upgrade() -> None:
    op.execute(PUSH)
    op.execute("GRANT SELECT ON dzp_alembic_version TO dzp_lab")


def downgrade() -> None:
    op.execute("REVOKE SELECT ON dzp_alembic_version FROM dzp_lab")
    op.execute(PUSH_0001)
