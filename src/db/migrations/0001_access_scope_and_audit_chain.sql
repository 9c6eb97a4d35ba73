-- Access scope, enforced by the database under every query.
-- A request runs in one transaction as the role gonghui_app with gonghui.scope_path set to the
-- path of the user's unit; row-level security then shows and lets it touch only that subtree.
DO $$ BEGIN
  CREATE ROLE gonghui_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$ BEGIN
  -- A non-superuser owner must be a member to SET ROLE; a superuser needs nothing.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT gonghui_app TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO gonghui_app;
--> statement-breakpoint
-- Paths compare byte-wise so that a subtree is one range: '/1/4/' <= path < '/1/40'.
ALTER TABLE org_units ALTER COLUMN path TYPE text COLLATE "C";
--> statement-breakpoint
CREATE FUNCTION gonghui_scope_path() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT COALESCE(NULLIF(current_setting('gonghui.scope_path', true), ''), '/none/') COLLATE "C"
$$;
--> statement-breakpoint
CREATE FUNCTION gonghui_scope_upper() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT (left(gonghui_scope_path(), -1) || '0') COLLATE "C"
$$;
--> statement-breakpoint
-- A new unit's path and depth come from its parent, which must be visible (in scope).
CREATE FUNCTION gonghui_org_unit_place() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE parent_path text; parent_depth int;
BEGIN
  IF NEW.parent_id IS NULL THEN
    NEW.path := '/' || NEW.id || '/';
    NEW.depth := 0;
  ELSE
    SELECT path, depth INTO parent_path, parent_depth FROM org_units WHERE id = NEW.parent_id;
    IF parent_path IS NULL THEN
      RAISE EXCEPTION 'parent unit % not found or not accessible', NEW.parent_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    NEW.path := parent_path || NEW.id || '/';
    NEW.depth := parent_depth + 1;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER org_units_place BEFORE INSERT ON org_units FOR EACH ROW EXECUTE FUNCTION gonghui_org_unit_place();
--> statement-breakpoint
ALTER TABLE org_units ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_units_in_scope ON org_units TO gonghui_app
  USING (path >= gonghui_scope_path() AND path < gonghui_scope_upper());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON org_units TO gonghui_app;
--> statement-breakpoint
ALTER TABLE org_unit_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_unit_versions_in_scope ON org_unit_versions TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON org_unit_versions TO gonghui_app;
--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_in_scope ON users TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON users TO gonghui_app;
--> statement-breakpoint
-- Sessions are created and looked up by the owner before a request's scope is set; an admin
-- may end the sessions of users in scope (reset, disable).
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sessions_in_scope ON sessions TO gonghui_app
  USING (user_id IN (SELECT id FROM users));
--> statement-breakpoint
GRANT SELECT, DELETE ON sessions TO gonghui_app;
--> statement-breakpoint
-- The audit trail ------------------------------------------------------------------------------
CREATE FUNCTION gonghui_audit_material(
  seq bigint, at timestamptz, actor_id int, actor_name text, action text, entity text,
  entity_id text, unit_id int, reason text, before jsonb, after jsonb
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(seq, (extract(epoch FROM at) * 1000000)::bigint, actor_id, actor_name,
    action, entity, entity_id, unit_id, reason, before, after)::text
$$;
--> statement-breakpoint
CREATE FUNCTION gonghui_audit_append(
  p_actor_id int, p_actor_name text, p_action text, p_entity text, p_entity_id text,
  p_unit_id int, p_reason text, p_before jsonb, p_after jsonb
) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE last_seq bigint; last_hash text; new_seq bigint; new_at timestamptz := clock_timestamp(); material text;
BEGIN
  -- One writer at a time extends the chain.
  PERFORM pg_advisory_xact_lock(72010001);
  SELECT seq, hash INTO last_seq, last_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
  new_seq := COALESCE(last_seq, 0) + 1;
  last_hash := COALESCE(last_hash, repeat('0', 64));
  material := gonghui_audit_material(new_seq, new_at, p_actor_id, p_actor_name, p_action, p_entity,
    p_entity_id, p_unit_id, p_reason, p_before, p_after);
  INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity, entity_id, unit_id, reason, before, after, prev_hash, hash)
  VALUES (new_seq, new_at, p_actor_id, p_actor_name, p_action, p_entity, p_entity_id, p_unit_id, p_reason,
    p_before, p_after, last_hash, encode(sha256(convert_to(last_hash || material, 'UTF8')), 'hex'));
  RETURN new_seq;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_audit_append(int, text, text, text, text, int, text, jsonb, jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_audit_append(int, text, text, text, text, int, text, jsonb, jsonb) TO gonghui_app;
--> statement-breakpoint
CREATE FUNCTION gonghui_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION gonghui_audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION gonghui_audit_refuse_change();
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_log_in_scope ON audit_log TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT ON audit_log TO gonghui_app;
