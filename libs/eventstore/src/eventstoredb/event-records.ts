import type { AllStreamResolvedEvent, JSONEventData, JSONType, RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { EventMetadata, NewEvent, RecordedEvent } from '../types';
import type { UpcasterRegistry } from '../upcasting';
import { positionOf } from './log-positions';

/** How Glint wraps its own metadata in an EventStoreDB event's metadata. */
type GlintEnvelope = {
  /** Read by EventStoreDB's `$by_correlation_id` projection and its UI. */
  $correlationId: string;
  $causationId?: string;
  glint: { schemaVersion: number; metadata: EventMetadata };
};

export function toEventData(event: NewEvent, upcasters: UpcasterRegistry): JSONEventData {
  const envelope: GlintEnvelope = {
    $correlationId: event.metadata.correlationId,
    ...(event.metadata.causationId === null ? {} : { $causationId: event.metadata.causationId }),
    glint: { schemaVersion: event.schemaVersion ?? upcasters.currentVersion(event.type), metadata: event.metadata },
  };
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    // assertAppendRequest proved the data JSON; the client stringifies any JSON value, not only
    // the objects, arrays and strings its type names.
    data: event.data as JSONType,
    metadata: envelope,
  };
}

/** An event of a stream Glint reads by name: anything but a Glint event there is a corrupted history. */
export function toStreamEvent(record: EsdbRecordedEvent): RecordedEvent {
  const event = fromGlintRecord(record);
  if (!event) {
    throw new Error(
      `Event ${record.id} at revision ${record.revision} of "${record.streamId}" was not written by Glint; ` +
        'Glint streams on EventStoreDB must only be written through Glint.',
    );
  }
  return event;
}

/** A Glint event from `$all`, or null for EventStoreDB's own events and other applications' events. */
export function toGlintEvent(resolved: AllStreamResolvedEvent): RecordedEvent | null {
  const record = resolved.event;
  if (!record || record.streamId.startsWith('$')) return null;
  return fromGlintRecord(record);
}

function fromGlintRecord(record: EsdbRecordedEvent): RecordedEvent | null {
  if (!record.isJson || !isGlintEnvelope(record.metadata)) return null;
  const { schemaVersion, metadata } = record.metadata.glint;
  return {
    id: record.id,
    type: record.type,
    data: record.data,
    metadata,
    schemaVersion,
    streamName: record.streamId,
    streamRevision: Number(record.revision),
    position: positionOf(record),
    recordedAt: record.created,
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function isGlintEnvelope(value: unknown): value is GlintEnvelope {
  if (!isPlainObject(value) || !isPlainObject(value.glint)) return false;
  return Number.isSafeInteger(value.glint.schemaVersion) && isPlainObject(value.glint.metadata);
}
