import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261122020611 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "sorted_pro_consignment" drop constraint if exists "sorted_pro_consignment_reference_unique";`)
    this.addSql(`alter table if exists "sorted_pro_consignment" drop constraint if exists "sorted_pro_consignment_customer_reference_unique";`)
    this.addSql(
      `create table if not exists "sorted_pro_consignment" ("id" text not null, "order_id" text not null, "fulfillment_id" text null, "customer_reference" text not null, "reference" text null, "flow" text check ("flow" in ('consumer_options', 'consumer_options_pickup', 'consumer_options_flex', 'order_flex')) not null, "sync_status" text check ("sync_status" in ('pending', 'synced', 'failed')) not null default 'pending', "state" text null, "delivery_option_reference" text null, "shipping_location_reference" text null, "carrier_reference" text null, "carrier_name" text null, "carrier_service_reference" text null, "carrier_service_name" text null, "tracking_numbers" text[] not null default '{}', "delivery_promise" jsonb null, "allocation_strategy" text null, "manifest_message" text null, "manifested_at" timestamptz null, "labels_printed_at" timestamptz null, "last_error" jsonb null, "attempts" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "sorted_pro_consignment_pkey" primary key ("id"));`
    )
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_sorted_pro_consignment_order_id" ON "sorted_pro_consignment" ("order_id") WHERE deleted_at IS NULL;`)
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_sorted_pro_consignment_customer_reference_unique" ON "sorted_pro_consignment" ("customer_reference") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_sorted_pro_consignment_reference_unique" ON "sorted_pro_consignment" ("reference") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_sorted_pro_consignment_deleted_at" ON "sorted_pro_consignment" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_sorted_pro_consignment_state" ON "sorted_pro_consignment" ("state") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "sorted_pro_consignment" cascade;`)
  }
}
