-- Many people at once (an import), passed as one array per column: find each by keyed hash or
-- create; returns hash → id. Arrays travel as parameters and are read without a JSON parse.
CREATE FUNCTION gonghui_persons_find_or_create_many(
  p_hash text[], p_sealed text[], p_masked text[], p_name text[], p_gender text[], p_birth date[], p_phone text[], p_migrant boolean[]
) RETURNS TABLE (id_hash text, id int)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  fresh_hash text[];
  fresh_id int[];
BEGIN
  WITH ins AS (
    INSERT INTO persons AS p (id_hash, id_sealed, id_masked, name, gender, birth_date, phone, migrant_worker)
    SELECT * FROM unnest(p_hash, p_sealed, p_masked, p_name, p_gender, p_birth, p_phone, p_migrant)
    ON CONFLICT ON CONSTRAINT persons_id_hash_unique DO NOTHING
    RETURNING p.id_hash, p.id
  )
  SELECT array_agg(ins.id_hash), array_agg(ins.id) INTO fresh_hash, fresh_id FROM ins;
  RETURN QUERY SELECT * FROM unnest(fresh_hash, fresh_id);
  -- Those already on file; read in a statement of its own, so one filed a moment ago by another
  -- transaction (the insert above waited for it, then skipped it) is found too.
  RETURN QUERY SELECT p.id_hash, p.id FROM persons p
    JOIN (SELECT unnest(p_hash) EXCEPT SELECT unnest(fresh_hash)) AS known(hash) ON p.id_hash = known.hash;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_persons_find_or_create_many(text[], text[], text[], text[], text[], date[], text[], boolean[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_persons_find_or_create_many(text[], text[], text[], text[], text[], date[], text[], boolean[]) TO gonghui_app;
--> statement-breakpoint
DROP FUNCTION gonghui_persons_find_or_create(jsonb);
