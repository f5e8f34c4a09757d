import { randomUUID } from 'node:crypto';
import { EmptyAppendError, EventStoreError, InvalidArgumentError, InvalidEventError, InvalidStreamNameError } from './errors';
import type { AppendRequest, EventMetadata, NewEvent } from './types';
import {
  assertAppendRequest,
  assertExpectedRevision,
  assertNonNegativeInteger,
  assertPositiveInteger,
  assertStreamName,
  jsonProblem,
} from './validation';

/** The error `work` throws; fails the test when it throws nothing. */
function thrown(work: () => void): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('Expected a refusal, but the value was accepted.');
}

const metadata: EventMetadata = {
  correlationId: 'req-1',
  causationId: null,
  actor: { type: 'user', userId: 'user-1', role: 'viewer' },
  occurredAt: '2026-11-23T18:30:00.000Z',
};

function followed(overrides: Partial<NewEvent> = {}): NewEvent {
  return { id: randomUUID(), type: 'ChannelFollowed', data: { channelId: 'channel-1', followerId: 'user-1' }, metadata, ...overrides };
}

function appendOf(...events: NewEvent[]): AppendRequest {
  return { streamName: 'channel-1', events };
}

describe('assertStreamName', () => {
  it.each([
    ['a plain name', 'channel-1'],
    ['one character', 'c'],
    ['255 characters', 'c'.repeat(255)],
    ['letters beyond ASCII and a surrogate pair', 'user-Grüße-👋'],
    ['a $ that is not the first character', 'channel-$1'],
  ])('accepts %s', (_, name) => {
    expect(() => assertStreamName(name)).not.toThrow();
  });

  it.each<[string, unknown]>([
    ['a number', 42],
    ['undefined', undefined],
    ['null', null],
    ['an empty name', ''],
    ['256 characters', 'c'.repeat(256)],
    ['a name starting with $', '$all'],
    ['a metadata stream name', '$$channel-1'],
    ['a NUL character', 'channel-\u0000-1'],
    ['an unpaired high surrogate', 'channel-\ud800'],
    ['an unpaired low surrogate', 'channel-\udc00-1'],
  ])('refuses %s with InvalidStreamNameError', (_, name) => {
    const error = thrown(() => assertStreamName(name));
    expect(error).toBeInstanceOf(InvalidStreamNameError);
    expect(error).toMatchObject({ code: 'invalid_stream_name', streamName: name });
  });
});

describe('assertExpectedRevision', () => {
  it.each<[unknown]>([['any'], ['no_stream'], ['stream_exists'], [0], [7], [Number.MAX_SAFE_INTEGER]])('accepts %p', (expected) => {
    expect(() => assertExpectedRevision(expected)).not.toThrow();
  });

  it.each<[string, unknown]>([
    ['an unknown word', 'latest'],
    ['a negative revision', -1],
    ['a fraction', 1.5],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['a revision beyond 2^53', 2 ** 53],
    ['a revision as a string', '0'],
    ['a BigInt', 5n],
    ['null', null],
    ['an object', { revision: 1 }],
  ])('refuses %s with InvalidArgumentError', (_, expected) => {
    const error = thrown(() => assertExpectedRevision(expected));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ code: 'invalid_argument', argument: 'expectedRevision' });
  });
});

describe('integer arguments', () => {
  it.each<[string, (name: string, value: unknown) => void, unknown, boolean]>([
    ['≥ 0: nothing given', assertNonNegativeInteger, undefined, true],
    ['≥ 0: zero', assertNonNegativeInteger, 0, true],
    ['≥ 0: a large integer', assertNonNegativeInteger, 2 ** 40, true],
    ['≥ 0: a negative integer', assertNonNegativeInteger, -1, false],
    ['≥ 0: a fraction', assertNonNegativeInteger, 0.5, false],
    ['≥ 0: a numeric string', assertNonNegativeInteger, '3', false],
    ['≥ 0: a BigInt', assertNonNegativeInteger, 3n, false],
    ['≥ 0: an object without a prototype', assertNonNegativeInteger, Object.create(null), false],
    ['≥ 1: nothing given', assertPositiveInteger, undefined, true],
    ['≥ 1: one', assertPositiveInteger, 1, true],
    ['≥ 1: zero', assertPositiveInteger, 0, false],
    ['≥ 1: NaN', assertPositiveInteger, NaN, false],
    ['≥ 1: null', assertPositiveInteger, null, false],
  ])('%s', (_, assert, value, accepted) => {
    if (accepted) {
      expect(() => assert('maxCount', value)).not.toThrow();
    } else {
      const error = thrown(() => assert('maxCount', value));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error).toMatchObject({ code: 'invalid_argument', argument: 'maxCount' });
    }
  });
});

