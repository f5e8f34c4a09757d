import { randomUUID } from 'node:crypto';
import type { EventStore } from '@glint/eventstore';
import { projections } from '@glint/projections';
import { EVENT_STORE, READ_MODELS, type ReadModels } from '@glint/runtime';
import { seededRandom, until, type ApiResponse } from '@glint/testing';
import { SocketClient, startPlatformUnderTest, type PlatformUnderTest, type ReceivedFrame } from '@glint/testing/platform';
import type { SocketAction } from '../authorization/socket-actions';
import { shown, type Call } from '../bad-input/bad-inputs';
import { expectStatus, openWorld, ROUTES, sendCall, SOCKET_ACTIONS, type RouteKey, type World } from '../bad-input/write-routes';
import { HOSTILE_VALUES, PROTOTYPE_KEYS, sealedLookalikes, type HostileValue } from './hostile-values';

/**
 * Random hostile input through every door: each write route the OpenAPI document lists and each
 * socket action gets calls it would accept with one part made hostile (a field, a path parameter,
 * the whole body, a prototype key, a duplicated key, the event name), drawn from a seeded generator
 * so a failure can be replayed with GLINT_FUZZ_SEED. Whatever Glint answers, it is never a 5xx or
 * an internal error frame, a refusal records nothing, and afterwards the platform is healthy, every
 * read model still applies the log, and support can still read every account's history.
 */

const SEED = Number(process.env.GLINT_FUZZ_SEED ?? 20261207);
const CASES_PER_ROUTE = Number(process.env.GLINT_FUZZ_CASES ?? 14);
const RAW = '__glint_fuzz_raw_value__';

interface Mutant {
  name: string;
  call: Call;
}

interface WrongAnswer {
  door: string;
  mutant: string;
  sent: string;
  got: string;
}

