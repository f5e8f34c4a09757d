import type { Pool } from 'pg';
import type { EventStore } from '@glint/eventstore';
import { DATABASE_POOL, EVENT_STORE } from '@glint/runtime';
import { eventually, expectStatus } from '@glint/testing';
import { GatewayScenario, type Session, type SyntheticPublisher, type SyntheticViewer } from '@glint/testing/gateway';
import { usePlatform } from '@glint/testing/platform';

/** A sample of a metric in Prometheus' text format, or undefined when no series has these labels. */
function sampleOf(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of exposition.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

/**
 * The platform behind one proxy (TRUST_PROXY_HOPS=1): a request that names a client in
 * X-Forwarded-For comes from elsewhere; one that names none comes from this machine.
 */
describe('the health check and the metrics, for operators', () => {
  const glint = usePlatform({ env: { TRUST_PROXY_HOPS: '1', THROTTLE_PASSWORD_RESET: '1/1m' } });

  const fromElsewhere = (path: string, token?: string) => glint.api.request('GET', path, { token, headers: { 'x-forwarded-for': '203.0.113.9' } });

  it('shows the health check’s details to this machine and to staff, and only the status to anyone else', async () => {
    const [support, viewer] = await Promise.all([glint.given.user({ staffRole: 'support' }), glint.given.user()]);

    const here = await glint.api.get('/health');
    expect(here.status).toBe(200);
    expect(here.body).toMatchObject({
      status: 'ok',
      details: {
        database: { status: 'up' },
        redis: { status: 'up' },
        eventStore: { status: 'up' },
        projections: { status: 'up', lag: { account_history: { eventsBehind: expect.any(Number) } } },
      },
    });

    for (const [who, token] of [
      ['anyone', undefined],
      ['a signed-in user', viewer.token],
    ] as const) {
      const answer = await fromElsewhere('/health', token);
      expect({ who, status: answer.status, body: answer.body }).toEqual({ who, status: 200, body: { status: 'ok' } });
    }
    const asStaff = await fromElsewhere('/health', support.token);
    expect(asStaff.status).toBe(200);
    expect(asStaff.body.details.projections.lag).toHaveProperty('account_history');
  });

  it('shows a projection whose batch failed as paused, with its error and next try, while writes still answer and the others keep up; and its recovery', async () => {
    const [admin, target] = await Promise.all([glint.given.user({ staffRole: 'admin' }), glint.given.user()]);
    const pool = glint.platform.app.get<Pool>(DATABASE_POOL, { strict: false });
    const store = glint.platform.app.get<EventStore>(EVENT_STORE, { strict: false });
    // Rows already at the positions the next events will take: the staff audit log's insert of the
    // ban collides with one of them, so its batch fails on the database, as a real fault would.
    const head = await store.headPosition();
    await pool.query(
      `INSERT INTO staff_audit_log (position, event_id, event_type, stream_name, actor_type, correlation_id, occurred_at)
       SELECT position, gen_random_uuid(), 'Planted', 'planted', 'system', 'planted', now() FROM generate_series($1::bigint, $2::bigint) AS position`,
      [head + 1, head + 200],
    );
    try {
      expectStatus(await glint.api.post(`/api/staff/users/${target.userId}/global-ban`, { reason: 'Spam across channels' }, admin.token), 204, 'banning');
      const paused = await eventually(async () => {
        const lag = (await glint.api.get('/health')).body.details.projections.lag;
        expect(lag.staff_audit_log.paused).toEqual({ error: expect.stringMatching(/staff_audit_log_pkey|duplicate key/), attempts: expect.any(Number), nextRetryAt: expect.any(String) });
        return lag;
      });
      expect(paused.account_history).not.toHaveProperty('paused');
      await eventually(async () => expect((await glint.api.get('/health')).body.details.projections.lag.account_history.eventsBehind).toBe(0));
    } finally {
      await pool.query(`DELETE FROM staff_audit_log WHERE event_type = 'Planted'`);
    }
    await eventually(
      async () => {
        const lag = (await glint.api.get('/health')).body.details.projections.lag.staff_audit_log;
        expect(lag).not.toHaveProperty('paused');
        expect(lag.eventsBehind).toBe(0);
      },
      { timeoutMs: 60_000 },
    );
  });

  it('serves the metrics to this machine and to staff, and refuses anyone else (403)', async () => {
    const [support, viewer] = await Promise.all([glint.given.user({ staffRole: 'analyst' }), glint.given.user()]);

    const here = await glint.api.get('/metrics');
    expect(here.status).toBe(200);
    expect(here.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect((await fromElsewhere('/metrics', support.token)).status).toBe(200);
    for (const token of [undefined, viewer.token]) {
      const refused = await fromElsewhere('/metrics', token);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: 'operations_only' });
    }
  });

  it('times requests by route, counts appends and their latency, and shows each projection’s lag', async () => {
    const ana = await glint.given.user();
    for (let read = 0; read < 3; read++) expectStatus(await glint.api.get(`/api/users/${ana.username}`), 200, 'reading a profile');
    expectStatus(await glint.api.get('/api/users/nobody_at_all'), 404, 'reading a profile of nobody');

    const text = (await glint.api.get('/metrics')).body as string;
    expect(sampleOf(text, 'glint_http_request_duration_seconds_count', { method: 'GET', route: '/api/users/:username', status: '200' })).toBeGreaterThanOrEqual(3);
    expect(sampleOf(text, 'glint_http_request_duration_seconds_count', { method: 'GET', route: '/api/users/:username', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(sampleOf(text, 'glint_http_request_duration_seconds_bucket', { route: '/api/users/:username', status: '200', le: '+Inf' })).toBeGreaterThanOrEqual(3);
    // The path is never a label: a username in it would be one series per person.
    expect(text).not.toContain(ana.username);
    expect(sampleOf(text, 'glint_event_store_appends_total', { outcome: 'appended' })).toBeGreaterThan(0);
    expect(sampleOf(text, 'glint_event_store_events_appended_total')).toBeGreaterThan(0);
    expect(sampleOf(text, 'glint_event_store_append_duration_seconds_count')).toBeGreaterThan(0);
    expect(sampleOf(text, 'glint_projection_events_behind', { projection: 'account_history' })).toEqual(expect.any(Number));
    expect(sampleOf(text, 'glint_projection_seconds_behind', { projection: 'account_history' })).toEqual(expect.any(Number));
    expect(sampleOf(text, 'glint_projection_paused', { projection: 'account_history' })).toBe(0);
  });

  it('counts requests a throttle refuses, by throttle', async () => {
    const before = sampleOf((await glint.api.get('/metrics')).body as string, 'glint_throttled_requests_total', { throttle: 'password-reset' }) ?? 0;
    const ask = () => glint.api.request('POST', '/api/accounts/password-reset', { body: { email: 'someone@glint.test' }, headers: { 'x-forwarded-for': '198.51.100.4' } });
    expect((await ask()).status).toBe(202);
    expect((await ask()).status).toBe(429);
    expect((await ask()).status).toBe(429);
    expect(sampleOf((await glint.api.get('/metrics')).body as string, 'glint_throttled_requests_total', { throttle: 'password-reset' })).toBe(before + 2);
  });

  it('shows the gateway’s publishers, and each live channel’s viewers, packets and packets lost', async () => {
    const scenario = new GatewayScenario(glint.platform, glint.given);
    const channel = await scenario.channel('Counted on the gateway');
    const peers: Array<{ close(): void }> = [];
    try {
      const publisher: Session<SyntheticPublisher> = await scenario.publish(channel);
      peers.push(publisher.peer);
      publisher.peer.sendVideoFrame({ keyframe: true, packets: 3, size: 900 });
      await scenario.started(channel);
      const viewer: Session<SyntheticViewer> = await scenario.watch(channel);
      peers.push(viewer.peer);
      await scenario.viewersConnected(1);
      publisher.peer.sendVideoFrame({ keyframe: true, packets: 5, size: 900 });

      await eventually(async () => {
        const text = (await glint.api.get('/metrics')).body as string;
        expect(sampleOf(text, 'glint_gateway_publishers')).toBe(1);
        expect(sampleOf(text, 'glint_gateway_viewers', { channel: channel.channelId, state: 'all' })).toBe(1);
        expect(sampleOf(text, 'glint_gateway_viewers', { channel: channel.channelId, state: 'connected' })).toBe(1);
        expect(sampleOf(text, 'glint_gateway_packets_received', { channel: channel.channelId })).toBeGreaterThanOrEqual(8);
        expect(sampleOf(text, 'glint_gateway_packets_lost', { channel: channel.channelId })).toBe(0);
      });
    } finally {
      for (const peer of peers) peer.close();
    }
  });
});
