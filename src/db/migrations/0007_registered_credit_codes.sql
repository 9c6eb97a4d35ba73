-- Which of these credit codes are registered anywhere in the federation (an import must not
-- register an enterprise twice); tells nothing else about them.
CREATE FUNCTION gonghui_registered_credit_codes(p_codes text[]) RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT credit_code FROM enterprises WHERE credit_code = ANY(p_codes)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_registered_credit_codes(text[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_registered_credit_codes(text[]) TO gonghui_app;
