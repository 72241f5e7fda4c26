ALTER TABLE "services" DROP CONSTRAINT "services_required_scope_scopes_name_fk";
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "scopes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "unit_kind" varchar(32) DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "airflow_connection" varchar(64);--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_unit_kind_check" CHECK ("services"."unit_kind" in ('none', 'production_unit', 'sub_production_unit'));