-- The workers' portal, for a case held above the worker's union (a dispute taken in by the county's
-- or the city's legal service, or filed before the worker's login moved to another union): a worker
-- still follows their own cases — those they filed or are a party to — wherever the case is held.
-- The worker reads the case row itself through a read-only policy of its own; the stages, events,
-- deadlines, dispute and legal-aid requests follow, as their policies read cases. Writes stay with
-- cases_in_scope: a worker never changes a case row held above, and adds to such a case only what
-- those policies let through (a legal-aid request the portal offers). The units, users and other
-- cases of the county stay out of reach; the holding unit's name, the lawyers named on the case's
-- aid requests and the holding unit's cadres (to be told) are reached through the narrow functions
-- below. Cadres' policies are unchanged: for them the added policy is one InitPlan per statement.

-- One of the acting worker's own cases (false for anyone not a worker). Read as the definer.
CREATE FUNCTION gonghui_actor_owns_case(p_case int) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT gonghui_actor_is_worker()
     AND EXISTS (SELECT 1 FROM cases WHERE id = p_case AND (created_by = gonghui_actor_id() OR id IN (SELECT gonghui_actor_party_case_ids())))
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_actor_owns_case(int) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_actor_owns_case(int) TO gonghui_app;
--> statement-breakpoint

-- Cases: a worker reads their own wherever held (permissive, so OR-ed with cases_in_scope for reads only).
CREATE POLICY cases_own_read ON cases FOR SELECT TO gonghui_app
  USING ((SELECT gonghui_actor_is_worker()) AND (created_by = gonghui_actor_id() OR id IN (SELECT gonghui_actor_party_case_ids())));
--> statement-breakpoint

-- The name of the unit holding one of the worker's own cases (null for any other case).
CREATE FUNCTION gonghui_own_case_unit_name(p_case int) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.name FROM cases c JOIN org_units u ON u.id = c.unit_id WHERE c.id = p_case AND gonghui_actor_owns_case(p_case)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_own_case_unit_name(int) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_own_case_unit_name(int) TO gonghui_app;
--> statement-breakpoint

-- The lawyers named on the legal-aid requests of one of the worker's own cases: name and firm only.
CREATE FUNCTION gonghui_own_case_lawyers(p_case int) RETURNS TABLE (id int, name text, firm text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT l.id, l.name, l.firm FROM lawyers l
   WHERE l.id IN (SELECT a.lawyer_id FROM legal_aid_requests a WHERE a.case_id = p_case) AND gonghui_actor_owns_case(p_case)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_own_case_lawyers(int) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_own_case_lawyers(int) TO gonghui_app;
--> statement-breakpoint

-- What a worker asks on their own case (legal aid) is told to the active cadres, of the given roles,
-- of the unit holding it; returns how many were told (none for a case not the worker's).
CREATE FUNCTION gonghui_tell_own_case_unit(p_case int, p_roles text[], p_kind text, p_title text, p_body text, p_link text) RETURNS int
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH told AS (
    INSERT INTO notifications (user_id, unit_id, kind, title, body, link)
    SELECT u.id, c.unit_id, p_kind, p_title, p_body, p_link
      FROM cases c JOIN users u ON u.unit_id = c.unit_id
     WHERE c.id = p_case AND gonghui_actor_owns_case(p_case) AND NOT u.disabled AND u.role = ANY (p_roles)
    RETURNING 1)
  SELECT count(*)::int FROM told
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_tell_own_case_unit(int, text[], text, text, text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_tell_own_case_unit(int, text[], text, text, text, text) TO gonghui_app;
