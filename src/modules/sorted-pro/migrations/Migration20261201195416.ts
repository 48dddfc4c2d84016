import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261201195416 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "sorted_pro_consignment" add column if not exists "direction" text check ("direction" in ('outbound', 'inbound')) not null default 'outbound';`
    )

    this.addSql(
      `alter table if exists "sorted_pro_setting" add column if not exists "shipping_option_strategies" jsonb null, add column if not exists "last_manifest_at" timestamptz null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "sorted_pro_consignment" drop column if exists "direction";`)

    this.addSql(
      `alter table if exists "sorted_pro_setting" drop column if exists "shipping_option_strategies", drop column if exists "last_manifest_at";`
    )
  }
}
