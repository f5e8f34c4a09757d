import WebSocket from 'ws';
import { MAIL_DELIVERY, type Mail, type MailDelivery } from '@glint/mail';
import { recordsNothing, until, type ApiResponse } from '@glint/testing';
import { eventStore, service, totpCode, awayFromStepBoundary, usePlatform, type GivenUser, type PlatformFixture } from '@glint/testing/platform';

/**
 * Every throttle hit from end to end: the allowed requests go through, the next is answered 429
 * with Retry-After and a problem-details body, and the refused request records nothing. The
 * platforms trust one proxy, so each test comes from client addresses of its own (203.0.113.x in
 * X-Forwarded-For) and counts against no other test's; users set up by the kit come from 127.0.0.1.
 */

/** What each limit allows here: a handful, so a test reaches it in a few requests. */
const LOW_LIMITS = {
  TRUST_PROXY_HOPS: '1',
  THROTTLE_SIGN_IN_PER_ACCOUNT: '3/15m',
  THROTTLE_SIGN_IN_PER_ADDRESS: '6/15m',
  THROTTLE_SIGN_IN_LOCKOUT: '30s',
  THROTTLE_SIGN_IN_LOCKOUT_MAX: '1h',
  THROTTLE_TWO_FACTOR: '3/5m',
  THROTTLE_REPORTS: '2/1h',
  THROTTLE_TICKETS: '2/1h',
  THROTTLE_APP_TOKENS: '2/1m',
  THROTTLE_FOLLOWS: '2/1m',
  THROTTLE_SOCKET_CONNECTIONS: '2/1m',
};

const from = (address: string) => ({ 'x-forwarded-for': address });

function expectThrottled(response: ApiResponse, atMostSeconds: number): void {
  expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({ status: 429, contentType: expect.stringMatching(/^application\/problem\+json/) });
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(atMostSeconds);
  expect(response.body).toMatchObject({ type: 'urn:glint:problem:rate_limited', status: 429, error: 'rate_limited', detail: expect.any(String), retryAfterSeconds: retryAfter });
}

async function refusedRecordingNothing(glint: PlatformFixture, send: () => Promise<ApiResponse>, atMostSeconds: number): Promise<void> {
  await recordsNothing(eventStore(glint.platform), async () => expectThrottled(await send(), atMostSeconds));
}

