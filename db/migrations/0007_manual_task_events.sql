CREATE TABLE "manual_task_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"manual_task_id" uuid NOT NULL,
	"from_state" "manual_task_state",
	"to_state" "manual_task_state" NOT NULL,
	"result" text,
	"order_id" uuid,
	"actor" varchar(160) NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "manual_task_events" ADD CONSTRAINT "manual_task_events_manual_task_id_manual_tasks_id_fk" FOREIGN KEY ("manual_task_id") REFERENCES "public"."manual_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "manual_task_events_task_idx" ON "manual_task_events" USING btree ("manual_task_id","at");