CREATE TABLE "coverage_tallies" (
	"unit_id" integer NOT NULL,
	"as_of" date NOT NULL,
	"enterprises" integer DEFAULT 0 NOT NULL,
	"covered_enterprises" integer DEFAULT 0 NOT NULL,
	"employees_in_covered" bigint DEFAULT 0 NOT NULL,
	"members_in_covered" integer DEFAULT 0 NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	"migrant_members" integer DEFAULT 0 NOT NULL,
	"unions" integer DEFAULT 0 NOT NULL,
	"shuangliang_required_unions" integer DEFAULT 0 NOT NULL,
	"shuangliang_unions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "coverage_tallies_unit_id_as_of_pk" PRIMARY KEY("unit_id","as_of")
);
--> statement-breakpoint
CREATE TABLE "coverage_tally_fresh" (
	"bucket_id" integer NOT NULL,
	"as_of" date NOT NULL,
	"counted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coverage_tally_fresh_bucket_id_as_of_pk" PRIMARY KEY("bucket_id","as_of")
);
--> statement-breakpoint
CREATE INDEX "coverage_tallies_as_of_idx" ON "coverage_tallies" USING btree ("as_of");