describe('assertAppendRequest', () => {
  it.each<[string, AppendRequest]>([
    ['one event, no expectation', appendOf(followed())],
    ['several events with an exact expectation', { ...appendOf(followed(), followed(), followed()), expectedRevision: 4 }],
    ['an explicit schema version', appendOf(followed({ schemaVersion: 3 }))],
    ['a causation id and extra metadata', appendOf(followed({ metadata: { ...metadata, causationId: 'evt-1', ip: '203.0.113.7' } }))],
    ['a platform actor', appendOf(followed({ metadata: { ...metadata, actor: { type: 'stripe', id: 'evt_1' } } }))],
    ['an upper-case event id', appendOf(followed({ id: randomUUID().toUpperCase() }))],
    ['data that is null', appendOf(followed({ data: null }))],
    ['data that is a string', appendOf(followed({ data: 'Speedruns tonight' }))],
  ])('accepts %s', (_, request) => {
    expect(() => assertAppendRequest(request)).not.toThrow();
  });

  const sameId = randomUUID();
  it.each<[string, AppendRequest, abstract new (...args: never[]) => EventStoreError, Record<string, unknown>]>([
    ['no events', appendOf(), EmptyAppendError, { code: 'empty_append', streamName: 'channel-1' }],
    ['events that are not a list', { streamName: 'channel-1', events: undefined as unknown as NewEvent[] }, EmptyAppendError, { code: 'empty_append' }],
    ['a bad stream name before anything else', { streamName: '', events: [] }, InvalidStreamNameError, { code: 'invalid_stream_name' }],
    ['an unknown expectation', { ...appendOf(followed()), expectedRevision: 'latest' as never }, InvalidArgumentError, { argument: 'expectedRevision' }],
    ['an event that is null', appendOf(null as unknown as NewEvent), InvalidEventError, { field: 'event', index: 0 }],
    ['a missing type', appendOf(followed({ type: undefined as unknown as string })), InvalidEventError, { field: 'type', index: 0 }],
    ['a blank type', appendOf(followed({ type: ' \t' })), InvalidEventError, { field: 'type' }],
    ['a type of 256 characters', appendOf(followed({ type: 'T'.repeat(256) })), InvalidEventError, { field: 'type' }],
    ['a type holding a NUL character', appendOf(followed({ type: 'Channel\u0000Followed' })), InvalidEventError, { field: 'type' }],
    ['a type holding an unpaired surrogate', appendOf(followed({ type: 'Channel\udfffFollowed' })), InvalidEventError, { field: 'type' }],
    ['an id that is not a UUID', appendOf(followed({ id: 'follow-1' })), InvalidEventError, { field: 'id', index: 0 }],
    ['an id repeated in another case', appendOf(followed({ id: sameId }), followed({ id: sameId.toUpperCase() })), InvalidEventError, { field: 'id', index: 1 }],
    ['a schema version of 0', appendOf(followed({ schemaVersion: 0 })), InvalidEventError, { field: 'schemaVersion' }],
    ['a fractional schema version', appendOf(followed({ schemaVersion: 1.5 })), InvalidEventError, { field: 'schemaVersion' }],
    ['missing data', appendOf(followed({ data: undefined })), InvalidEventError, { field: 'data' }],
    ['data holding a function', appendOf(followed({ data: { onFollow: () => undefined } })), InvalidEventError, { field: 'data.onFollow' }],
    ['data holding a Date deep inside', appendOf(followed({ data: { tiers: [{ since: new Date() }] } })), InvalidEventError, { field: 'data.tiers[0].since' }],
    ['metadata that is null', appendOf(followed({ metadata: null as unknown as EventMetadata })), InvalidEventError, { field: 'metadata' }],
    ['metadata that is a list', appendOf(followed({ metadata: [] as unknown as EventMetadata })), InvalidEventError, { field: 'metadata' }],
    ['no correlation id', appendOf(followed({ metadata: { ...metadata, correlationId: '' } })), InvalidEventError, { field: 'metadata.correlationId' }],
    ['a causation id left undefined', appendOf(followed({ metadata: { ...metadata, causationId: undefined as unknown as null } })), InvalidEventError, { field: 'metadata.causationId' }],
    ['no actor', appendOf(followed({ metadata: { ...metadata, actor: undefined as never } })), InvalidEventError, { field: 'metadata.actor' }],
    ['an actor without a type', appendOf(followed({ metadata: { ...metadata, actor: { userId: 'user-1' } as never } })), InvalidEventError, { field: 'metadata.actor' }],
    ['an occurred-at that is not a time', appendOf(followed({ metadata: { ...metadata, occurredAt: 'yesterday' } })), InvalidEventError, { field: 'metadata.occurredAt' }],
    ['extra metadata that is a BigInt', appendOf(followed({ metadata: { ...metadata, traceId: 7n } })), InvalidEventError, { field: 'metadata.traceId' }],
    ['a bad second event', appendOf(followed(), followed({ data: { ratio: NaN } })), InvalidEventError, { field: 'data.ratio', index: 1 }],
  ])('refuses %s', (_, request, errorClass, fields) => {
    const error = thrown(() => assertAppendRequest(request));
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject(fields);
  });
});

