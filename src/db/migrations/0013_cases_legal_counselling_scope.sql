-- Cases, legal services and counselling: scope policies and grants, the rules that a lawyer sees
-- only the cases assigned to them and a counsellor only their own appointments, the notes that
-- only their author can read, and the constraints that make double booking impossible.

-- Who is acting (set per transaction by runScoped), and whether their role limits them to their own work.
CREATE FUNCTION gonghui_actor_id() RETURNS int LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT NULLIF(current_setting('gonghui.actor_id', true), '')::int
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_actor_id() TO gonghui_app;
--> statement-breakpoint
CREATE FUNCTION gonghui_actor_sees_own_only() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT COALESCE((SELECT role IN ('lawyer', 'counsellor') FROM users WHERE id = gonghui_actor_id()), false)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_actor_sees_own_only() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_actor_sees_own_only() TO gonghui_app;
--> statement-breakpoint

-- Cases ----------------------------------------------------------------------------------------
-- Assignments are seen in scope; a lawyer sees only their own (this policy must not read cases,
-- whose policy reads it).
ALTER TABLE case_assignments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_assignments_in_scope ON case_assignments TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units) AND (NOT gonghui_actor_sees_own_only() OR user_id = gonghui_actor_id()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON case_assignments TO gonghui_app;
--> statement-breakpoint
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY cases_in_scope ON cases TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units)
    AND (NOT gonghui_actor_sees_own_only() OR id IN (SELECT case_id FROM case_assignments WHERE user_id = gonghui_actor_id() AND ended_on IS NULL)));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON cases TO gonghui_app;
--> statement-breakpoint
ALTER TABLE case_stages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_stages_in_scope ON case_stages TO gonghui_app USING (case_id IN (SELECT id FROM cases));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON case_stages TO gonghui_app;
--> statement-breakpoint
ALTER TABLE case_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_events_in_scope ON case_events TO gonghui_app USING (case_id IN (SELECT id FROM cases));
--> statement-breakpoint
GRANT SELECT, INSERT ON case_events TO gonghui_app;
--> statement-breakpoint
ALTER TABLE case_deadlines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_deadlines_in_scope ON case_deadlines TO gonghui_app USING (case_id IN (SELECT id FROM cases));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON case_deadlines TO gonghui_app;
--> statement-breakpoint
ALTER TABLE case_documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_documents_in_scope ON case_documents TO gonghui_app USING (case_id IN (SELECT id FROM cases));
--> statement-breakpoint
GRANT SELECT, INSERT ON case_documents TO gonghui_app;
--> statement-breakpoint

-- Legal services -------------------------------------------------------------------------------
-- A team belongs to a unit and serves the units below it: seen by its subtree and from below.
ALTER TABLE lawyers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY lawyers_read ON lawyers FOR SELECT TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units) OR gonghui_is_ancestor_of_scope(unit_id));
--> statement-breakpoint
CREATE POLICY lawyers_insert ON lawyers FOR INSERT TO gonghui_app WITH CHECK (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
CREATE POLICY lawyers_update ON lawyers FOR UPDATE TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON lawyers TO gonghui_app;
--> statement-breakpoint
ALTER TABLE lawyer_units ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY lawyer_units_read ON lawyer_units FOR SELECT TO gonghui_app USING (lawyer_id IN (SELECT id FROM lawyers));
--> statement-breakpoint
CREATE POLICY lawyer_units_insert ON lawyer_units FOR INSERT TO gonghui_app
  WITH CHECK (lawyer_id IN (SELECT id FROM lawyers WHERE unit_id IN (SELECT id FROM org_units)));
--> statement-breakpoint
CREATE POLICY lawyer_units_delete ON lawyer_units FOR DELETE TO gonghui_app
  USING (lawyer_id IN (SELECT id FROM lawyers WHERE unit_id IN (SELECT id FROM org_units)));
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON lawyer_units TO gonghui_app;
--> statement-breakpoint
ALTER TABLE legal_disputes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY legal_disputes_in_scope ON legal_disputes TO gonghui_app USING (case_id IN (SELECT id FROM cases));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON legal_disputes TO gonghui_app;
--> statement-breakpoint
ALTER TABLE legal_parties ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY legal_parties_in_scope ON legal_parties TO gonghui_app USING (case_id IN (SELECT id FROM cases));
--> statement-breakpoint
GRANT SELECT, INSERT ON legal_parties TO gonghui_app;
--> statement-breakpoint
ALTER TABLE legal_aid_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY legal_aid_requests_in_scope ON legal_aid_requests TO gonghui_app USING (case_id IN (SELECT id FROM cases));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON legal_aid_requests TO gonghui_app;
--> statement-breakpoint

-- Counselling ----------------------------------------------------------------------------------
ALTER TABLE counsellors ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY counsellors_read ON counsellors FOR SELECT TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units) OR gonghui_is_ancestor_of_scope(unit_id));
--> statement-breakpoint
CREATE POLICY counsellors_insert ON counsellors FOR INSERT TO gonghui_app WITH CHECK (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
CREATE POLICY counsellors_update ON counsellors FOR UPDATE TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON counsellors TO gonghui_app;
--> statement-breakpoint
ALTER TABLE counsellor_units ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY counsellor_units_read ON counsellor_units FOR SELECT TO gonghui_app USING (counsellor_id IN (SELECT id FROM counsellors));
--> statement-breakpoint
CREATE POLICY counsellor_units_insert ON counsellor_units FOR INSERT TO gonghui_app
  WITH CHECK (counsellor_id IN (SELECT id FROM counsellors WHERE unit_id IN (SELECT id FROM org_units)));
--> statement-breakpoint
CREATE POLICY counsellor_units_delete ON counsellor_units FOR DELETE TO gonghui_app
  USING (counsellor_id IN (SELECT id FROM counsellors WHERE unit_id IN (SELECT id FROM org_units)));
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON counsellor_units TO gonghui_app;
--> statement-breakpoint
ALTER TABLE counselling_rooms ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY counselling_rooms_read ON counselling_rooms FOR SELECT TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units) OR gonghui_is_ancestor_of_scope(unit_id));
--> statement-breakpoint
CREATE POLICY counselling_rooms_insert ON counselling_rooms FOR INSERT TO gonghui_app WITH CHECK (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
CREATE POLICY counselling_rooms_update ON counselling_rooms FOR UPDATE TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON counselling_rooms TO gonghui_app;
--> statement-breakpoint
-- Slots are offered by a unit to its subtree; a counsellor offers and withdraws only their own.
ALTER TABLE counselling_slots ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY counselling_slots_read ON counselling_slots FOR SELECT TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units) OR gonghui_is_ancestor_of_scope(unit_id));
--> statement-breakpoint
CREATE POLICY counselling_slots_insert ON counselling_slots FOR INSERT TO gonghui_app
  WITH CHECK (unit_id IN (SELECT id FROM org_units)
    AND (NOT gonghui_actor_sees_own_only() OR counsellor_id IN (SELECT id FROM counsellors WHERE user_id = gonghui_actor_id())));
