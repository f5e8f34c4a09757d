import { Logger } from '@nestjs/common';
import { commandContext, EventSourcedStreams, systemActor, type CommandContext } from '@glint/event-sourcing';
import { PersonalDataVault } from '@glint/personal-data';
import { accounts } from '@glint/projections/accounts';
import { mailOutbox } from '@glint/projections/mail-outbox';
import { createProjectionEngine, type ProjectionEngine } from '@glint/projection-engine';
import { until } from '@glint/testing';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { RegisterUserCommand, RegisterUserHandler } from '../commands/register-user';
import { RequestPasswordResetCommand, RequestPasswordResetHandler } from '../commands/request-password-reset';
import { tokenHash } from '../credentials/opaque-tokens';
import { userStreamName, type EmailConfirmationRequested, type PasswordResetRequested } from '../events';
import type { Mail, MailDelivery } from '@glint/mail';
import { MailOutboxWorker } from './mail-outbox-worker';

const quiet = { log: () => undefined, error: () => undefined };
const DAY_MS = 24 * 3600 * 1000;
const at = (time: Date): CommandContext => commandContext(systemActor(), { correlationId: 'c-mail', now: time });

class RecordingDelivery implements MailDelivery {
  readonly sent: Mail[] = [];
  failures = 0;
  /** Mails handed over so far, taken or not. */
  handedOver = 0;
  /** When each was handed over (epoch ms). */
  readonly handedOverAt: number[] = [];

  /** `holdUntil` keeps each mail in hand until it is satisfied. */
  constructor(private readonly holdUntil?: () => Promise<unknown>) {}

  async send(mail: Mail): Promise<void> {
    this.handedOver++;
    this.handedOverAt.push(Date.now());
    await this.holdUntil?.();
    if (this.failures > 0) {
      this.failures--;
      throw new Error('mail service unavailable');
    }
    this.sent.push(mail);
  }
}

