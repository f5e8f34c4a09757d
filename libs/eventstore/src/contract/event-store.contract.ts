import { randomUUID } from 'node:crypto';
import {
  EmptyAppendError,
  EventStoreError,
  InvalidArgumentError,
  InvalidEventError,
  InvalidStreamNameError,
  PartialDuplicateError,
  WrongExpectedRevisionError,
} from '../errors';
import type {
  ActualRevision,
  AppendRequest,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
} from '../types';
import { UpcasterRegistry } from '../upcasting';

export interface ContractStore {
  store: EventStore;
  teardown(): Promise<void>;
}

const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * The behaviour every Glint event store adapter must have. `setup` builds a store on the given
 * upcaster registry (the suite registers its own upcasters there) and says how to dispose of it.
 * Streams get random names, so the suite needs no empty store; where it reads the whole log it
 * reads after the head it saw first, and expects nobody else to be writing meanwhile.
 */
export function eventStoreContract(name: string, setup: (upcasters: UpcasterRegistry) => Promise<ContractStore>): void {
  describe(`event store contract: ${name}`, () => {
    const upcasters = new UpcasterRegistry().register('ChannelRetitled', 1, (data: { title: string }) => ({
      title: data.title,
      language: 'und',
    }));
    let store: EventStore;
    let teardown: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      ({ store, teardown } = await setup(upcasters));
    });

    afterAll(async () => {
      await teardown?.();
    });

    /** Events of these ids or this stream stored after `head`. */
    async function storedSince(head: number, request: { streamName?: unknown; events?: unknown }): Promise<RecordedEvent[]> {
      const ids = new Set(Array.isArray(request.events) ? request.events.map((event: { id?: unknown }) => event?.id) : []);
      const all = await store.readAll({ fromPosition: head });
      return all.filter((event) => event.streamName === request.streamName || ids.has(event.id));
    }

    async function appendSome(streamName: string, count: number): Promise<NewEvent[]> {
      const events = Array.from({ length: count }, () => followed());
      if (count > 0) await store.append(streamName, events);
      return events;
    }

    describe('append', () => {
      it('stores a new stream from revision 0 and reads back exactly what was appended', async () => {
        const stream = streamName();
        const events = [
          followed({ liveNotifications: true, tags: ['speedruns', 'retro'], tier: null, price: { cents: 499, currency: 'USD' } }),
          followed({ liveNotifications: false, note: 'Grüße 👋 "quoted" \\ back\u2028slash' }),
        ];
        events[1].metadata = { ...events[1].metadata, causationId: events[0].id, requestPath: '/channels/c-1/follow' };

        const result = await store.append(stream, events, { expectedRevision: 'no_stream' });

        expect(result).toMatchObject({ streamName: stream, nextExpectedRevision: 1, duplicate: false });
        expect(result.lastPosition).toBeGreaterThan(result.firstPosition);
        const read = await store.readStream(stream);
        expect(read.map(comparable)).toEqual(
          events.map((event, revision) => ({
            id: event.id,
            type: event.type,
            data: event.data,
            metadata: event.metadata,
            schemaVersion: 1,
            streamName: stream,
            streamRevision: revision,
          })),
        );
        expect(read.map((event) => event.position)).toEqual([result.firstPosition, result.lastPosition]);
        for (const event of read) expect(event.recordedAt).toBeInstanceOf(Date);
      });

      it.each<[string, unknown]>([
        ['an object', { channelId: 'c-1', nested: { deeper: [1, { deepest: true }] } }],
        ['an array', [1, 'two', null, false]],
        ['a string', 'Speedruns tonight'],
        ['a number', 42.5],
        ['null', null],
        ['an empty object', {}],
      ])('keeps data that is %s as it was given', async (_, data) => {
        const stream = streamName();
        const event = newEvent('ChannelNoted', data);
        await store.append(stream, [event]);
        const [read] = await store.readStream(stream);
        expect(read.data).toEqual(data);
      });

      it.each<[string, number, ExpectedRevision, number]>([
        ['any on a new stream', 0, 'any', 0],
        ['any on an existing stream', 2, 'any', 2],
        ['no_stream on a new stream', 0, 'no_stream', 0],
        ['stream_exists on an existing stream', 1, 'stream_exists', 1],
        ['the exact last revision', 3, 2, 3],
      ])('accepts %s', async (_, given, expectedRevision, revision) => {
        const stream = streamName();
        await appendSome(stream, given);

        const result = await store.append(stream, [followed()], { expectedRevision });

        expect(result.nextExpectedRevision).toBe(revision);
        expect((await store.readStream(stream)).map((event) => event.streamRevision)).toEqual(range(given + 1));
      });

      it('accepts a stream name of 255 characters', async () => {
        const stream = `channel-${'c'.repeat(247)}`;
        const event = followed();
        await store.append(stream, [event]);
        expect((await store.readStream(stream)).map((read) => read.id)).toEqual([event.id]);
      });

      it.each<[string, number, ExpectedRevision, ActualRevision]>([
        ['no_stream on an existing stream', 1, 'no_stream', 0],
        ['stream_exists on a missing stream', 0, 'stream_exists', 'no_stream'],
        ['an exact revision on a missing stream', 0, 0, 'no_stream'],
        ['a stale exact revision', 3, 1, 2],
        ['an exact revision ahead of the stream', 1, 4, 0],
      ])('refuses %s with WrongExpectedRevisionError, storing nothing', async (_, given, expectedRevision, actual) => {
        const stream = streamName();
        const before = await appendSome(stream, given);
        const head = await store.headPosition();
        const attempt = [followed(), followed()];

        const error = await refusal(store.append(stream, attempt, { expectedRevision }));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ code: 'wrong_expected_revision', streamName: stream, expected: expectedRevision, actual });
        expect((await store.readStream(stream)).map((event) => event.id)).toEqual(before.map((event) => event.id));
        expect(await storedSince(head, { events: attempt })).toEqual([]);
      });

      const circular: Record<string, unknown> = { channelId: 'c-1' };
      circular.self = circular;
      const invalidRequests: Array<[string, () => AppendRequest, abstract new (...args: never[]) => EventStoreError, string]> = [
        ['an empty event list', () => ({ streamName: streamName(), events: [] }), EmptyAppendError, 'empty_append'],
        ['an event with no type', () => request([{ ...followed(), type: undefined as unknown as string }]), InvalidEventError, 'invalid_event'],
        ['an event with a blank type', () => request([{ ...followed(), type: '  ' }]), InvalidEventError, 'invalid_event'],
        ['an event type holding a NUL character', () => request([{ ...followed(), type: 'Channel\u0000Followed' }]), InvalidEventError, 'invalid_event'],
        ['data holding a function', () => request([newEvent('ChannelFollowed', { onFollow: () => undefined })]), InvalidEventError, 'invalid_event'],
        ['data holding a BigInt', () => request([newEvent('PayoutSent', { amountCents: 499n })]), InvalidEventError, 'invalid_event'],
        ['data holding NaN', () => request([newEvent('StreamEnded', { averageViewers: NaN })]), InvalidEventError, 'invalid_event'],
        ['data referring to itself', () => request([newEvent('ChannelFollowed', circular)]), InvalidEventError, 'invalid_event'],
        ['data holding a Date', () => request([newEvent('ChannelFollowed', { followedAt: new Date() })]), InvalidEventError, 'invalid_event'],
        ['data left undefined', () => request([newEvent('ChannelFollowed', undefined)]), InvalidEventError, 'invalid_event'],
        ['data with a NUL in a string', () => request([newEvent('UserBanned', { reason: 'spam\u0000' })]), InvalidEventError, 'invalid_event'],
        ['data with a NUL in a nested string', () => request([newEvent('ChannelInfoUpdated', { changes: { tags: ['ok', 'bad\u0000'] } })]), InvalidEventError, 'invalid_event'],
        ['data with an unpaired surrogate', () => request([newEvent('ChatMessageSent', { text: 'lone \ud800 surrogate' })]), InvalidEventError, 'invalid_event'],
        ['metadata with a NUL in a string', () => request([{ ...followed(), metadata: { ...metadata(), note: 'a\u0000b' } }]), InvalidEventError, 'invalid_event'],
        ['metadata without a correlation id', () => request([{ ...followed(), metadata: { ...metadata(), correlationId: '' } }]), InvalidEventError, 'invalid_event'],
        ['metadata holding a Date', () => request([{ ...followed(), metadata: { ...metadata(), receivedAt: new Date() } }]), InvalidEventError, 'invalid_event'],
        ['an event id that is not a UUID', () => request([{ ...followed(), id: 'follow-1' }]), InvalidEventError, 'invalid_event'],
        ['the same event id twice', () => request(twice(followed())), InvalidEventError, 'invalid_event'],
        ['a valid event followed by an invalid one', () => request([followed(), newEvent('StreamEnded', { peakViewers: Infinity })]), InvalidEventError, 'invalid_event'],
        ['an empty stream name', () => ({ streamName: '', events: [followed()] }), InvalidStreamNameError, 'invalid_stream_name'],
        ['a stream name of 256 characters', () => ({ streamName: `channel-${'c'.repeat(248)}`, events: [followed()] }), InvalidStreamNameError, 'invalid_stream_name'],
        ['a stream name starting with $', () => ({ streamName: '$all', events: [followed()] }), InvalidStreamNameError, 'invalid_stream_name'],
        ['a stream name holding an unpaired surrogate', () => ({ streamName: `channel-\ud800-${randomUUID()}`, events: [followed()] }), InvalidStreamNameError, 'invalid_stream_name'],
        ['an unknown expected revision', () => ({ ...request([followed()]), expectedRevision: 'latest' as ExpectedRevision }), InvalidArgumentError, 'invalid_argument'],
        ['a negative expected revision', () => ({ ...request([followed()]), expectedRevision: -1 }), InvalidArgumentError, 'invalid_argument'],
      ];

      it.each(invalidRequests)('refuses %s with a typed error, storing nothing', async (_, makeRequest, errorClass, code) => {
        const attempt = makeRequest();
        const head = await store.headPosition();

        const error = await refusal(store.append(attempt.streamName, attempt.events, { expectedRevision: attempt.expectedRevision }));

        expect(error).toBeInstanceOf(errorClass);
        expect(error).toBeInstanceOf(EventStoreError);
        expect((error as EventStoreError).code).toBe(code);
        expect(await storedSince(head, attempt)).toEqual([]);
      });
    });

    describe('idempotent append', () => {
      it.each<[string, number, ExpectedRevision]>([
        ['no_stream', 0, 'no_stream'],
        ['any', 1, 'any'],
        ['stream_exists', 1, 'stream_exists'],
        ['an exact revision', 1, 0],
      ])('answers a retried %s append as a duplicate with the original positions, storing nothing twice', async (_, given, expectedRevision) => {
        const stream = streamName();
        const before = await appendSome(stream, given);
        const events = [followed(), followed()];
        const original = await store.append(stream, events, { expectedRevision });
        const head = await store.headPosition();

        const retry = await store.append(stream, events, { expectedRevision });

        expect(retry).toEqual({ ...original, duplicate: true });
        expect((await store.readStream(stream)).map((event) => event.id)).toEqual([...before, ...events].map((event) => event.id));
        expect(await storedSince(head, { streamName: stream, events })).toEqual([]);
      });

      it.each<[string, number, ExpectedRevision]>([
        ['no_stream', 0, 'no_stream'],
        ['exact', 1, 0],
      ])('answers a retry whose %s expectation has gone stale as a duplicate', async (_, given, expectedRevision) => {
        const stream = streamName();
        await appendSome(stream, given);
        const events = [followed()];
        const original = await store.append(stream, events, { expectedRevision });
        await store.append(stream, [followed()], { expectedRevision: original.nextExpectedRevision });

        const retry = await store.append(stream, events, { expectedRevision });

        expect(retry).toEqual({ ...original, duplicate: true });
      });

      it('refuses an append repeating some stored event ids with new ones, storing none of it', async () => {
        const stream = streamName();
        const stored = [followed(), followed()];
        await store.append(stream, stored);
        const head = await store.headPosition();
        const fresh = followed();

        const error = await refusal(store.append(stream, [stored[0], fresh]));

        expect(error).toBeInstanceOf(PartialDuplicateError);
        expect(error).toMatchObject({ code: 'partial_duplicate', streamName: stream });
        expect((error as PartialDuplicateError).storedIds.map((id) => id.toLowerCase())).toEqual([stored[0].id]);
        expect(await storedSince(head, { streamName: stream, events: [fresh] })).toEqual([]);
      });
    });

    describe('readStream', () => {
      const stream = streamName();
      let events: NewEvent[];

      beforeAll(async () => {
        events = await appendSome(stream, 5);
      });

      it.each<[string, ReadStreamOptions, number[]]>([
        ['everything forwards by default', {}, [0, 1, 2, 3, 4]],
        ['forwards from a revision, inclusive', { fromRevision: 2 }, [2, 3, 4]],
        ['forwards at most maxCount', { maxCount: 2 }, [0, 1]],
        ['forwards from a revision at most maxCount', { fromRevision: 1, maxCount: 2 }, [1, 2]],
        ['everything backwards from the end', { direction: 'backwards' }, [4, 3, 2, 1, 0]],
        ['backwards from a revision at most maxCount', { direction: 'backwards', fromRevision: 3, maxCount: 2 }, [3, 2]],
        ['nothing forwards from past the end', { fromRevision: 9 }, []],
      ])('reads %s', async (_, options, revisions) => {
        const read = await store.readStream(stream, options);
        expect(read.map((event) => event.streamRevision)).toEqual(revisions);
        expect(read.map((event) => event.id)).toEqual(revisions.map((revision) => events[revision].id));
      });

      it('reads a stream that was never written as empty', async () => {
        expect(await store.readStream(streamName())).toEqual([]);
        expect(await store.readStream(streamName(), { direction: 'backwards' })).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('reads events after a position in global order, and pages through them without gaps or repeats', async () => {
        const head = await store.headPosition();
        const [first, second] = [streamName(), streamName()];
        const events = [followed(), followed(), followed(), followed(), followed()];
        await store.append(first, events.slice(0, 2));
        await store.append(second, events.slice(2, 3));
        await store.append(first, events.slice(3));

        const all = await store.readAll({ fromPosition: head });

        expect(all.map((event) => event.id)).toEqual(events.map((event) => event.id));
        expect(all.map((event) => event.streamName)).toEqual([first, first, second, first, first]);
        expect(all[0].position).toBeGreaterThan(head);
        expect(isIncreasing(all.map((event) => event.position))).toBe(true);
        expect(await store.headPosition()).toBe(all[all.length - 1].position);

        const afterSecond = await store.readAll({ fromPosition: all[1].position, maxCount: 2 });
        expect(afterSecond.map((event) => event.id)).toEqual([events[2].id, events[3].id]);

        const paged: RecordedEvent[] = [];
        for (let cursor = head, page = await store.readAll({ fromPosition: cursor, maxCount: 2 }); page.length > 0; ) {
          expect(page.length).toBeLessThanOrEqual(2);
          paged.push(...page);
          cursor = page[page.length - 1].position;
          page = await store.readAll({ fromPosition: cursor, maxCount: 2 });
        }
        expect(paged.map((event) => event.id)).toEqual(events.map((event) => event.id));
      });
    });

    describe('subscribeToAll', () => {
      it('catches up from a checkpoint in batches, then delivers a later append live', async () => {
        const head = await store.headPosition();
        const stream = streamName();
        const past = await appendSome(stream, 3);
        const subscription = store.subscribeToAll({ fromPosition: head, batchSize: 2 });
        const batches = subscription[Symbol.asyncIterator]();
        try {
          const caughtUp = await receive(batches, 3, 2);
          expect(caughtUp.map((event) => event.id)).toEqual(past.map((event) => event.id));
          expect(isIncreasing([head, ...caughtUp.map((event) => event.position)])).toBe(true);

          const waiting = within(batches.next(), 'the live append');
          const live = followed();
          await store.append(stream, [live], { expectedRevision: 2 });
          const { value, done } = await waiting;

          expect(done).toBe(false);
          expect((value as RecordedEvent[]).map((event) => event.id)).toEqual([live.id]);
          expect((value as RecordedEvent[])[0]).toMatchObject({ streamName: stream, streamRevision: 3 });
          expect((value as RecordedEvent[])[0].position).toBeGreaterThan(caughtUp[2].position);
        } finally {
          await subscription.stop();
        }
      });

      it('starts after its checkpoint, not at it', async () => {
        const stream = streamName();
        await appendSome(stream, 2);
        const [first, second] = await store.readStream(stream);
        const subscription = store.subscribeToAll({ fromPosition: first.position, batchSize: 10 });
        try {
          const [next] = await receive(subscription[Symbol.asyncIterator](), 1, 10);
          expect(next.id).toBe(second.id);
        } finally {
          await subscription.stop();
        }
      });

      it('ends its iteration when stopped', async () => {
        const subscription = store.subscribeToAll({ fromPosition: await store.headPosition() });
        const batches = subscription[Symbol.asyncIterator]();
        const waiting = within(batches.next(), 'the end of the iteration');
        await subscription.stop();
        expect(await waiting).toEqual({ done: true, value: undefined });
      });
    });

    describe('soft delete, truncation and stream metadata', () => {
      it.each<[ExpectedRevision]>([['no_stream'], ['any']])(
        'a soft-deleted stream reads as absent, counts as no stream, and an append with %s brings it back with continuing revisions',
        async (revival) => {
          const stream = streamName();
          const head = await store.headPosition();
          const old = await appendSome(stream, 2);

          await store.softDeleteStream(stream);

          expect(await store.readStream(stream)).toEqual([]);
          expect(await store.readStream(stream, { direction: 'backwards' })).toEqual([]);
          expect(await store.getStreamMetadata(stream)).toMatchObject({ deleted: true });
          for (const expectedRevision of ['stream_exists', 1] as const) {
            const error = await refusal(store.append(stream, [followed()], { expectedRevision }));
            expect(error).toBeInstanceOf(WrongExpectedRevisionError);
            expect(error).toMatchObject({ streamName: stream, expected: expectedRevision, actual: 'no_stream' });
          }

          const revived = followed();
          const result = await store.append(stream, [revived], { expectedRevision: revival });

          expect(result.nextExpectedRevision).toBe(2);
          expect((await store.readStream(stream)).map(({ id, streamRevision }) => ({ id, streamRevision }))).toEqual([
            { id: revived.id, streamRevision: 2 },
          ]);
          expect(await store.getStreamMetadata(stream)).toMatchObject({ deleted: false });
          expect((await storedSince(head, { streamName: stream })).map((event) => event.id)).toEqual([...old, revived].map((event) => event.id));
        },
      );

      it('truncation hides earlier revisions from stream reads, never from readAll', async () => {
        const stream = streamName();
        const head = await store.headPosition();
        const events = await appendSome(stream, 4);

        await store.truncateStreamBefore(stream, 2);

        expect((await store.readStream(stream)).map((event) => event.streamRevision)).toEqual([2, 3]);
        expect((await store.readStream(stream, { direction: 'backwards' })).map((event) => event.streamRevision)).toEqual([3, 2]);
        expect((await store.readStream(stream, { fromRevision: 0, maxCount: 1 })).map((event) => event.streamRevision)).toEqual([2]);
        expect(await store.readStream(stream, { direction: 'backwards', fromRevision: 1 })).toEqual([]);
        expect(await store.getStreamMetadata(stream)).toMatchObject({ deleted: false, truncateBefore: 2 });
        expect((await storedSince(head, { streamName: stream })).map((event) => event.id)).toEqual(events.map((event) => event.id));
        expect((await store.append(stream, [followed()], { expectedRevision: 3 })).nextExpectedRevision).toBe(4);
      });

      it('keeps custom metadata, replaced whole by each write, alongside truncation', async () => {
        const stream = streamName();
        expect(await store.getStreamMetadata(stream)).toEqual({ deleted: false, truncateBefore: null, custom: {} });
        await appendSome(stream, 2);

        await store.setStreamMetadata(stream, { title: 'Speedruns', tags: ['games', 'retro'], mature: false });
        expect(await store.getStreamMetadata(stream)).toEqual({
          deleted: false,
          truncateBefore: null,
          custom: { title: 'Speedruns', tags: ['games', 'retro'], mature: false },
        });

        await store.setStreamMetadata(stream, { title: 'Chill' });
        await store.truncateStreamBefore(stream, 1);
        expect(await store.getStreamMetadata(stream)).toEqual({ deleted: false, truncateBefore: 1, custom: { title: 'Chill' } });
      });
    });

    describe('appendMany', () => {
      it('answers every request in request order, and one failing request never fails another', async () => {
        const [first, second, third] = [streamName(), streamName(), streamName()];
        const [existing] = await appendSome(second, 1);
        const requests: AppendRequest[] = [
          { streamName: first, events: [followed()], expectedRevision: 'no_stream' },
          { streamName: second, events: [followed()], expectedRevision: 5 },
          { streamName: third, events: [] },
          { streamName: first, events: [followed()], expectedRevision: 0 },
          { streamName: third, events: [followed()], expectedRevision: 'no_stream' },
        ];

        const outcomes = await store.appendMany(requests);

        expect(outcomes).toHaveLength(requests.length);
        expect(outcomes[0]).toMatchObject({ streamName: first, nextExpectedRevision: 0, duplicate: false });
        expect(outcomes[1]).toBeInstanceOf(WrongExpectedRevisionError);
        expect(outcomes[1]).toMatchObject({ streamName: second, expected: 5, actual: 0 });
        expect(outcomes[2]).toBeInstanceOf(EmptyAppendError);
        expect(outcomes[3]).toMatchObject({ streamName: first, nextExpectedRevision: 1, duplicate: false });
        expect(outcomes[4]).toMatchObject({ streamName: third, nextExpectedRevision: 0, duplicate: false });
        expect(await idsOf(first)).toEqual([requests[0].events[0].id, requests[3].events[0].id]);
        expect(await idsOf(second)).toEqual([existing.id]);
        expect(await idsOf(third)).toEqual([requests[4].events[0].id]);
      });

      async function idsOf(stream: string): Promise<string[]> {
        return (await store.readStream(stream)).map((event) => event.id);
      }
    });

    describe('upcasting', () => {
      it('writes new events at the current schema version and reads old ones in the current shape, everywhere', async () => {
        const head = await store.headPosition();
        const stream = streamName();
        const old = newEvent('ChannelRetitled', { title: 'Speedruns' }, 1);
        const current = newEvent('ChannelRetitled', { title: 'Chill', language: 'en' });
        await store.append(stream, [old, current]);
        const expected = [
          { id: old.id, schemaVersion: 2, data: { title: 'Speedruns', language: 'und' } },
          { id: current.id, schemaVersion: 2, data: { title: 'Chill', language: 'en' } },
        ];

        expect((await store.readStream(stream)).map(comparableVersion)).toEqual(expected);
        expect((await store.readStream(stream, { direction: 'backwards' })).map(comparableVersion)).toEqual([...expected].reverse());
        expect((await store.readAll({ fromPosition: head })).map(comparableVersion)).toEqual(expected);
        const subscription = store.subscribeToAll({ fromPosition: head, batchSize: 10 });
        try {
          expect((await receive(subscription[Symbol.asyncIterator](), 2, 10)).map(comparableVersion)).toEqual(expected);
        } finally {
          await subscription.stop();
        }
      });
    });
  });
}

