-- Ledger, approvals, hardship archive and relief campaigns: scope policies and grants, the
-- one-file and one-application look-ups, and the rules that keep the books in the database
-- (balances follow the lines, every entry sums to zero, no account that holds money goes below zero).

-- A unit's configuration (a chain, a campaign, a standard) is seen by its subtree and by the units
-- below it: the ids on the user's own path are its ancestors.
CREATE FUNCTION gonghui_is_ancestor_of_scope(p_unit int) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT position(('/' || p_unit || '/') IN gonghui_scope_path()) > 0
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_is_ancestor_of_scope(int) TO gonghui_app;
--> statement-breakpoint

-- Ledger ---------------------------------------------------------------------------------------
ALTER TABLE ledger_accounts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY ledger_accounts_in_scope ON ledger_accounts TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
-- The balance is never written by the app: only the line trigger moves it.
GRANT SELECT, INSERT (fund_id, unit_id, kind, code, name) ON ledger_accounts TO gonghui_app;
--> statement-breakpoint
ALTER TABLE ledger_funds ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY ledger_funds_in_scope ON ledger_funds TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units) OR id IN (SELECT fund_id FROM ledger_accounts));
--> statement-breakpoint
GRANT SELECT, INSERT ON ledger_funds TO gonghui_app;
--> statement-breakpoint
ALTER TABLE ledger_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY ledger_lines_in_scope ON ledger_lines TO gonghui_app USING (account_id IN (SELECT id FROM ledger_accounts));
--> statement-breakpoint
GRANT SELECT, INSERT ON ledger_lines TO gonghui_app;
--> statement-breakpoint
ALTER TABLE ledger_entries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- An entry is seen by the scope it was made in, and by whoever holds one of its accounts.
CREATE POLICY ledger_entries_in_scope ON ledger_entries TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units) OR (fund_id, id) IN (SELECT fund_id, entry_id FROM ledger_lines));
--> statement-breakpoint
-- Entries and lines are never changed or removed: a correction is a new entry.
GRANT SELECT, INSERT ON ledger_entries TO gonghui_app;
--> statement-breakpoint
CREATE FUNCTION gonghui_ledger_line_apply() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE acc_fund int;
BEGIN
  -- The row lock taken here serialises concurrent postings to one account; the CHECK
  -- ledger_accounts_not_negative then refuses whichever would take it below zero.
  UPDATE ledger_accounts SET balance = balance + NEW.amount WHERE id = NEW.account_id RETURNING fund_id INTO acc_fund;
  IF acc_fund IS DISTINCT FROM NEW.fund_id THEN
    RAISE EXCEPTION 'ledger line: account % is not in fund %', NEW.account_id, NEW.fund_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_lines_apply AFTER INSERT ON ledger_lines FOR EACH ROW EXECUTE FUNCTION gonghui_ledger_line_apply();
--> statement-breakpoint
CREATE FUNCTION gonghui_ledger_entry_balanced() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE total bigint; n int;
BEGIN
  SELECT COALESCE(sum(amount), 0), count(*) INTO total, n FROM ledger_lines WHERE fund_id = NEW.fund_id AND entry_id = NEW.entry_id;
  IF total <> 0 OR n < 2 THEN
    RAISE EXCEPTION 'ledger entry % does not balance (% fen over % lines)', NEW.entry_id, total, n USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_lines_balanced AFTER INSERT ON ledger_lines DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION gonghui_ledger_entry_balanced();
--> statement-breakpoint

