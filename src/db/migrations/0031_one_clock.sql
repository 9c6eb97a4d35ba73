-- The one clock on the database's side: the database's time moved by the offset the connection
-- was opened with (gonghui.clock_offset_ms; unset, as in production, no offset at all). Record
-- stamps and the audit trail follow it, so a test run set to a test day stamps its records on
-- that day, as the server's clock reads it.
CREATE OR REPLACE FUNCTION clock_offset() RETURNS interval
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(nullif(current_setting('gonghui.clock_offset_ms', true), ''), '0')::bigint * interval '1 millisecond' $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION clock_now() RETURNS timestamptz
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT now() + clock_offset() $$;
--> statement-breakpoint
-- The audit trail's entries keep their exact time of writing, on the same clock.
CREATE OR REPLACE FUNCTION gonghui_audit_append(
  p_actor_id int, p_actor_name text, p_action text, p_entity text, p_entity_id text,
  p_unit_id int, p_reason text, p_before jsonb, p_after jsonb
) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE last_seq bigint; last_hash text; new_seq bigint; new_at timestamptz := clock_timestamp() + clock_offset(); material text;
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
ALTER TABLE "org_units" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "org_units" ALTER COLUMN "updated_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "last_seen_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "coverage_tally_fresh" ALTER COLUMN "counted_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "enterprises" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "enterprises" ALTER COLUMN "updated_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "memberships" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "persons" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "union_profiles" ALTER COLUMN "updated_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "import_jobs" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "ledger_accounts" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "ledger_entries" ALTER COLUMN "posted_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "ledger_funds" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "approval_chains" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "approval_decisions" ALTER COLUMN "decided_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "approval_requests" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "hardship_attachments" ALTER COLUMN "uploaded_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "hardship_events" ALTER COLUMN "at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "hardship_households" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "hardship_households" ALTER COLUMN "updated_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "hardship_standards" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "relief_applications" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "relief_batches" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "relief_campaigns" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "calendar_days" ALTER COLUMN "updated_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "case_assignments" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "case_documents" ALTER COLUMN "uploaded_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "case_events" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "case_stages" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "updated_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "lawyers" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "legal_aid_requests" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "legal_parties" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "counselling_appointments" ALTER COLUMN "requested_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "counselling_notes" ALTER COLUMN "written_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "counselling_slots" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "counsellors" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "indicator_snapshots" ALTER COLUMN "taken_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "indicator_targets" ALTER COLUMN "set_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "notification_causes" ALTER COLUMN "raised_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "notification_contacts" ALTER COLUMN "updated_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "notification_deliveries" ALTER COLUMN "sent_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "created_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "supervision_bulletins" ALTER COLUMN "published_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "portal_accounts" ALTER COLUMN "registered_at" SET DEFAULT clock_now();--> statement-breakpoint
ALTER TABLE "portal_codes" ALTER COLUMN "sent_at" SET DEFAULT clock_now();
--> statement-breakpoint
-- Any stamp defined outside the Drizzle schema follows as well.
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT table_schema, table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND column_default = 'now()' LOOP
    EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I SET DEFAULT clock_now()', r.table_schema, r.table_name, r.column_name);
  END LOOP;
END $$;
