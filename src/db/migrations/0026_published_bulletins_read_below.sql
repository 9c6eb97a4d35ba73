-- A published bulletin ranks the units below the level that issued it: those units read it too.
-- Reading: bulletins of units in the scope, and of the units above the scope (its ancestors).
-- Writing stays within the scope. Drafts are never stored, so they stay with the level composing them.
CREATE FUNCTION gonghui_unit_above_scope(p_unit int) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM org_units WHERE id = p_unit AND starts_with(gonghui_scope_path(), path))
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_unit_above_scope(int) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_unit_above_scope(int) TO gonghui_app;
--> statement-breakpoint
DROP POLICY supervision_bulletins_in_scope ON supervision_bulletins;
--> statement-breakpoint
CREATE POLICY supervision_bulletins_read ON supervision_bulletins FOR SELECT TO gonghui_app USING (gonghui_unit_in_scope(unit_id) OR gonghui_unit_above_scope(unit_id));
--> statement-breakpoint
CREATE POLICY supervision_bulletins_write ON supervision_bulletins FOR INSERT TO gonghui_app WITH CHECK (gonghui_unit_in_scope(unit_id));
