import { JsonLogger } from './json-logger';
import { redactedLogLine } from './log-redaction';

const SESSION_TOKEN = `gls_${'A1b2_C3d4-'.repeat(4)}xyz`;
const STREAM_KEY = `0f8fad5b-d9cb-469f-a165-70867728950e-${'Zq9'.repeat(21)}x`;

describe('what no log line carries', () => {
  it.each([
    ['a session token', `resolved ${SESSION_TOKEN} in 3ms`, SESSION_TOKEN, 'resolved gls_[redacted] in 3ms'],
    ['an app token', 'token gla_0123456789abcdefghij0123', 'gla_0123456789abcdefghij0123', 'token gla_[redacted]'],
    ['a client secret', 'glcs_abcdefghijklmnopqrstuvwx', 'glcs_abcdefghijklmnopqrstuvwx', 'glcs_[redacted]'],
    ['a stream key', `key ${STREAM_KEY}`, STREAM_KEY, 'key 0f8fad5b-d9cb-469f-a165-70867728950e-[redacted]'],
    ['a bearer header', 'Authorization: Bearer abc.def-ghi', 'abc.def-ghi', 'Authorization: Bearer [redacted]'],
    ['a WHIP session URL', 'DELETE /whip/ana/sessions/Q2hhbm5lbC1zZXNzaW9uLWlk 200', 'Q2hhbm5lbC1zZXNzaW9uLWlk', 'DELETE /whip/ana/sessions/[redacted] 200'],
    ['a WHEP session URL', 'PATCH /whep/ana/sessions/c2Vzc2lvbg?x=1', 'c2Vzc2lvbg', 'PATCH /whep/ana/sessions/[redacted]?x=1'],
    ['a link with a token', 'http://localhost:3000/confirm-email?token=abcDEF123_-', 'abcDEF123_-', 'http://localhost:3000/confirm-email?token=[redacted]'],
    ['an e-mail address', 'mail to Ana.Maria+glint@mail.example.co.uk sent', 'Ana.Maria+glint@mail.example.co.uk', 'mail to [e-mail] sent'],
    [
      'a statement with its values',
      `insert into "accounts" ("email", "name") values ('x@y.z', 'nul\\u0000 inside') - invalid byte sequence`,
      'nul\\u0000 inside',
      `insert into "accounts" ("email", "name") values ('[redacted]', '[redacted]') - invalid byte sequence`,
    ],
  ])('replaces %s', (_, line, secret, redacted) => {
    expect(redactedLogLine(line)).toBe(redacted);
    expect(redactedLogLine(line)).not.toContain(secret);
  });

  it.each([
    ['a request line', 'GET /api/channels/:username 200 1.2ms'],
    ['the route of a WHIP session', 'DELETE /whip/:channel/sessions/:sessionId 200 3.1ms'],
    ['ids', 'Gateway.Stream.Started stream=0f8fad5b-d9cb-469f-a165-70867728950e'],
    ['a module path in a stack', '    at Object.<anonymous> (/work/main/node_modules/@nestjs/core/router/router-proxy.js:9:23)'],
    ["an apostrophe in prose", "The channel's page was served from the cache"],
  ])('leaves %s as it is', (_, line) => {
    expect(redactedLogLine(line)).toBe(line);
  });

  it('keeps a redacted line valid JSON', () => {
    const line = JSON.stringify({ message: 'insert into "t" values (\'a"b\', \'c\') - failed', stack: `Error\n    at x (${SESSION_TOKEN})`, to: 'ana@glint.test' });
    const redacted = redactedLogLine(line);
    expect(JSON.parse(redacted)).toEqual({ message: 'insert into "t" values (\'[redacted]\', \'[redacted]\') - failed', stack: 'Error\n    at x (gls_[redacted])', to: '[e-mail]' });
  });

  it('is applied by the logger to every line it writes, whoever logs it', () => {
    const written: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
    try {
      const logger = new JsonLogger('info');
      logger.log({ event: 'Mail.Delivery.Logged', to: 'ana@glint.test', link: 'https://glint.example/confirm-email?token=secret123' }, 'Mail');
      logger.log(`signed in with ${SESSION_TOKEN}`, 'Test');
    } finally {
      stdout.mockRestore();
    }
    const text = written.join('');
    expect(text).not.toContain('ana@glint.test');
    expect(text).not.toContain('secret123');
    expect(text).not.toContain(SESSION_TOKEN);
    for (const line of written) expect(() => JSON.parse(line)).not.toThrow();
  });
});
