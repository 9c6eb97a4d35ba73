-- Whether a counselling slot is booked, told to anyone who can see the slot, without showing the
-- booking itself (which may belong to another county, or to another counsellor's client).
CREATE FUNCTION gonghui_counselling_slot_taken(p_slot int) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM counselling_appointments WHERE slot_id = p_slot AND status IN ('requested', 'confirmed', 'completed'))
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_counselling_slot_taken(int) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_counselling_slot_taken(int) TO gonghui_app;
