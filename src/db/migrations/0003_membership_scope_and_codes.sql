-- Membership: scope policies, the person look-up function, and the code lists.
GRANT SELECT ON code_lists TO gonghui_app;
--> statement-breakpoint
ALTER TABLE enterprises ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY enterprises_in_scope ON enterprises TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON enterprises TO gonghui_app;
--> statement-breakpoint
ALTER TABLE enterprise_headcounts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY enterprise_headcounts_in_scope ON enterprise_headcounts TO gonghui_app USING (enterprise_id IN (SELECT id FROM enterprises));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON enterprise_headcounts TO gonghui_app;
--> statement-breakpoint
ALTER TABLE union_profiles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY union_profiles_in_scope ON union_profiles TO gonghui_app USING (unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON union_profiles TO gonghui_app;
--> statement-breakpoint
ALTER TABLE union_coverages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY union_coverages_in_scope ON union_coverages TO gonghui_app
  USING (union_unit_id IN (SELECT id FROM org_units) AND enterprise_id IN (SELECT id FROM enterprises));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON union_coverages TO gonghui_app;
--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY memberships_in_scope ON memberships TO gonghui_app USING (union_unit_id IN (SELECT id FROM org_units));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON memberships TO gonghui_app;
--> statement-breakpoint
ALTER TABLE persons ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- A person is visible only through a membership (current or past) in the user's scope.
CREATE POLICY persons_through_membership ON persons TO gonghui_app USING (id IN (SELECT person_id FROM memberships));
--> statement-breakpoint
GRANT SELECT, UPDATE ON persons TO gonghui_app;
--> statement-breakpoint
-- One person per ID number across the federation: find by keyed hash, or create. Never changes
-- an existing person (who may belong to another county).
CREATE FUNCTION gonghui_person_find_or_create(
  p_hash text, p_sealed text, p_masked text, p_name text, p_gender text, p_birth date, p_phone text, p_migrant boolean
) RETURNS int LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE pid int;
BEGIN
  INSERT INTO persons (id_hash, id_sealed, id_masked, name, gender, birth_date, phone, migrant_worker)
  VALUES (p_hash, p_sealed, p_masked, p_name, p_gender, p_birth, p_phone, p_migrant)
  ON CONFLICT (id_hash) DO NOTHING RETURNING id INTO pid;
  IF pid IS NULL THEN SELECT id INTO pid FROM persons WHERE id_hash = p_hash; END IF;
  RETURN pid;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_person_find_or_create(text, text, text, text, text, date, text, boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_person_find_or_create(text, text, text, text, text, date, text, boolean) TO gonghui_app;
--> statement-breakpoint
-- Where a person's current membership is, told only at county level (what any cadre may know),
-- so a union can ask for a transfer instead of creating a duplicate.
CREATE FUNCTION gonghui_current_membership_county(p_person int) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.name FROM memberships m
    JOIN org_units u ON u.id = m.union_unit_id
    JOIN org_units c ON c.id = split_part(u.path, '/', 3)::int
   WHERE m.person_id = p_person AND m.left_on IS NULL
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION gonghui_current_membership_county(int) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION gonghui_current_membership_county(int) TO gonghui_app;
--> statement-breakpoint
INSERT INTO code_lists (list, code, label, sort) VALUES
  ('industry', 'A', '农、林、牧、渔业', 1), ('industry', 'B', '采矿业', 2), ('industry', 'C', '制造业', 3),
  ('industry', 'D', '电力、热力、燃气及水生产和供应业', 4), ('industry', 'E', '建筑业', 5), ('industry', 'F', '批发和零售业', 6),
  ('industry', 'G', '交通运输、仓储和邮政业', 7), ('industry', 'H', '住宿和餐饮业', 8), ('industry', 'I', '信息传输、软件和信息技术服务业', 9),
  ('industry', 'J', '金融业', 10), ('industry', 'K', '房地产业', 11), ('industry', 'L', '租赁和商务服务业', 12),
  ('industry', 'M', '科学研究和技术服务业', 13), ('industry', 'N', '水利、环境和公共设施管理业', 14), ('industry', 'O', '居民服务、修理和其他服务业', 15),
  ('industry', 'P', '教育', 16), ('industry', 'Q', '卫生和社会工作', 17), ('industry', 'R', '文化、体育和娱乐业', 18),
  ('industry', 'S', '公共管理、社会保障和社会组织', 19), ('industry', 'T', '国际组织', 20),
  ('ownership', '110', '国有企业', 1), ('ownership', '120', '集体企业', 2), ('ownership', '130', '股份合作企业', 3),
  ('ownership', '140', '联营企业', 4), ('ownership', '150', '有限责任公司', 5), ('ownership', '160', '股份有限公司', 6),
  ('ownership', '170', '私营企业', 7), ('ownership', '190', '其他企业', 8), ('ownership', '200', '港澳台商投资企业', 9),
  ('ownership', '300', '外商投资企业', 10);