describe('throttles on signing in and on what signed-in people do', () => {
  const glint = usePlatform({ env: LOW_LIMITS });
  const signIn = (user: { username: string; password: string }, address: string, totp?: string) =>
    glint.api.request('POST', '/api/sessions', { headers: from(address), body: { username: user.username, password: user.password, ...(totp ? { totpCode: totp } : {}) } });
  const wrong = (user: GivenUser) => ({ username: user.username, password: 'not the password at all' });

  it('locks an account after 3 wrong passwords, from any address, and mails its owner', async () => {
    const delivery = service<MailDelivery>(glint.platform, MAIL_DELIVERY);
    const sent = jest.spyOn(delivery, 'send');
    const [ana, ben] = await Promise.all([glint.given.user(), glint.given.user()]);
    for (let attempt = 0; attempt < 3; attempt++) expect((await signIn(wrong(ana), '203.0.113.1')).body.error).toBe('invalid_credentials');

    await refusedRecordingNothing(glint, () => signIn(ana, '203.0.113.2'), 30);
    const notices = () => sent.mock.calls.map(([mail]) => mail as Mail).filter((mail) => mail.to === ana.email && /locked/.test(mail.subject));
    const [notice] = await until('the lock-out notice', () => (notices().length > 0 ? notices() : undefined));
    expect(notice).toMatchObject({ recipientId: ana.userId, subject: 'Your Glint account was locked after failed sign-ins', text: expect.stringContaining('locked for 30 seconds') });
    expect(notices()).toHaveLength(1);
    // The address that failed three times is not locked itself, and nor is any other account.
    expect((await signIn(ben, '203.0.113.1')).status).toBe(201);
    sent.mockRestore();
  });

  it('locks a client address after 6 wrong passwords, whichever usernames they named', async () => {
    const cara = await glint.given.user();
    for (let attempt = 0; attempt < 6; attempt++) expect((await signIn({ username: `nobody_${attempt}`, password: 'guess' }, '203.0.113.3')).body.error).toBe('invalid_credentials');

    await refusedRecordingNothing(glint, () => signIn(cara, '203.0.113.3'), 30);
    expect((await signIn(cara, '203.0.113.4')).status).toBe(201);
  });

  it('refuses two-factor codes for an account after 3 wrong ones, the right one included, at sign-in and when turning it off', async () => {
    const dan = await glint.given.user();
    const { secret } = (await glint.api.post('/api/users/me/two-factor', undefined, dan.token)).body;
    await awayFromStepBoundary();
    expect((await glint.api.post('/api/users/me/two-factor/confirmation', { code: totpCode(secret, -1) }, dan.token)).status).toBe(204);
    for (const steps of [5, 6, 7]) expect((await signIn(dan, '203.0.113.5', totpCode(secret, steps))).body.error).toBe('invalid_two_factor_code');

    await refusedRecordingNothing(glint, () => signIn(dan, '203.0.113.5', totpCode(secret)), 300);
    await refusedRecordingNothing(glint, () => glint.api.delete('/api/users/me/two-factor', dan.token, { code: totpCode(secret) }), 300);
  });

  it('refuses a third report within the hour', async () => {
    const [reporter, first, second] = await Promise.all([glint.given.user(), glint.given.user(), glint.given.user()]);
    for (const target of [first, second]) expect((await glint.api.post('/api/reports', { target: target.username, where: 'profile', why: 'hate_speech' }, reporter.token)).status).toBe(201);
    await refusedRecordingNothing(glint, () => glint.api.post('/api/reports', { target: first.username, where: 'profile', why: 'other' }, reporter.token), 3600);
  });

  it('refuses a third support ticket within the hour', async () => {
    const asker = await glint.given.user();
    for (const subject of ['Payout missing', 'Stream key']) expect((await glint.api.post('/api/support/tickets', { subject, body: 'Please help.' }, asker.token)).status).toBe(201);
    await refusedRecordingNothing(glint, () => glint.api.post('/api/support/tickets', { subject: 'Again', body: 'Please help.' }, asker.token), 3600);
  });

  it('refuses a third app-token request from one address within the minute', async () => {
    const developer = await glint.given.user();
    const app = (await glint.api.post('/api/apps', { name: 'Clip Bot', scopes: ['public'] }, developer.token)).body;
    const ask = (address: string) =>
      glint.api.request('POST', '/api/oauth/token', { headers: from(address), body: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret } });
    for (let asked = 0; asked < 2; asked++) expect((await ask('203.0.113.6')).status).toBe(200);

    await refusedRecordingNothing(glint, () => ask('203.0.113.6'), 60);
    expect((await ask('203.0.113.7')).status).toBe(200);
  });

  it('refuses a third follow or unfollow within the minute', async () => {
    const [streamer, fan] = await Promise.all([glint.given.user(), glint.given.user()]);
    expect((await glint.api.post('/api/channels', { title: 'Evening speedruns' }, streamer.token)).status).toBe(201);
    const follow = `/api/channels/${streamer.username}/follow`;
    expect((await glint.api.put(follow, { liveNotifications: true }, fan.token)).status).toBe(200);
    expect((await glint.api.delete(follow, fan.token)).status).toBe(204);
    await refusedRecordingNothing(glint, () => glint.api.put(follow, { liveNotifications: true }, fan.token), 60);
  });

  it('answers a third WebSocket connection from one address within the minute with 429, over /ws/chat and /ws/live together', async () => {
    const opened = [await connect(glint, '/ws/chat', '203.0.113.8'), await connect(glint, '/ws/live', '203.0.113.8')];
    try {
      expect(opened.map((outcome) => outcome.status)).toEqual([101, 101]);
      await recordsNothing(eventStore(glint.platform), async () => {
        const refused = await connect(glint, '/ws/chat', '203.0.113.8');
        expect({ status: refused.status, contentType: refused.headers['content-type'] }).toEqual({ status: 429, contentType: 'application/problem+json' });
        expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
        expect(JSON.parse(refused.body)).toMatchObject({ status: 429, error: 'rate_limited', instance: '/ws/chat', retryAfterSeconds: Number(refused.headers['retry-after']) });
      });
      const elsewhere = await connect(glint, '/ws/live', '203.0.113.9');
      opened.push(elsewhere);
      expect(elsewhere.status).toBe(101);
    } finally {
      for (const outcome of opened) outcome.socket?.close();
    }
  });
});

describe('throttles on registering and on resetting a password, per client address', () => {
  const glint = usePlatform({ env: { TRUST_PROXY_HOPS: '1', THROTTLE_REGISTRATION: '2/1h', THROTTLE_PASSWORD_RESET: '2/1h' } });
  const register = (username: string, address: string) =>
    glint.api.request('POST', '/api/accounts', { headers: from(address), body: { username, email: `${username}@glint.test`, password: 'a long enough passphrase' } });

  it('refuses a third registration from one address within the hour', async () => {
    const suffix = Date.now().toString(36);
    for (const name of ['one', 'two']) expect((await register(`reg_${name}_${suffix}`, '203.0.113.10')).status).toBe(201);
    await refusedRecordingNothing(glint, () => register(`reg_three_${suffix}`, '203.0.113.10'), 3600);
    expect((await register(`reg_four_${suffix}`, '203.0.113.11')).status).toBe(201);
  });

  it('counts asking for a reset and confirming one together, and refuses the third within the hour', async () => {
    const ask = () => glint.api.request('POST', '/api/accounts/password-reset', { headers: from('203.0.113.12'), body: { email: 'someone@glint.test' } });
    const confirm = (address: string) =>
      glint.api.request('POST', '/api/accounts/password-reset/confirm', { headers: from(address), body: { token: 'A'.repeat(43), newPassword: 'a brand new passphrase' } });
    expect((await ask()).status).toBe(202);
    expect((await ask()).status).toBe(202);
    await refusedRecordingNothing(glint, () => confirm('203.0.113.12'), 3600);
    await refusedRecordingNothing(glint, ask, 3600);
    expect((await confirm('203.0.113.13')).status).not.toBe(429);
  });
});

interface Handshake {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  socket: WebSocket | null;
}

/** Opens a socket as a client behind the trusted proxy, and tells how the upgrade was answered. */
function connect(glint: PlatformFixture, path: string, address: string): Promise<Handshake> {
  const socket = new WebSocket(`${glint.platform.wsUrl}${path}`, { headers: from(address) });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ status: 101, headers: {}, body: '', socket }));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.once('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, socket: null });
        socket.terminate();
      });
    });
    // `on`, not `once`: giving up the refused handshake reports an error of its own.
    socket.on('error', reject);
  });
}
