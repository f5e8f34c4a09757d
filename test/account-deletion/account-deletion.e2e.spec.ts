import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { RecordedEvent } from '@glint/eventstore';
import { type PersonalDataVault, parseSealed } from '@glint/personal-data';
import { projections } from '@glint/projections';
import { PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { expectStatus } from '@glint/testing';
import { eventStore, type GivenUser, headPosition, identityEventsSince, service, usePlatform } from '@glint/testing/platform';

/**
 * Deleting an account through the HTTP API: the account is gone for good, and afterwards nothing
 * personal of it can be read, in the log or in any read model of any context, while every count
 * and log built from its facts stays as it was.
 */
describe('deleting an account', () => {
  let sql: Client;
  // jest runs afterAll hooks in the order they are declared: this client closes before the platform drops its database.
  afterAll(() => sql?.end());
  const glint = usePlatform();

  beforeAll(async () => {
    sql = new Client({ connectionString: glint.platform.databaseUrl });
    await sql.connect();
  });

  const store = () => eventStore(glint.platform);
  const vault = () => service<PersonalDataVault>(glint.platform, PERSONAL_DATA);

  /** Every read model up to the newest event, so what a table or a query shows is settled. */
  async function allReadModelsCaughtUp(): Promise<void> {
    const head = await store().headPosition();
    const readModels = service<ReadModels>(glint.platform, READ_MODELS);
    for (const projection of projections) await readModels.catchUp(projection.name, head);
  }

  /** `table.column: hits` for every text or JSON column of the public schema that holds `needle`. */
  async function columnsHolding(needle: string): Promise<string[]> {
    const { rows: columns } = await sql.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`,
    );
    const found: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const { rows } = await sql.query<{ hits: string }>(`SELECT count(*) AS hits FROM "${table}" WHERE strpos("${column}"::text, $1) > 0`, [needle]);
      if (rows[0].hits !== '0') found.push(`${table}.${column}: ${rows[0].hits}`);
    }
    return found;
  }

  async function count(query: string, values: unknown[] = []): Promise<number> {
    return Number((await sql.query<{ count: string }>(query, values)).rows[0].count);
  }

  it('refuses without the right password (403) or without a password (400), recording nothing', async () => {
    const ana = await glint.given.user();
    const before = await headPosition(glint.platform);
    const wrong = await glint.api.delete('/api/users/me', ana.token, { password: 'not my password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ error: 'wrong_password', field: 'password' });
    const missing = await glint.api.delete('/api/users/me', ana.token, {});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: 'invalid_input', field: 'password' });
    expect((await glint.api.delete('/api/users/me', undefined, { password: ana.password })).status).toBe(401);
    expect(await identityEventsSince(glint.platform, before)).toEqual([]);
    expect((await glint.api.get('/api/users/me', ana.token)).status).toBe(200);
  });

  it('ends every session, erases the personal data everywhere, and keeps the facts and counts', async () => {
    const ben = await glint.given.user({ username: 'Ben_Leaving' });
    const other = (await glint.api.post('/api/sessions', { username: ben.username, password: ben.password })).body.token;
    const accountsBefore = await count('SELECT count(*) FROM accounts');
    const streamBefore = (await identityEventsSince(glint.platform, 0)).filter((event) => event.streamName === `user-${ben.userId}`);

    expect((await glint.api.delete('/api/users/me', ben.token, { password: ben.password })).status).toBe(204);

    // Signed out everywhere, and nobody can sign in as Ben again.
    for (const token of [ben.token, other]) expect((await glint.api.get('/api/users/me', token)).status).toBe(401);
    expect((await glint.api.post('/api/sessions', { username: ben.username, password: ben.password })).body.error).toBe('invalid_credentials');

    // The facts stay, the log is not rewritten, and the last ones say what happened.
    const stream = (await identityEventsSince(glint.platform, 0)).filter((event) => event.streamName === `user-${ben.userId}`);
    expect(stream.slice(0, streamBefore.length)).toEqual(streamBefore);
    expect(stream.slice(streamBefore.length).map((event) => [event.type, (event.data as { reason?: string }).reason])).toEqual([
      ['UserLoggedOut', 'account_deleted'],
      ['UserLoggedOut', 'account_deleted'],
      ['AccountDeleted', undefined],
    ]);

    // Every sealed value in the log, the e-mail address among them, no longer opens.
    const registered = stream.find((event) => event.type === 'UserRegistered')!.data as { emailSealed: string; passwordHashSealed: string };
    const asked = stream.find((event) => event.type === 'EmailConfirmationRequested')!.data as { tokenSealed: string };
    expect(await vault().openMany([registered.emailSealed, registered.passwordHashSealed, asked.tokenSealed])).toEqual([null, null, null]);

    // The read model keeps the row, counted as before, marked deleted, its e-mail address unreadable.
    const [row] = (await sql.query('SELECT * FROM accounts WHERE user_id = $1', [ben.userId])).rows;
    expect(row).toMatchObject({ username: 'Ben_Leaving', deleted_at: expect.any(Date) });
    expect(await vault().open(row.email_sealed)).toBeNull();
    expect(await count('SELECT count(*) FROM accounts')).toBe(accountsBefore);
    expect(await count('SELECT count(*) FROM account_history WHERE user_id = $1', [ben.userId])).toBeGreaterThan(0);

    // Public reads show the account as deleted; the username stays taken.
    const profile = await glint.api.get('/api/users/ben_leaving');
    expect(profile.body).toEqual({ userId: ben.userId, username: 'Ben_Leaving', createdAt: expect.any(String), deleted: true });
    const reuse = await glint.api.post('/api/accounts', { username: 'Ben_Leaving', email: 'someone@glint.test', password: 'correct horse battery' });
    expect(reuse.status).toBe(409);
    expect(reuse.body.error).toBe('username_taken');
  });

  it('leaves nothing of hers readable, in the log or any read model of any context, and every count and log as it was', async () => {
    const tag = randomBytes(4).toString('hex');
    // Her address shares nothing with her username, so finding it anywhere means the address leaked.
    const deeEmail = `d.private.${tag}@mailbox.example`;
    const [dee, cat, finn, gus, hal, mo, sue] = await Promise.all([
      glint.given.user({ username: `Dee_${tag}`, email: deeEmail }),
      glint.given.user({ username: `cat_${tag}` }),
      glint.given.user({ username: `finn_${tag}` }),
      glint.given.user({ username: `gus_${tag}` }),
      glint.given.user({ username: `hal_${tag}` }),
      glint.given.user({ username: `mo_${tag}` }),
      glint.given.user({ username: `sue_${tag}`, staffRole: 'support' }),
    ]);
    const deeSays = [`dee-first-words-${tag}`, `dee-second-words-${tag}`];
    const deeNotes = `dee-report-notes-${tag}: he shouted slurs`;
    const deeTicketBody = `dee-ticket-body-${tag}: my payout never came`;
    const halSays = `hal-stays-readable-${tag}`;

    // Three channels: hers, and the two she follows.
    const channels = new Map<string, string>();
    for (const owner of [dee, cat, finn]) channels.set(owner.username, expectStatus(await glint.api.post('/api/channels', { title: `${owner.username} live` }, owner.token), 201, 'opening a channel').body.channel.channelId);
    for (const [follower, channel] of [[dee, cat], [dee, finn], [hal, cat], [gus, dee], [hal, dee]] as const) {
      expectStatus(await glint.api.put(`/api/channels/${channel.username}/follow`, { liveNotifications: true }, follower.token), 200, 'following a channel');
    }
    // She chats in Cat's channel, where Mo moderates; Hal chats too.
    expectStatus(
      await glint.api.put(`/api/channels/${cat.username}/moderators/${mo.username}`, { permissions: { timeout: true, unTimeout: true, ban: false, unban: false, deleteMessage: false, edit: false } }, cat.token),
      200,
      'appointing a moderator',
    );
    const deeMessageIds: string[] = [];
    for (const text of deeSays) deeMessageIds.push(expectStatus(await glint.api.post(`/api/channels/${cat.username}/chat/messages`, { text }, dee.token), 201, 'chatting').body.messageId);
    const halMessageId = expectStatus(await glint.api.post(`/api/channels/${cat.username}/chat/messages`, { text: halSays }, hal.token), 201, 'chatting').body.messageId;
    // She is timed out there by Mo, and times Gus out in her own channel.
    expectStatus(await glint.api.post(`/api/channels/${cat.username}/timeouts`, { user: dee.username, preset: '5m', reason: 'flooding' }, mo.token), 201, 'timing her out');
    expectStatus(await glint.api.post(`/api/channels/${dee.username}/timeouts`, { user: gus.username, durationSeconds: 600, reason: 'rude' }, dee.token), 201, 'timing Gus out');
    // A report with notes, a support ticket that staff answer, and a started two-factor setup.
    const reportId = expectStatus(await glint.api.post('/api/reports', { target: gus.username, where: 'chat', why: 'hate_speech', notes: deeNotes, channel: cat.username }, dee.token), 201, 'reporting').body.reportId;
    const ticketId = expectStatus(await glint.api.post('/api/support/tickets', { subject: 'Payout missing', body: deeTicketBody }, dee.token), 201, 'opening a ticket').body.ticketId;
    expectStatus(await glint.api.post(`/api/support/tickets/${ticketId}/replies`, { body: 'We are looking into it.' }, sue.token), 201, 'answering the ticket');
    expectStatus(await glint.api.post('/api/users/me/two-factor', undefined, dee.token), 201, 'starting a two-factor setup');

    // Before: what must stay the same.
    await allReadModelsCaughtUp();
    const followerCount = async (owner: GivenUser) => expectStatus(await glint.api.get(`/api/channels/${owner.username}`), 200, 'reading a channel page').body.followerCount;
    const before = {
      followersOfCat: await followerCount(cat),
      followersOfFinn: await followerCount(finn),
      followCountsOfDee: (await sql.query('SELECT followers, following FROM follow_counts WHERE user_id = $1', [dee.userId])).rows,
      catModerationLog: expectStatus(await glint.api.get(`/api/channels/${cat.username}/moderation-log`, cat.token), 200, 'reading the moderation log').body.items,
      deeModerationLog: await moderationLogRows(channels.get(dee.username)!),
      openReports: expectStatus(await glint.api.get('/api/staff/reports?status=open&limit=100', sue.token), 200, 'reading the report queue').body.items.length,
      tickets: expectStatus(await glint.api.get('/api/support/tickets?limit=100', sue.token), 200, 'listing tickets').body.items.length,
      ticketMessages: await count('SELECT count(*) FROM support_ticket_messages'),
      historyOfOthers: await historyRowsPerUser(dee.userId),
    };
    expect(before).toMatchObject({ followersOfCat: 2, followersOfFinn: 1, followCountsOfDee: [{ followers: 2, following: 2 }], openReports: 1, tickets: 1, ticketMessages: 2 });
    expect(before.catModerationLog).toHaveLength(1);
    expect(before.deeModerationLog).toHaveLength(1);
    // The search finds what is plain (her username), and her sealed values open with her key: so
    // finding nothing and opening nothing below means there is nothing.
    expect(await columnsHolding(dee.username)).not.toEqual([]);
    const hersBefore = sealedValuesIn(await store().readAll({ fromPosition: 0, maxCount: 100_000 })).filter((value) => value.owner === dee.userId);
    expect(await vault().openMany(hersBefore.map((value) => value.sealed))).toEqual(expect.arrayContaining([deeEmail, ...deeSays, deeNotes, deeTicketBody]));

    // She deletes her account.
    expectStatus(await glint.api.delete('/api/users/me', dee.token, { password: dee.password }), 204, 'deleting her account');
    await allReadModelsCaughtUp();

    // In the log: every value sealed with her key, wherever it is, no longer opens; others' still do.
    const log = await store().readAll({ fromPosition: 0, maxCount: 100_000 });
    const sealed = sealedValuesIn(log);
    const hers = sealed.filter((value) => value.owner === dee.userId);
    // The others of this scenario: an account deleted by another case of this file has nothing left to open either.
    const others = new Set([cat, finn, gus, hal, mo, sue].map((user) => user.userId));
    const theirs = sealed.filter((value) => others.has(value.owner));
    const sealedFields = (type: string, stream: string) => hers.filter((value) => value.type === type && value.stream === stream).map((value) => value.path);
    expect({
      email: sealedFields('UserRegistered', `user-${dee.userId}`),
      confirmationTokens: sealedFields('EmailConfirmationRequested', `user-${dee.userId}`),
      twoFactorSecret: sealedFields('TwoFactorSetupStarted', `user-${dee.userId}`),
      chat: sealedFields('ChatMessageSent', `chat-${channels.get(cat.username)}`),
      report: sealedFields('UserReported', `report-${reportId}`),
      ticket: [...sealedFields('SupportTicketOpened', `ticket-${ticketId}`), ...sealedFields('SupportTicketReplied', `ticket-${ticketId}`)],
    }).toEqual({
      email: ['emailSealed', 'passwordHashSealed'],
      confirmationTokens: ['emailSealed', 'tokenSealed'],
      twoFactorSecret: ['secretSealed'],
      chat: ['text', 'text'],
      report: ['notes'],
      ticket: ['body', 'body'],
    });
    const opened = await vault().openMany(hers.map((value) => value.sealed));
    expect(hers.filter((_, index) => opened[index] !== null).map((value) => `${value.type}.${value.path}`)).toEqual([]);
    expect(await vault().openMany(theirs.map((value) => value.sealed))).not.toContain(null);

    // In every table (read models and the log alike): not her address, not a word she wrote.
    const leaks: Record<string, string[]> = {};
    for (const needle of [deeEmail, ...deeSays, deeNotes, deeTicketBody]) leaks[needle] = await columnsHolding(needle);
    expect(leaks).toEqual(Object.fromEntries(Object.keys(leaks).map((needle) => [needle, []])));

    // Through the API: her messages show as removed, Hal's as written; the ticket and the report keep no text of hers.
    const chat = expectStatus(await glint.api.get(`/api/channels/${cat.username}/chat/messages`), 200, 'reading the chat').body.items;
    expect(chat.filter((message: { senderId: string }) => message.senderId === dee.userId)).toEqual(
      deeMessageIds.map((messageId) => ({ messageId, senderId: dee.userId, sender: null, text: null, sentAt: expect.any(String) })),
    );
    expect(chat.find((message: { messageId: string }) => message.messageId === halMessageId)).toMatchObject({ sender: hal.username, text: halSays });
    const ticket = expectStatus(await glint.api.get(`/api/support/tickets/${ticketId}`, sue.token), 200, 'reading the ticket').body;
    expect(ticket.messages.map((message: { body: string | null }) => message.body)).toEqual([null, null]);
    const reports = expectStatus(await glint.api.get('/api/staff/reports?status=open&limit=100', sue.token), 200, 'reading the report queue').body.items;
    expect(reports.find((report: { reportId: string }) => report.reportId === reportId)).toMatchObject({ notes: null, reporter: { userId: dee.userId, deleted: true } });

    // Every count and log as before; the logs still list what she did and what was done to her, naming her as deleted.
    expect({
      followersOfCat: await followerCount(cat),
      followersOfFinn: await followerCount(finn),
      followCountsOfDee: (await sql.query('SELECT followers, following FROM follow_counts WHERE user_id = $1', [dee.userId])).rows,
      catModerationLog: expectStatus(await glint.api.get(`/api/channels/${cat.username}/moderation-log`, cat.token), 200, 'reading the moderation log').body.items,
      deeModerationLog: await moderationLogRows(channels.get(dee.username)!),
      openReports: reports.length,
      tickets: expectStatus(await glint.api.get('/api/support/tickets?limit=100', sue.token), 200, 'listing tickets').body.items.length,
      ticketMessages: await count('SELECT count(*) FROM support_ticket_messages'),
      historyOfOthers: await historyRowsPerUser(dee.userId),
    }).toEqual({
      ...before,
      catModerationLog: before.catModerationLog.map((entry: { target: { userId: string } }) =>
        entry.target.userId === dee.userId ? { ...entry, target: { ...entry.target, deleted: true } } : entry,
      ),
    });
    expect(before.catModerationLog[0]).toMatchObject({ action: 'timeout', target: { userId: dee.userId, username: dee.username, deleted: false }, moderator: { userId: mo.userId } });
    expect(before.deeModerationLog[0]).toMatchObject({ action: 'timeout', moderator_id: dee.userId, target_user_id: gus.userId });

    // She is gone: her session ends, she cannot sign in, and her username stays hers, in any case.
    expect(await glint.api.get('/api/users/me', dee.token)).toMatchObject({ status: 401 });
    expect((await glint.api.post('/api/sessions', { username: dee.username, password: dee.password })).body).toMatchObject({ status: 401, error: 'invalid_credentials' });
    for (const username of [dee.username, dee.username.toUpperCase()]) {
      const again = await glint.api.post('/api/accounts', { username, email: `someone.else.${tag}@glint.test`, password: 'a long enough passphrase' });
      expect({ username, status: again.status, error: again.body.error, field: again.body.field }).toEqual({ username, status: 409, error: 'username_taken', field: 'username' });
    }
  });

  async function moderationLogRows(channelId: string): Promise<unknown[]> {
    return (await sql.query('SELECT position, action, moderator_id, target_user_id, duration_seconds, reason, message_id, occurred_at FROM moderation_log WHERE channel_id = $1 ORDER BY position', [channelId])).rows;
  }

  /** How many account_history rows each other user has: deleting one account changes nobody else's history. */
  async function historyRowsPerUser(exceptUserId: string): Promise<Record<string, number>> {
    const { rows } = await sql.query<{ user_id: string; count: string }>('SELECT user_id, count(*) FROM account_history WHERE user_id <> $1 GROUP BY user_id ORDER BY user_id', [exceptUserId]);
    return Object.fromEntries(rows.map((row) => [row.user_id, Number(row.count)]));
  }
});

interface SealedInLog {
  type: string;
  stream: string;
  /** Where in the event's data, e.g. `emailSealed`. */
  path: string;
  owner: string;
  sealed: string;
}

/** Every sealed personal value in the events' data and metadata, with the user whose key sealed it. */
function sealedValuesIn(events: RecordedEvent[]): SealedInLog[] {
  const found: SealedInLog[] = [];
  const visit = (event: RecordedEvent, value: unknown, path: string): void => {
    if (typeof value === 'string') {
      const parts = parseSealed(value);
      if (parts) found.push({ type: event.type, stream: event.streamName, path, owner: parts.userId, sealed: value });
    } else if (Array.isArray(value)) value.forEach((item, index) => visit(event, item, `${path}[${index}]`));
    else if (value !== null && typeof value === 'object') for (const [key, child] of Object.entries(value)) visit(event, child, path ? `${path}.${key}` : key);
  };
  for (const event of events) {
    visit(event, event.data, '');
    visit(event, event.metadata, 'metadata');
  }
  return found;
}
