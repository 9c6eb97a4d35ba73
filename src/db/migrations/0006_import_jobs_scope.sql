ALTER TABLE import_jobs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY import_jobs_in_scope ON import_jobs TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON import_jobs TO gonghui_app;
--> statement-breakpoint
-- Where the people of an upload already hold a current membership, federation-wide: the union when
-- it is in the caller's scope, else only the county (what any cadre may know).
CREATE FUNCTION gonghui_current_memberships_by_hash(p_hashes text[])
RETURNS TABLE (id_hash text, person_id int, union_unit_id int, county text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT p.id_hash, p.id, m.union_unit_id, c.name
    FROM persons p
    JOIN memberships m ON m.person_id = p.id AND m.left_on IS NULL
    JOIN org_units u ON u.id = m.union_unit_id
    JOIN org_units c ON c.id = split_part(u.path, '/', 3)::int
   WHERE p.id_hash = ANY(p_hashes)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_current_memberships_by_hash(text[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_current_memberships_by_hash(text[]) TO gonghui_app;
--> statement-breakpoint
-- Many people at once (an import): find each by keyed hash or create; returns hash → id.
CREATE FUNCTION gonghui_persons_find_or_create(p_people jsonb)
RETURNS TABLE (id_hash text, id int)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO persons (id_hash, id_sealed, id_masked, name, gender, birth_date, phone, migrant_worker)
  SELECT x.hash, x.sealed, x.masked, x.name, x.gender, x.birth, x.phone, x.migrant
    FROM jsonb_to_recordset(p_people) AS x(hash text, sealed text, masked text, name text, gender text, birth date, phone text, migrant boolean)
  ON CONFLICT ON CONSTRAINT persons_id_hash_unique DO NOTHING;
  RETURN QUERY SELECT p.id_hash, p.id FROM persons p
    WHERE p.id_hash IN (SELECT x.hash FROM jsonb_to_recordset(p_people) AS x(hash text));
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_persons_find_or_create(jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_persons_find_or_create(jsonb) TO gonghui_app;
