-- Coverage tallies: read in scope, written only by the recount function below.
ALTER TABLE coverage_tallies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY coverage_tallies_in_scope ON coverage_tallies TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT ON coverage_tallies TO gonghui_app;
--> statement-breakpoint
GRANT SELECT ON coverage_tally_fresh TO gonghui_app;
--> statement-breakpoint
-- A unit's bucket: the county-level unit it lies under, or the city's own unit ('/1/4/57/' → 4, '/1/' → 1).
CREATE FUNCTION gonghui_tally_bucket(p_path text) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT COALESCE(NULLIF(split_part(p_path, '/', 3), ''), split_part(p_path, '/', 2))::int
$$;
--> statement-breakpoint
-- The lowest unit above or at both paths (NULL when they share none): a member counted "in a
-- covered enterprise" belongs to every subtree holding both the union and the employer, so the
-- count is kept at their common unit and sums right over any subtree.
CREATE FUNCTION gonghui_common_unit(a text, b text) RETURNS int LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE x text[] := string_to_array(trim(both '/' from a), '/'); y text[] := string_to_array(trim(both '/' from b), '/'); i int := 1;
BEGIN
  IF starts_with(a, b) THEN RETURN x[array_length(y, 1)]::int; END IF;
  IF starts_with(b, a) THEN RETURN y[array_length(x, 1)]::int; END IF;
  WHILE i <= least(array_length(x, 1), array_length(y, 1)) AND x[i] = y[i] LOOP i := i + 1; END LOOP;
  RETURN CASE WHEN i = 1 THEN NULL ELSE x[i - 1]::int END;
