import { DevelopmentMailbox } from '@glint/mail';
import { PersonalDataVault } from '@glint/personal-data';
import { createProjectionEngine, type ProjectionEngine } from '@glint/projection-engine';
import { lines, runCliHere } from '@glint/testing/cli';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';

const quiet = { log: () => undefined, error: () => undefined };

describe('npm run cli -- mail list', () => {
  let opened: TestStore;
  let engine: ProjectionEngine;
  let vault: PersonalDataVault;

  const run = (...args: string[]) => runCliHere(args, { DATABASE_URL: opened.database.url });

  beforeAll(async () => {
    opened = await openTestStore();
    engine = createProjectionEngine({ store: opened.store, databaseUrl: opened.database.url, projections: [], logger: quiet });
    vault = new PersonalDataVault({ connectionString: opened.database.url });
  });
  afterAll(async () => {
    await vault?.close();
    await engine?.stop();
    await closeTestStore(opened);
  });

  it('says the mailbox is empty when it is', async () => {
    expect(await run('mail', 'list')).toEqual({ code: 0, stdout: '', stderr: 'The development mailbox is empty (with MAIL_URL set, mails leave by SMTP instead).\n' });
  });

  it('lists the mails kept, newest first: when, to whom, the subject and the link', async () => {
    const mailbox = new DevelopmentMailbox(engine, vault);
    await mailbox.send({ idempotencyKey: 'e-1', recipientId: 'ana', to: 'ana@glint.test', subject: 'Confirm your e-mail address for Glint', text: '…', link: 'https://glint.example/confirm-email?token=a' });
    await mailbox.send({ idempotencyKey: 'e-2', recipientId: 'ben', to: 'ben@glint.test', subject: 'Set a new password for Glint', text: '…', link: 'https://glint.example/reset-password?token=b' });

    const { code, stdout, stderr } = await run('mail', 'list');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const [header, ...rows] = lines(stdout);
    expect(header.split(/\s{2,}/)).toEqual(['sent at', 'to', 'subject', 'link']);
    expect(rows.map((row) => row.split(/\s{2,}/).slice(1))).toEqual([
      ['ben@glint.test', 'Set a new password for Glint', 'https://glint.example/reset-password?token=b'],
      ['ana@glint.test', 'Confirm your e-mail address for Glint', 'https://glint.example/confirm-email?token=a'],
    ]);
  });

  it('refuses another mail command, showing its usage', async () => {
    expect(await run('mail', 'send')).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining('mail list') });
  });
});
