import { SESSION_TOKEN_PREFIX } from '@glint/access';
import { EventSourcedStreams, type CommandContext } from '@glint/event-sourcing';
import { userStreamName, type UserEvent } from './events';
import { createProjectionEngine, type ProjectionEngine } from '@glint/projection-engine';
// The identity context's own readers of these tables, not exported: tested here against the projection that fills them.
import { newOpaqueToken } from './credentials/opaque-tokens';
import { SessionTokenResolver } from './session-token-resolver';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { accounts, findAccountByUsername, readAccountFacts } from '@glint/projections/accounts';
import { mailOutbox } from '@glint/projections/mail-outbox';

const ANA = '0a0a0a0a-0000-4000-8000-000000000001';
const BEN = '0b0b0b0b-0000-4000-8000-000000000002';
const CARA = '0c0c0c0c-0000-4000-8000-000000000003';
const DAY_MS = 24 * 3600 * 1000;
const now = Date.now();
const ago = (ms: number) => new Date(now - ms);
const quiet = { log: () => undefined, error: () => undefined };
const context = (time: Date): CommandContext => ({ actor: { type: 'system' }, correlationId: 'c-accounts', causationId: null, now: time });

const anaToken = newOpaqueToken(SESSION_TOKEN_PREFIX);
const anaEndedToken = newOpaqueToken(SESSION_TOKEN_PREFIX);
const anaExpiredToken = newOpaqueToken(SESSION_TOKEN_PREFIX);
const benToken = newOpaqueToken(SESSION_TOKEN_PREFIX);
const caraToken = newOpaqueToken(SESSION_TOKEN_PREFIX);

const registered = (userId: string, username: string): UserEvent => ({ type: 'UserRegistered', data: { userId, username, emailSealed: `pd1.email-${username}`, passwordHashSealed: 'pd1.hash' } });
const mailAsked = (userId: string, tokenHash: string, at: Date): UserEvent => ({
  type: 'EmailConfirmationRequested',
  data: { userId, emailSealed: 'pd1.email', tokenSealed: `pd1.${tokenHash}`, tokenHash, requestedAt: at.toISOString(), expiresAt: new Date(at.getTime() + DAY_MS).toISOString() },
});
const loggedIn = (userId: string, sessionId: string, tokenHash: string, at: Date): UserEvent => ({
  type: 'UserLoggedIn',
  data: { userId, sessionId, tokenHash, loggedInAt: at.toISOString(), expiresAt: new Date(at.getTime() + 30 * DAY_MS).toISOString(), twoFactorTimeStep: null },
});

