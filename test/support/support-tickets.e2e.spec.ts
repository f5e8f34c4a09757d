import type { EventStore } from '@glint/eventstore';
import { EVENT_STORE } from '@glint/runtime';
import { ApiClient, recordsNothing } from '@glint/testing';
import { Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';

describe('support tickets over HTTP', () => {
  let platform: PlatformUnderTest;
  let api: ApiClient;
  let store: EventStore;
  let ana: GivenUser;
  let ben: GivenUser;
  let sam: GivenUser;
  let ada: GivenUser;
  let ticketId: string;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    api = new ApiClient(platform.baseUrl);
    store = platform.app.get<EventStore>(EVENT_STORE, { strict: false });
    const given = new Given(platform);
    [ana, ben, sam, ada] = await Promise.all([given.user(), given.user(), given.user({ staffRole: 'support' }), given.user({ staffRole: 'analyst' })]);
  });
  afterAll(() => platform?.close());

  const ids = (response: { body: { items: Array<{ ticketId: string }> } }) => response.body.items.map((ticket) => ticket.ticketId);

  it('refuses a ticket from nobody, and any broken rule with a 400 naming the field, recording nothing', async () => {
    await recordsNothing(store, async () => {
      expect((await api.post('/api/support/tickets', { subject: 'Help', body: 'Please' })).body).toMatchObject({ status: 401, error: 'sign_in_required' });
      for (const [body, field] of [
        [{ body: 'Please' }, 'subject'],
        [{ subject: '', body: 'Please' }, 'subject'],
        [{ subject: '   ', body: 'Please' }, 'subject'],
        [{ subject: 's'.repeat(201), body: 'Please' }, 'subject'],
        [{ subject: 'Help' }, 'body'],
        [{ subject: 'Help', body: ' \n ' }, 'body'],
        [{ subject: 'Help', body: 'b'.repeat(5001) }, 'body'],
        [{ subject: 'Help', body: 42 }, 'body'],
        [{ subject: 'Help', body: 'Please', userId: ben.userId }, 'userId'],
      ] as const) {
        const refused = await api.post('/api/support/tickets', body, ana.token);
        expect({ body: JSON.stringify(body).slice(0, 60), status: refused.status, error: refused.body.error, field: refused.body.field }).toEqual({
          body: JSON.stringify(body).slice(0, 60), status: 400, error: 'invalid_input', field,
        });
      }
    });
  });

  it('opens a ticket that its owner and support staff see, and nobody else', async () => {
    const opened = await api.post('/api/support/tickets', { subject: ' Payout missing ', body: 'My payout never came.' }, ana.token);
    expect(opened.status).toBe(201);
    expect(opened.body).toEqual({
      ticketId: expect.any(String),
      userId: ana.userId,
      subject: 'Payout missing',
      status: 'open',
      openedAt: expect.any(String),
      lastMessageAt: opened.body.openedAt,
      messageCount: 1,
      closedAt: null,
      closedBy: null,
      messages: [{ authorId: ana.userId, byStaff: false, body: 'My payout never came.', writtenAt: opened.body.openedAt }],
    });
    ticketId = opened.body.ticketId;
    const other = (await api.post('/api/support/tickets', { subject: 'Cannot stream', body: 'OBS refuses my key.' }, ben.token)).body.ticketId;

    expect(ids(await api.get('/api/support/tickets', ana.token))).toEqual([ticketId]);
    expect(ids(await api.get('/api/support/tickets', ada.token))).toEqual([]);
    expect(ids(await api.get('/api/support/tickets', sam.token))).toEqual([other, ticketId]);
    const first = await api.get('/api/support/tickets?limit=1', sam.token);
    expect(ids(first)).toEqual([other]);
    const last = await api.get(`/api/support/tickets?limit=1&cursor=${first.body.nextCursor}`, sam.token);
    expect({ ids: ids(last), nextCursor: last.body.nextCursor }).toEqual({ ids: [ticketId], nextCursor: null });
    expect((await api.get('/api/support/tickets?limit=101', sam.token)).body).toMatchObject({ status: 400, field: 'limit' });
    expect((await api.get('/api/support/tickets?cursor=soon', sam.token)).body).toMatchObject({ status: 400, error: 'invalid_cursor', field: 'cursor' });
    expect((await api.get('/api/support/tickets?status=pending', sam.token)).body).toMatchObject({ status: 400, field: 'status' });
    expect((await api.get('/api/support/tickets')).status).toBe(401);

    expect((await api.get(`/api/support/tickets/${ticketId}`, sam.token)).body.messages[0].body).toBe('My payout never came.');
    expect((await api.get(`/api/support/tickets/${ticketId}`, ben.token)).body).toMatchObject({ status: 403, error: 'not_your_ticket' });
    expect((await api.get(`/api/support/tickets/${ticketId}`, ada.token)).body).toMatchObject({ status: 403, error: 'not_your_ticket' });
    expect((await api.get('/api/support/tickets/6a5b4c3d-0000-4000-8000-000000000000', ana.token)).body).toMatchObject({ status: 404, error: 'ticket_not_found' });
    expect((await api.get('/api/support/tickets/42', ana.token)).body).toMatchObject({ status: 400, field: 'ticketId' });
  });

  it('carries the conversation between the owner and support staff', async () => {
    await recordsNothing(store, async () => {
      expect((await api.post(`/api/support/tickets/${ticketId}/replies`, { body: 'Me too!' }, ben.token)).body).toMatchObject({ status: 403, error: 'not_your_ticket' });
      expect((await api.post(`/api/support/tickets/${ticketId}/replies`, { body: 'b'.repeat(5001) }, sam.token)).body).toMatchObject({ status: 400, field: 'body' });
      expect((await api.post('/api/support/tickets/6a5b4c3d-0000-4000-8000-000000000000/replies', { body: 'Hello?' }, sam.token)).body).toMatchObject({ status: 404, error: 'ticket_not_found' });
    });
    const answered = await api.post(`/api/support/tickets/${ticketId}/replies`, { body: 'We are looking into it.' }, sam.token);
    expect(answered.status).toBe(201);
    const followedUp = await api.post(`/api/support/tickets/${ticketId}/replies`, { body: 'Thanks!' }, ana.token);
    expect(followedUp.body.messages.map((message: { authorId: string; byStaff: boolean; body: string }) => [message.authorId, message.byStaff, message.body])).toEqual([
      [ana.userId, false, 'My payout never came.'],
      [sam.userId, true, 'We are looking into it.'],
      [ana.userId, false, 'Thanks!'],
    ]);
    expect(followedUp.body.messageCount).toBe(3);
  });

  it('closes a ticket once; a closed ticket takes no reply and no second closure', async () => {
    await recordsNothing(store, async () => {
      expect((await api.post(`/api/support/tickets/${ticketId}/closure`, undefined, ben.token)).body).toMatchObject({ status: 403, error: 'not_your_ticket' });
    });
    const closed = await api.post(`/api/support/tickets/${ticketId}/closure`, undefined, sam.token);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedBy: sam.userId, closedAt: expect.any(String) });
    await recordsNothing(store, async () => {
      expect((await api.post(`/api/support/tickets/${ticketId}/closure`, undefined, ana.token)).body).toMatchObject({ status: 409, error: 'ticket_already_closed' });
      expect((await api.post(`/api/support/tickets/${ticketId}/replies`, { body: 'One more thing' }, ana.token)).body).toMatchObject({ status: 409, error: 'ticket_closed' });
    });
    expect(ids(await api.get('/api/support/tickets?status=closed', sam.token))).toEqual([ticketId]);
    expect(ids(await api.get('/api/support/tickets?status=open', ana.token))).toEqual([]);
  });
});
