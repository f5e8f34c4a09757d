import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { EventStore, RecordedEvent } from '@glint/eventstore';
import { type PersonalDataVault, parseSealed } from '@glint/personal-data';
import { projections } from '@glint/projections';
import { EVENT_STORE, PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { ApiClient, type ApiResponse } from '@glint/testing';
import { Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';

/**
 * Deleting an account, across every context, through the HTTP API: afterwards nothing personal of
 * the account can be read (in the log or in any read model), while every count and log built from
 * its facts stays as it was, and the account is gone for good.
 */
describe('deleting an account, across every context', () => {
  let platform: PlatformUnderTest;
  let api: ApiClient;
  let sql: Client;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    api = new ApiClient(platform.baseUrl);
    sql = new Client({ connectionString: platform.databaseUrl });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await platform?.close();
  });

  const store = () => platform.app.get<EventStore>(EVENT_STORE, { strict: false });
  const vault = () => platform.app.get<PersonalDataVault>(PERSONAL_DATA, { strict: false });

  /** Every read model up to the newest event, so what a table or a query shows is settled. */
  async function allReadModelsCaughtUp(): Promise<void> {
    const head = await store().headPosition();
    const readModels = platform.app.get<ReadModels>(READ_MODELS, { strict: false });
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

  it('leaves nothing of hers readable, in the log or any read model, and every count and log as it was', async () => {
    const given = new Given(platform);
    const tag = randomBytes(4).toString('hex');
    // Her address shares nothing with her username, so finding it anywhere means the address leaked.
    const deeEmail = `d.private.${tag}@mailbox.example`;
    const [dee, cat, finn, gus, hal, mo, sue] = await Promise.all([
      given.user({ username: `Dee_${tag}`, email: deeEmail }),
      given.user({ username: `cat_${tag}` }),
      given.user({ username: `finn_${tag}` }),
      given.user({ username: `gus_${tag}` }),
      given.user({ username: `hal_${tag}` }),
      given.user({ username: `mo_${tag}` }),
      given.user({ username: `sue_${tag}`, staffRole: 'support' }),
    ]);
    const deeSays = [`dee-first-words-${tag}`, `dee-second-words-${tag}`];
    const deeNotes = `dee-report-notes-${tag}: he shouted slurs`;
    const deeTicketBody = `dee-ticket-body-${tag}: my payout never came`;
    const halSays = `hal-stays-readable-${tag}`;

    // Three channels: hers, and the two she follows.
    const channels = new Map<string, string>();
    for (const owner of [dee, cat, finn]) channels.set(owner.username, ok(await api.post('/api/channels', { title: `${owner.username} live` }, owner.token), 201).body.channel.channelId);
    for (const [follower, channel] of [[dee, cat], [dee, finn], [hal, cat], [gus, dee], [hal, dee]] as const) {
      ok(await api.put(`/api/channels/${channel.username}/follow`, { liveNotifications: true }, follower.token), 200);
    }
    // She chats in Cat's channel, where Mo moderates; Hal chats too.
    ok(await api.put(`/api/channels/${cat.username}/moderators/${mo.username}`, { permissions: { timeout: true, unTimeout: true, ban: false, unban: false, deleteMessage: false, edit: false } }, cat.token), 200);
    const deeMessageIds: string[] = [];
    for (const text of deeSays) deeMessageIds.push(ok(await api.post(`/api/channels/${cat.username}/chat/messages`, { text }, dee.token), 201).body.messageId);
    const halMessageId = ok(await api.post(`/api/channels/${cat.username}/chat/messages`, { text: halSays }, hal.token), 201).body.messageId;
    // She is timed out there by Mo, and times Gus out in her own channel.
    ok(await api.post(`/api/channels/${cat.username}/timeouts`, { user: dee.username, preset: '5m', reason: 'flooding' }, mo.token), 201);
    ok(await api.post(`/api/channels/${dee.username}/timeouts`, { user: gus.username, durationSeconds: 600, reason: 'rude' }, dee.token), 201);
    // A report with notes, a support ticket that staff answer, and a started two-factor setup.
    const reportId = ok(await api.post('/api/reports', { target: gus.username, where: 'chat', why: 'hate_speech', notes: deeNotes, channel: cat.username }, dee.token), 201).body.reportId;
    const ticketId = ok(await api.post('/api/support/tickets', { subject: 'Payout missing', body: deeTicketBody }, dee.token), 201).body.ticketId;
    ok(await api.post(`/api/support/tickets/${ticketId}/replies`, { body: 'We are looking into it.' }, sue.token), 201);
    ok(await api.post('/api/users/me/two-factor', undefined, dee.token), 201);

    // Before: what must stay the same.
    await allReadModelsCaughtUp();
    const followerCount = async (owner: GivenUser) => ok(await api.get(`/api/channels/${owner.username}`), 200).body.followerCount;
    const before = {
      followersOfCat: await followerCount(cat),
      followersOfFinn: await followerCount(finn),
      followCountsOfDee: (await sql.query('SELECT followers, following FROM follow_counts WHERE user_id = $1', [dee.userId])).rows,
      catModerationLog: ok(await api.get(`/api/channels/${cat.username}/moderation-log`, cat.token), 200).body.entries,
      deeModerationLog: await moderationLogRows(channels.get(dee.username)!),
      openReports: ok(await api.get('/api/staff/reports?status=open&limit=100', sue.token), 200).body.reports.length,
      tickets: ok(await api.get('/api/support/tickets?limit=100', sue.token), 200).body.tickets.length,
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
    ok(await api.delete('/api/users/me', dee.token, { password: dee.password }), 204);
    await allReadModelsCaughtUp();

    // In the log: every value sealed with her key, wherever it is, no longer opens; others' still do.
    const log = await store().readAll({ fromPosition: 0, maxCount: 100_000 });
    const sealed = sealedValuesIn(log);
    const hers = sealed.filter((value) => value.owner === dee.userId);
    const theirs = sealed.filter((value) => value.owner !== dee.userId);
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
    const chat = ok(await api.get(`/api/channels/${cat.username}/chat/messages`), 200).body.messages;
    expect(chat.filter((message: { senderId: string }) => message.senderId === dee.userId)).toEqual(
      deeMessageIds.map((messageId) => ({ messageId, senderId: dee.userId, sender: null, text: null, sentAt: expect.any(String) })),
    );
    expect(chat.find((message: { messageId: string }) => message.messageId === halMessageId)).toMatchObject({ sender: hal.username, text: halSays });
    const ticket = ok(await api.get(`/api/support/tickets/${ticketId}`, sue.token), 200).body;
    expect(ticket.messages.map((message: { body: string | null }) => message.body)).toEqual([null, null]);
    const reports = ok(await api.get('/api/staff/reports?status=open&limit=100', sue.token), 200).body.reports;
    expect(reports.find((report: { reportId: string }) => report.reportId === reportId)).toMatchObject({ notes: null, reporter: { userId: dee.userId, deleted: true } });

    // Every count and log as before; the logs still list what she did and what was done to her, naming her as deleted.
    expect({
      followersOfCat: await followerCount(cat),
      followersOfFinn: await followerCount(finn),
      followCountsOfDee: (await sql.query('SELECT followers, following FROM follow_counts WHERE user_id = $1', [dee.userId])).rows,
      catModerationLog: ok(await api.get(`/api/channels/${cat.username}/moderation-log`, cat.token), 200).body.entries,
      deeModerationLog: await moderationLogRows(channels.get(dee.username)!),
      openReports: reports.length,
      tickets: ok(await api.get('/api/support/tickets?limit=100', sue.token), 200).body.tickets.length,
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
    expect(await api.get('/api/users/me', dee.token)).toMatchObject({ status: 401 });
    expect((await api.post('/api/sessions', { username: dee.username, password: dee.password })).body).toMatchObject({ status: 401, error: 'invalid_credentials' });
    for (const username of [dee.username, dee.username.toUpperCase()]) {
      const again = await api.post('/api/accounts', { username, email: `someone.else.${tag}@glint.test`, password: 'a long enough passphrase' });
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

function ok<Body>(response: ApiResponse<Body>, status: number): ApiResponse<Body> {
  if (response.status !== status) throw new Error(`Expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response;
}