/** Each user's history, appended in this order, each event at its own time. */
const history: Array<[string, UserEvent, Date]> = [
  [ANA, registered(ANA, 'Ana'), ago(40 * DAY_MS)],
  [ANA, mailAsked(ANA, 'ana-mail-1', ago(40 * DAY_MS)), ago(40 * DAY_MS)],
  [ANA, loggedIn(ANA, 'ana-s0', anaExpiredToken.tokenHash, ago(35 * DAY_MS)), ago(35 * DAY_MS)],
  [BEN, registered(BEN, 'ben'), ago(3 * DAY_MS)],
  [BEN, mailAsked(BEN, 'ben-mail-1', ago(3 * DAY_MS)), ago(3 * DAY_MS)],
  [ANA, mailAsked(ANA, 'ana-mail-2', ago(2 * DAY_MS)), ago(2 * DAY_MS)],
  [ANA, { type: 'EmailConfirmed', data: { userId: ANA } }, ago(2 * DAY_MS)],
  [ANA, loggedIn(ANA, 'ana-s1', anaEndedToken.tokenHash, ago(DAY_MS)), ago(DAY_MS)],
  [ANA, loggedIn(ANA, 'ana-s2', anaToken.tokenHash, ago(DAY_MS)), ago(DAY_MS)],
  [ANA, { type: 'UserLoggedOut', data: { userId: ANA, sessionId: 'ana-s1', reason: 'logout' } }, ago(DAY_MS)],
  [ANA, { type: 'TwoFactorSetupStarted', data: { userId: ANA, secretSealed: 'pd1.secret' } }, ago(DAY_MS)],
  [ANA, { type: 'TwoFactorEnabled', data: { userId: ANA, secretSealed: 'pd1.secret', timeStep: 1 } }, ago(DAY_MS)],
  [ANA, { type: 'StaffRoleGranted', data: { userId: ANA, role: 'support' } }, ago(DAY_MS)],
  [ANA, { type: 'StreamingSuspended', data: { userId: ANA, reason: 'Restreamed a film' } }, ago(DAY_MS)],
  [ANA, { type: 'StreamingReinstated', data: { userId: ANA } }, ago(DAY_MS)],
  [BEN, loggedIn(BEN, 'ben-s1', benToken.tokenHash, ago(DAY_MS)), ago(DAY_MS)],
  [BEN, { type: 'UserGloballyBanned', data: { userId: BEN, reason: 'Spam' } }, ago(3600 * 1000)],
  [BEN, { type: 'StreamingSuspended', data: { userId: BEN, reason: 'Spam streams' } }, ago(3600 * 1000)],
  [CARA, registered(CARA, 'Cara'), ago(DAY_MS)],
  [CARA, mailAsked(CARA, 'cara-mail-1', ago(DAY_MS)), ago(DAY_MS)],
  [CARA, loggedIn(CARA, 'cara-s1', caraToken.tokenHash, ago(DAY_MS)), ago(DAY_MS)],
  [CARA, { type: 'UserLoggedOut', data: { userId: CARA, sessionId: 'cara-s1', reason: 'account_deleted' } }, ago(60 * 1000)],
  [CARA, { type: 'AccountDeleted', data: { userId: CARA, username: 'Cara' } }, ago(60 * 1000)],
];

