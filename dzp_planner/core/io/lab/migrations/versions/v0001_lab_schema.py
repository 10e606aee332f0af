"""The lab schema: plans and their revisions, measured runs, reviews, the audit trail, roles and row security.

Revision ID: 0001
Why each piece: a save adds a revision and never overwrites (optimistic concurrency in `dzp_push`, a
SECURITY DEFINER function that locks the plan row, so two pushes based on the same revision both land, the
second as a conflict); runs are append-only records keyed by a UUID the client makes; every insert or update
on these tables, by the app or by hand in psql, is written to dzp_audit by a trigger with the login role
(session_user) and the server's clock. Group roles: dzp_lab reads, dzp_chemist writes (as itself only),
dzp_reviewer adds reviews.
"""

from __future__ import annotations

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ROLES = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dzp_lab') THEN CREATE ROLE dzp_lab NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dzp_chemist') THEN CREATE ROLE dzp_chemist NOLOGIN IN ROLE dzp_lab; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dzp_reviewer') THEN CREATE ROLE dzp_reviewer NOLOGIN IN ROLE dzp_lab; END IF;
END $$;
"""

TABLES = """
CREATE TABLE dzp_plans (
  plan_id text PRIMARY KEY,
  owner name NOT NULL DEFAULT session_user,
  title text NOT NULL DEFAULT '',
  substrate text NOT NULL DEFAULT '',
  reaction text NOT NULL DEFAULT '',
  head integer NOT NULL DEFAULT 0,
  created timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE dzp_revisions (
  plan_id text NOT NULL REFERENCES dzp_plans,
  revision integer NOT NULL,
  base_revision integer NOT NULL,
  author name NOT NULL DEFAULT session_user,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  summary text NOT NULL DEFAULT '',
  conflict boolean NOT NULL DEFAULT false,
  data text NOT NULL,
  PRIMARY KEY (plan_id, revision)
);
CREATE TABLE dzp_runs (
  run_id uuid PRIMARY KEY,
  plan_id text NOT NULL,
  author name NOT NULL DEFAULT session_user,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  substrate_key text NOT NULL,
  electrophile_key text NOT NULL,
  reaction text NOT NULL,
  supersedes uuid,
  data jsonb NOT NULL
);
CREATE INDEX dzp_runs_pair ON dzp_runs (substrate_key, electrophile_key, reaction);
CREATE TABLE dzp_reviews (
  plan_id text NOT NULL REFERENCES dzp_plans,
  revision integer NOT NULL,
  reviewer name NOT NULL DEFAULT session_user,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  verdict text NOT NULL,
  comment text NOT NULL DEFAULT ''
);
CREATE TABLE dzp_audit (
  id bigserial PRIMARY KEY,
  table_name text NOT NULL,
  operation text NOT NULL,
  who name NOT NULL DEFAULT session_user,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  old_row jsonb,
  new_row jsonb
);
"""

AUDIT = """
CREATE FUNCTION dzp_audit_row() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO dzp_audit (table_name, operation, who, old_row, new_row)
  VALUES (TG_TABLE_NAME, TG_OP, session_user,
          CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END,
          CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END);
  RETURN COALESCE(NEW, OLD);
END $$;
CREATE TRIGGER dzp_plans_audit AFTER INSERT OR UPDATE OR DELETE ON dzp_plans FOR EACH ROW EXECUTE FUNCTION dzp_audit_row();
CREATE TRIGGER dzp_revisions_audit AFTER INSERT OR UPDATE OR DELETE ON dzp_revisions FOR EACH ROW EXECUTE FUNCTION dzp_audit_row();
CREATE TRIGGER dzp_runs_audit AFTER INSERT OR UPDATE OR DELETE ON dzp_runs FOR EACH ROW EXECUTE FUNCTION dzp_audit_row();
CREATE TRIGGER dzp_reviews_audit AFTER INSERT OR UPDATE OR DELETE ON dzp_reviews FOR EACH ROW EXECUTE FUNCTION dzp_audit_row();
"""

PUSH = """
CREATE FUNCTION dzp_push(p_plan text, p_base integer, p_data text, p_summary text, p_title text, p_substrate text,
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
REVOKE ALL ON FUNCTION dzp_push(text, integer, text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dzp_push(text, integer, text, text, text, text, text) TO dzp_chemist;
"""

SECURITY = """
GRANT SELECT ON dzp_plans, dzp_revisions, dzp_runs, dzp_reviews, dzp_audit TO dzp_lab;
GRANT INSERT ON dzp_runs TO dzp_chemist;
GRANT INSERT ON dzp_reviews TO dzp_reviewer;
ALTER TABLE dzp_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY dzp_runs_read ON dzp_runs FOR SELECT TO dzp_lab USING (true);
CREATE POLICY dzp_runs_own ON dzp_runs FOR INSERT TO dzp_chemist WITH CHECK (author = session_user);
ALTER TABLE dzp_reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY dzp_reviews_read ON dzp_reviews FOR SELECT TO dzp_lab USING (true);
CREATE POLICY dzp_reviews_own ON dzp_reviews FOR INSERT TO dzp_reviewer WITH CHECK (reviewer = session_user);
"""


def upgrade() -> None:
    for block in (ROLES, TABLES, AUDIT, PUSH, SECURITY):
        op.execute(block)


def downgrade() -> None:
    op.execute("DROP TABLE dzp_audit, dzp_reviews, dzp_runs, dzp_revisions, dzp_plans CASCADE")
    op.execute("DROP FUNCTION dzp_audit_row() CASCADE")
