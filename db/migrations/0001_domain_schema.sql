CREATE TYPE "public"."actor_type" AS ENUM('user', 'client', 'system', 'anonymous');--> statement-breakpoint
CREATE TYPE "public"."client_auth_method" AS ENUM('client_secret_basic', 'client_secret_post', 'private_key_jwt');--> statement-breakpoint
CREATE TYPE "public"."log_level" AS ENUM('DEBUG', 'INFO', 'WARNING', 'ERROR');--> statement-breakpoint
CREATE TYPE "public"."manual_task_state" AS ENUM('NOT_STARTED', 'RUNNING', 'SUCCESS', 'FAILED');--> statement-breakpoint
CREATE TYPE "public"."order_status" AS ENUM('RECEIVED', 'QUEUED', 'RUNNING', 'SUCCESS', 'FAILED', 'INVALID', 'ABORTED');--> statement-breakpoint
CREATE TYPE "public"."product_kind" AS ENUM('raster', 'vector');--> statement-breakpoint
CREATE TYPE "public"."service_engine" AS ENUM('embedded', 'airflow');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'operator', 'viewer');--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" varchar(16),
	"first_name" varchar(64) NOT NULL,
	"last_name" varchar(64) NOT NULL,
	"email" varchar(254) NOT NULL,
	"company_name" varchar(1024),
	"address" varchar(256),
	"city" varchar(64),
	"zip_code" varchar(16),
	"country" varchar(64),
	"nationality" varchar(64),
	"phone_number" varchar(64),
	"notes" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "customers_email_check" CHECK ("customers"."email" ~ '^[^@\s]+@[^@\s]+$')
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" varchar(254) NOT NULL,
	"name" varchar(128),
	"password_hash" text,
	"role" "user_role" DEFAULT 'viewer' NOT NULL,
	"must_change_password_at" timestamp with time zone,
	"last_sign_in_at" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_check" CHECK ("users"."email" ~ '^[^@\s]+@[^@\s]+$')
);
--> statement-breakpoint
CREATE TABLE "api_client_scopes" (
	"api_client_id" uuid NOT NULL,
	"scope" varchar(64) NOT NULL,
	CONSTRAINT "api_client_scopes_api_client_id_scope_pk" PRIMARY KEY("api_client_id","scope")
);
--> statement-breakpoint
CREATE TABLE "api_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" varchar(64) NOT NULL,
	"customer_id" uuid NOT NULL,
	"name" varchar(128) NOT NULL,
	"auth_method" "client_auth_method" DEFAULT 'client_secret_basic' NOT NULL,
	"disabled_at" timestamp with time zone,
	"last_token_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_clients_client_id_unique" UNIQUE("client_id")
);
--> statement-breakpoint
CREATE TABLE "client_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"api_client_id" uuid NOT NULL,
	"kid" varchar(128) NOT NULL,
	"jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "client_keys_public_only_check" CHECK (NOT ("client_keys"."jwk" ? 'd'))
);
--> statement-breakpoint
CREATE TABLE "client_secrets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"api_client_id" uuid NOT NULL,
	"secret_hash" text NOT NULL,
	"hint" varchar(8) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "revoked_tokens" (
	"jti" varchar(64) PRIMARY KEY NOT NULL,
	"api_client_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scopes" (
	"name" varchar(64) PRIMARY KEY NOT NULL,
	"description" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scopes_name_check" CHECK ("scopes"."name" ~ '^[a-z][a-z0-9_:.-]*$')
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"kid" varchar(64) PRIMARY KEY NOT NULL,
	"alg" varchar(16) NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_jwk_encrypted" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	"published_until" timestamp with time zone,
	CONSTRAINT "signing_keys_alg_check" CHECK ("signing_keys"."alg" IN ('ES256', 'EdDSA'))
);
--> statement-breakpoint
CREATE TABLE "used_assertions" (
	"issuer" varchar(128) NOT NULL,
	"jti" varchar(256) NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "used_assertions_issuer_jti_pk" PRIMARY KEY("issuer","jti")
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(64) NOT NULL,
	"title" varchar(256) NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"engine" "service_engine" NOT NULL,
	"dag_id" varchar(250) NOT NULL,
	"dag_version" integer DEFAULT 1 NOT NULL,
	"parameter_schema" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"required_scope" varchar(64),
	"visible" boolean DEFAULT true NOT NULL,
	"per_production_unit" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "services_name_unique" UNIQUE("name"),
	CONSTRAINT "services_name_check" CHECK ("services"."name" ~ '^[a-z][a-z0-9_]*$'),
	CONSTRAINT "services_dag_id_check" CHECK ("services"."dag_id" ~ '^[A-Za-z0-9_.-]+$')
);
--> statement-breakpoint
CREATE TABLE "manual_task_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(128) NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner" varchar(128),
	"requires_order" boolean DEFAULT false NOT NULL,
	"position" real DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "manual_task_types_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "manual_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"production_unit_id" integer NOT NULL,
	"service_id" uuid NOT NULL,
	"task_type_id" uuid NOT NULL,
	"state" "manual_task_state" DEFAULT 'NOT_STARTED' NOT NULL,
	"result" text,
	"comment" varchar(2000),
	"order_id" uuid,
	"recorded_by" uuid,
	"started_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "manual_tasks_stopped_check" CHECK (("manual_tasks"."state" IN ('SUCCESS', 'FAILED')) = ("manual_tasks"."stopped_at" IS NOT NULL)),
	CONSTRAINT "manual_tasks_times_check" CHECK ("manual_tasks"."stopped_at" IS NULL OR "manual_tasks"."started_at" IS NULL OR "manual_tasks"."stopped_at" >= "manual_tasks"."started_at")
);
--> statement-breakpoint
CREATE TABLE "production_units" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(64) NOT NULL,
	"sub_production_unit_id" integer,
	"geom" geometry(MultiPolygon,3035) NOT NULL,
	"area_km2" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "production_units_code_unique" UNIQUE("code"),
	CONSTRAINT "production_units_area_check" CHECK ("production_units"."area_km2" > 0)
);
--> statement-breakpoint
CREATE TABLE "sub_production_units" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(64) NOT NULL,
	"name" varchar(128) NOT NULL,
	"partner" varchar(64),
	"geom" geometry(MultiPolygon,3035) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sub_production_units_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"from_status" "order_status",
	"to_status" "order_status" NOT NULL,
	"progress" real,
	"message" text,
	"source" varchar(64) NOT NULL,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"api_client_id" uuid,
	"user_id" uuid,
	"status" "order_status" DEFAULT 'RECEIVED' NOT NULL,
	"params" jsonb NOT NULL,
	"aoi" geometry(MultiPolygon,4326),
	"area_km2" double precision,
	"production_unit_id" integer,
	"idempotency_key" varchar(128),
	"progress" real DEFAULT 0 NOT NULL,
	"result" jsonb,
	"error_code" varchar(64),
	"error_message" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"queued_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deadline_at" timestamp with time zone,
	CONSTRAINT "orders_owner_check" CHECK (num_nonnulls("orders"."api_client_id", "orders"."user_id") <= 1),
	CONSTRAINT "orders_progress_check" CHECK ("orders"."progress" >= 0 AND "orders"."progress" <= 100),
	CONSTRAINT "orders_area_check" CHECK ("orders"."area_km2" IS NULL OR "orders"."area_km2" >= 0),
	CONSTRAINT "orders_final_stopped_check" CHECK (("orders"."status" IN ('SUCCESS', 'FAILED', 'INVALID', 'ABORTED')) = ("orders"."stopped_at" IS NOT NULL)),
	CONSTRAINT "orders_error_check" CHECK ("orders"."status" NOT IN ('FAILED', 'INVALID') OR ("orders"."error_code" IS NOT NULL AND "orders"."error_message" IS NOT NULL)),
	CONSTRAINT "orders_success_result_check" CHECK ("orders"."status" <> 'SUCCESS' OR "orders"."result" IS NOT NULL),
	CONSTRAINT "orders_times_check" CHECK (("orders"."started_at" IS NULL OR "orders"."started_at" >= "orders"."received_at") AND ("orders"."stopped_at" IS NULL OR "orders"."stopped_at" >= "orders"."received_at"))
);
--> statement-breakpoint
CREATE TABLE "packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid,
	"reuse_key" varchar(256),
	"file_name" varchar(256) NOT NULL,
	"storage_key" text NOT NULL,
	"bytes" bigint NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "packages_sha256_check" CHECK ("packages"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "packages_bytes_check" CHECK ("packages"."bytes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "rois" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"name" varchar(128) NOT NULL,
	"description" text,
	"geom" geometry(MultiPolygon,4326) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rois_geom_valid_check" CHECK (ST_IsValid("rois"."geom"))
);
--> statement-breakpoint
CREATE TABLE "nations" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(128) NOT NULL,
	"iso_code" varchar(2) NOT NULL,
	"file_code" varchar(2) NOT NULL,
	"epsg" integer,
	"boundary" geometry(MultiPolygon,4326),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nations_name_unique" UNIQUE("name"),
	CONSTRAINT "nations_iso_check" CHECK ("nations"."iso_code" ~ '^[A-Z]{2}$' AND "nations"."file_code" ~ '^[A-Z]{2}$'),
	CONSTRAINT "nations_epsg_check" CHECK ("nations"."epsg" IS NULL OR "nations"."epsg" BETWEEN 1024 AND 99999)
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(64) NOT NULL,
	"reference_year" integer NOT NULL,
	"kind" "product_kind" NOT NULL,
	"title" varchar(256) NOT NULL,
	"version" varchar(16) DEFAULT 'V1_1' NOT NULL,
	"store_location" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_year_check" CHECK ("products"."reference_year" BETWEEN 2000 AND 2100),
	CONSTRAINT "products_code_check" CHECK ("products"."code" ~ '^[a-z][a-z0-9_]*$')
);
--> statement-breakpoint
CREATE TABLE "store_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"product_id" integer NOT NULL,
	"group_name" varchar(128) NOT NULL,
	"production_unit_id" integer,
	"file_path" text NOT NULL,
	"extent" geometry(Polygon,3035) NOT NULL,
	"width" integer,
	"height" integer,
	"pixel_size" double precision,
	"feature_count" integer,
	"bytes" bigint,
	"sha256" varchar(64),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_groups_size_check" CHECK (("store_groups"."width" IS NULL OR "store_groups"."width" > 0) AND ("store_groups"."height" IS NULL OR "store_groups"."height" > 0)),
	CONSTRAINT "store_groups_pixel_check" CHECK ("store_groups"."pixel_size" IS NULL OR "store_groups"."pixel_size" > 0)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" "actor_type" NOT NULL,
	"actor_id" varchar(128),
	"action" varchar(64) NOT NULL,
	"target_type" varchar(32),
	"target_id" varchar(128),
	"ip" "inet",
	"request_id" varchar(64),
	"details" jsonb,
	CONSTRAINT "audit_log_action_check" CHECK ("audit_log"."action" ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$')
);
--> statement-breakpoint
CREATE TABLE "logs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"level" "log_level" NOT NULL,
	"service" varchar(64) NOT NULL,
	"order_id" uuid,
	"message" text NOT NULL,
	"context" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "logs_message_check" CHECK (length("logs"."message") BETWEEN 1 AND 65536)
);
--> statement-breakpoint
ALTER TABLE "api_client_scopes" ADD CONSTRAINT "api_client_scopes_api_client_id_api_clients_id_fk" FOREIGN KEY ("api_client_id") REFERENCES "public"."api_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_client_scopes" ADD CONSTRAINT "api_client_scopes_scope_scopes_name_fk" FOREIGN KEY ("scope") REFERENCES "public"."scopes"("name") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_keys" ADD CONSTRAINT "client_keys_api_client_id_api_clients_id_fk" FOREIGN KEY ("api_client_id") REFERENCES "public"."api_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_secrets" ADD CONSTRAINT "client_secrets_api_client_id_api_clients_id_fk" FOREIGN KEY ("api_client_id") REFERENCES "public"."api_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revoked_tokens" ADD CONSTRAINT "revoked_tokens_api_client_id_api_clients_id_fk" FOREIGN KEY ("api_client_id") REFERENCES "public"."api_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_required_scope_scopes_name_fk" FOREIGN KEY ("required_scope") REFERENCES "public"."scopes"("name") ON DELETE restrict ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "manual_tasks" ADD CONSTRAINT "manual_tasks_production_unit_id_production_units_id_fk" FOREIGN KEY ("production_unit_id") REFERENCES "public"."production_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_tasks" ADD CONSTRAINT "manual_tasks_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_tasks" ADD CONSTRAINT "manual_tasks_task_type_id_manual_task_types_id_fk" FOREIGN KEY ("task_type_id") REFERENCES "public"."manual_task_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_tasks" ADD CONSTRAINT "manual_tasks_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_tasks" ADD CONSTRAINT "manual_tasks_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production_units" ADD CONSTRAINT "production_units_sub_production_unit_id_sub_production_units_id_fk" FOREIGN KEY ("sub_production_unit_id") REFERENCES "public"."sub_production_units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_api_client_id_api_clients_id_fk" FOREIGN KEY ("api_client_id") REFERENCES "public"."api_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_production_unit_id_production_units_id_fk" FOREIGN KEY ("production_unit_id") REFERENCES "public"."production_units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packages" ADD CONSTRAINT "packages_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rois" ADD CONSTRAINT "rois_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_groups" ADD CONSTRAINT "store_groups_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_groups" ADD CONSTRAINT "store_groups_production_unit_id_production_units_id_fk" FOREIGN KEY ("production_unit_id") REFERENCES "public"."production_units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logs" ADD CONSTRAINT "logs_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customers_email_lower_key" ON "customers" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "customers" USING btree ("last_name","first_name");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "api_clients_customer_idx" ON "api_clients" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "client_keys_client_kid_key" ON "client_keys" USING btree ("api_client_id","kid");--> statement-breakpoint
CREATE INDEX "client_secrets_client_idx" ON "client_secrets" USING btree ("api_client_id");--> statement-breakpoint
CREATE INDEX "revoked_tokens_expires_idx" ON "revoked_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "signing_keys_one_active_key" ON "signing_keys" USING btree ((true)) WHERE "signing_keys"."retired_at" IS NULL;--> statement-breakpoint
CREATE INDEX "used_assertions_expires_idx" ON "used_assertions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "manual_tasks_unit_service_type_key" ON "manual_tasks" USING btree ("production_unit_id","service_id","task_type_id");--> statement-breakpoint
CREATE INDEX "manual_tasks_service_state_idx" ON "manual_tasks" USING btree ("service_id","state");--> statement-breakpoint
CREATE INDEX "manual_tasks_order_idx" ON "manual_tasks" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "production_units_geom_idx" ON "production_units" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "production_units_spu_idx" ON "production_units" USING btree ("sub_production_unit_id");--> statement-breakpoint
CREATE INDEX "sub_production_units_geom_idx" ON "sub_production_units" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "order_events_order_at_idx" ON "order_events" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_client_status_received_idx" ON "orders" USING btree ("api_client_id","status","received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_client_received_idx" ON "orders" USING btree ("api_client_id","received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_user_received_idx" ON "orders" USING btree ("user_id","received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_status_received_idx" ON "orders" USING btree ("status","received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_service_received_idx" ON "orders" USING btree ("service_id","received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_unit_idx" ON "orders" USING btree ("production_unit_id");--> statement-breakpoint
CREATE INDEX "orders_open_deadline_idx" ON "orders" USING btree ("deadline_at") WHERE "orders"."status" IN ('RECEIVED', 'QUEUED', 'RUNNING');--> statement-breakpoint
CREATE INDEX "orders_aoi_idx" ON "orders" USING gist ("aoi");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_client_idempotency_key" ON "orders" USING btree ("api_client_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "packages_order_idx" ON "packages" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "packages_live_expires_idx" ON "packages" USING btree ("expires_at") WHERE "packages"."deleted_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "packages_live_reuse_key" ON "packages" USING btree ("reuse_key") WHERE "packages"."deleted_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "rois_customer_name_key" ON "rois" USING btree ("customer_id","name");--> statement-breakpoint
CREATE INDEX "rois_geom_idx" ON "rois" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "nations_iso_idx" ON "nations" USING btree ("iso_code");--> statement-breakpoint
CREATE INDEX "nations_boundary_idx" ON "nations" USING gist ("boundary");--> statement-breakpoint
CREATE UNIQUE INDEX "products_code_year_key" ON "products" USING btree ("code","reference_year");--> statement-breakpoint
CREATE UNIQUE INDEX "store_groups_product_group_key" ON "store_groups" USING btree ("product_id","group_name");--> statement-breakpoint
CREATE INDEX "store_groups_extent_idx" ON "store_groups" USING gist ("extent");--> statement-breakpoint
CREATE INDEX "store_groups_unit_idx" ON "store_groups" USING btree ("production_unit_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_action_at_idx" ON "audit_log" USING btree ("action","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_actor_at_idx" ON "audit_log" USING btree ("actor_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "logs_order_at_idx" ON "logs" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "logs_at_idx" ON "logs" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "logs_service_at_idx" ON "logs" USING btree ("service","created_at" DESC NULLS LAST);