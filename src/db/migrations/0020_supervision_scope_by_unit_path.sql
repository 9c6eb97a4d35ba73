-- Supervision tables are small, but `unit_id IN (SELECT id FROM org_units)` made every read of
-- them scan the whole scope's tree. A unit is in scope when its own path lies in the scope's
-- range: one index look-up per row instead.
CREATE FUNCTION gonghui_unit_in_scope(p_unit int) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM org_units WHERE id = p_unit AND path >= gonghui_scope_path() AND path < gonghui_scope_upper())
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_unit_in_scope(int) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_unit_in_scope(int) TO gonghui_app;
--> statement-breakpoint
DROP POLICY indicator_targets_in_scope ON indicator_targets;
--> statement-breakpoint
CREATE POLICY indicator_targets_in_scope ON indicator_targets TO gonghui_app USING (gonghui_unit_in_scope(unit_id));
--> statement-breakpoint
DROP POLICY indicator_snapshots_in_scope ON indicator_snapshots;
--> statement-breakpoint
CREATE POLICY indicator_snapshots_in_scope ON indicator_snapshots TO gonghui_app USING (gonghui_unit_in_scope(unit_id));
--> statement-breakpoint
DROP POLICY supervision_bulletins_in_scope ON supervision_bulletins;
--> statement-breakpoint
CREATE POLICY supervision_bulletins_in_scope ON supervision_bulletins TO gonghui_app USING (gonghui_unit_in_scope(unit_id));
--> statement-breakpoint
DROP POLICY notification_causes_in_scope ON notification_causes;
--> statement-breakpoint
CREATE POLICY notification_causes_in_scope ON notification_causes TO gonghui_app USING (gonghui_unit_in_scope(unit_id));
