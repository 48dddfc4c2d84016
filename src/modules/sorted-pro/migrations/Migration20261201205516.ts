import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261201205516 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "sorted_pro_consignment" drop constraint if exists "sorted_pro_consignment_sync_status_check";`)

    this.addSql(
      `alter table if exists "sorted_pro_consignment" add constraint "sorted_pro_consignment_sync_status_check" check("sync_status" in ('pending', 'synced', 'failed', 'replaced'));`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "sorted_pro_consignment" drop constraint if exists "sorted_pro_consignment_sync_status_check";`)

    this.addSql(
      `alter table if exists "sorted_pro_consignment" add constraint "sorted_pro_consignment_sync_status_check" check("sync_status" in ('pending', 'synced', 'failed'));`
    )
  }
}
