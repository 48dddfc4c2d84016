import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261122023317 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "sorted_pro_order" drop constraint if exists "sorted_pro_order_reference_unique";`)
    this.addSql(`alter table if exists "sorted_pro_order" drop constraint if exists "sorted_pro_order_customer_reference_unique";`)
    this.addSql(
      `create table if not exists "sorted_pro_order" ("id" text not null, "order_id" text not null, "customer_reference" text not null, "reference" text null, "flow" text check ("flow" in ('consumer_options_flex', 'order_flex')) not null, "sync_status" text check ("sync_status" in ('pending', 'synced', 'failed')) not null default 'pending', "delivery_option_reference" text null, "last_error" jsonb null, "attempts" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "sorted_pro_order_pkey" primary key ("id"));`
    )
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_sorted_pro_order_order_id" ON "sorted_pro_order" ("order_id") WHERE deleted_at IS NULL;`)
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_sorted_pro_order_customer_reference_unique" ON "sorted_pro_order" ("customer_reference") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_sorted_pro_order_reference_unique" ON "sorted_pro_order" ("reference") WHERE deleted_at IS NULL;`
    )
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_sorted_pro_order_deleted_at" ON "sorted_pro_order" ("deleted_at") WHERE deleted_at IS NULL;`)

    this.addSql(
      `create table if not exists "sorted_pro_setting" ("id" text not null, "shipping_locations" jsonb null, "allocation_strategy" jsonb null, "label_format" text null, "fallback_prices" jsonb null, "manifest_time" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "sorted_pro_setting_pkey" primary key ("id"));`
    )
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_sorted_pro_setting_deleted_at" ON "sorted_pro_setting" ("deleted_at") WHERE deleted_at IS NULL;`)

    this.addSql(
      `alter table if exists "sorted_pro_consignment" add column if not exists "pro_order_reference" text null, add column if not exists "stock_location_id" text null, add column if not exists "packages" jsonb null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "sorted_pro_order" cascade;`)

    this.addSql(`drop table if exists "sorted_pro_setting" cascade;`)

    this.addSql(
      `alter table if exists "sorted_pro_consignment" drop column if exists "pro_order_reference", drop column if exists "stock_location_id", drop column if exists "packages";`
    )
  }
}