describe('the accounts and mail_outbox read models', () => {
  let opened: TestStore;
  let engine: ProjectionEngine;
  let head = 0;

  const rows = async () => ({
    accounts: (await opened.sql.query('SELECT * FROM accounts ORDER BY user_id')).rows,
    sessions: (await opened.sql.query('SELECT * FROM sessions ORDER BY session_id')).rows,
    tokens: (await opened.sql.query('SELECT * FROM email_confirmation_tokens ORDER BY token_hash')).rows,
    outbox: (await opened.sql.query('SELECT * FROM mail_outbox ORDER BY position')).rows,
  });

  beforeAll(async () => {
    opened = await openTestStore();
    const streams = new EventSourcedStreams(opened.store);
    for (const [userId, event, time] of history) {
      const [appended] = await streams.append(userStreamName(userId), [event], context(time));
      head = appended.position;
    }
    engine = createProjectionEngine({ store: opened.store, databaseUrl: opened.database.url, projections: [accounts, mailOutbox], batchSize: 4, logger: quiet });
    await engine.catchUp('accounts', head);
    await engine.catchUp('mail_outbox', head);
  });
  afterAll(async () => {
    await engine?.stop();
    await closeTestStore(opened);
  });

  it('keeps one row per account ever registered, deleted ones marked, with what each event changed', async () => {
    const { accounts: accountRows } = await rows();
    expect(accountRows).toEqual([
      {
        user_id: ANA,
        username: 'Ana',
        email_sealed: 'pd1.email-Ana',
        email_confirmed: true,
        created_at: ago(40 * DAY_MS),
        staff_role: 'support',
        two_factor_enabled: true,
        global_ban_reason: null,
        streaming_suspended: false,
        deleted_at: null,
      },
      {
        user_id: BEN,
        username: 'ben',
        email_sealed: 'pd1.email-ben',
        email_confirmed: false,
        created_at: ago(3 * DAY_MS),
        staff_role: null,
        two_factor_enabled: false,
        global_ban_reason: 'Spam',
        streaming_suspended: true,
        deleted_at: null,
      },
      expect.objectContaining({ user_id: CARA, username: 'Cara', deleted_at: ago(60 * 1000) }),
    ]);
  });

  it('keeps the sessions that did not end, and the confirmation tokens of accounts that were not deleted', async () => {
    const { sessions, tokens } = await rows();
    // ana-s0 had expired when ana-s1 began; ana-s1 and Cara's session were ended. Ben's is kept: this history holds
    // no logout for it (the decider records those with a ban), and the resolver refuses it for the ban alone.
    expect(sessions.map((row) => row.session_id)).toEqual(['ana-s2', 'ben-s1']);
    expect(sessions[0]).toEqual({ session_id: 'ana-s2', token_hash: anaToken.tokenHash, user_id: ANA, expires_at: new Date(ago(DAY_MS).getTime() + 30 * DAY_MS) });
    expect(tokens.map((row) => [row.token_hash, row.user_id])).toEqual([
      ['ana-mail-1', ANA],
      ['ana-mail-2', ANA],
      ['ben-mail-1', BEN],
    ]);
  });

  it('owes one mail per confirmation asked for, keyed by its event', async () => {
    const { outbox } = await rows();
    const asked = (await opened.store.readAll({ maxCount: 100 })).filter((event) => event.type === 'EmailConfirmationRequested');
    expect(outbox).toEqual(
      asked.map((event) => ({
        event_id: event.id,
        position: String(event.position),
        user_id: (event.data as { userId: string }).userId,
        kind: 'email_confirmation',
        email_sealed: 'pd1.email',
        token_sealed: (event.data as { tokenSealed: string }).tokenSealed,
        expires_at: new Date((event.data as { expiresAt: string }).expiresAt),
      })),
    );
  });

  it('tells other contexts an account’s facts, by id or by username in any case', async () => {
    const em = engine.entityManager();
    const anaFacts = {
      userId: ANA,
      username: 'Ana',
      emailConfirmed: true,
      accountCreatedAt: ago(40 * DAY_MS),
      staffRole: 'support',
      globallyBanned: false,
      streamingSuspended: false,
      deleted: false,
    };
    expect(await readAccountFacts(em, ANA)).toEqual(anaFacts);
    expect(await findAccountByUsername(em, 'aNA')).toEqual(anaFacts);
    expect(await findAccountByUsername(em, 'BEN')).toMatchObject({ userId: BEN, globallyBanned: true, streamingSuspended: true, emailConfirmed: false });
    expect(await readAccountFacts(em, CARA)).toMatchObject({ username: 'Cara', deleted: true });
    expect(await readAccountFacts(em, 'nobody')).toBeNull();
    expect(await findAccountByUsername(em, 'nobody')).toBeNull();
  });

  it('turns a live session token into its user, and nothing else into anyone', async () => {
    const resolver = new SessionTokenResolver(engine);
    expect(await resolver.resolve(anaToken.token)).toEqual({
      kind: 'user',
      userId: ANA,
      username: 'Ana',
      sessionId: 'ana-s2',
      staffRole: 'support',
      emailConfirmed: true,
      accountCreatedAt: ago(40 * DAY_MS),
    });
    for (const token of [anaEndedToken.token, anaExpiredToken.token, benToken.token, caraToken.token, newOpaqueToken(SESSION_TOKEN_PREFIX).token, anaToken.token.replace(SESSION_TOKEN_PREFIX, 'gla_')]) {
      expect(await resolver.resolve(token)).toBeNull();
    }
  });

  it('rebuilds to the same rows, whatever the batch size', async () => {
    const live = await rows();
    const rebuilder = createProjectionEngine({ store: opened.store, databaseUrl: opened.database.url, projections: [accounts, mailOutbox], batchSize: 1000, logger: quiet });
    try {
      await rebuilder.rebuild(['accounts']);
      await rebuilder.rebuild(['mail_outbox']);
    } finally {
      await rebuilder.stop();
    }
    expect(await rows()).toEqual(live);
  });
});
