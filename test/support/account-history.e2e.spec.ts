import { positionCursor } from '@glint/api';
import type { EventStore } from '@glint/eventstore';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_STORE, PERSONAL_DATA } from '@glint/runtime';
import { ApiClient, recordsNothing } from '@glint/testing';
import { Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';

describe('support reading an account’s history over HTTP', () => {
  let platform: PlatformUnderTest;
  let api: ApiClient;
  let store: EventStore;
  let ana: GivenUser;
  let ben: GivenUser;
  let sam: GivenUser;
  let adam: GivenUser;
  let ada: GivenUser;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    api = new ApiClient(platform.baseUrl);
    store = platform.app.get<EventStore>(EVENT_STORE, { strict: false });
    const given = new Given(platform);
    [ana, ben, sam, adam, ada] = await Promise.all([given.user(), given.user(), given.user({ staffRole: 'support' }), given.user({ staffRole: 'admin' }), given.user({ staffRole: 'analyst' })]);
    const opened = await api.request('POST', '/api/support/tickets', {
      body: { subject: 'Payout missing', body: 'My payout never came.' },
      token: ana.token,
      headers: { 'x-correlation-id': 'corr-ticket-1' },
    });
    expect(opened.status).toBe(201);
  });
  afterAll(() => platform?.close());

  const history = (userId: string, query: Record<string, string>, token?: string) =>
    api.get(`/api/support/accounts/${userId}/history?${new URLSearchParams(query).toString()}`, token);

  it('lets only support and admins look, only with a reason, and records nothing when it refuses', async () => {
    await recordsNothing(store, async () => {
      const reason = { reason: 'Ticket 1: payout missing' };
      expect((await history(ana.userId, reason)).body).toMatchObject({ status: 401, error: 'sign_in_required' });
      expect((await history(ana.userId, reason, ben.token)).body).toMatchObject({ status: 403, error: 'staff_only' });
      expect((await history(ana.userId, reason, ada.token)).body).toMatchObject({ status: 403, error: 'staff_only' });
      expect((await history('5d6c7b8a-0000-4000-8000-000000000000', reason, sam.token)).body).toMatchObject({ status: 404, error: 'account_not_found' });

      const invalid: Array<[string, Record<string, string>, string, string]> = [
        ['no reason', {}, 'invalid_input', 'reason'],
        ['a reason of two characters', { reason: 'ab' }, 'invalid_input', 'reason'],
        ['a reason of 501 characters', { reason: 'r'.repeat(501) }, 'invalid_input', 'reason'],
        ['a reason of blanks', { reason: '      ' }, 'reason_required', 'reason'],
        ['a page of 0', { ...reason, limit: '0' }, 'invalid_input', 'limit'],
        ['a page of 101', { ...reason, limit: '101' }, 'invalid_input', 'limit'],
        ['a page that is no number', { ...reason, limit: 'ten' }, 'invalid_input', 'limit'],
        ['a cursor this list never gave out', { ...reason, cursor: 'yesterday' }, 'invalid_cursor', 'cursor'],
        ['an event type that is not one', { ...reason, types: 'UserLoggedIn,Drop Table' }, 'invalid_input', 'types'],
        ['a time that is not ISO-8601', { ...reason, from: 'last week' }, 'invalid_input', 'from'],
        ['a time range that ends before it starts', { ...reason, from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'invalid_time_range', 'to'],
        ['an unknown query field', { ...reason, userId: ben.userId }, 'invalid_input', 'userId'],
      ];
      for (const [what, query, error, field] of invalid) {
        const refused = await history(ana.userId, query, sam.token);
        expect({ what, status: refused.status, error: refused.body.error, field: refused.body.field }).toEqual({ what, status: 400, error, field });
      }
      expect((await history('not-a-user-id', reason, sam.token)).body).toMatchObject({ status: 400, field: 'userId' });
    });
  });

  it('shows every event about the account newest first, personal values opened, after recording who looked and why', async () => {
    const looked = await history(ana.userId, { reason: 'Ticket 1: payout missing' }, sam.token);
    expect(looked.status).toBe(200);
    const { items: entries, nextCursor, userId } = looked.body;
    expect({ userId, nextCursor }).toEqual({ userId: ana.userId, nextCursor: null });
    const positions = entries.map((entry: { position: number }) => entry.position);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));

    const registered = entries.find((entry: { type: string }) => entry.type === 'UserRegistered');
    expect(registered).toMatchObject({ streamName: `user-${ana.userId}`, relation: 'both', data: { userId: ana.userId, email: ana.email, passwordHashSealed: '[credential withheld]' } });
    const ticket = entries.find((entry: { type: string }) => entry.type === 'SupportTicketOpened');
    expect(ticket).toEqual({
      position: expect.any(Number),
      eventId: expect.any(String),
      type: 'SupportTicketOpened',
      streamName: expect.stringMatching(/^ticket-/),
      occurredAt: expect.any(String),
      relation: 'both',
      actor: { type: 'user', userId: ana.userId, role: 'user' },
      correlationId: 'corr-ticket-1',
      causationId: null,
      data: { ticketId: expect.any(String), userId: ana.userId, subject: 'Payout missing', body: 'My payout never came.' },
    });
    expect(entries.some((entry: { type: string }) => entry.type === 'SupportAccountViewed')).toBe(false);

    const views = await store.readStream(`support-access-${sam.userId}`);
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({
      type: 'SupportAccountViewed',
      data: { staffUserId: sam.userId, subjectUserId: ana.userId, view: 'history', reason: 'Ticket 1: payout missing', filters: { types: [], from: null, to: null, before: null, limit: 50 } },
      metadata: { actor: { type: 'user', userId: sam.userId, role: 'support' }, correlationId: looked.headers.get('x-correlation-id') },
    });

    // The next look shows the last one: the account's history holds every look at it.
    const again = await history(ana.userId, { reason: 'Ticket 1: checking again', types: 'SupportAccountViewed' }, adam.token);
    expect(again.body.items).toEqual([expect.objectContaining({ type: 'SupportAccountViewed', relation: 'subject', data: expect.objectContaining({ staffUserId: sam.userId }) })]);
  });

  it('filters by type and time and pages with the cursor', async () => {
    const all = (await history(ana.userId, { reason: 'Ticket 1: paging' }, sam.token)).body.items as Array<{ position: number; type: string; occurredAt: string }>;
    expect(all.length).toBeGreaterThan(3);
    // Every look adds a SupportAccountViewed to the account: pinning the cursor keeps the pages comparable.
    const page = (query: Record<string, string>) => history(ana.userId, { reason: 'Ticket 1: paging', cursor: positionCursor.encode(all[0].position + 1), ...query }, sam.token);
    const positions = (response: { body: { items: Array<{ position: number }> } }) => response.body.items.map((entry) => entry.position);

    const first = await page({ limit: '2' });
    expect(positions(first)).toEqual(all.slice(0, 2).map((entry) => entry.position));
    const second = await page({ limit: '2', cursor: first.body.nextCursor });
    expect(positions(second)).toEqual(all.slice(2, 4).map((entry) => entry.position));
    const last = await page({ limit: '100', cursor: second.body.nextCursor });
    expect(positions(last)).toEqual(all.slice(4).map((entry) => entry.position));
    expect(last.body.nextCursor).toBeNull();

    const typed = await page({ types: 'SupportTicketOpened,UserRegistered' });
    expect(typed.body.items.map((entry: { type: string }) => entry.type)).toEqual(['SupportTicketOpened', 'UserRegistered']);

    const registeredAt = all.find((entry) => entry.type === 'UserRegistered')!.occurredAt;
    const until = await page({ to: registeredAt });
    const since = await page({ from: registeredAt });
    expect(until.body.items.every((entry: { occurredAt: string }) => entry.occurredAt < registeredAt)).toBe(true);
    expect(since.body.items.every((entry: { occurredAt: string }) => entry.occurredAt >= registeredAt)).toBe(true);
    expect([...positions(since), ...positions(until)]).toEqual(all.map((entry) => entry.position));
  });

  it('shows personal values of an erased account as null while its facts remain', async () => {
    // The erasure itself, as account deletion does it: the owner's key is destroyed.
    await platform.app.get<PersonalDataVault>(PERSONAL_DATA, { strict: false }).shred(ana.userId);
    const { body } = await history(ana.userId, { reason: 'Ticket 1: after deletion', types: 'UserRegistered,SupportTicketOpened' }, sam.token);
    const personal = (entry: { type: string; data: Record<string, unknown> }) => [entry.type, entry.type === 'UserRegistered' ? entry.data.email : entry.data.body];
    expect(body.items.map(personal)).toEqual([
      ['SupportTicketOpened', null],
      ['UserRegistered', null],
    ]);
  });
});
