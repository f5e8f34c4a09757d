import {
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  START,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type EventStoreDBClient,
  type ReadRevision,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { PartialDuplicateError, WrongExpectedRevisionError } from '../errors';
import type { AppendRequest, AppendResult, ExpectedRevision, NewEvent } from '../types';
import type { UpcasterRegistry } from '../upcasting';
import { toEventData } from './event-records';
import { serverExpectation, toActualRevision } from './expected-revision';
import { positionOf } from './log-positions';
import { isDeleted } from './stream-metadata';
import { readStreamRecords } from './stream-reads';

const STREAM_PAGE = 500;

export async function appendValidated(client: EventStoreDBClient, upcasters: UpcasterRegistry, request: AppendRequest): Promise<AppendResult> {
  const { streamName, events } = request;
  const expected = request.expectedRevision ?? 'any';
  // Before the revision check: a retried request whose expectation has gone stale is still
  // answered as the duplicate it is.
  const stored = await storedCopies(client, streamName, events, expected);
  if (stored.length === events.length) return duplicateResult(streamName, stored);
  if (stored.length > 0) throw new PartialDuplicateError(streamName, stored.map((event) => event.id));

  const expectation = await serverExpectation(client, streamName, expected);
  try {
    return await write(client, upcasters, streamName, events, expectation);
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
    const actual = error.actualVersion;
    if (expected === 'no_stream' && actual !== NO_STREAM && (await isDeleted(client, streamName))) {
      return writeToDeletedStream(client, upcasters, streamName, events, actual);
    }
    throw new WrongExpectedRevisionError(streamName, expected, toActualRevision(actual));
  }
}

/** A deleted stream counts as absent: `no_stream` recreates it after its last revision. */
async function writeToDeletedStream(
  client: EventStoreDBClient,
  upcasters: UpcasterRegistry,
  streamName: string,
  events: NewEvent[],
  lastRevision: bigint,
): Promise<AppendResult> {
  try {
    return await write(client, upcasters, streamName, events, lastRevision);
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) {
      throw new WrongExpectedRevisionError(streamName, 'no_stream', toActualRevision(error.actualVersion));
    }
    throw error;
  }
}

async function write(
  client: EventStoreDBClient,
  upcasters: UpcasterRegistry,
  streamName: string,
  events: NewEvent[],
  expectedRevision: AppendExpectedRevision,
): Promise<AppendResult> {
  const result = await client.appendToStream(streamName, events.map((event) => toEventData(event, upcasters)), { expectedRevision });
  const nextExpectedRevision = Number(result.nextExpectedRevision);
  // The append answers only its last position; reading the events back gives each one's own.
  const appended = await readStreamRecords(client, streamName, {
    direction: FORWARDS,
    fromRevision: BigInt(nextExpectedRevision - events.length + 1),
    maxCount: events.length,
  });
  const sameEvents = appended.length === events.length && appended.every((record, index) => sameId(record.id, events[index].id));
  if (!sameEvents) {
    throw new Error(
      `The append to "${streamName}" is stored, but its events are hidden (deleted or truncated) so their positions cannot be read.`,
    );
  }
  return {
    streamName,
    nextExpectedRevision,
    firstPosition: positionOf(appended[0]),
    lastPosition: positionOf(appended[appended.length - 1]),
    duplicate: false,
  };
}

/**
 * Events of this append already in the stream. EventStoreDB deduplicates by event id only within
 * a recent window (and, for an exact revision, at the revisions right after it), so Glint looks
 * where a retry of the same request must have landed: after the expected revision, at the start of
 * a new stream, or — for `any` and `stream_exists`, which say nothing about where — the whole
 * visible stream, newest first. An id stored in another stream, or hidden by truncation or
 * deletion, is not found here, unlike on PostgreSQL.
 */
async function storedCopies(
  client: EventStoreDBClient,
  streamName: string,
  events: NewEvent[],
  expected: ExpectedRevision,
): Promise<EsdbRecordedEvent[]> {
  const wanted = new Set(events.map((event) => event.id.toLowerCase()));
  const keep = (records: EsdbRecordedEvent[]) => records.filter((record) => wanted.has(record.id.toLowerCase()));
  if (typeof expected === 'number') {
    return keep(await readStreamRecords(client, streamName, { direction: FORWARDS, fromRevision: BigInt(expected + 1), maxCount: events.length }));
  }
  if (expected === 'no_stream') {
    return keep(await readStreamRecords(client, streamName, { direction: FORWARDS, fromRevision: START, maxCount: events.length }));
  }
  const found: EsdbRecordedEvent[] = [];
  let from: ReadRevision = END;
  for (;;) {
    const page = await readStreamRecords(client, streamName, { direction: BACKWARDS, fromRevision: from, maxCount: STREAM_PAGE });
    found.push(...keep(page));
    const oldest = page[page.length - 1];
    if (found.length === wanted.size || page.length < STREAM_PAGE || oldest.revision === 0n) return found;
    from = oldest.revision - 1n;
  }
}

function duplicateResult(streamName: string, stored: EsdbRecordedEvent[]): AppendResult {
  const positions = stored.map(positionOf);
  return {
    streamName,
    nextExpectedRevision: Math.max(...stored.map((record) => Number(record.revision))),
    firstPosition: Math.min(...positions),
    lastPosition: Math.max(...positions),
    duplicate: true,
  };
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
