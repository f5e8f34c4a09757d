import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamNotFoundError,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type ReadPosition,
  type ReadRevision,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { RecordedEvent } from '../types';
import { toGlintEvent } from './event-records';
import { commitPositionOf, logPosition } from './log-positions';

const ALL_PAGE = 1000;

export async function readStreamRecords(
  client: EventStoreDBClient,
  streamName: string,
  options: { direction: typeof FORWARDS | typeof BACKWARDS; fromRevision: ReadRevision; maxCount?: number },
): Promise<EsdbRecordedEvent[]> {
  const records: EsdbRecordedEvent[] = [];
  try {
    for await (const resolved of client.readStream(streamName, options)) {
      if (resolved.event) records.push(resolved.event);
    }
  } catch (error) {
    // A stream that never existed, or whose every event is hidden, reads as empty.
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return records;
}

export async function lastVisibleRevision(client: EventStoreDBClient, streamName: string): Promise<number | null> {
  const [last] = await readStreamRecords(client, streamName, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
  return last ? Number(last.revision) : null;
}

/** The newest Glint event's position: EventStoreDB's own bookkeeping events are not Glint's log. */
export async function readHeadPosition(client: EventStoreDBClient): Promise<number> {
  let from: ReadPosition = END;
  for (;;) {
    const page = await readAllPage(client, from, BACKWARDS, ALL_PAGE);
    for (const resolved of page) {
      const event = toGlintEvent(resolved);
      if (event) return event.position;
    }
    if (page.length < ALL_PAGE) return 0;
    from = logPosition(commitPositionOf(page[page.length - 1]));
  }
}

/**
 * `$all` read forwards from a position includes the event at that position, and holds
 * EventStoreDB's own events, so pages are read until `limit` Glint events after `after` are found.
 */
export async function readGlintEventsAfter(client: EventStoreDBClient, after: number, limit: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let cursor = after;
  while (events.length < limit) {
    // One more than still wanted: the first record of a page may be the one at the cursor.
    const pageSize = Math.min(limit - events.length + 1, ALL_PAGE);
    const page = await readAllPage(client, cursor === 0 ? START : logPosition(cursor), FORWARDS, pageSize);
    for (const resolved of page) {
      const position = commitPositionOf(resolved);
      if (position <= cursor) continue;
      cursor = position;
      const event = toGlintEvent(resolved);
      if (event && events.length < limit) events.push(event);
    }
    if (page.length < pageSize) break;
  }
  return events;
}

async function readAllPage(
  client: EventStoreDBClient,
  from: ReadPosition,
  direction: typeof FORWARDS | typeof BACKWARDS,
  maxCount: number,
): Promise<AllStreamResolvedEvent[]> {
  const page: AllStreamResolvedEvent[] = [];
  for await (const resolved of client.readAll({ fromPosition: from, direction, maxCount })) page.push(resolved);
  return page;
}