describe('hostile input through every door', () => {
  let platform: PlatformUnderTest;
  let world: World;
  let hostile: HostileValue[];
  const random = seededRandom(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    ({ world } = await openWorld(platform));
    hostile = [...HOSTILE_VALUES, ...sealedLookalikes({ someone: world.owner.userId, nobody: randomUUID() })];
  });
  afterAll(() => platform?.close());

  const store = () => platform.app.get<EventStore>(EVENT_STORE, { strict: false });
  const readModels = () => platform.app.get<ReadModels>(READ_MODELS, { strict: false });

  it.each(Object.keys(ROUTES) as RouteKey[])(`%s answers ${CASES_PER_ROUTE} hostile calls without a 5xx, and records nothing when it refuses`, async (key) => {
    const route = ROUTES[key];
    const wrong: WrongAnswer[] = [];
    let valid: Call | null = null;
    for (let index = 0; index < CASES_PER_ROUTE; index++) {
      valid ??= await route.valid(world);
      const mutant = mutate(valid);
      const before = await store().headPosition();
      const response = await sendCall(world.api, key, mutant.call);
      const recorded = (await store().headPosition()) - before;
      const problem = judge(response, recorded);
      if (problem) wrong.push({ door: key, mutant: mutant.name, sent: shown(mutant.call.rawBody ?? mutant.call.form ?? mutant.call.body ?? mutant.call.params, 200), got: `${problem}: ${response.status} ${shown(response.body, 300)}` });
      // What the route accepted may have changed what the next call stands on (a deleted account, a used token).
      if (response.status < 300 || recorded > 0) valid = null;
    }
    expect(wrong).toEqual([]);
  });

  it.each(Object.keys(SOCKET_ACTIONS) as SocketAction[])(`%s answers ${CASES_PER_ROUTE} hostile frames with its reply or an error frame, never an internal error, and records nothing when it refuses`, async (key) => {
    const [event, path] = key.split(' ');
    const { reply, data } = SOCKET_ACTIONS[key];
    const wrong: WrongAnswer[] = [];
    let socket = await SocketClient.connect(`${platform.wsUrl}${path}?token=${world.viewer.token}`);
    try {
      for (let index = 0; index < CASES_PER_ROUTE; index++) {
        const frame = mutateFrame(event, data(world));
        const before = await store().headPosition();
        const since = socket.frames.length;
        socket.sendRaw(frame.text);
        const current = socket;
        const answer = await until(`${key}'s answer to ${frame.name}`, (): ReceivedFrame | 'closed' | undefined =>
          current.frames.slice(since).find((received) => received.event === 'error' || received.event === reply) ?? (current.closed ? 'closed' : undefined),
        );
        const recorded = (await store().headPosition()) - before;
        let problem: string | null = null;
        if (answer === 'closed') {
          // A frame too big or too deep may close the socket as a policy violation; anything else is a crash.
          if (![1008, 1009].includes(socket.closed!.code)) problem = `closed with ${socket.closed!.code} ${socket.closed!.reason}`;
          socket = await SocketClient.connect(`${platform.wsUrl}${path}?token=${world.viewer.token}`);
        } else if (answer.event === 'error' && (answer.data?.error === 'internal_error' || typeof answer.data?.error !== 'string')) {
          problem = 'an internal error frame';
        } else if (answer.event === 'error' && recorded > 0) {
          problem = `refused, yet recorded ${recorded} event(s)`;
        }
        if (problem) wrong.push({ door: key, mutant: frame.name, sent: shown(frame.text, 200), got: `${problem}: ${shown(answer, 300)}` });
      }
    } finally {
      socket.close();
    }
    expect(wrong).toEqual([]);
  });

  // Last: whatever got in above must not have broken the platform or any read of it.
  it('leaves the platform healthy, every read model applying the log, and every account readable by support', async () => {
    const health = await world.api.get('/health');
    expect({ status: health.status, body: health.body?.status }).toEqual({ status: 200, body: 'ok' });

    const head = await store().headPosition();
    const stopped: string[] = [];
    for (const projection of projections) {
      await readModels()
        .catchUp(projection.name, head)
        .catch((error: Error) => stopped.push(`${projection.name}: ${error.message.slice(0, 200)}`));
    }
    expect(stopped).toEqual([]);

    const reason = 'Checking the account after a fuzz run';
    for (const user of [world.owner, world.viewer, world.target]) {
      expectStatus(await world.api.get(`/api/support/accounts/${user.userId}/history?${new URLSearchParams({ reason })}`, world.support.token), 200, `reading ${user.username}'s history`);
      expectStatus(await world.api.get(`/api/support/accounts/${user.userId}/state?${new URLSearchParams({ reason })}`, world.support.token), 200, `reading ${user.username}'s state`);
    }
    expectStatus(await world.api.get(`/api/channels/${world.owner.username}`), 200, 'reading the channel page');
  });

  /** A 5xx, or a refusal that is not problem details or that recorded something. */
  function judge(response: ApiResponse, recorded: number): string | null {
    if (response.status >= 500) return 'a server error';
    if (response.status < 400) return null;
    if (recorded > 0) return `refused, yet recorded ${recorded} event(s)`;
    const error = (response.body as { error?: unknown } | undefined)?.error;
    if (typeof error !== 'string') return 'a refusal without an error code';
    return null;
  }

  /** The accepted call with one part made hostile. */
  function mutate(valid: Call): Mutant {
    const value = pick(hostile);
    const params = Object.keys(valid.params);
    const fields = valid.body ? Object.keys(valid.body) : valid.form ? Object.keys(valid.form) : [];
    const ways: Array<() => Mutant> = [
      () => ({ name: `an unknown field holding ${value.name}`, call: withJson(valid, { ...(valid.body ?? {}), [`extra_${Math.floor(random() * 1000)}`]: RAW }, value) }),
      () => {
        const key = pick(PROTOTYPE_KEYS);
        return { name: `a "${key}" key at the top of the body`, call: { ...valid, body: undefined, form: undefined, rawBody: spliceKey(valid.body ?? {}, key, '{"isAdmin":true,"staffRole":"admin"}') } };
      },
      () => ({ name: `the whole body as ${value.name}`, call: { ...valid, body: undefined, form: undefined, rawBody: value.raw ?? JSON.stringify(value.value) } }),
    ];
    if (fields.length > 0) {
      const field = pick(fields);
      ways.push(
        () => ({ name: `${field} as ${value.name}`, call: valid.form ? withForm(valid, field, value) : withJson(valid, { ...valid.body, [field]: RAW }, value) }),
        () => ({ name: `${field} given twice, the second time as ${value.name}`, call: { ...valid, body: undefined, form: undefined, rawBody: duplicated(valid.body ?? valid.form ?? {}, field, value) } }),
      );
    }
    if (params.length > 0) {
      const param = pick(params);
      // A path holds UTF-8: a lone surrogate cannot be written into one, so it goes as the bytes a client would send for it.
      const text = (typeof value.value === 'string' ? value.value : (value.raw ?? JSON.stringify(value.value))).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '%ED%A0%80');
      ways.push(() => ({ name: `path parameter ${param} as ${value.name}`, call: { ...valid, params: { ...valid.params, [param]: text.slice(0, 2_000) } } }));
    }
    return pick(ways)();
  }

  /** A socket frame for the action with one part made hostile. */
  function mutateFrame(event: string, valid: Record<string, string>): { name: string; text: string } {
    const value = pick(hostile);
    const field = pick(Object.keys(valid));
    const ways: Array<() => { name: string; text: string }> = [
      () => ({ name: `${field} as ${value.name}`, text: JSON.stringify({ event, data: { ...valid, [field]: RAW } }).replace(`"${RAW}"`, encoded(value)) }),
      () => ({ name: `data as ${value.name}`, text: JSON.stringify({ event, data: RAW }).replace(`"${RAW}"`, encoded(value)) }),
      () => {
        const key = pick(PROTOTYPE_KEYS);
        return { name: `a "${key}" key in data`, text: JSON.stringify({ event, data: valid }).replace('"data":{', `"data":{"${key}":{"isAdmin":true},`) };
      },
      () => ({ name: `the event name as ${value.name}`, text: JSON.stringify({ event: RAW, data: valid }).replace(`"${RAW}"`, encoded(value)) }),
      () => ({ name: `an unknown field holding ${value.name}`, text: JSON.stringify({ event, data: { ...valid, extra: RAW } }).replace(`"${RAW}"`, encoded(value)) }),
    ];
    return pick(ways)();
  }
});

