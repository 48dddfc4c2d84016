import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261203073146 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "sorted_pro_lease" ("id" text not null, "holder" text not null, "claimed_until" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "sorted_pro_lease_pkey" primary key ("id"));`
    )
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_sorted_pro_lease_deleted_at" ON "sorted_pro_lease" ("deleted_at") WHERE deleted_at IS NULL;`)

    this.addSql(
      `alter table if exists "sorted_pro_consignment" add column if not exists "cancel_status" text check ("cancel_status" in ('requested', 'done', 'refused')) null, add column if not exists "orphan" boolean not null default false;`
    )

    this.addSql(
      `alter table if exists "sorted_pro_order" add column if not exists "cancel_status" text check ("cancel_status" in ('requested', 'done', 'refused')) null;`
    )

    this.addSql(`alter table if exists "sorted_pro_setting" add column if not exists "reconcile_watermark" timestamptz null;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "sorted_pro_lease" cascade;`)

    this.addSql(`alter table if exists "sorted_pro_consignment" drop column if exists "cancel_status", drop column if exists "orphan";`)

    this.addSql(`alter table if exists "sorted_pro_order" drop column if exists "cancel_status";`)

    this.addSql(`alter table if exists "sorted_pro_setting" drop column if exists "reconcile_watermark";`)
  }
}
