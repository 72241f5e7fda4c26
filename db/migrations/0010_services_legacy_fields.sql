ALTER TABLE "services" ADD COLUMN "owner" varchar(256);--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "valid" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "external" boolean;