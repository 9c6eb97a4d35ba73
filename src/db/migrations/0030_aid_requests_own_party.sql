-- A worker sees the legal-aid requests of their own party row only: on a case shared by several
-- workers, another worker's request (its reason speaks of their income and family) stays theirs.
-- Cadres' branch unchanged.
ALTER POLICY legal_aid_requests_in_scope ON legal_aid_requests
  USING (case_id IN (SELECT id FROM cases) AND (NOT (SELECT gonghui_actor_is_worker()) OR party_id IN (SELECT id FROM legal_parties)));
