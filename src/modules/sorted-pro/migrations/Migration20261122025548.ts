import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261122025548 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "sorted_pro_setting" add column if not exists "last_tracking_sync_at" timestamptz null;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "sorted_pro_setting" drop column if exists "last_tracking_sync_at";`)
  }
}
