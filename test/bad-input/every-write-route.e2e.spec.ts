import type { EventStore } from '@glint/eventstore';
import { projections } from '@glint/projections';
import { EVENT_STORE, READ_MODELS, type ReadModels } from '@glint/runtime';
import { SocketClient, startPlatformUnderTest, type PlatformUnderTest, type ReceivedFrame } from '@glint/testing/platform';
import type { SocketAction } from '../authorization/socket-actions';
import { badBodies, badPaths, DEEP_NESTING, deeplyNested, freeTextBodies, MALFORMED_JSON, NUL_EDGE_CASE, shown, UNICODE_EDGE_CASES, wrongAnswer, type BadInput, type Call, type JsonSchema } from './bad-inputs';
import {
  CREDENTIALS,
  documentedWriteRoutes,
  NOT_FOUND_BY_PARAMETER,
  openWorld,
  resolveIn,
  routeIn,
  ROUTES,
  sendCall,
  SOCKET_ACTIONS,
  type OpenApiDocument,
  type RouteKey,
  type World,
} from './write-routes';

/**
 * Bad input sent to every write route the OpenAPI document lists: the bodies its schemas imply
 * (see bad-inputs.ts), unknown and malformed path ids, a body that is no JSON, one nested thousands
 * of levels deep, and hand-written cases for rules the schema cannot express. Each is sent by
 * someone allowed to call the route, on top of a call the route would accept, so the refusal is
 * about the one thing made wrong: a 4xx problem-details body naming the field (or the unknown
 * thing), and nothing recorded. Every socket action gets the same treatment of its frames.
 */

