-- The calendar of rest days: read by every user (deadlines everywhere move by it), kept by the
-- city (a user whose scope holds the root of the tree); seeded with the State Council's
-- published holidays and make-up working days for 2024–2026.
ALTER TABLE calendar_days ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY calendar_days_read ON calendar_days FOR SELECT TO gonghui_app USING (true);
--> statement-breakpoint
CREATE POLICY calendar_days_insert ON calendar_days FOR INSERT TO gonghui_app
  WITH CHECK (EXISTS (SELECT 1 FROM org_units WHERE parent_id IS NULL));
--> statement-breakpoint
CREATE POLICY calendar_days_update ON calendar_days FOR UPDATE TO gonghui_app
  USING (EXISTS (SELECT 1 FROM org_units WHERE parent_id IS NULL));
--> statement-breakpoint
CREATE POLICY calendar_days_delete ON calendar_days FOR DELETE TO gonghui_app
  USING (EXISTS (SELECT 1 FROM org_units WHERE parent_id IS NULL));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_days TO gonghui_app;
--> statement-breakpoint
INSERT INTO calendar_days (day, kind, name)
SELECT d::date, 'holiday', h.name
  FROM (VALUES
    ('2024-01-01', '2024-01-01', '元旦'), ('2024-02-10', '2024-02-17', '春节'), ('2024-04-04', '2024-04-06', '清明节'),
    ('2024-05-01', '2024-05-05', '劳动节'), ('2024-06-10', '2024-06-10', '端午节'), ('2024-09-15', '2024-09-17', '中秋节'),
    ('2024-10-01', '2024-10-07', '国庆节'),
    ('2025-01-01', '2025-01-01', '元旦'), ('2025-01-28', '2025-02-04', '春节'), ('2025-04-04', '2025-04-06', '清明节'),
    ('2025-05-01', '2025-05-05', '劳动节'), ('2025-05-31', '2025-06-02', '端午节'), ('2025-10-01', '2025-10-08', '国庆节、中秋节'),
    ('2026-01-01', '2026-01-03', '元旦'), ('2026-02-15', '2026-02-23', '春节'), ('2026-04-04', '2026-04-06', '清明节'),
    ('2026-05-01', '2026-05-05', '劳动节'), ('2026-06-19', '2026-06-21', '端午节'), ('2026-09-25', '2026-09-27', '中秋节'),
    ('2026-10-01', '2026-10-07', '国庆节')
  ) AS h(first_day, last_day, name),
  generate_series(h.first_day::date, h.last_day::date, interval '1 day') AS d;
--> statement-breakpoint
INSERT INTO calendar_days (day, kind, name) VALUES
  ('2024-02-04', 'workday', '春节'), ('2024-02-18', 'workday', '春节'), ('2024-04-07', 'workday', '清明节'),
  ('2024-04-28', 'workday', '劳动节'), ('2024-05-11', 'workday', '劳动节'), ('2024-09-14', 'workday', '中秋节'),
  ('2024-09-29', 'workday', '国庆节'), ('2024-10-12', 'workday', '国庆节'),
  ('2025-01-26', 'workday', '春节'), ('2025-02-08', 'workday', '春节'), ('2025-04-27', 'workday', '劳动节'),
  ('2025-09-28', 'workday', '国庆节、中秋节'), ('2025-10-11', 'workday', '国庆节、中秋节'),
  ('2026-01-04', 'workday', '元旦'), ('2026-02-14', 'workday', '春节'), ('2026-02-28', 'workday', '春节'),
  ('2026-05-09', 'workday', '劳动节'), ('2026-09-20', 'workday', '国庆节'), ('2026-10-10', 'workday', '国庆节');
--> statement-breakpoint

-- A lawyer's open caseload, whatever units the cases lie in: the team list shows it to every unit
-- the lawyer serves, though each sees only its own cases. Only counts, only of team members.
CREATE FUNCTION gonghui_open_case_counts(p_user_ids int[]) RETURNS TABLE (user_id int, n int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.user_id, count(*)::int
    FROM case_assignments a JOIN cases c ON c.id = a.case_id
   WHERE a.user_id = ANY (p_user_ids) AND a.ended_on IS NULL AND c.status = 'open'
     AND a.user_id IN (SELECT l.user_id FROM lawyers l WHERE l.user_id IS NOT NULL)
   GROUP BY a.user_id
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_open_case_counts(int[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_open_case_counts(int[]) TO gonghui_app;
