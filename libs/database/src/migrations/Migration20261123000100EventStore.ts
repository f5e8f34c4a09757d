import { Migration } from '@mikro-orm/migrations';
import { eventStoreSchemaDown, eventStoreSchemaUp } from '@glint/eventstore';

export class Migration20261123000100EventStore extends Migration {
  override async up(): Promise<void> {
    this.addSql(eventStoreSchemaUp);
  }

  override async down(): Promise<void> {
    this.addSql(eventStoreSchemaDown);
  }
}
