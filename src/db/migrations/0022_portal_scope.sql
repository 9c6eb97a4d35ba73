-- The workers' portal: a worker (role 'worker', bound to a person through portal_accounts) sees only
-- their own records — their membership, the cases they filed or are a party to (and on those, only
-- their own party row, no assignments or documents), their own counselling appointments — whatever
-- query a service runs. Cadres are unaffected: each worker clause is one InitPlan per statement.

CREATE FUNCTION gonghui_actor_is_worker() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT COALESCE((SELECT role = 'worker' FROM users WHERE id = gonghui_actor_id()), false)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_actor_is_worker() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_actor_is_worker() TO gonghui_app;
--> statement-breakpoint
-- The person a worker's login is bound to (null for anyone else).
CREATE FUNCTION gonghui_actor_person_id() RETURNS int LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT person_id FROM portal_accounts WHERE user_id = gonghui_actor_id()
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_actor_person_id() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_actor_person_id() TO gonghui_app;
--> statement-breakpoint
-- The keyed hash of that person's ID number, which is how a case names its workers.
CREATE FUNCTION gonghui_actor_id_hash() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT p.id_hash FROM portal_accounts a JOIN persons p ON p.id = a.person_id WHERE a.user_id = gonghui_actor_id()
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_actor_id_hash() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_actor_id_hash() TO gonghui_app;
--> statement-breakpoint
-- The cases whose workers include the acting worker (read as the definer: the parties' policy reads cases).
CREATE FUNCTION gonghui_actor_party_case_ids() RETURNS SETOF int LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT case_id FROM legal_parties WHERE id_hash = gonghui_actor_id_hash()
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_actor_party_case_ids() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_actor_party_case_ids() TO gonghui_app;
--> statement-breakpoint

-- The binding: a worker reads their own; a cadre reads those of the accounts in scope. Written by
-- registration only (as the system).
ALTER TABLE portal_accounts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY portal_accounts_read ON portal_accounts FOR SELECT TO gonghui_app
  USING (user_id IN (SELECT id FROM users) AND (NOT (SELECT gonghui_actor_is_worker()) OR user_id = gonghui_actor_id()));
--> statement-breakpoint
GRANT SELECT ON portal_accounts TO gonghui_app;
--> statement-breakpoint
-- Codes are never read in a request's scope.
ALTER TABLE portal_codes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint

-- Membership: a worker, their own periods (and through them, only their own person row).
DROP POLICY memberships_in_scope ON memberships;
--> statement-breakpoint
CREATE POLICY memberships_in_scope ON memberships TO gonghui_app
  USING (union_unit_id IN (SELECT id FROM org_units)
    AND (NOT (SELECT gonghui_actor_is_worker()) OR person_id = (SELECT gonghui_actor_person_id())));
--> statement-breakpoint

-- Cases: a worker, those they filed or are a party to.
DROP POLICY cases_in_scope ON cases;
--> statement-breakpoint
CREATE POLICY cases_in_scope ON cases TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units)
    AND (NOT gonghui_actor_sees_own_only() OR id IN (SELECT case_id FROM case_assignments WHERE user_id = gonghui_actor_id() AND ended_on IS NULL))
    AND (NOT (SELECT gonghui_actor_is_worker()) OR created_by = gonghui_actor_id() OR id IN (SELECT gonghui_actor_party_case_ids())));
--> statement-breakpoint
DROP POLICY legal_parties_in_scope ON legal_parties;
--> statement-breakpoint
CREATE POLICY legal_parties_in_scope ON legal_parties TO gonghui_app
  USING (case_id IN (SELECT id FROM cases) AND (NOT (SELECT gonghui_actor_is_worker()) OR id_hash = (SELECT gonghui_actor_id_hash())));
--> statement-breakpoint
DROP POLICY case_assignments_in_scope ON case_assignments;
--> statement-breakpoint
CREATE POLICY case_assignments_in_scope ON case_assignments TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units) AND (NOT gonghui_actor_sees_own_only() OR user_id = gonghui_actor_id())
    AND NOT (SELECT gonghui_actor_is_worker()));
--> statement-breakpoint
DROP POLICY case_documents_in_scope ON case_documents;
--> statement-breakpoint
CREATE POLICY case_documents_in_scope ON case_documents TO gonghui_app
  USING (case_id IN (SELECT id FROM cases) AND NOT (SELECT gonghui_actor_is_worker()));
--> statement-breakpoint

-- Counselling: a worker, the appointments they booked.
DROP POLICY counselling_appointments_in_scope ON counselling_appointments;
--> statement-breakpoint
CREATE POLICY counselling_appointments_in_scope ON counselling_appointments TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units)
    AND (NOT gonghui_actor_sees_own_only() OR counsellor_id IN (SELECT id FROM counsellors WHERE user_id = gonghui_actor_id()))
    AND (NOT (SELECT gonghui_actor_is_worker()) OR created_by = gonghui_actor_id()));
