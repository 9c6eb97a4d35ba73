CREATE TABLE "ledger_accounts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"fund_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"kind" text NOT NULL,
	"code" text DEFAULT '' NOT NULL,
	"name" text NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_identity" UNIQUE("fund_id","unit_id","kind","code"),
	CONSTRAINT "ledger_accounts_kind_check" CHECK ("ledger_accounts"."kind" in ('source','pool','payable','paid')),
	CONSTRAINT "ledger_accounts_not_negative" CHECK ("ledger_accounts"."kind" = 'source' OR "ledger_accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"fund_id" integer NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "ledger_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"idempotency_key" text,
	"unit_id" integer NOT NULL,
	"memo" text NOT NULL,
	"ref_type" text,
	"ref_id" text,
	"posted_on" date NOT NULL,
	"posted_by" integer,
	"posted_by_name" text NOT NULL,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_fund_id_id_pk" PRIMARY KEY("fund_id","id"),
	CONSTRAINT "ledger_entries_idempotency" UNIQUE("fund_id","idempotency_key"),
	CONSTRAINT "ledger_entries_kind_check" CHECK ("ledger_entries"."kind" in ('raise','allocate','commit','release','pay','reverse'))
);
--> statement-breakpoint
CREATE TABLE "ledger_funds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_funds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_funds_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "ledger_lines" (
	"fund_id" integer NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "ledger_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entry_id" bigint NOT NULL,
	"account_id" integer NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "ledger_lines_fund_id_id_pk" PRIMARY KEY("fund_id","id"),
	CONSTRAINT "ledger_lines_amount_nonzero" CHECK ("ledger_lines"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "approval_chains" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "approval_chains_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"steps" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_decisions" (
	"request_id" integer NOT NULL,
	"step" integer NOT NULL,
	"kind" text NOT NULL,
	"level" text,
	"decided_by" integer,
	"decided_by_name" text NOT NULL,
	"unit_id" integer,
	"reason" text,
	"decided_on" date NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_decisions_request_id_step_pk" PRIMARY KEY("request_id","step"),
	CONSTRAINT "approval_decisions_kind_check" CHECK ("approval_decisions"."kind" in ('approve','reject','skip','notice_passed')),
	CONSTRAINT "approval_decisions_reason" CHECK ("approval_decisions"."kind" <> 'reject' OR length("approval_decisions"."reason") > 0)
);
--> statement-breakpoint
CREATE TABLE "approval_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "approval_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"chain_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"created_by" integer NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"notice_from" date,
	"notice_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "approval_requests_subject" UNIQUE("subject_type","subject_id"),
	CONSTRAINT "approval_requests_status_check" CHECK ("approval_requests"."status" in ('pending','in_notice','approved','rejected'))
);
--> statement-breakpoint
CREATE TABLE "hardship_attachments" (
	"household_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "hardship_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"stored_as" text NOT NULL,
	"note" text,
	"uploaded_by" integer NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hardship_attachments_household_id_id_pk" PRIMARY KEY("household_id","id")
);
--> statement-breakpoint
CREATE TABLE "hardship_events" (
	"household_id" integer NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "hardship_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"action" text NOT NULL,
	"on_date" date NOT NULL,
	"actor_id" integer,
	"actor_name" text NOT NULL,
	"details" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hardship_events_household_id_id_pk" PRIMARY KEY("household_id","id")
);
--> statement-breakpoint
CREATE TABLE "hardship_finances" (
	"household_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"annual_fen" bigint NOT NULL,
	"hardship_cost" boolean DEFAULT false NOT NULL,
	"note" text,
	CONSTRAINT "hardship_finances_household_id_seq_pk" PRIMARY KEY("household_id","seq"),
	CONSTRAINT "hardship_finances_kind" CHECK ("hardship_finances"."kind" in ('income','expense')),
	CONSTRAINT "hardship_finances_nonneg" CHECK ("hardship_finances"."annual_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "hardship_households" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hardship_households_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"status" text DEFAULT 'applied' NOT NULL,
	"intake" text DEFAULT 'new' NOT NULL,
	"worker_name" text NOT NULL,
	"id_hash" text NOT NULL,
	"id_sealed" text NOT NULL,
	"id_masked" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"ethnicity" text,
	"health" text,
	"disability" text,
	"employment" text,
	"employer" text,
	"industry" text,
	"housing" text,
	"phone" text,
	"address" text,
	"migrant_worker" boolean DEFAULT false NOT NULL,
	"employed_since" date,
	"main_cause" text NOT NULL,
	"secondary_causes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"bank_name" text,
	"bank_account_sealed" text,
	"bank_account_masked" text,
	"bank_account_hash" text,
	"accident" boolean DEFAULT false NOT NULL,
	"household_size" integer DEFAULT 1 NOT NULL,
	"grade" text,
	"grade_basis" jsonb,
	"applied_on" date NOT NULL,
	"notice_from" date,
	"notice_until" date,
	"filed_on" date,
	"next_review_due" date,
	"exited_on" date,
	"exit_reason" text,
	"created_by" integer NOT NULL,
	"verified_by" integer,
	"filed_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hardship_households_id_hash_unique" UNIQUE("id_hash"),
	CONSTRAINT "hardship_households_status_check" CHECK ("hardship_households"."status" in ('applied','verified','in_notice','filed','not_filed','exited')),
	CONSTRAINT "hardship_households_grade_check" CHECK ("hardship_households"."grade" IS NULL OR "hardship_households"."grade" in ('deep','relative','accident')),
	CONSTRAINT "hardship_households_secondary" CHECK (jsonb_array_length("hardship_households"."secondary_causes") <= 3)
);
--> statement-breakpoint
CREATE TABLE "hardship_members" (
	"household_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"birth_date" date,
	"id_hash" text,
	"id_sealed" text,
	"id_masked" text,
	"health" text,
	"occupation" text,
	"school_level" text,
	CONSTRAINT "hardship_members_household_id_seq_pk" PRIMARY KEY("household_id","seq")
);
--> statement-breakpoint
CREATE TABLE "hardship_standards" (
	"unit_id" integer NOT NULL,
	"valid_from" date NOT NULL,
	"minimum_living_fen" integer NOT NULL,
	"deep_pct" integer DEFAULT 100 NOT NULL,
	"relative_pct" integer DEFAULT 200 NOT NULL,
	"accident_cost_pct" integer DEFAULT 80 NOT NULL,
	"migrant_min_months" integer DEFAULT 12 NOT NULL,
	"review_months" integer DEFAULT 12 NOT NULL,
	"notice_days" integer DEFAULT 7 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hardship_standards_unit_id_valid_from_pk" PRIMARY KEY("unit_id","valid_from"),
	CONSTRAINT "hardship_standards_positive" CHECK ("hardship_standards"."minimum_living_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "relief_applications" (
	"campaign_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "relief_applications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"subject_key" text NOT NULL,
	"household_id" integer,
	"archived" boolean NOT NULL,
	"grade" text,
	"name" text NOT NULL,
	"id_masked" text NOT NULL,
	"people" integer DEFAULT 1 NOT NULL,
	"guardian_name" text,
	"school" text,
	"school_level" text,
	"funded_elsewhere" boolean DEFAULT false NOT NULL,
	"bank_name" text,
	"bank_account_sealed" text,
	"bank_account_masked" text,
	"eligibility" jsonb NOT NULL,
	"amount_fen" bigint NOT NULL,
	"approval_request_id" integer NOT NULL,
	"batch_id" integer,
	"paid_on" date,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relief_applications_campaign_id_id_pk" PRIMARY KEY("campaign_id","id"),
	CONSTRAINT "relief_applications_one_per_subject" UNIQUE("campaign_id","subject_key"),
	CONSTRAINT "relief_applications_amount" CHECK ("relief_applications"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "relief_batches" (
	"campaign_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "relief_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"status" text DEFAULT 'prepared' NOT NULL,
	"count" integer NOT NULL,
	"total_fen" bigint NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"exported_at" timestamp with time zone,
	"paid_on" date,
	"bank_reference" text,
	"confirmed_by" integer,
	CONSTRAINT "relief_batches_campaign_id_id_pk" PRIMARY KEY("campaign_id","id")
);
--> statement-breakpoint
CREATE TABLE "relief_campaigns" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "relief_campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"name" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"rules" jsonb NOT NULL,
	"standards" jsonb NOT NULL,
	"chain_id" integer NOT NULL,
	"fund_id" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relief_campaigns_period" CHECK ("relief_campaigns"."period_to" >= "relief_campaigns"."period_from"),
	CONSTRAINT "relief_campaigns_subject_check" CHECK ("relief_campaigns"."subject" in ('household','student'))
);
--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_fund_id_ledger_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."ledger_funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_fund_id_ledger_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."ledger_funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_funds" ADD CONSTRAINT "ledger_funds_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_entry_fk" FOREIGN KEY ("fund_id","entry_id") REFERENCES "public"."ledger_entries"("fund_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_chains" ADD CONSTRAINT "approval_chains_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_request_id_approval_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."approval_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_chain_id_approval_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."approval_chains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_attachments" ADD CONSTRAINT "hardship_attachments_household_id_hardship_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."hardship_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_events" ADD CONSTRAINT "hardship_events_household_id_hardship_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."hardship_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_finances" ADD CONSTRAINT "hardship_finances_household_id_hardship_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."hardship_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_households" ADD CONSTRAINT "hardship_households_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_members" ADD CONSTRAINT "hardship_members_household_id_hardship_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."hardship_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_standards" ADD CONSTRAINT "hardship_standards_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_applications" ADD CONSTRAINT "relief_applications_campaign_id_relief_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."relief_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_applications" ADD CONSTRAINT "relief_applications_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_applications" ADD CONSTRAINT "relief_applications_household_id_hardship_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."hardship_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_batches" ADD CONSTRAINT "relief_batches_campaign_id_relief_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."relief_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_batches" ADD CONSTRAINT "relief_batches_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_campaigns" ADD CONSTRAINT "relief_campaigns_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_campaigns" ADD CONSTRAINT "relief_campaigns_chain_id_approval_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."approval_chains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_campaigns" ADD CONSTRAINT "relief_campaigns_fund_id_ledger_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."ledger_funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_accounts_unit_idx" ON "ledger_accounts" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_ref_idx" ON "ledger_entries" USING btree ("ref_type","ref_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_unit_idx" ON "ledger_entries" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "ledger_funds_unit_idx" ON "ledger_funds" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "ledger_lines_entry_idx" ON "ledger_lines" USING btree ("fund_id","entry_id");--> statement-breakpoint
CREATE INDEX "ledger_lines_account_idx" ON "ledger_lines" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "approval_requests_unit_idx" ON "approval_requests" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "approval_requests_chain_status_idx" ON "approval_requests" USING btree ("chain_id","status","step");--> statement-breakpoint
CREATE INDEX "hardship_attachments_id_idx" ON "hardship_attachments" USING btree ("id");--> statement-breakpoint
CREATE INDEX "hardship_households_unit_idx" ON "hardship_households" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "hardship_households_review_idx" ON "hardship_households" USING btree ("next_review_due");--> statement-breakpoint
CREATE INDEX "hardship_members_id_hash_idx" ON "hardship_members" USING btree ("id_hash");--> statement-breakpoint
CREATE INDEX "relief_applications_id_idx" ON "relief_applications" USING btree ("id");--> statement-breakpoint
CREATE INDEX "relief_applications_unit_idx" ON "relief_applications" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "relief_applications_batch_idx" ON "relief_applications" USING btree ("campaign_id","batch_id");--> statement-breakpoint
CREATE INDEX "relief_batches_id_idx" ON "relief_batches" USING btree ("id");--> statement-breakpoint
CREATE INDEX "relief_batches_unit_idx" ON "relief_batches" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "relief_campaigns_unit_idx" ON "relief_campaigns" USING btree ("unit_id");