import type { EventStore, RecordedEvent } from '@glint/eventstore';

/**
 * Positions closer than this are read in one range: an account's events often come in runs (a
 * sign-up, its confirmation, its first follows), and reading a few events too many is cheaper
 * than one more round trip.
 */
const MAX_GAP = 64;

/** The events at the given log positions, read in as few ranges as they allow, keyed by position. */
export async function readEventsAtPositions(store: EventStore, positions: readonly number[]): Promise<Map<number, RecordedEvent>> {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  const ranges: Array<{ first: number; last: number }> = [];
  for (const position of sorted) {
    const current = ranges[ranges.length - 1];
    if (current && position - current.last <= MAX_GAP) current.last = position;
    else ranges.push({ first: position, last: position });
  }
  const read = await Promise.all(ranges.map(({ first, last }) => store.readAll({ fromPosition: first - 1, maxCount: last - first + 1 })));
  const wanted = new Set(sorted);
  const found = new Map<number, RecordedEvent>();
  for (const event of read.flat()) if (wanted.has(event.position)) found.set(event.position, event);
  return found;
}