-- Approvals ------------------------------------------------------------------------------------
ALTER TABLE approval_chains ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY approval_chains_read ON approval_chains FOR SELECT TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units) OR gonghui_is_ancestor_of_scope(unit_id));
--> statement-breakpoint
CREATE POLICY approval_chains_write ON approval_chains FOR INSERT TO gonghui_app WITH CHECK (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT ON approval_chains TO gonghui_app;
--> statement-breakpoint
ALTER TABLE approval_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY approval_requests_in_scope ON approval_requests TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON approval_requests TO gonghui_app;
--> statement-breakpoint
ALTER TABLE approval_decisions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY approval_decisions_in_scope ON approval_decisions TO gonghui_app USING (request_id IN (SELECT id FROM approval_requests));
--> statement-breakpoint
GRANT SELECT, INSERT ON approval_decisions TO gonghui_app;
--> statement-breakpoint

-- Hardship archive -----------------------------------------------------------------------------
ALTER TABLE hardship_standards ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY hardship_standards_read ON hardship_standards FOR SELECT TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units) OR gonghui_is_ancestor_of_scope(unit_id));
--> statement-breakpoint
CREATE POLICY hardship_standards_insert ON hardship_standards FOR INSERT TO gonghui_app WITH CHECK (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
CREATE POLICY hardship_standards_update ON hardship_standards FOR UPDATE TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON hardship_standards TO gonghui_app;
--> statement-breakpoint
ALTER TABLE hardship_households ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY hardship_households_in_scope ON hardship_households TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON hardship_households TO gonghui_app;
--> statement-breakpoint
ALTER TABLE hardship_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY hardship_members_in_scope ON hardship_members TO gonghui_app USING (household_id IN (SELECT id FROM hardship_households));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON hardship_members TO gonghui_app;
--> statement-breakpoint
ALTER TABLE hardship_finances ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY hardship_finances_in_scope ON hardship_finances TO gonghui_app USING (household_id IN (SELECT id FROM hardship_households));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON hardship_finances TO gonghui_app;
--> statement-breakpoint
ALTER TABLE hardship_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY hardship_events_in_scope ON hardship_events TO gonghui_app USING (household_id IN (SELECT id FROM hardship_households));
--> statement-breakpoint
GRANT SELECT, INSERT ON hardship_events TO gonghui_app;
--> statement-breakpoint
ALTER TABLE hardship_attachments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY hardship_attachments_in_scope ON hardship_attachments TO gonghui_app USING (household_id IN (SELECT id FROM hardship_households));
--> statement-breakpoint
GRANT SELECT, INSERT ON hardship_attachments TO gonghui_app;
--> statement-breakpoint
-- Where a household with this ID number is on file, told only at county level (what any cadre
-- may know), so a union does not open a second file for it.
CREATE FUNCTION gonghui_hardship_file_county(p_hash text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT COALESCE(c.name, u.name) FROM hardship_households h
    JOIN org_units u ON u.id = h.unit_id
    LEFT JOIN org_units c ON c.id = NULLIF(split_part(u.path, '/', 3), '')::int
   WHERE h.id_hash = p_hash
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_hardship_file_county(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_hardship_file_county(text) TO gonghui_app;
--> statement-breakpoint

-- Relief campaigns -----------------------------------------------------------------------------
ALTER TABLE relief_campaigns ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY relief_campaigns_read ON relief_campaigns FOR SELECT TO gonghui_app
  USING (unit_id IN (SELECT id FROM org_units) OR gonghui_is_ancestor_of_scope(unit_id));
--> statement-breakpoint
CREATE POLICY relief_campaigns_insert ON relief_campaigns FOR INSERT TO gonghui_app WITH CHECK (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
CREATE POLICY relief_campaigns_update ON relief_campaigns FOR UPDATE TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON relief_campaigns TO gonghui_app;
--> statement-breakpoint
ALTER TABLE relief_applications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY relief_applications_in_scope ON relief_applications TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON relief_applications TO gonghui_app;
--> statement-breakpoint
ALTER TABLE relief_batches ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY relief_batches_in_scope ON relief_batches TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON relief_batches TO gonghui_app;
--> statement-breakpoint
-- Where this household or student already has an application in the campaign (county level only).
CREATE FUNCTION gonghui_relief_application_county(p_campaign int, p_key text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT COALESCE(c.name, u.name) FROM relief_applications a
    JOIN org_units u ON u.id = a.unit_id
    LEFT JOIN org_units c ON c.id = NULLIF(split_part(u.path, '/', 3), '')::int
   WHERE a.campaign_id = p_campaign AND a.subject_key = p_key
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_relief_application_county(int, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_relief_application_county(int, text) TO gonghui_app;
