import { PostgresEventStore } from '@glint/eventstore';
import { PersonalDataVault } from '@glint/personal-data';
import { createProjectionEngine, type ProjectionEngine } from '@glint/projection-engine';
import { createTestDatabase, type TestDatabase } from '@glint/testing/database';
import { Client } from 'pg';
import { DevelopmentMailbox } from './development-mailbox';
import type { Mail } from './mail';

const quiet = { log: () => undefined, error: () => undefined };
const mail = (recipientId: string, to: string, subject: string): Mail => ({
  idempotencyKey: `event-of-${recipientId}`,
  recipientId,
  to,
  subject,
  text: `Open https://glint.example/${recipientId}`,
  link: `https://glint.example/${recipientId}`,
});

describe('the development mailbox', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let engine: ProjectionEngine;
  let vault: PersonalDataVault;
  let sql: Client;
  let mailbox: DevelopmentMailbox;

  beforeAll(async () => {
    database = await createTestDatabase();
    store = new PostgresEventStore({ connectionString: database.url });
    engine = createProjectionEngine({ store, databaseUrl: database.url, projections: [], logger: quiet });
    vault = new PersonalDataVault({ connectionString: database.url });
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    mailbox = new DevelopmentMailbox(engine, vault);
  });
  afterAll(async () => {
    await sql?.end();
    await vault?.close();
    await engine?.stop();
    await store?.close();
    await database?.drop();
  });

  it('keeps each mail once, newest first, with its recipient, subject and link, and no address in the clear', async () => {
    await mailbox.send(mail('ana', 'ana.private@mailbox.example', 'Confirm your e-mail address for Glint'));
    await mailbox.send(mail('ben', 'ben.private@mailbox.example', 'Set a new password for Glint'));
    await mailbox.send(mail('ana', 'ana.private@mailbox.example', 'Confirm your e-mail address for Glint'));

    expect(await mailbox.newest(10)).toEqual([
      { sentAt: expect.any(Date), to: 'ben.private@mailbox.example', subject: 'Set a new password for Glint', link: 'https://glint.example/ben' },
      { sentAt: expect.any(Date), to: 'ana.private@mailbox.example', subject: 'Confirm your e-mail address for Glint', link: 'https://glint.example/ana' },
    ]);
    const stored = JSON.stringify((await sql.query('SELECT * FROM development_mailbox')).rows);
    expect(stored).not.toContain('mailbox.example');
    expect(stored).not.toContain('Set a new password');
  });

  it('shows nothing of a recipient whose personal data was erased', async () => {
    await vault.shred('ana');
    expect((await mailbox.newest(10)).map((entry) => entry.to)).toEqual(['ben.private@mailbox.example']);
  });

  it('fills the page with readable mails past those of an erased recipient', async () => {
    await mailbox.send(mail('cal', 'cal.private@mailbox.example', 'Confirm your e-mail address for Glint'));
    await mailbox.send(mail('dot', 'dot.private@mailbox.example', 'Confirm your e-mail address for Glint'));
    await vault.shred('dot');
    expect((await mailbox.newest(1)).map((entry) => entry.to)).toEqual(['cal.private@mailbox.example']);
    expect((await mailbox.newest(10)).map((entry) => entry.to)).toEqual(['cal.private@mailbox.example', 'ben.private@mailbox.example']);
  });
});