--> statement-breakpoint
CREATE POLICY counselling_slots_update ON counselling_slots FOR UPDATE TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units)
    AND (NOT gonghui_actor_sees_own_only() OR counsellor_id IN (SELECT id FROM counsellors WHERE user_id = gonghui_actor_id())));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON counselling_slots TO gonghui_app;
--> statement-breakpoint
-- Neither a counsellor nor a room is in two places at once (ranges compare ids without btree_gist).
ALTER TABLE counselling_slots ADD CONSTRAINT counselling_slots_counsellor_no_overlap
  EXCLUDE USING gist (int4range(counsellor_id, counsellor_id, '[]') WITH &&, tstzrange(starts_at, ends_at) WITH &&) WHERE (NOT withdrawn);
--> statement-breakpoint
ALTER TABLE counselling_slots ADD CONSTRAINT counselling_slots_room_no_overlap
  EXCLUDE USING gist (int4range(room_id, room_id, '[]') WITH &&, tstzrange(starts_at, ends_at) WITH &&) WHERE (NOT withdrawn);
--> statement-breakpoint
-- An appointment's counsellor is its slot's.
ALTER TABLE counselling_slots ADD CONSTRAINT counselling_slots_id_counsellor UNIQUE (id, counsellor_id);
--> statement-breakpoint
ALTER TABLE counselling_appointments ADD CONSTRAINT counselling_appointments_slot_counsellor
  FOREIGN KEY (slot_id, counsellor_id) REFERENCES counselling_slots (id, counsellor_id);
--> statement-breakpoint
-- Appointments are seen in scope; a counsellor sees only their own.
ALTER TABLE counselling_appointments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY counselling_appointments_in_scope ON counselling_appointments TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units)
    AND (NOT gonghui_actor_sees_own_only() OR counsellor_id IN (SELECT id FROM counsellors WHERE user_id = gonghui_actor_id())));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON counselling_appointments TO gonghui_app;
--> statement-breakpoint
-- Notes: their author only. No admin, auditor or export reads them; they are never changed.
ALTER TABLE counselling_notes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY counselling_notes_author_only ON counselling_notes TO gonghui_app
  USING (counsellor_user_id = gonghui_actor_id() AND appointment_id IN (SELECT id FROM counselling_appointments));
--> statement-breakpoint
GRANT SELECT, INSERT ON counselling_notes TO gonghui_app;
--> statement-breakpoint
ALTER TABLE counselling_follow_ups ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY counselling_follow_ups_in_scope ON counselling_follow_ups TO gonghui_app USING (appointment_id IN (SELECT id FROM counselling_appointments));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON counselling_follow_ups TO gonghui_app;
