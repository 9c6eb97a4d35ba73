-- The scope's bounds are read once per statement (an InitPlan) instead of once per org unit, and
-- become an index range on org_units(path): every policy "unit_id IN (SELECT id FROM org_units)"
-- builds its set of units from one index scan.
ALTER POLICY org_units_in_scope ON org_units USING (path >= (SELECT gonghui_scope_path()) AND path < (SELECT gonghui_scope_upper()));
--> statement-breakpoint
-- The year-to-date figures of the supervision catalogue read only the year's records.
CREATE INDEX IF NOT EXISTS relief_applications_paid_on_idx ON relief_applications (paid_on) WHERE paid_on IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS approval_requests_approved_at_idx ON approval_requests (finished_at) WHERE status = 'approved';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS relief_applications_request_idx ON relief_applications (approval_request_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS counselling_appointments_completed_idx ON counselling_appointments (completed_at) WHERE status = 'completed';
