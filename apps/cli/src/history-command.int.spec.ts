import type { UserPrincipal } from '@glint/access';
import { commandContext, type CommandContext } from '@glint/event-sourcing';
import { RegisterUserCommand } from '@glint/identity';
import { usersConcernedBy } from '@glint/projections/account-history';
import { OpenTicketCommand } from '@glint/support';
import { openCliApplication, type CliApplication } from '@glint/cli-app';
import { readWholeLog } from '@glint/testing/projections';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { lastLine, lines, runCliHere, runCliProcess } from '@glint/testing/cli';

const context = (correlationId: string, userId?: string): CommandContext =>
  commandContext(userId ? { type: 'user', userId, role: 'user' } : { type: 'system' }, { correlationId });

describe('npm run cli -- history <username>', () => {
  let opened: TestStore;
  let application: CliApplication;
  let ana: { userId: string; username: string };
  let env: Record<string, string>;

  beforeAll(async () => {
    opened = await openTestStore();
    env = { DATABASE_URL: opened.database.url };
    // The account is made by the same commands the platform runs, in the CLI's own application.
    application = await openCliApplication(env);
    const { commands } = application;
    ana = await commands.execute(new RegisterUserCommand({ username: 'Ana_Streams', email: 'ana@glint.test', password: 'correct horse battery' }, context('c-register')));
    await commands.execute(new RegisterUserCommand({ username: 'ben', email: 'ben@glint.test', password: 'correct horse battery' }, context('c-register-ben')));
    const principal: UserPrincipal = { kind: 'user', userId: ana.userId, username: ana.username, sessionId: 's-1', staffRole: null, emailConfirmed: true, accountCreatedAt: new Date() };
    await commands.execute(new OpenTicketCommand(principal, { subject: 'Payout missing', body: 'It never came.' }, context('c-ticket-1', ana.userId)));
    await commands.execute(new OpenTicketCommand(principal, { subject: 'Still missing', body: 'Any news?' }, context('c-ticket-2', ana.userId)));
  });
  afterAll(async () => {
    await application?.close();
    await closeTestStore(opened ?? {});
  });

  it('prints the account’s events newest first, one line each, and records the look with its reason', async () => {
    const log = await readWholeLog(opened.store);
    const expected = log.filter((event) => usersConcernedBy(event).has(ana.userId)).reverse();
    expect(expected.length).toBeGreaterThanOrEqual(4);

    const { code, stdout, stderr } = await runCliProcess(['history', 'ana_streams', '--reason', 'Ticket 7: payout missing'], env);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const [header, ...rows] = lines(stdout);
    expect(header).toMatch(/^time\s+type\s+stream\s+actor\s+correlation id$/);
    expect(rows.map((row) => row.split(/\s{2,}/))).toEqual(
      expected.map((event) => [
        event.metadata.occurredAt,
        event.type,
        event.streamName,
        event.metadata.actor.type === 'user' ? 'Ana_Streams (user)' : 'system',
        event.metadata.correlationId,
      ]),
    );

    const [recorded] = await opened.store.readStream('support-access-cli');
    expect(recorded).toMatchObject({
      type: 'SupportAccountViewed',
      data: { staffUserId: null, subjectUserId: ana.userId, view: 'history', reason: 'Ticket 7: payout missing', filters: { types: [], from: null, to: null, before: null, limit: 50 } },
      metadata: { actor: { type: 'system', id: 'cli' } },
    });
  }, 30_000);

  it('filters by type and cuts the page at --limit, saying older events are left out', async () => {
    const { code, stdout, stderr } = await runCliHere(['history', 'Ana_Streams', '--reason', 'Ticket 8', '--type', 'SupportTicketOpened', '--limit', '1'], env);
    expect(code).toBe(0);
    const [, ...rows] = lines(stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/\sSupportTicketOpened\s.*\sc-ticket-2$/);
    expect(stderr).toBe('Older events of Ana_Streams are not shown: raise --limit (at most 100).\n');
    const views = await opened.store.readStream('support-access-cli');
    expect(views.at(-1)?.data).toMatchObject({ reason: 'Ticket 8', filters: { types: ['SupportTicketOpened'], limit: 1 } });
  }, 30_000);

  it('records nothing and exits 2 without a usable reason or limit, and 1 for an unknown account', async () => {
    const head = await opened.store.headPosition();

    const noReason = await runCliHere(['history', 'ana_streams'], env);
    expect({ code: noReason.code, first: lines(noReason.stderr)[0] }).toEqual({ code: 2, first: 'Say why you look at this account: --reason "<text>" is required and is recorded.' });

    const shortReason = await runCliHere(['history', 'ana_streams', '--reason', 'ab'], env);
    expect({ code: shortReason.code, last: lastLine(shortReason.stderr) }).toEqual({ code: 2, last: 'Say why you look at this account: a reason of 3 to 500 characters.' });

    const badLimit = await runCliHere(['history', 'ana_streams', '--reason', 'Ticket 9', '--limit', '500'], env);
    expect({ code: badLimit.code, first: lines(badLimit.stderr)[0] }).toEqual({ code: 2, first: '--limit must be a whole number from 1 to 100 (got "500").' });

    const unknown = await runCliHere(['history', 'nobody', '--reason', 'Ticket 9'], env);
    expect({ code: unknown.code, last: lastLine(unknown.stderr) }).toEqual({ code: 1, last: 'No account is named "nobody".' });

    expect(await opened.store.headPosition()).toBe(head);
  }, 45_000);

  it('prints the account as it stood at --as-of, replayed from the log, and records that look', async () => {
    const before = await runCliHere(['history', 'ana_streams', '--reason', 'Ticket 10: state', '--as-of', '2020-01-01T00:00:00Z'], env);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual({ userId: ana.userId, asOf: '2020-01-01T00:00:00.000Z', profile: null, channel: null, follows: [], moderationStanding: [], moderates: [], broadcasts: { live: false, streams: [] } });

    const asOf = new Date().toISOString();
    const now = await runCliHere(['history', 'ana_streams', '--reason', 'Ticket 10: state', '--as-of', asOf], env);
    expect(now.code).toBe(0);
    expect(JSON.parse(now.stdout)).toMatchObject({
      userId: ana.userId,
      asOf,
      profile: { username: 'Ana_Streams', email: 'ana@glint.test', emailConfirmed: false, staffRole: null, globallyBanned: false, deleted: false },
      channel: null,
    });
    const looks = (await opened.store.readStream('support-access-cli')).filter((event) => (event.data as { view: string }).view === 'state');
    expect(looks.map((event) => event.data)).toEqual([
      { staffUserId: null, subjectUserId: ana.userId, view: 'state', asOf: '2020-01-01T00:00:00.000Z', reason: 'Ticket 10: state' },
      { staffUserId: null, subjectUserId: ana.userId, view: 'state', asOf, reason: 'Ticket 10: state' },
    ]);

    const mixed = await runCliHere(['history', 'ana_streams', '--reason', 'Ticket 10', '--as-of', asOf, '--limit', '5'], env);
    expect(mixed.code).toBe(2);
  }, 45_000);
});
