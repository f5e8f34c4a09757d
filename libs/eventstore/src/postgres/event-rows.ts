import type { RecordedEvent } from '../types';
import type { EventMetadata } from '../types';

export const EVENT_COLUMNS =
  'position, stream_name, stream_revision, event_id, event_type, schema_version, data, metadata, recorded_at';

export interface EventRow {
  position: number;
  stream_name: string;
  stream_revision: number;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
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
    recordedAt: row.recorded_at,
  };
}
