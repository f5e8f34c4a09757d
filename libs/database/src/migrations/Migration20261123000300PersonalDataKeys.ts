import { Migration } from '@mikro-orm/migrations';

/**
 * One encryption key per user for the personal data inside events. Kept apart from the event
 * log, which is never rewritten: erasing an account destroys its key, and every copy of its
 * personal data in the log becomes unreadable at once.
 */
export class Migration20261123000300PersonalDataKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE personal_data_keys (
        user_id     text        PRIMARY KEY,
        key         bytea,
        created_at  timestamptz NOT NULL DEFAULT now(),
        shredded_at timestamptz,
        CONSTRAINT personal_data_keys_key_or_shredded CHECK ((key IS NULL) = (shredded_at IS NOT NULL))
      );
    `);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS personal_data_keys;');
  }
}