function streamName(): string {
  return `channel-${randomUUID()}`;
}

function metadata(): EventMetadata {
  return {
    correlationId: randomUUID(),
    causationId: null,
    actor: { type: 'user', userId: `user-${randomUUID()}`, role: 'viewer' },
    occurredAt: '2026-11-23T18:30:00.000Z',
  };
}

function newEvent(type: string, data: unknown, schemaVersion?: number): NewEvent {
  return { id: randomUUID(), type, data, metadata: metadata(), ...(schemaVersion === undefined ? {} : { schemaVersion }) };
}

function followed(extra: Record<string, unknown> = {}): NewEvent {
  return newEvent('ChannelFollowed', { channelId: 'channel-1', followerId: `user-${randomUUID()}`, liveNotifications: true, ...extra });
}

function request(events: NewEvent[]): AppendRequest {
  return { streamName: streamName(), events };
}

function twice(event: NewEvent): NewEvent[] {
  return [event, { ...event }];
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

function isIncreasing(values: number[]): boolean {
  return values.every((value, index) => index === 0 || value > values[index - 1]);
}

function comparable({ id, type, data, metadata, schemaVersion, streamName, streamRevision }: RecordedEvent) {
  return { id, type, data, metadata, schemaVersion, streamName, streamRevision };
}

function comparableVersion({ id, schemaVersion, data }: RecordedEvent) {
  return { id, schemaVersion, data };
}

/** The error a refused operation fails with; fails the test if the operation succeeds. */
async function refusal(operation: Promise<unknown>): Promise<unknown> {
  try {
    await operation;
  } catch (error) {
    return error;
  }
  throw new Error('The store accepted an operation it must refuse.');
}

async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The subscription did not deliver ${what} within ${DELIVERY_TIMEOUT_MS} ms.`)), DELIVERY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Takes batches until `count` events arrived, checking that no batch is empty or too large. */
async function receive(batches: AsyncIterator<RecordedEvent[]>, count: number, batchSize: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  while (events.length < count) {
    const { value, done } = await within(batches.next(), `${count} events`);
    if (done) throw new Error(`The subscription ended after ${events.length} of ${count} events.`);
    expect(value.length).toBeGreaterThan(0);
    expect(value.length).toBeLessThanOrEqual(batchSize);
    events.push(...value);
  }
  return events;
}
