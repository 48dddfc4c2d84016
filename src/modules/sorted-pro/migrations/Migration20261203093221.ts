import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261203093221 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "sorted_pro_label_job" ("id" text not null, "status" text check ("status" in ('running', 'done', 'failed')) not null default 'running', "references" text[] not null default '{}', "total" integer not null default 0, "fetched" integer not null default 0, "merged" integer not null default 0, "failed" jsonb null, "pages" integer null, "bytes" integer null, "error" text null, "file_id" text null, "finished_at" timestamptz null, "expires_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "sorted_pro_label_job_pkey" primary key ("id"));`
    )
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_sorted_pro_label_job_expires_at" ON "sorted_pro_label_job" ("expires_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_sorted_pro_label_job_deleted_at" ON "sorted_pro_label_job" ("deleted_at") WHERE deleted_at IS NULL;`)

    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_sorted_pro_consignment_sync_status" ON "sorted_pro_consignment" ("sync_status") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_sorted_pro_consignment_carrier_reference" ON "sorted_pro_consignment" ("carrier_reference") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_sorted_pro_consignment_stock_location_id" ON "sorted_pro_consignment" ("stock_location_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_sorted_pro_consignment_shipping_location_reference" ON "sorted_pro_consignment" ("shipping_location_reference") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_sorted_pro_consignment_created_at_id" ON "sorted_pro_consignment" ("created_at", "id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_sorted_pro_consignment_updated_at_id" ON "sorted_pro_consignment" ("updated_at", "id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_sorted_pro_consignment_state_id" ON "sorted_pro_consignment" ("state", "id") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "sorted_pro_label_job" cascade;`)

    this.addSql(`drop index if exists "IDX_sorted_pro_consignment_sync_status";`)
    this.addSql(`drop index if exists "IDX_sorted_pro_consignment_carrier_reference";`)
    this.addSql(`drop index if exists "IDX_sorted_pro_consignment_stock_location_id";`)
    this.addSql(`drop index if exists "IDX_sorted_pro_consignment_shipping_location_reference";`)
    this.addSql(`drop index if exists "IDX_sorted_pro_consignment_created_at_id";`)
    this.addSql(`drop index if exists "IDX_sorted_pro_consignment_updated_at_id";`)
    this.addSql(`drop index if exists "IDX_sorted_pro_consignment_state_id";`)
  }
}
