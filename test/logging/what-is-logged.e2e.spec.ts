import { randomBytes } from 'node:crypto';
import { QueryBus } from '@nestjs/cqrs';
import { GetChannelPageQuery } from '@glint/channels';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { eventually } from '@glint/testing';
import { ChatScenario, service, usePlatform } from '@glint/testing/platform';

/** An address to find in the log, and a NUL: what a bad frame once carried into an SQL error's line. */
const EMAIL = 'ana.secret@glint.test';
const POISONED = `ana\u0000${EMAIL}`;

/**
 * Drives what once put secrets into the log (a NUL in a frame, JSON nested thousands of levels
 * deep, invisible text, a database error with its statement, a token on a socket URL, a WHIP
 * session's URL) and reads every line the platform wrote meanwhile: none carries SQL with its
 * values, a token, a session URL or an e-mail address, and only the failures forced on purpose are
 * logged as errors.
 */
describe('what the platform logs', () => {
  const lines: string[] = [];
  let capture: jest.SpyInstance[] = [];
  // From before the platform starts, so its start-up lines are read too.
  beforeAll(() => {
    capture = [process.stdout, process.stderr].map((stream) => jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0));
  });
  afterAll(() => {
    for (const spy of capture) spy.mockRestore();
  });
  const glint = usePlatform({ env: { LOG_LEVEL: 'info' } });
  let testStartsAt = 0;
  beforeEach(() => {
    testStartsAt = lines.length;
  });

  const logged = () => lines.join('');
  const errors = () => lines.slice(testStartsAt).filter((line) => line.includes('"level":"error"'));

  it('keeps refused input, tokens, session URLs and addresses out of the log', async () => {
    const chat = new ChatScenario(glint.platform);
    const owner = await glint.given.user({ email: EMAIL });
    expect((await glint.api.post('/api/channels', { title: 'Evening speedruns' }, owner.token)).status).toBe(201);

    // Refused before anything reads them.
    expect((await glint.api.request('PATCH', `/api/channels/${owner.username}`, { token: owner.token, rawBody: `{"title":${'['.repeat(5000)}${']'.repeat(5000)}}`, headers: { 'content-type': 'application/json' } })).body.error).toBe('too_deep');
    expect((await glint.api.patch(`/api/channels/${owner.username}`, { title: '\u3164' }, owner.token)).body.error).toBe('invalid_text');
    const socket = await chat.socket(owner);
    expect((await socket.request('join', { channel: POISONED }, ['joined', 'error'])).data.error).toBe('invalid_text');
    const since = socket.frames.length;
    socket.sendRaw(`{"event":"join","data":{"channel":${'['.repeat(5000)}${']'.repeat(5000)}}}`);
    expect((await socket.next((frame) => frame.event === 'error', { since })).data.error).toBe('too_deep');

    // A WHIP session's URL allows ending the stream: the request log names the route, not the session.
    const session = randomBytes(32).toString('base64url');
    expect((await glint.api.request('DELETE', `/whip/${owner.username}/sessions/${session}`)).status).toBe(404);
    expect((await glint.api.get(`/api/users/${encodeURIComponent(EMAIL)}/nothing?token=${owner.token}`)).status).toBe(404);

    await eventually(() => expect(logged()).toContain('DELETE /whip/:channel/sessions/:sessionId 404'));
    expect(logged()).toContain('PATCH /api/channels/:username 400');
    expect(logged()).toContain('GET (no route) 404');
    chat.closeSockets();
    for (const secret of [owner.token, session, EMAIL, owner.email, '\\u0000']) expect(logged()).not.toContain(secret);
    expect(errors()).toEqual([]);
  });

  it('logs a database error on a request and on a socket without its statement or values', async () => {
    const chat = new ChatScenario(glint.platform);
    const viewer = await glint.given.user();
    const readModels = service<ReadModels>(glint.platform, READ_MODELS);
    // What a NUL in a frame's channel used to cause: PostgreSQL refusing the value the statement carries.
    const queries = service(glint.platform, QueryBus);
    const execute = queries.execute.bind(queries);
    const failing = jest
      .spyOn(queries, 'execute')
      .mockImplementation((query) => (query instanceof GetChannelPageQuery ? readModels.entityManager().execute('select * from channel_page where username = ?', [POISONED]) : execute(query)));
    try {
      expect((await glint.api.get('/api/channels/anyone', viewer.token)).status).toBe(500);
      const socket = await chat.socket(viewer);
      expect((await socket.request('join', { channel: 'anyone' }, ['joined', 'error'])).data.error).toBe('internal_error');
      chat.closeSockets();
    } finally {
      failing.mockRestore();
    }

    await eventually(() => expect(errors()).toHaveLength(2));
    expect(errors()[0]).toMatch(/GET \/api\/channels\/:username failed: DriverException: database error \w{5}/);
    expect(errors()[1]).toMatch(/Frame \\"join\\" failed: DriverException: database error \w{5}/);
    for (const secret of [EMAIL, '\\u0000', 'select * from', 'where username', viewer.token]) expect(logged()).not.toContain(secret);
  });
});