describe('bad input on every write route', () => {
  let platform: PlatformUnderTest;
  let document: OpenApiDocument;
  let world: World;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    ({ world, document } = await openWorld(platform));
  });
  afterAll(() => platform?.close());

  const store = () => platform.app.get<EventStore>(EVENT_STORE, { strict: false });
  const readModels = () => platform.app.get<ReadModels>(READ_MODELS, { strict: false });
  const resolve = (schema: JsonSchema): JsonSchema => resolveIn(document)(schema);

  it('has bad input for every write route the OpenAPI document lists, and for no route it lacks', () => {
    const documented = documentedWriteRoutes(document);
    expect({ withoutCases: documented.filter((route) => !(route in ROUTES)), notDocumented: Object.keys(ROUTES).filter((route) => !documented.includes(route)) }).toEqual({
      withoutCases: [],
      notDocumented: [],
    });
  });

  it.each(Object.keys(ROUTES) as RouteKey[])('%s refuses every bad input with a 4xx naming what is wrong, and records nothing', async (key) => {
    const route = ROUTES[key];
    const { operation, bodySchema } = routeIn(document, key);
    const cases: BadInput[] = [
      ...(bodySchema ? badBodies(bodySchema, { resolve, credentials: CREDENTIALS, alternatives: route.alternatives, edgeCases: UNICODE_EDGE_CASES }) : []),
      ...badPaths(operation.parameters ?? [], NOT_FOUND_BY_PARAMETER),
      ...(route.cases ?? []),
      MALFORMED_JSON,
      DEEP_NESTING,
    ];
    expect(cases.length).toBeGreaterThan(1);

    const wrong: WrongAnswer[] = [];
    let valid: Call | null = null;
    for (const bad of cases) {
      valid ??= await route.valid(world);
      const outcome = await attempt(key, bad, valid);
      if (outcome.wrong) wrong.push(outcome.wrong);
      // Whatever the route accepted may have changed what the next case stands on.
      if (outcome.accepted) valid = null;
    }
    expect(wrong).toEqual([]);
  });

  // Last, and with every call made beforehand: a NUL that gets into the log stops each read model
  // that stores it, for good, and with it every route that reads its own writes from that model.
  it('refuses a NUL character in every free-text field of every route, so no read model stops on one', async () => {
    const planned: Array<{ key: RouteKey; bad: BadInput; valid: Call }> = [];
    for (const key of Object.keys(ROUTES) as RouteKey[]) {
      const { bodySchema } = routeIn(document, key);
      if (!bodySchema) continue;
      const nulCases = freeTextBodies(bodySchema, { resolve, credentials: CREDENTIALS, alternatives: ROUTES[key].alternatives, edgeCases: [NUL_EDGE_CASE] });
      for (const bad of nulCases) planned.push({ key, bad, valid: await ROUTES[key].valid(world) });
    }
    expect(planned.length).toBeGreaterThan(10);

    const wrong: WrongAnswer[] = [];
    for (const { key, bad, valid } of planned) {
      const outcome = await attempt(key, bad, valid);
      if (outcome.wrong) wrong.push(outcome.wrong);
    }
    expect({ wrong, stopped: await stoppedProjections() }).toEqual({ wrong: [], stopped: [] });
  });

  // After the routes' NUL cases, for the same reason: a frame's NUL that got in would stop read models.
  it.each(Object.keys(SOCKET_ACTIONS) as SocketAction[])(
    '%s refuses a frame nested thousands of levels deep, and NUL, invisible-only and other unstorable text in each field, with an error frame, recording nothing',
    async (key) => {
      const [event, path] = key.split(' ');
      const { reply, data } = SOCKET_ACTIONS[key];
      const valid = data(world);
      const cases: Array<{ name: string; frame: string; expected: { error: string; field?: string } }> = [
        { name: 'a frame nested thousands of levels deep', frame: `{"event":${JSON.stringify(event)},"data":${deeplyNested()}}`, expected: { error: 'too_deep' } },
        ...Object.keys(valid).flatMap((field) =>
          [NUL_EDGE_CASE, ...UNICODE_EDGE_CASES].map(([what, text]) => ({
            name: `${field}: text with ${what}`,
            frame: JSON.stringify({ event, data: { ...valid, [field]: text } }),
            expected: { error: 'invalid_text', field },
          })),
        ),
      ];
      const socket = await SocketClient.connect(`${platform.wsUrl}${path}?token=${world.viewer.token}`);
      const wrong: WrongAnswer[] = [];
      try {
        for (const bad of cases) {
          const before = await store().headPosition();
          const since = socket.frames.length;
          socket.sendRaw(bad.frame);
          const answer: ReceivedFrame = await socket.next((frame) => frame.event === 'error' || frame.event === reply, { since });
          const recorded = (await store().headPosition()) - before;
          const right = answer.event === 'error' && answer.data.error === bad.expected.error && (bad.expected.field === undefined || answer.data.field === bad.expected.field) && recorded === 0;
          if (!right) wrong.push({ case: `${key} ${bad.name}`, sent: shown(bad.frame), got: `${shown(answer, 300)}; recorded ${recorded} event(s)`, expected: JSON.stringify(bad.expected) });
        }
        expect(socket.closed).toBeNull();
      } finally {
        socket.close();
      }
      expect({ wrong, stopped: await stoppedProjections() }).toEqual({ wrong: [], stopped: [] });
    },
  );

  /** The read models that can no longer apply the log: each one a NUL that got in would stop. */
  async function stoppedProjections(): Promise<string[]> {
    const head = await store().headPosition();
    const stopped: string[] = [];
    for (const projection of projections) {
      await readModels()
        .catchUp(projection.name, head)
        .catch((error: Error) => stopped.push(`${projection.name}: ${error.message.slice(0, 200)}`));
    }
    return stopped;
  }

  interface WrongAnswer {
    case: string;
    sent: string;
    got: string;
    expected: string;
  }

  /** Sends one bad input and judges the answer and what the log holds afterwards. */
  async function attempt(key: RouteKey, bad: BadInput, valid: Call): Promise<{ accepted: boolean; wrong: WrongAnswer | null }> {
    const call = bad.make(valid);
    const before = await store().headPosition();
    const response = await sendCall(world.api, key, call);
    const recorded = (await store().headPosition()) - before;
    const problem = [wrongAnswer(response, bad.expect), recorded > 0 ? `recorded ${recorded} event(s)` : null].filter(Boolean).join('; ');
    const wrong = problem
      ? {
          case: `${key} ${bad.name}`,
          sent: shown(call.rawBody ?? call.form ?? call.body ?? call.params),
          got: `${response.status} ${shown(response.body, 300)}`,
          expected: `${JSON.stringify(bad.expect)}: ${problem}`,
        }
      : null;
    return { accepted: response.status < 300 || recorded > 0, wrong };
  }
});
