import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261203073415 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "sorted_pro_consignment" add column if not exists "tracked_at" timestamptz null;`)

    this.addSql(`alter table if exists "sorted_pro_setting" add column if not exists "tracking_events_until" timestamptz null;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "sorted_pro_consignment" drop column if exists "tracked_at";`)

    this.addSql(`alter table if exists "sorted_pro_setting" drop column if exists "tracking_events_until";`)
  }
}
