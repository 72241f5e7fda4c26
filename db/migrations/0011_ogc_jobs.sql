ALTER TABLE "orders" ADD COLUMN "ogc" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "dismissed_at" timestamp with time zone;