describe('the mail outbox worker', () => {
  let opened: TestStore;
  let vault: PersonalDataVault;
  let engine: ProjectionEngine;
  let streams: EventSourcedStreams;
  let register: RegisterUserHandler;
  const settings = { webBaseUrl: 'https://glint.example', pollIntervalMs: 50, firstRetryDelayMs: 300, maxRetryDelayMs: 1200 };

  const worker = (delivery: MailDelivery) => new MailOutboxWorker(engine, vault, delivery, settings);
  const registerAt = async (username: string, time = new Date()) =>
    (await register.execute(new RegisterUserCommand({ username, email: `${username}@glint.test`, password: 'correct horse' }, at(time)))).userId;
  const projectEverything = async () => {
    const head = await opened.store.headPosition();
    await engine.catchUp('accounts', head);
    await engine.catchUp('mail_outbox', head);
  };
  const confirmationAsked = async (userId: string) => {
    const events = await opened.store.readStream(userStreamName(userId));
    return events.filter((event) => event.type === 'EmailConfirmationRequested') as unknown as Array<{ id: string; data: EmailConfirmationRequested['data'] }>;
  };
  const resetAsked = async (userId: string) => {
    const events = await opened.store.readStream(userStreamName(userId));
    return events.filter((event) => event.type === 'PasswordResetRequested') as unknown as Array<{ id: string; data: PasswordResetRequested['data'] }>;
  };
  const deliveries = async () => (await opened.sql.query('SELECT event_id, outcome FROM mail_deliveries ORDER BY event_id')).rows;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    opened = await openTestStore();
    vault = new PersonalDataVault({ connectionString: opened.database.url });
    engine = createProjectionEngine({ store: opened.store, databaseUrl: opened.database.url, projections: [accounts, mailOutbox], logger: quiet });
    streams = new EventSourcedStreams(opened.store, engine);
    register = new RegisterUserHandler(streams, vault);
  });
  afterAll(async () => {
    await engine?.stop();
    await vault?.close();
    await closeTestStore(opened);
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']);
  });

  it('sends each mail once, with its link, even with two workers at it at the same time', async () => {
    const users = await Promise.all(['ana', 'ben', 'cara', 'dan', 'eve', 'fay'].map((name) => registerAt(name)));
    await projectEverything();

    // A worker's mail is held until the other worker holds one too: both are then delivering at once.
    const bothDelivering = (): Promise<unknown> => until('both workers to be delivering a mail', () => first.handedOver > 0 && second.handedOver > 0);
    const first = new RecordingDelivery(bothDelivering);
    const second = new RecordingDelivery(bothDelivering);
    await Promise.all([worker(first).deliverDue(), worker(second).deliverDue()]);

    const sent = [...first.sent, ...second.sent];
    expect(sent).toHaveLength(users.length);
    expect(new Set(sent.map((mail) => mail.idempotencyKey)).size).toBe(users.length);
    expect(first.sent.length).toBeGreaterThan(0);
    expect(second.sent.length).toBeGreaterThan(0);
    for (const [index, userId] of users.entries()) {
      const [asked] = await confirmationAsked(userId);
      const mail = sent.find((candidate) => candidate.idempotencyKey === asked.id);
      const link = new URL(mail!.link);
      expect({ to: mail!.to, subject: mail!.subject, origin: link.origin, path: link.pathname }).toEqual({
        to: `${['ana', 'ben', 'cara', 'dan', 'eve', 'fay'][index]}@glint.test`,
        subject: 'Confirm your e-mail address for Glint',
        origin: 'https://glint.example',
        path: '/confirm-email',
      });
      expect(tokenHash(link.searchParams.get('token')!)).toBe(asked.data.tokenHash);
      expect(mail!.text).toContain(mail!.link);
    }
    expect((await deliveries()).map((row) => row.outcome)).toEqual(users.map(() => 'sent'));
  });

  it('sends nothing again, not even after the outbox is rebuilt from the log', async () => {
    const delivery = new RecordingDelivery();
    expect((await worker(delivery).deliverDue()).size).toBe(0);
    await engine.rebuild(['mail_outbox']);
    expect((await worker(delivery).deliverDue()).size).toBe(0);
    expect(delivery.sent).toEqual([]);
  });

  it('writes to nobody whose account was deleted, and records why', async () => {
    const userId = await registerAt('gus');
    await streams.append(userStreamName(userId), [{ type: 'AccountDeleted', data: { userId, username: 'gus' } }], at(new Date()));
    await vault.shred(userId);
    await projectEverything();

    const delivery = new RecordingDelivery();
    const [asked] = await confirmationAsked(userId);
    expect(await worker(delivery).deliverDue()).toEqual(new Map([[asked.id, 'skipped_account_deleted']]));
    expect(delivery.sent).toEqual([]);
  });

  it('does not send a link that has expired', async () => {
    await registerAt('hal', new Date(Date.now() - 2 * DAY_MS));
    await projectEverything();
    const delivery = new RecordingDelivery();
    expect((await worker(delivery).deliverDue()).size).toBe(0);
    expect(delivery.sent).toEqual([]);
  });

  it('puts off a mail the mail service failed to take, twice as long after each failure, and sends it once taken', async () => {
    const userId = await registerAt('ida');
    await projectEverything();
    const [asked] = await confirmationAsked(userId);
    const delivery = new RecordingDelivery();
    delivery.failures = 2;

    expect((await worker(delivery).deliverDue()).size).toBe(0);
    expect((await deliveries()).some((row) => row.event_id === asked.id)).toBe(false);
    // Put off: a pass right after the failure does not try it again.
    expect((await worker(delivery).deliverDue()).size).toBe(0);
    expect(delivery.handedOver).toBe(1);

    await until('the mail to be taken on its third try', async () => (await worker(delivery).deliverDue()).get(asked.id) === 'sent');
    expect(delivery.sent.map((mail) => mail.idempotencyKey)).toEqual([asked.id]);
    const [first, second, third] = delivery.handedOverAt;
    expect(second - first).toBeGreaterThanOrEqual(settings.firstRetryDelayMs);
    expect(third - second).toBeGreaterThanOrEqual(2 * settings.firstRetryDelayMs);
    expect((await opened.sql.query('SELECT * FROM mail_delivery_attempts WHERE event_id = $1', [asked.id])).rows).toEqual([]);
  });

  it('sends a password-reset mail with its link, to the account’s address', async () => {
    const userId = await registerAt('jay');
    await new RequestPasswordResetHandler(streams, vault).execute(new RequestPasswordResetCommand('JAY@glint.test', at(new Date())));
    await projectEverything();
    const [asked] = await resetAsked(userId);
    const delivery = new RecordingDelivery();
    const outcomes = await worker(delivery).deliverDue();

    expect(outcomes.get(asked.id)).toBe('sent');
    const mail = delivery.sent.find((sent) => sent.idempotencyKey === asked.id)!;
    const link = new URL(mail.link);
    expect({ to: mail.to, recipientId: mail.recipientId, subject: mail.subject, origin: link.origin, path: link.pathname }).toEqual({
      to: 'jay@glint.test',
      recipientId: userId,
      subject: 'Set a new password for Glint',
      origin: 'https://glint.example',
      path: '/reset-password',
    });
    expect(tokenHash(link.searchParams.get('token')!)).toBe(asked.data.tokenHash);
    expect(mail.text).toContain(mail.link);
  });

  it('polls while the platform runs and stops when it shuts down', async () => {
    const delivery = new RecordingDelivery();
    const running = worker(delivery);
    running.onApplicationBootstrap();
    let asked: { id: string };
    try {
      const userId = await registerAt('kim');
      await projectEverything();
      [asked] = await confirmationAsked(userId);
      await until('the polling worker to send the mail', () => delivery.sent.length > 0);
    } finally {
      await running.onModuleDestroy();
    }
    expect(delivery.sent.map((mail) => mail.idempotencyKey)).toEqual([asked.id]);
  });
});
