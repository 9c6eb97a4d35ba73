ALTER TABLE "memberships" ADD COLUMN "superseded" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "memberships_newest_idx" ON "memberships" USING btree ("joined_on" DESC NULLS FIRST,"person_id","id");--> statement-breakpoint
-- A period is superseded when the same person has a later one (by start, then by key) anywhere
-- in the federation. The members list shows latest periods: reading this column costs nothing
-- per row, where searching each person's other periods cost a pass over every membership.
CREATE FUNCTION gonghui_memberships_mark_superseded(person_ids int[]) RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE memberships m SET superseded = s.later
    FROM (SELECT x.union_unit_id, x.id,
                 EXISTS (SELECT 1 FROM memberships l WHERE l.person_id = x.person_id AND (l.joined_on, l.id) > (x.joined_on, x.id)) AS later
            FROM memberships x WHERE x.person_id = ANY (person_ids)) s
   WHERE m.union_unit_id = s.union_unit_id AND m.id = s.id AND m.superseded IS DISTINCT FROM s.later
$$;
--> statement-breakpoint
-- One step per statement. An update counts only when it moves a period's start or its person:
-- the function's own update of `superseded` comes back here and stops.
CREATE FUNCTION gonghui_superseded_on_memberships() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE ids int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT person_id) INTO ids FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT person_id) INTO ids FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT p) INTO ids FROM (
      SELECT unnest(ARRAY[n.person_id, o.person_id]) AS p FROM new_rows n JOIN old_rows o ON o.union_unit_id = n.union_unit_id AND o.id = n.id
       WHERE n.joined_on <> o.joined_on OR n.person_id <> o.person_id) x;
  END IF;
  IF ids IS NOT NULL THEN PERFORM gonghui_memberships_mark_superseded(ids); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER memberships_superseded_insert AFTER INSERT ON memberships REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_superseded_on_memberships();
--> statement-breakpoint
CREATE TRIGGER memberships_superseded_update AFTER UPDATE ON memberships REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_superseded_on_memberships();
--> statement-breakpoint
CREATE TRIGGER memberships_superseded_delete AFTER DELETE ON memberships REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_superseded_on_memberships();
--> statement-breakpoint
UPDATE memberships m SET superseded = true
 WHERE EXISTS (SELECT 1 FROM memberships l WHERE l.person_id = m.person_id AND (l.joined_on, l.id) > (m.joined_on, m.id));
--> statement-breakpoint
-- A person is seen through a membership in scope: asked per person (an index probe on
-- memberships_person_idx) instead of gathering every person id in scope first.
ALTER POLICY persons_through_membership ON persons USING (EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = persons.id));
--> statement-breakpoint
-- The same for the large tables' scope: a unit in scope is asked for by key for the rows a page
-- reads, instead of gathering every unit in scope (the whole tree for the city) per statement.
-- PostgreSQL still hashes the units when a statement reads most of a table.
ALTER POLICY memberships_in_scope ON memberships USING (EXISTS (SELECT 1 FROM org_units o WHERE o.id = memberships.union_unit_id)
  AND (NOT (SELECT gonghui_actor_is_worker()) OR person_id = (SELECT gonghui_actor_person_id())));
--> statement-breakpoint
ALTER POLICY enterprises_in_scope ON enterprises USING (EXISTS (SELECT 1 FROM org_units o WHERE o.id = enterprises.unit_id));
--> statement-breakpoint
ALTER POLICY hardship_households_in_scope ON hardship_households USING (EXISTS (SELECT 1 FROM org_units o WHERE o.id = hardship_households.unit_id));
