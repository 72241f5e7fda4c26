ALTER TABLE "services" DROP COLUMN "required_scope";--> statement-breakpoint
ALTER TABLE "services" DROP COLUMN "per_production_unit";