-- Coverage tallies: read in scope, written only by the recount function below.
ALTER TABLE coverage_tallies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY coverage_tallies_in_scope ON coverage_tallies TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT ON coverage_tallies TO gonghui_app;
