DROP INDEX "orders_client_status_received_idx";--> statement-breakpoint
DROP INDEX "orders_client_received_idx";--> statement-breakpoint
DROP INDEX "orders_status_received_idx";--> statement-breakpoint
DROP INDEX "orders_service_received_idx";--> statement-breakpoint
CREATE INDEX "orders_client_service_received_idx" ON "orders" USING btree ("api_client_id","service_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_received_idx" ON "orders" USING btree ("received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_client_status_received_idx" ON "orders" USING btree ("api_client_id","status","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_client_received_idx" ON "orders" USING btree ("api_client_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_status_received_idx" ON "orders" USING btree ("status","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_service_received_idx" ON "orders" USING btree ("service_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);