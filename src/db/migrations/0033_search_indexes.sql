-- Trigram search (pg_trgm ships with PostgreSQL, embedded-postgres and PGlite; it is a trusted
-- extension, so a database's owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX "enterprises_name_idx" ON "enterprises" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "persons_name_trgm_idx" ON "persons" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "persons_phone_trgm_idx" ON "persons" USING gin ("phone" gin_trgm_ops);
--> statement-breakpoint
-- Rows that belong to an enterprise or a household are in scope with it: asked by key for the
-- rows read, instead of gathering every enterprise or household in scope per statement.
ALTER POLICY enterprise_headcounts_in_scope ON enterprise_headcounts USING (EXISTS (SELECT 1 FROM enterprises e WHERE e.id = enterprise_headcounts.enterprise_id));
--> statement-breakpoint
ALTER POLICY union_coverages_in_scope ON union_coverages USING (EXISTS (SELECT 1 FROM org_units o WHERE o.id = union_coverages.union_unit_id)
  AND EXISTS (SELECT 1 FROM enterprises e WHERE e.id = union_coverages.enterprise_id));
--> statement-breakpoint
ALTER POLICY hardship_attachments_in_scope ON hardship_attachments USING (EXISTS (SELECT 1 FROM hardship_households h WHERE h.id = hardship_attachments.household_id));
--> statement-breakpoint
ALTER POLICY hardship_events_in_scope ON hardship_events USING (EXISTS (SELECT 1 FROM hardship_households h WHERE h.id = hardship_events.household_id));
--> statement-breakpoint
ALTER POLICY hardship_finances_in_scope ON hardship_finances USING (EXISTS (SELECT 1 FROM hardship_households h WHERE h.id = hardship_finances.household_id));
--> statement-breakpoint
ALTER POLICY hardship_members_in_scope ON hardship_members USING (EXISTS (SELECT 1 FROM hardship_households h WHERE h.id = hardship_members.household_id));
--> statement-breakpoint
-- Search by part of a name or phone number. Under row-level security a search condition that is
-- not leakproof (ILIKE is not) is applied after the policy, row by row, so the trigram index is
-- never used. These functions look the pattern up in the index first, and keep only the people
-- with a membership in the caller's scope; the caller's own query still applies every policy.
CREATE FUNCTION gonghui_persons_named(pattern text) RETURNS SETOF int LANGUAGE sql STABLE SECURITY DEFINER ROWS 50 SET search_path = public, pg_temp AS $$
  SELECT p.id FROM persons p
   WHERE p.name ILIKE pattern
     AND EXISTS (SELECT 1 FROM memberships m JOIN org_units o ON o.id = m.union_unit_id
                  WHERE m.person_id = p.id AND o.path >= gonghui_scope_path() AND o.path < gonghui_scope_upper())
$$;
--> statement-breakpoint
CREATE FUNCTION gonghui_persons_phoned(pattern text) RETURNS SETOF int LANGUAGE sql STABLE SECURITY DEFINER ROWS 50 SET search_path = public, pg_temp AS $$
  SELECT p.id FROM persons p
   WHERE p.phone ILIKE pattern
     AND EXISTS (SELECT 1 FROM memberships m JOIN org_units o ON o.id = m.union_unit_id
                  WHERE m.person_id = p.id AND o.path >= gonghui_scope_path() AND o.path < gonghui_scope_upper())
$$;
