import type { PoolClient } from 'pg';
import { PartialDuplicateError, WrongExpectedRevisionError } from '../errors';
import type { AppendRequest, AppendResult, ExpectedRevision } from '../types';
import type { UpcasterRegistry } from '../upcasting';

const EXPECTED_CODES: Record<Exclude<ExpectedRevision, number>, number> = { any: -1, no_stream: -2, stream_exists: -3 };

interface AppendRow {
  status: 'ok' | 'duplicate' | 'wrong_revision' | 'partial_duplicate';
  actual_revision: number | null;
  first_position: number;
  last_position: number;
  next_revision: number;
  stored_ids: string[] | null;
}

/**
 * Runs validated appends in one call of `glint_append` on the given connection, inside whatever
 * transaction that connection is in. Returns one result or error per request, in order.
 */
export async function runAppendBatch(
  client: PoolClient,
  requests: AppendRequest[],
  upcasters: UpcasterRegistry,
  findDuplicates: boolean,
): Promise<Array<AppendResult | Error>> {
  const streams: string[] = [];
  const expected: number[] = [];
  const counts: number[] = [];
  const appendOf: number[] = [];
  const ids: string[] = [];
  const types: string[] = [];
  const versions: number[] = [];
  const data: unknown[] = [];
  const metadata: unknown[] = [];
  requests.forEach((request, index) => {
    const revision = request.expectedRevision ?? 'any';
    streams.push(request.streamName);
    expected.push(typeof revision === 'number' ? revision : EXPECTED_CODES[revision]);
    counts.push(request.events.length);
    for (const event of request.events) {
      appendOf.push(index + 1);
      ids.push(event.id);
      types.push(event.type);
      versions.push(event.schemaVersion ?? upcasters.currentVersion(event.type));
      data.push(event.data);
      metadata.push(event.metadata);
    }
  });
  // Lists go as comma-separated numbers and ids, or as JSON documents: PostgreSQL splits those in
  // C, where array parameters would cost an escape per element here and a parse per element there.
  const { rows } = await client.query<AppendRow>({
    // Named, so each connection parses and plans it once instead of on every batch.
    name: 'glint_append',
    text: 'SELECT * FROM glint_append($1::json, $2::text, $3::text, $4::text, $5::text, $6::json, $7::text, $8::json, $9::json, $10)',
    values: [
      JSON.stringify(streams),
      expected.join(','),
      counts.join(','),
      appendOf.join(','),
      ids.join(','),
      JSON.stringify(types),
      versions.join(','),
      JSON.stringify(data),
      JSON.stringify(metadata),
      findDuplicates,
    ],
  });
  return rows.map((row, index) => toOutcome(requests[index], row));
}

function toOutcome(request: AppendRequest, row: AppendRow): AppendResult | Error {
  switch (row.status) {
    case 'ok':
    case 'duplicate':
      return {
        streamName: request.streamName,
        nextExpectedRevision: row.next_revision,
        firstPosition: row.first_position,
        lastPosition: row.last_position,
        duplicate: row.status === 'duplicate',
      };
    case 'wrong_revision':
      return new WrongExpectedRevisionError(request.streamName, request.expectedRevision ?? 'any', row.actual_revision ?? 'no_stream');
    case 'partial_duplicate':
      return new PartialDuplicateError(request.streamName, row.stored_ids ?? []);
  }
}
