CREATE TABLE "airflow_connections" (
	"name" varchar(64) PRIMARY KEY NOT NULL,
	"url" varchar(2048) NOT NULL,
	"api_version" varchar(2) NOT NULL,
	"username" varchar(256) NOT NULL,
	"password_sealed" varchar(2048) NOT NULL,
	"timeout_ms" integer DEFAULT 10000 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "airflow_connections_api_version_check" CHECK ("airflow_connections"."api_version" in ('v1', 'v2')),
	CONSTRAINT "airflow_connections_name_check" CHECK ("airflow_connections"."name" ~ '^[a-z][a-z0-9_-]*$')
);
--> statement-breakpoint
CREATE TABLE "order_tasks" (
	"order_id" uuid NOT NULL,
	"task_id" varchar(250) NOT NULL,
	"map_index" integer DEFAULT -1 NOT NULL,
	"state" varchar(32),
	"try_number" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_tasks_order_id_task_id_map_index_pk" PRIMARY KEY("order_id","task_id","map_index")
);
--> statement-breakpoint
ALTER TABLE "order_tasks" ADD CONSTRAINT "order_tasks_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_tasks_order_idx" ON "order_tasks" USING btree ("order_id");