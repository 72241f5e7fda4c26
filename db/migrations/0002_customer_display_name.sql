ALTER TABLE "customers" DROP CONSTRAINT "customers_email_check";--> statement-breakpoint
DROP INDEX "customers_name_idx";--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "first_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "last_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "name" varchar(256);--> statement-breakpoint
-- Existing customers are named after the person (or the company when given).
UPDATE "customers" SET "name" = coalesce(nullif(trim("company_name"), ''), trim(coalesce("first_name", '') || ' ' || coalesce("last_name", '')));--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "name" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "customers" USING btree ("name");--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_name_check" CHECK (length(trim("customers"."name")) > 0);--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_email_check" CHECK ("customers"."email" IS NULL OR "customers"."email" ~ '^[^@\s]+@[^@\s]+$');