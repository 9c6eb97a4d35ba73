-- Supervision: scope policies and grants for targets, snapshots, bulletins and notifications;
-- snapshots and published bulletins are never changed (a correction or a re-publication adds a version).
ALTER TABLE indicator_targets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY indicator_targets_in_scope ON indicator_targets TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON indicator_targets TO gonghui_app;
--> statement-breakpoint
ALTER TABLE indicator_snapshots ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY indicator_snapshots_in_scope ON indicator_snapshots TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT ON indicator_snapshots TO gonghui_app;
--> statement-breakpoint
ALTER TABLE supervision_bulletins ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY supervision_bulletins_in_scope ON supervision_bulletins TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT ON supervision_bulletins TO gonghui_app;
--> statement-breakpoint
CREATE FUNCTION gonghui_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are kept unchanged: add a new version instead', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER indicator_snapshots_unchanged BEFORE UPDATE OR DELETE ON indicator_snapshots FOR EACH ROW EXECUTE FUNCTION gonghui_refuse_change();
--> statement-breakpoint
CREATE TRIGGER supervision_bulletins_unchanged BEFORE UPDATE OR DELETE ON supervision_bulletins FOR EACH ROW EXECUTE FUNCTION gonghui_refuse_change();
--> statement-breakpoint
-- A notification is read by its recipient only; it may be raised about any unit in the raiser's
-- scope, for users in that scope.
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notifications_own_read ON notifications FOR SELECT TO gonghui_app USING (user_id = gonghui_actor_id());
--> statement-breakpoint
CREATE POLICY notifications_own_update ON notifications FOR UPDATE TO gonghui_app USING (user_id = gonghui_actor_id());
--> statement-breakpoint
CREATE POLICY notifications_raise_in_scope ON notifications FOR INSERT TO gonghui_app
  WITH CHECK (unit_id IN (SELECT id FROM org_units) AND user_id IN (SELECT id FROM users));
--> statement-breakpoint
GRANT SELECT, INSERT ON notifications TO gonghui_app;
--> statement-breakpoint
GRANT UPDATE (read_at) ON notifications TO gonghui_app;
--> statement-breakpoint
ALTER TABLE notification_causes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notification_causes_in_scope ON notification_causes TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON notification_causes TO gonghui_app;
--> statement-breakpoint
ALTER TABLE notification_contacts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notification_contacts_own ON notification_contacts TO gonghui_app USING (user_id = gonghui_actor_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON notification_contacts TO gonghui_app;
--> statement-breakpoint
ALTER TABLE notification_deliveries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notification_deliveries_own ON notification_deliveries TO gonghui_app USING (user_id = gonghui_actor_id());
--> statement-breakpoint
GRANT SELECT ON notification_deliveries TO gonghui_app;
