CREATE TABLE "coverage_subtree_tallies" (
	"unit_id" integer NOT NULL,
	"as_of" date NOT NULL,
	"path" text COLLATE "C" NOT NULL,
	"enterprises" integer DEFAULT 0 NOT NULL,
	"covered_enterprises" integer DEFAULT 0 NOT NULL,
	"employees_in_covered" bigint DEFAULT 0 NOT NULL,
	"members_in_covered" integer DEFAULT 0 NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	"migrant_members" integer DEFAULT 0 NOT NULL,
	"unions" integer DEFAULT 0 NOT NULL,
	"shuangliang_required_unions" integer DEFAULT 0 NOT NULL,
	"shuangliang_unions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "coverage_subtree_tallies_unit_id_as_of_pk" PRIMARY KEY("unit_id","as_of")
);
--> statement-breakpoint
CREATE INDEX "coverage_subtree_tallies_as_of_path_idx" ON "coverage_subtree_tallies" USING btree ("as_of","path");--> statement-breakpoint
ALTER TABLE coverage_subtree_tallies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY coverage_subtree_tallies_in_scope ON coverage_subtree_tallies TO gonghui_app USING (path >= gonghui_scope_path() AND path < gonghui_scope_upper());
--> statement-breakpoint
GRANT SELECT ON coverage_subtree_tallies TO gonghui_app;
--> statement-breakpoint
-- Existing tallies have no subtree totals yet: count them again on the next read.
TRUNCATE coverage_tally_fresh;
--> statement-breakpoint
-- work_mem: a county's members sort in memory rather than on disk.
CREATE OR REPLACE FUNCTION gonghui_tally_recount(d date, buckets int[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp SET work_mem = '64MB' AS $$
DECLARE with_cross boolean := EXISTS (SELECT 1 FROM org_units WHERE depth = 0 AND gonghui_tally_bucket(path) = ANY(buckets));
BEGIN
  -- The buckets' units as they stand, and rows counted where a unit stood before a move.
  DELETE FROM coverage_tallies t WHERE t.as_of = d
     AND (gonghui_tally_bucket(t.path) = ANY(buckets) OR t.unit_id IN (SELECT id FROM org_units WHERE gonghui_tally_bucket(path) = ANY(buckets)));
  INSERT INTO coverage_tallies (unit_id, as_of, path, enterprises, covered_enterprises, employees_in_covered, members_in_covered, members, migrant_members,
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
    -- Usually the employer's unit is above the union: then it is the common unit.
    SELECT CASE WHEN starts_with(mem.path, eu.path) THEN cov.unit_id ELSE gonghui_common_unit(mem.path, eu.path) END, 0, 0, 0, 1, 0, 0, 0, 0, 0
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
  SELECT parts.unit_id, d, u.path, sum(enterprises), sum(covered), sum(employees), sum(in_covered), sum(members), sum(migrants), sum(unions), sum(required), sum(shown)
    FROM parts JOIN org_units u ON u.id = parts.unit_id GROUP BY parts.unit_id, u.path;
  -- Subtree totals of the buckets' units below the top: each unit's row, added to every unit on its path.
  DELETE FROM coverage_subtree_tallies s WHERE s.as_of = d
     AND (gonghui_tally_bucket(s.path) = ANY(buckets) OR s.unit_id IN (SELECT id FROM org_units WHERE gonghui_tally_bucket(path) = ANY(buckets) OR depth = 0));
  INSERT INTO coverage_subtree_tallies (unit_id, as_of, path, enterprises, covered_enterprises, employees_in_covered, members_in_covered, members, migrant_members,
                                        unions, shuangliang_required_unions, shuangliang_unions)
  SELECT a.id, d, a.path, sum(t.enterprises), sum(t.covered_enterprises), sum(t.employees_in_covered), sum(t.members_in_covered), sum(t.members),
         sum(t.migrant_members), sum(t.unions), sum(t.shuangliang_required_unions), sum(t.shuangliang_unions)
    FROM coverage_tallies t CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from t.path), '/')) AS anc(id)
    JOIN org_units a ON a.id = anc.id::int AND a.depth >= 1
   WHERE t.as_of = d AND gonghui_tally_bucket(t.path) = ANY(buckets)
   GROUP BY a.id, a.path;
  -- The top units: their own tallies and their county-level units' subtrees (every bucket is
  -- current once the caller has recounted all stale ones).
  INSERT INTO coverage_subtree_tallies (unit_id, as_of, path, enterprises, covered_enterprises, employees_in_covered, members_in_covered, members, migrant_members,
                                        unions, shuangliang_required_unions, shuangliang_unions)
  SELECT r.id, d, r.path, COALESCE(sum(x.enterprises), 0), COALESCE(sum(x.covered_enterprises), 0), COALESCE(sum(x.employees_in_covered), 0),
         COALESCE(sum(x.members_in_covered), 0), COALESCE(sum(x.members), 0), COALESCE(sum(x.migrant_members), 0), COALESCE(sum(x.unions), 0),
         COALESCE(sum(x.shuangliang_required_unions), 0), COALESCE(sum(x.shuangliang_unions), 0)
    FROM org_units r LEFT JOIN (
      SELECT t.unit_id AS top, t.enterprises, t.covered_enterprises, t.employees_in_covered, t.members_in_covered, t.members, t.migrant_members, t.unions,
             t.shuangliang_required_unions, t.shuangliang_unions FROM coverage_tallies t JOIN org_units u ON u.id = t.unit_id AND u.depth = 0 WHERE t.as_of = d
      UNION ALL
      SELECT c.parent_id, s.enterprises, s.covered_enterprises, s.employees_in_covered, s.members_in_covered, s.members, s.migrant_members, s.unions,
             s.shuangliang_required_unions, s.shuangliang_unions FROM coverage_subtree_tallies s JOIN org_units c ON c.id = s.unit_id AND c.depth = 1 WHERE s.as_of = d) x
      ON x.top = r.id
   WHERE r.depth = 0
   GROUP BY r.id, r.path;
  INSERT INTO coverage_tally_fresh (bucket_id, as_of) SELECT b, d FROM unnest(buckets) b
    ON CONFLICT (bucket_id, as_of) DO UPDATE SET counted_at = now();
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION gonghui_tally_ensure(d date) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
  DELETE FROM coverage_subtree_tallies WHERE as_of < d AND as_of <> (date_trunc('month', as_of) + interval '1 month - 1 day')::date;
  DELETE FROM coverage_tally_fresh WHERE as_of < d AND as_of <> (date_trunc('month', as_of) + interval '1 month - 1 day')::date;
END $$;
