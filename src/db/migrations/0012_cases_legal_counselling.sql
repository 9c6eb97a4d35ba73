CREATE TABLE "case_assignments" (
	"case_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "case_assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"role" text NOT NULL,
	"assigned_on" date NOT NULL,
	"ended_on" date,
	"assigned_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_assignments_case_id_id_pk" PRIMARY KEY("case_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_deadlines" (
	"case_id" integer NOT NULL,
	"key" text NOT NULL,
	"from_on" date NOT NULL,
	"due_on" date NOT NULL,
	"extended" boolean DEFAULT false NOT NULL,
	"met_on" date,
	CONSTRAINT "case_deadlines_case_id_key_pk" PRIMARY KEY("case_id","key")
);
--> statement-breakpoint
CREATE TABLE "case_documents" (
	"case_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "case_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"stage_seq" integer,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"stored_as" text NOT NULL,
	"note" text,
	"uploaded_by" integer NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_documents_case_id_id_pk" PRIMARY KEY("case_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"case_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "case_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"stage_seq" integer,
	"note" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_events_case_id_id_pk" PRIMARY KEY("case_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_stages" (
	"case_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"stage" text NOT NULL,
	"role" text NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"outcome" text,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"note" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_stages_case_id_seq_pk" PRIMARY KEY("case_id","seq"),
	CONSTRAINT "case_stages_amount" CHECK ("case_stages"."amount_fen" >= 0),
	CONSTRAINT "case_stages_period" CHECK ("case_stages"."ended_on" IS NULL OR "case_stages"."ended_on" >= "case_stages"."started_on")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"stage" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_on" date NOT NULL,
	"closed_on" date,
	"result" text,
	"result_note" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_status_check" CHECK ("cases"."status" in ('open','closed')),
	CONSTRAINT "cases_closed_consistent" CHECK (("cases"."status" = 'closed') = ("cases"."closed_on" IS NOT NULL AND "cases"."result" IS NOT NULL)),
	CONSTRAINT "cases_closed_after_opened" CHECK ("cases"."closed_on" IS NULL OR "cases"."closed_on" >= "cases"."opened_on")
);
--> statement-breakpoint
CREATE TABLE "lawyer_units" (
	"lawyer_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "lawyer_units_lawyer_id_unit_id_pk" PRIMARY KEY("lawyer_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "lawyers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lawyers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"user_id" integer,
	"name" text NOT NULL,
	"licence_no" text NOT NULL,
	"firm" text NOT NULL,
	"phone" text,
	"available" boolean DEFAULT true NOT NULL,
	"availability_note" text,
	"active" boolean DEFAULT true NOT NULL,
	"joined_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lawyers_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "lawyers_licence_no_unique" UNIQUE("licence_no")
);
--> statement-breakpoint
CREATE TABLE "legal_aid_requests" (
	"case_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "legal_aid_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"party_id" integer NOT NULL,
	"requested_on" date NOT NULL,
	"reason" text NOT NULL,
	"decision" text DEFAULT 'pending' NOT NULL,
	"decided_on" date,
	"decided_by" integer,
	"decision_note" text,
	"lawyer_id" integer,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_aid_requests_case_id_id_pk" PRIMARY KEY("case_id","id"),
	CONSTRAINT "legal_aid_decision_check" CHECK ("legal_aid_requests"."decision" in ('pending','granted','refused')),
	CONSTRAINT "legal_aid_granted_has_lawyer" CHECK ("legal_aid_requests"."decision" <> 'granted' OR "legal_aid_requests"."lawyer_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "legal_disputes" (
	"case_id" integer PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"channel_note" text,
	"dispute_type" text NOT NULL,
	"claimed_fen" bigint DEFAULT 0 NOT NULL,
	"collective" boolean DEFAULT false NOT NULL,
	"employer_name" text NOT NULL,
	"employer_credit_code" text,
	"enterprise_id" integer,
	"facts_sealed" text,
	CONSTRAINT "legal_disputes_channel_check" CHECK ("legal_disputes"."channel" in ('station','hotline','portal','referral','arbitration_committee','court')),
	CONSTRAINT "legal_disputes_type_check" CHECK ("legal_disputes"."dispute_type" in ('wages','social_insurance','termination','work_injury','overtime','other')),
	CONSTRAINT "legal_disputes_claimed" CHECK ("legal_disputes"."claimed_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "legal_parties" (
	"case_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "legal_parties_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"id_hash" text NOT NULL,
	"id_sealed" text NOT NULL,
	"id_masked" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"phone" text,
	"migrant_worker" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_parties_case_id_id_pk" PRIMARY KEY("case_id","id")
);
--> statement-breakpoint
CREATE TABLE "counselling_appointments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "counselling_appointments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"slot_id" integer NOT NULL,
	"counsellor_id" integer NOT NULL,
	"requested_by" text NOT NULL,
	"client_name" text NOT NULL,
	"client_phone" text,
	"topic" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"completed_at" timestamp with time zone,
	"created_by" integer NOT NULL,
	CONSTRAINT "counselling_appointments_status_check" CHECK ("counselling_appointments"."status" in ('requested','confirmed','cancelled','completed','no_show')),
	CONSTRAINT "counselling_appointments_requester_check" CHECK ("counselling_appointments"."requested_by" in ('worker','union'))
);
--> statement-breakpoint
CREATE TABLE "counselling_follow_ups" (
	"appointment_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "counselling_follow_ups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"method" text NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	"created_by" integer NOT NULL,
	CONSTRAINT "counselling_follow_ups_appointment_id_id_pk" PRIMARY KEY("appointment_id","id")
);
--> statement-breakpoint
CREATE TABLE "counselling_notes" (
	"appointment_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "counselling_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"counsellor_user_id" integer NOT NULL,
	"body_sealed" text NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "counselling_notes_appointment_id_id_pk" PRIMARY KEY("appointment_id","id")
);
--> statement-breakpoint
CREATE TABLE "counselling_rooms" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "counselling_rooms_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "counselling_slots" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "counselling_slots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"counsellor_id" integer NOT NULL,
	"room_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"withdrawn" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "counselling_slots_period" CHECK ("counselling_slots"."ends_at" > "counselling_slots"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "counsellor_units" (
	"counsellor_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "counsellor_units_counsellor_id_unit_id_pk" PRIMARY KEY("counsellor_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "counsellors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "counsellors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"user_id" integer,
	"name" text NOT NULL,
	"qualification" text NOT NULL,
	"qualification_no" text,
	"phone" text,
	"available" boolean DEFAULT true NOT NULL,
	"availability_note" text,
	"active" boolean DEFAULT true NOT NULL,
	"joined_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "counsellors_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_deadlines" ADD CONSTRAINT "case_deadlines_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_stages" ADD CONSTRAINT "case_stages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lawyer_units" ADD CONSTRAINT "lawyer_units_lawyer_id_lawyers_id_fk" FOREIGN KEY ("lawyer_id") REFERENCES "public"."lawyers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lawyer_units" ADD CONSTRAINT "lawyer_units_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lawyers" ADD CONSTRAINT "lawyers_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lawyers" ADD CONSTRAINT "lawyers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_requests" ADD CONSTRAINT "legal_aid_requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_requests" ADD CONSTRAINT "legal_aid_requests_lawyer_id_lawyers_id_fk" FOREIGN KEY ("lawyer_id") REFERENCES "public"."lawyers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_disputes" ADD CONSTRAINT "legal_disputes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_disputes" ADD CONSTRAINT "legal_disputes_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_parties" ADD CONSTRAINT "legal_parties_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselling_appointments" ADD CONSTRAINT "counselling_appointments_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselling_appointments" ADD CONSTRAINT "counselling_appointments_slot_id_counselling_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."counselling_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselling_appointments" ADD CONSTRAINT "counselling_appointments_counsellor_id_counsellors_id_fk" FOREIGN KEY ("counsellor_id") REFERENCES "public"."counsellors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselling_follow_ups" ADD CONSTRAINT "counselling_follow_ups_appointment_id_counselling_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."counselling_appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselling_notes" ADD CONSTRAINT "counselling_notes_appointment_id_counselling_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."counselling_appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselling_notes" ADD CONSTRAINT "counselling_notes_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselling_notes" ADD CONSTRAINT "counselling_notes_counsellor_user_id_users_id_fk" FOREIGN KEY ("counsellor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselling_rooms" ADD CONSTRAINT "counselling_rooms_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselling_slots" ADD CONSTRAINT "counselling_slots_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselling_slots" ADD CONSTRAINT "counselling_slots_counsellor_id_counsellors_id_fk" FOREIGN KEY ("counsellor_id") REFERENCES "public"."counsellors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselling_slots" ADD CONSTRAINT "counselling_slots_room_id_counselling_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."counselling_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counsellor_units" ADD CONSTRAINT "counsellor_units_counsellor_id_counsellors_id_fk" FOREIGN KEY ("counsellor_id") REFERENCES "public"."counsellors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counsellor_units" ADD CONSTRAINT "counsellor_units_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counsellors" ADD CONSTRAINT "counsellors_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counsellors" ADD CONSTRAINT "counsellors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_assignments_one_current" ON "case_assignments" USING btree ("case_id","user_id") WHERE "case_assignments"."ended_on" IS NULL;--> statement-breakpoint
CREATE INDEX "case_assignments_user_idx" ON "case_assignments" USING btree ("user_id") WHERE "case_assignments"."ended_on" IS NULL;--> statement-breakpoint
CREATE INDEX "case_deadlines_due_idx" ON "case_deadlines" USING btree ("due_on") WHERE "case_deadlines"."met_on" IS NULL;--> statement-breakpoint
CREATE INDEX "case_documents_id_idx" ON "case_documents" USING btree ("id");--> statement-breakpoint
CREATE INDEX "case_events_kind_idx" ON "case_events" USING btree ("case_id","kind");--> statement-breakpoint
CREATE INDEX "case_stages_stage_idx" ON "case_stages" USING btree ("stage","started_on");--> statement-breakpoint
CREATE INDEX "cases_unit_idx" ON "cases" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "cases_kind_opened_idx" ON "cases" USING btree ("kind","opened_on");--> statement-breakpoint
CREATE INDEX "lawyer_units_unit_idx" ON "lawyer_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "lawyers_unit_idx" ON "lawyers" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "legal_aid_requests_id_idx" ON "legal_aid_requests" USING btree ("id");--> statement-breakpoint
CREATE INDEX "legal_disputes_employer_idx" ON "legal_disputes" USING btree ("employer_credit_code");--> statement-breakpoint
CREATE INDEX "legal_parties_hash_idx" ON "legal_parties" USING btree ("id_hash");--> statement-breakpoint
CREATE INDEX "legal_parties_id_idx" ON "legal_parties" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "counselling_appointments_one_per_slot" ON "counselling_appointments" USING btree ("slot_id") WHERE "counselling_appointments"."status" in ('requested','confirmed','completed');--> statement-breakpoint
CREATE INDEX "counselling_appointments_unit_idx" ON "counselling_appointments" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "counselling_appointments_counsellor_idx" ON "counselling_appointments" USING btree ("counsellor_id");--> statement-breakpoint
CREATE INDEX "counselling_follow_ups_id_idx" ON "counselling_follow_ups" USING btree ("id");--> statement-breakpoint
CREATE INDEX "counselling_slots_time_idx" ON "counselling_slots" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "counsellor_units_unit_idx" ON "counsellor_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "counsellors_unit_idx" ON "counsellors" USING btree ("unit_id");