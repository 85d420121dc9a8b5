-- Audit log: append-only, hash-chained per agency, and written through a role that cannot rewrite it.

CREATE TABLE "audit_chain_heads" (
	"chain" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" bytea NOT NULL
);
--> statement-breakpoint
-- The canonical text of a row, hashed into the chain. jsonb renders keys in a fixed order, and the
-- timestamp is taken as epoch microseconds so the session time zone cannot change the text.
CREATE FUNCTION audit_canonical(r audit_log) RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = public, pg_temp
AS $$
  SELECT jsonb_build_object(
    'id', r.id, 'chain', r.chain, 'seq', r.seq,
    'occurred_at', (extract(epoch FROM r.occurred_at) * 1000000)::bigint,
    'agency_id', r.agency_id, 'location_id', r.location_id,
    'actor_type', r.actor_type, 'actor_id', r.actor_id, 'action', r.action,
    'target_type', r.target_type, 'target_id', r.target_id,
    'outcome', r.outcome, 'error_code', r.error_code, 'request_id', r.request_id,
    'ip', r.ip, 'user_agent', r.user_agent, 'details', r.details
  )::text
$$;
--> statement-breakpoint
-- SECURITY DEFINER so the app role can extend the chain without any grant on audit_chain_heads.
CREATE FUNCTION audit_log_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  head audit_chain_heads%ROWTYPE;
BEGIN
  NEW.chain := coalesce(NEW.agency_id::text, 'global');
  NEW.occurred_at := now();
  INSERT INTO audit_chain_heads (chain, seq, hash) VALUES (NEW.chain, 0, ''::bytea)
    ON CONFLICT (chain) DO NOTHING;
  SELECT * INTO head FROM audit_chain_heads WHERE chain = NEW.chain FOR UPDATE;
  NEW.seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.hash := sha256(NEW.prev_hash || convert_to(audit_canonical(NEW), 'UTF8'));
  UPDATE audit_chain_heads SET seq = NEW.seq, hash = NEW.hash WHERE chain = NEW.chain;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
--> statement-breakpoint
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = '42501';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- Returns the first seq of a chain that is missing, out of order or does not hash, or NULL if the
-- chain is intact up to its head.
CREATE FUNCTION audit_verify_chain(p_chain text) RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  r audit_log%ROWTYPE;
  expected bigint := 1;
  prev bytea := ''::bytea;
  head_seq bigint;
BEGIN
  FOR r IN SELECT * FROM audit_log WHERE chain = p_chain ORDER BY seq LOOP
    IF r.seq <> expected OR r.prev_hash IS DISTINCT FROM prev
       OR r.hash IS DISTINCT FROM sha256(prev || convert_to(audit_canonical(r), 'UTF8')) THEN
      RETURN expected;
    END IF;
    prev := r.hash;
    expected := expected + 1;
  END LOOP;
  SELECT seq INTO head_seq FROM audit_chain_heads WHERE chain = p_chain;
  IF coalesce(head_seq, 0) <> expected - 1 THEN
    RETURN expected;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The role every app process runs as (SET ROLE at connect). It is not the owner of any table, so
-- grants bind it: it may read and append audit rows but never change or remove them.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ghlhub_app') THEN
    CREATE ROLE ghlhub_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
EXCEPTION
  WHEN duplicate_object THEN NULL; -- created concurrently by another migrator
  WHEN insufficient_privilege THEN
  RAISE EXCEPTION 'role ghlhub_app does not exist and this user cannot create it; run CREATE ROLE ghlhub_app NOLOGIN; GRANT ghlhub_app TO <app user>; as an administrator first';
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO ghlhub_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ghlhub_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ghlhub_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ghlhub_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ghlhub_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ghlhub_app;
--> statement-breakpoint
REVOKE ALL ON audit_chain_heads FROM ghlhub_app;
