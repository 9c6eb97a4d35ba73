CREATE TABLE "code_lists" (
	"list" text NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "code_lists_list_code_pk" PRIMARY KEY("list","code")
);
--> statement-breakpoint
CREATE TABLE "enterprise_headcounts" (
	"enterprise_id" integer NOT NULL,
	"as_of" date NOT NULL,
	"employees" integer NOT NULL,
	CONSTRAINT "enterprise_headcounts_enterprise_id_as_of_pk" PRIMARY KEY("enterprise_id","as_of"),
	CONSTRAINT "headcount_nonneg" CHECK ("enterprise_headcounts"."employees" >= 0)
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enterprises_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"credit_code" text NOT NULL,
	"name" text NOT NULL,
	"industry" text NOT NULL,
	"ownership" text NOT NULL,
	"division_code" text,
	"above_scale" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"registered_on" date NOT NULL,
	"closed_on" date,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_credit_code_unique" UNIQUE("credit_code"),
	CONSTRAINT "enterprises_status_check" CHECK ("enterprises"."status" in ('active','closed'))
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"union_unit_id" integer NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "memberships_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"enterprise_id" integer,
	"joined_on" date NOT NULL,
	"left_on" date,
	"leave_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_union_unit_id_id_pk" PRIMARY KEY("union_unit_id","id"),
	CONSTRAINT "memberships_period" CHECK ("memberships"."left_on" IS NULL OR "memberships"."left_on" >= "memberships"."joined_on")
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "persons_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"id_hash" text NOT NULL,
	"id_sealed" text NOT NULL,
	"id_masked" text NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"phone" text,
	"migrant_worker" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_id_hash_unique" UNIQUE("id_hash")
);
--> statement-breakpoint
CREATE TABLE "union_coverages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "union_coverages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"enterprise_id" integer NOT NULL,
	"union_unit_id" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "union_coverages_period" CHECK ("union_coverages"."valid_to" IS NULL OR "union_coverages"."valid_to" > "union_coverages"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "union_profiles" (
	"unit_id" integer PRIMARY KEY NOT NULL,
	"union_type" text NOT NULL,
	"founded_on" date NOT NULL,
	"chair_name" text,
	"committee_formed" boolean DEFAULT false NOT NULL,
	"signboard_shown_on" date,
	"chair_shown_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enterprise_headcounts" ADD CONSTRAINT "enterprise_headcounts_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_union_unit_id_org_units_id_fk" FOREIGN KEY ("union_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_coverages" ADD CONSTRAINT "union_coverages_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_coverages" ADD CONSTRAINT "union_coverages_union_unit_id_org_units_id_fk" FOREIGN KEY ("union_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "union_profiles" ADD CONSTRAINT "union_profiles_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprises_unit_idx" ON "enterprises" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_one_current" ON "memberships" USING btree ("person_id") WHERE "memberships"."left_on" IS NULL;--> statement-breakpoint
CREATE INDEX "memberships_person_idx" ON "memberships" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "memberships_enterprise_idx" ON "memberships" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "union_coverages_one_current" ON "union_coverages" USING btree ("enterprise_id") WHERE "union_coverages"."valid_to" IS NULL;--> statement-breakpoint
CREATE INDEX "union_coverages_union_idx" ON "union_coverages" USING btree ("union_unit_id");