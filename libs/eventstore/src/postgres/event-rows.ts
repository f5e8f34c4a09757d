import type { EventMetadata, RecordedEvent } from '../types';

// recorded_at travels as epoch milliseconds: a number is parsed far faster than a timestamp string,
// and reading the log is bound by decoding rows on this side.
export const EVENT_COLUMNS =
  'position, stream_name, stream_revision, event_id, event_type, schema_version, data, metadata, ' +
  '(extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_at_ms';

export interface EventRow {
  position: number;
  stream_name: string;
  stream_revision: number;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at_ms: number;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    schemaVersion: row.schema_version,
    streamName: row.stream_name,
    streamRevision: row.stream_revision,
    position: row.position,
    recordedAt: new Date(row.recorded_at_ms),
  };
}
