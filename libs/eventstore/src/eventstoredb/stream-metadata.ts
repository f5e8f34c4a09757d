import { BACKWARDS, END, NO_STREAM, WrongExpectedVersionError, metastreamOf, type EventStoreDBClient } from '@eventstore/db-client';
import { isPlainObject } from './event-records';
import { lastVisibleRevision, readStreamRecords } from './stream-reads';

export const METADATA_WRITE_ATTEMPTS = 5;

/** Glint's part of a stream's EventStoreDB metadata, next to `$tb` and anything an operator set. */
export interface GlintStreamSettings {
  deleted: boolean;
  custom: Record<string, unknown>;
}

export interface StoredStreamMetadata extends GlintStreamSettings {
  truncateBefore: number | null;
  /** The whole metadata document, so a rewrite keeps what Glint does not own (ACLs, `$maxAge`…). */
  raw: Record<string, unknown>;
  /** Revision of the metadata stream's last event, for optimistic concurrency on rewrites. */
  revision: bigint | null;
}

export async function isDeleted(client: EventStoreDBClient, streamName: string, stored?: StoredStreamMetadata): Promise<boolean> {
  const metadata = stored ?? (await readStreamMetadata(client, streamName));
  // Appending to a deleted stream brings it back; the flag is cleared lazily by the next rewrite.
  return metadata.deleted && (await lastVisibleRevision(client, streamName)) === null;
}

export async function readStreamMetadata(client: EventStoreDBClient, streamName: string): Promise<StoredStreamMetadata> {
  const [last] = await readStreamRecords(client, metastreamOf(streamName), { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
  const raw = last?.isJson && isPlainObject(last.data) ? last.data : {};
  const glint = isPlainObject(raw.glint) ? raw.glint : {};
  return {
    deleted: glint.deleted === true,
    custom: isPlainObject(glint.custom) ? glint.custom : {},
    truncateBefore: Number.isSafeInteger(raw.$tb) ? (raw.$tb as number) : null,
    raw,
    revision: last ? last.revision : null,
  };
}

/** Read-modify-write of the stream's metadata, retried when another writer got there first. */
export async function rewriteStreamMetadata(
  client: EventStoreDBClient,
  streamName: string,
  change: (stored: StoredStreamMetadata) => Promise<GlintStreamSettings & { truncateBefore: number | null }>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const stored = await readStreamMetadata(client, streamName);
    const next = await change(stored);
    const { $tb: _truncateBefore, glint: _glint, ...kept } = stored.raw;
    try {
      await client.setStreamMetadata(
        streamName,
        {
          ...kept,
          ...(next.truncateBefore === null ? {} : { truncateBefore: next.truncateBefore }),
          glint: { deleted: next.deleted, custom: next.custom },
        },
        { expectedRevision: stored.revision ?? NO_STREAM },
      );
      return;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt === METADATA_WRITE_ATTEMPTS) throw error;
    }
  }
}
