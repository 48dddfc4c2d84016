import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261203130000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "sorted_pro_setting" add column if not exists "reconcile_seen" jsonb null;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "sorted_pro_setting" drop column if exists "reconcile_seen";`)
  }
}
