import { newEventId } from '../libs/eventstore/src/event-id';
import type { NewEvent } from '../libs/eventstore/src/types';

/**
 * The event every workload writes: a viewer count update of a live channel, about 300 bytes of
 * JSON with its metadata. Built on demand, one at a time, so no workload holds its events in memory.
 * Its id comes from Glint's own generator (time-ordered UUIDv7), as a Glint caller's would.
 */
export const EVENT_TYPE = 'ViewerCountChanged';

export function newEvent(streamName: string, sequence: number): NewEvent {
  const id = newEventId();
  return {
    id,
    type: EVENT_TYPE,
    data: {
      channel: streamName,
      viewers: (sequence * 7919) % 100_000,
      sequence,
      region: 'eu-west',
      reason: 'viewer joined the live stream',
    },
    metadata: {
      correlationId: id,
      causationId: null,
      actor: { type: 'system' },
      occurredAt: new Date().toISOString(),
    },
  };
}

export { seededRandom } from '@glint/testing';
