import type { AllStreamResolvedEvent, RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';

export function positionOf(record: EsdbRecordedEvent): number {
  if (!record.position) {
    throw new Error('EventStoreDB did not return event positions on stream reads: Glint needs EventStoreDB 22.6 or newer.');
  }
  return toNumber(record.position.commit);
}

export function commitPositionOf(resolved: AllStreamResolvedEvent): number {
  const commit = resolved.event?.position.commit ?? resolved.commitPosition;
  if (commit === undefined) throw new Error('EventStoreDB returned a record of $all without a position.');
  return toNumber(commit);
}

function toNumber(commit: bigint): number {
  if (commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`EventStoreDB log position ${commit} is beyond 2^53, the largest position Glint represents exactly.`);
  }
  return Number(commit);
}

/** Events appended through gRPC have commit position = prepare position. */
export function logPosition(position: number): { commit: bigint; prepare: bigint } {
  return { commit: BigInt(position), prepare: BigInt(position) };
}