/** The JSON text of a value, or its raw text. */
function encoded(value: HostileValue): string {
  return value.raw ?? JSON.stringify(value.value);
}

/** The body as JSON text, with the field marked RAW holding the hostile value. */
function withJson(valid: Call, body: Record<string, unknown>, value: HostileValue): Call {
  return { ...valid, body: undefined, form: undefined, rawBody: JSON.stringify(body).replace(`"${RAW}"`, encoded(value)) };
}

/** A form with the field as the hostile value's text (a form holds only text). */
function withForm(valid: Call, field: string, value: HostileValue): Call {
  const text = typeof value.value === 'string' ? value.value : encoded(value);
  return { ...valid, form: { ...valid.form, [field]: text } };
}

/** The body with `key` first, holding raw JSON: JSON.stringify cannot write a "__proto__" key. */
function spliceKey(body: Record<string, unknown>, key: string, raw: string): string {
  const rest = JSON.stringify(body).slice(1);
  return `{"${key}":${raw}${rest === '}' ? '}' : `,${rest}`}`;
}

/** The body with the field written again after the others, as the hostile value. */
function duplicated(body: Record<string, unknown>, field: string, value: HostileValue): string {
  const text = JSON.stringify(body);
  return `${text.slice(0, -1)}${text === '{}' ? '' : ','}${JSON.stringify(field)}:${encoded(value)}}`;
}
