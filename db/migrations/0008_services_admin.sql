ALTER TABLE "services" ADD COLUMN "origin" varchar(8) DEFAULT 'code' NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "admin_set" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_origin_check" CHECK ("services"."origin" in ('code', 'admin'));