END $$;
--> statement-breakpoint
-- Recounts the tallies of some buckets on one date, straight from the records (the same rules as
-- the raw roll-up in coverage.ts). Members in covered enterprises whose union and employer lie in
-- different buckets are kept at their common unit, in the city's bucket.
CREATE FUNCTION gonghui_tally_recount(d date, buckets int[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE with_cross boolean := EXISTS (SELECT 1 FROM org_units WHERE depth = 0 AND gonghui_tally_bucket(path) = ANY(buckets));
BEGIN
  DELETE FROM coverage_tallies t USING org_units u WHERE t.as_of = d AND u.id = t.unit_id AND gonghui_tally_bucket(u.path) = ANY(buckets);
  INSERT INTO coverage_tallies (unit_id, as_of, enterprises, covered_enterprises, employees_in_covered, members_in_covered, members, migrant_members,
                                unions, shuangliang_required_unions, shuangliang_unions)
  WITH sub AS (SELECT id, path FROM org_units WHERE gonghui_tally_bucket(path) = ANY(buckets)),
  ent AS (SELECT e.id, e.unit_id FROM enterprises e JOIN sub ON sub.id = e.unit_id
            WHERE e.registered_on <= d AND (e.closed_on IS NULL OR e.closed_on > d)),
  cov AS (SELECT ent.id, ent.unit_id FROM ent WHERE EXISTS (
            SELECT 1 FROM union_coverages c WHERE c.enterprise_id = ent.id AND c.valid_from <= d AND (c.valid_to IS NULL OR c.valid_to > d))),
  mem AS (SELECT m.person_id, m.enterprise_id, m.union_unit_id, sub.path FROM memberships m JOIN sub ON sub.id = m.union_unit_id
            WHERE m.joined_on <= d AND (m.left_on IS NULL OR m.left_on > d)),
  parts AS (
    SELECT unit_id, 1 AS enterprises, 0 AS covered, 0::bigint AS employees, 0 AS in_covered, 0 AS members, 0 AS migrants, 0 AS unions, 0 AS required, 0 AS shown FROM ent
    UNION ALL
    SELECT cov.unit_id, 0, 1, COALESCE((SELECT h.employees FROM enterprise_headcounts h WHERE h.enterprise_id = cov.id AND h.as_of <= d ORDER BY h.as_of DESC LIMIT 1), 0),
           0, 0, 0, 0, 0, 0 FROM cov
    UNION ALL
    SELECT mem.union_unit_id, 0, 0, 0, 0, 1, CASE WHEN p.migrant_worker THEN 1 ELSE 0 END, 0, 0, 0 FROM mem JOIN persons p ON p.id = mem.person_id
    UNION ALL
    SELECT gonghui_common_unit(mem.path, eu.path), 0, 0, 0, 1, 0, 0, 0, 0, 0
      FROM mem JOIN cov ON cov.id = mem.enterprise_id JOIN org_units eu ON eu.id = cov.unit_id
     WHERE gonghui_tally_bucket(eu.path) = gonghui_tally_bucket(mem.path)
    UNION ALL
    SELECT x.common, 0, 0, 0, 1, 0, 0, 0, 0, 0 FROM (
      SELECT gonghui_common_unit(mu.path, eu.path) AS common
        FROM memberships m JOIN org_units mu ON mu.id = m.union_unit_id
             JOIN enterprises e ON e.id = m.enterprise_id JOIN org_units eu ON eu.id = e.unit_id
       WHERE with_cross AND gonghui_tally_bucket(mu.path) <> gonghui_tally_bucket(eu.path)
         AND m.joined_on <= d AND (m.left_on IS NULL OR m.left_on > d)
         AND e.registered_on <= d AND (e.closed_on IS NULL OR e.closed_on > d)
         AND EXISTS (SELECT 1 FROM union_coverages c WHERE c.enterprise_id = e.id AND c.valid_from <= d AND (c.valid_to IS NULL OR c.valid_to > d))) x
     WHERE x.common IS NOT NULL
    UNION ALL
    SELECT u.id, 0, 0, 0, 0, 0, 0, 1, CASE WHEN p.shuangliang_required THEN 1 ELSE 0 END,
           CASE WHEN p.shuangliang_required AND p.signboard_shown_on <= d AND p.chair_shown_on <= d THEN 1 ELSE 0 END
      FROM org_units u JOIN sub ON sub.id = u.id JOIN union_profiles p ON p.unit_id = u.id
     WHERE u.opened_on <= d AND (u.closed_on IS NULL OR u.closed_on > d))
  SELECT unit_id, d, sum(enterprises), sum(covered), sum(employees), sum(in_covered), sum(members), sum(migrants), sum(unions), sum(required), sum(shown)
    FROM parts GROUP BY unit_id;
  INSERT INTO coverage_tally_fresh (bucket_id, as_of) SELECT b, d FROM unnest(buckets) b
    ON CONFLICT (bucket_id, as_of) DO UPDATE SET counted_at = now();
END $$;
--> statement-breakpoint
-- Makes the tallies of one date current: recounts the buckets a write has made stale since they
-- were counted (or never counted). Writers hold the shared side of the same lock until they
-- commit, so a recount never marks current what a write in flight is about to change.
CREATE FUNCTION gonghui_tally_ensure(d date) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE stale int[];
BEGIN
  SELECT array_agg(b) INTO stale FROM (SELECT DISTINCT gonghui_tally_bucket(path) AS b FROM org_units WHERE depth <= 1) x
   WHERE NOT EXISTS (SELECT 1 FROM coverage_tally_fresh f WHERE f.bucket_id = x.b AND f.as_of = d);
  IF stale IS NULL THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('gonghui_coverage_tallies'));
  SELECT array_agg(b) INTO stale FROM (SELECT DISTINCT gonghui_tally_bucket(path) AS b FROM org_units WHERE depth <= 1) x
   WHERE NOT EXISTS (SELECT 1 FROM coverage_tally_fresh f WHERE f.bucket_id = x.b AND f.as_of = d);
  IF stale IS NOT NULL THEN PERFORM gonghui_tally_recount(d, stale); END IF;
  -- Past days other than month ends were "today" once; only month ends stay (the trend).
  DELETE FROM coverage_tallies WHERE as_of < d AND as_of <> (date_trunc('month', as_of) + interval '1 month - 1 day')::date;
  DELETE FROM coverage_tally_fresh WHERE as_of < d AND as_of <> (date_trunc('month', as_of) + interval '1 month - 1 day')::date;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_tally_recount(date, int[]) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_tally_ensure(date) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_tally_ensure(date) TO gonghui_app;
--> statement-breakpoint
-- Marks buckets stale from a date on (every later date's tallies of those buckets are recounted).
CREATE FUNCTION gonghui_tally_stale(buckets int[], from_date date) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF buckets IS NULL OR cardinality(buckets) = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock_shared(hashtext('gonghui_coverage_tallies'));
  DELETE FROM coverage_tally_fresh WHERE bucket_id = ANY(buckets) AND as_of >= COALESCE(from_date, '-infinity'::date);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_tally_stale(int[], date) FROM PUBLIC;
--> statement-breakpoint
-- The buckets whose members-in-covered counts a change to these enterprises can move: their own,
-- and the city's when one of their members' unions lies in another bucket.
CREATE FUNCTION gonghui_tally_enterprise_buckets(ids int[]) RETURNS int[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT array_agg(DISTINCT b) FROM (
    SELECT gonghui_tally_bucket(eu.path) AS b FROM enterprises e JOIN org_units eu ON eu.id = e.unit_id WHERE e.id = ANY(ids)
    UNION
    SELECT split_part(eu.path, '/', 2)::int FROM enterprises e JOIN org_units eu ON eu.id = e.unit_id
      JOIN memberships m ON m.enterprise_id = e.id JOIN org_units mu ON mu.id = m.union_unit_id
     WHERE e.id = ANY(ids) AND gonghui_tally_bucket(mu.path) <> gonghui_tally_bucket(eu.path)) x
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_tally_enterprise_buckets(int[]) FROM PUBLIC;
--> statement-breakpoint
-- The buckets a membership's counts sit in: its union's, and its employer's common unit with it.
CREATE FUNCTION gonghui_tally_membership_buckets(unit_ids int[], enterprise_ids int[]) RETURNS int[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT array_agg(DISTINCT b) FROM (
    SELECT gonghui_tally_bucket(mu.path) AS b FROM unnest(unit_ids) AS x(unit_id) JOIN org_units mu ON mu.id = x.unit_id
    UNION
    SELECT CASE WHEN gonghui_tally_bucket(eu.path) = gonghui_tally_bucket(mu.path) THEN gonghui_tally_bucket(eu.path) ELSE split_part(mu.path, '/', 2)::int END
      FROM unnest(unit_ids, enterprise_ids) AS x(unit_id, enterprise_id) JOIN org_units mu ON mu.id = x.unit_id
           JOIN enterprises e ON e.id = x.enterprise_id JOIN org_units eu ON eu.id = e.unit_id) y
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_tally_membership_buckets(int[], int[]) FROM PUBLIC;
--> statement-breakpoint
-- The buckets of some units (old and new places of a moved unit count both; a move between buckets
-- also changes common units, kept in the city's bucket).
CREATE FUNCTION gonghui_tally_path_buckets(paths text[]) RETURNS int[] LANGUAGE sql IMMUTABLE AS $$
  SELECT array_agg(DISTINCT gonghui_tally_bucket(p)) FROM unnest(paths) p
$$;
--> statement-breakpoint
-- Statement-level triggers: one small step per statement, whatever the number of rows.
CREATE FUNCTION gonghui_tally_on_memberships() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE units int[]; ents int[]; since date;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(union_unit_id), array_agg(enterprise_id), min(joined_on) INTO units, ents, since FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(union_unit_id), array_agg(enterprise_id), min(joined_on) INTO units, ents, since FROM old_rows;
  ELSE
    SELECT array_agg(union_unit_id), array_agg(enterprise_id), min(least(joined_on, left_on)) INTO units, ents, since
      FROM (SELECT union_unit_id, enterprise_id, joined_on, left_on FROM new_rows UNION ALL SELECT union_unit_id, enterprise_id, joined_on, left_on FROM old_rows) x;
  END IF;
  PERFORM gonghui_tally_stale(gonghui_tally_membership_buckets(units, ents), since);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION gonghui_tally_on_persons() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE units int[];
BEGIN
  SELECT array_agg(m.union_unit_id) INTO units FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN memberships m ON m.person_id = n.id
   WHERE n.migrant_worker IS DISTINCT FROM o.migrant_worker;
  PERFORM gonghui_tally_stale(gonghui_tally_membership_buckets(units, '{}'::int[]), NULL);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION gonghui_tally_on_enterprises() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE ids int[]; paths text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.id), array_agg(u.path) INTO ids, paths FROM new_rows n JOIN org_units u ON u.id = n.unit_id;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(o.id), array_agg(u.path) INTO ids, paths FROM old_rows o JOIN org_units u ON u.id = o.unit_id;
  ELSE
    SELECT array_agg(x.id), array_agg(u.path) INTO ids, paths
      FROM (SELECT id, unit_id FROM new_rows UNION ALL SELECT id, unit_id FROM old_rows) x JOIN org_units u ON u.id = x.unit_id;
    -- An enterprise moved to another bucket changes the common unit of its members.
    IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN org_units nu ON nu.id = n.unit_id JOIN org_units ou ON ou.id = o.unit_id
                WHERE gonghui_tally_bucket(nu.path) <> gonghui_tally_bucket(ou.path)) THEN
      paths := paths || ARRAY(SELECT path FROM org_units WHERE depth = 0);
    END IF;
  END IF;
  PERFORM gonghui_tally_stale(gonghui_tally_path_buckets(paths) || COALESCE(gonghui_tally_enterprise_buckets(ids), '{}'), NULL);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION gonghui_tally_on_enterprise_dates() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE ids int[]; since date;
BEGIN
  -- union_coverages (valid_from) and enterprise_headcounts (as_of): counted at the enterprise's unit.
  IF TG_TABLE_NAME = 'union_coverages' THEN
    IF TG_OP = 'INSERT' THEN SELECT array_agg(enterprise_id), min(valid_from) INTO ids, since FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN SELECT array_agg(enterprise_id), min(valid_from) INTO ids, since FROM old_rows;
    ELSE SELECT array_agg(enterprise_id), min(least(valid_from, valid_to)) INTO ids, since
           FROM (SELECT enterprise_id, valid_from, valid_to FROM new_rows UNION ALL SELECT enterprise_id, valid_from, valid_to FROM old_rows) x;
    END IF;
  ELSE
    IF TG_OP = 'INSERT' THEN SELECT array_agg(enterprise_id), min(as_of) INTO ids, since FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN SELECT array_agg(enterprise_id), min(as_of) INTO ids, since FROM old_rows;
    ELSE SELECT array_agg(enterprise_id), min(as_of) INTO ids, since
           FROM (SELECT enterprise_id, as_of FROM new_rows UNION ALL SELECT enterprise_id, as_of FROM old_rows) x;
    END IF;
  END IF;
  PERFORM gonghui_tally_stale(gonghui_tally_enterprise_buckets(ids), since);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION gonghui_tally_on_union_profiles() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE paths text[];
BEGIN
  IF TG_OP = 'INSERT' THEN SELECT array_agg(u.path) INTO paths FROM new_rows n JOIN org_units u ON u.id = n.unit_id;
  ELSIF TG_OP = 'DELETE' THEN SELECT array_agg(u.path) INTO paths FROM old_rows o JOIN org_units u ON u.id = o.unit_id;
  ELSE SELECT array_agg(u.path) INTO paths FROM new_rows n JOIN org_units u ON u.id = n.unit_id;
  END IF;
  PERFORM gonghui_tally_stale(gonghui_tally_path_buckets(paths), NULL);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION gonghui_tally_on_org_units() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE paths text[];
BEGIN
  IF TG_OP = 'INSERT' THEN SELECT array_agg(path) INTO paths FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN SELECT array_agg(path) INTO paths FROM old_rows;
  ELSE
    SELECT array_agg(path) INTO paths FROM (SELECT path FROM new_rows UNION SELECT path FROM old_rows) x;
    IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE gonghui_tally_bucket(n.path) <> gonghui_tally_bucket(o.path)) THEN
      paths := paths || ARRAY(SELECT path FROM org_units WHERE depth = 0);
    END IF;
  END IF;
  PERFORM gonghui_tally_stale(gonghui_tally_path_buckets(paths), NULL);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER memberships_tally_insert AFTER INSERT ON memberships REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_memberships();
--> statement-breakpoint
CREATE TRIGGER memberships_tally_update AFTER UPDATE ON memberships REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_memberships();
--> statement-breakpoint
CREATE TRIGGER memberships_tally_delete AFTER DELETE ON memberships REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_memberships();
--> statement-breakpoint
CREATE TRIGGER enterprises_tally_insert AFTER INSERT ON enterprises REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_enterprises();
--> statement-breakpoint
CREATE TRIGGER enterprises_tally_update AFTER UPDATE ON enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_enterprises();
--> statement-breakpoint
CREATE TRIGGER enterprises_tally_delete AFTER DELETE ON enterprises REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_enterprises();
--> statement-breakpoint
CREATE TRIGGER union_coverages_tally_insert AFTER INSERT ON union_coverages REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_enterprise_dates();
--> statement-breakpoint
CREATE TRIGGER union_coverages_tally_update AFTER UPDATE ON union_coverages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_enterprise_dates();
--> statement-breakpoint
CREATE TRIGGER union_coverages_tally_delete AFTER DELETE ON union_coverages REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_enterprise_dates();
--> statement-breakpoint
CREATE TRIGGER enterprise_headcounts_tally_insert AFTER INSERT ON enterprise_headcounts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_enterprise_dates();
--> statement-breakpoint
CREATE TRIGGER enterprise_headcounts_tally_update AFTER UPDATE ON enterprise_headcounts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_enterprise_dates();
--> statement-breakpoint
CREATE TRIGGER enterprise_headcounts_tally_delete AFTER DELETE ON enterprise_headcounts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_enterprise_dates();
--> statement-breakpoint
CREATE TRIGGER union_profiles_tally_insert AFTER INSERT ON union_profiles REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_union_profiles();
--> statement-breakpoint
CREATE TRIGGER union_profiles_tally_update AFTER UPDATE ON union_profiles REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_union_profiles();
--> statement-breakpoint
CREATE TRIGGER union_profiles_tally_delete AFTER DELETE ON union_profiles REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_union_profiles();
--> statement-breakpoint
CREATE TRIGGER org_units_tally_insert AFTER INSERT ON org_units REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_org_units();
--> statement-breakpoint
CREATE TRIGGER org_units_tally_update AFTER UPDATE ON org_units REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_org_units();
--> statement-breakpoint
CREATE TRIGGER org_units_tally_delete AFTER DELETE ON org_units REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_org_units();
--> statement-breakpoint
CREATE TRIGGER persons_tally_update AFTER UPDATE ON persons REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_on_persons();