describe('jsonProblem', () => {
  const shared = { tier: 1 };
  const bare = Object.assign(Object.create(null) as Record<string, unknown>, { channelId: 'channel-1' });
  it.each<[string, unknown]>([
    ['a string', 'Speedruns'],
    ['an empty string', ''],
    ['a boolean', false],
    ['zero', 0],
    ['a negative fraction', -1.5],
    ['null', null],
    ['an empty list', []],
    ['an empty object', {}],
    ['a list holding null', [1, null, 'three']],
    ['nested objects and lists', { channel: { tags: ['retro', { pinned: true }] } }],
    ['an object without a prototype', bare],
    ['the same object in two places', { first: shared, second: shared, both: [shared, shared] }],
  ])('accepts %s', (_, value) => {
    expect(jsonProblem(value, 'data')).toBeNull();
  });

  class Follow {
    constructor(readonly channelId: string) {}
  }
  const circular: Record<string, unknown> = { channelId: 'channel-1' };
  circular.self = circular;
  const circularList: unknown[] = ['channel-1'];
  circularList.push(circularList);
  const holey: unknown[] = [1];
  holey[2] = 3;
  it.each<[string, unknown, string]>([
    ['undefined', undefined, 'data'],
    ['NaN', NaN, 'data'],
    ['Infinity', Infinity, 'data'],
    ['-Infinity', -Infinity, 'data'],
    ['a BigInt', 10n, 'data'],
    ['a function', () => undefined, 'data'],
    ['a symbol', Symbol('follow'), 'data'],
    ['a Date', new Date(), 'data'],
    ['a Map', new Map([['channel', 1]]), 'data'],
    ['an instance of a class', new Follow('channel-1'), 'data'],
    ['an object referring to itself', circular, 'data.self'],
    ['a list holding itself', circularList, 'data[1]'],
    ['a property left undefined', { channelId: undefined }, 'data.channelId'],
    ['a hole in a list', holey, 'data[1]'],
    ['a problem deep inside', { a: [{ b: NaN }] }, 'data.a[0].b'],
  ])('refuses %s, naming where it is', (_, value, path) => {
    expect(jsonProblem(value, 'data')).toMatchObject({ path });
  });
});
