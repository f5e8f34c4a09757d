import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../errors';
import type { ActualRevision, ExpectedRevision } from '../types';
import { isDeleted } from './stream-metadata';

/**
 * EventStoreDB enforces `any` and `no_stream` itself. A deleted stream still has events, so for
 * `stream_exists` and exact revisions Glint refuses it here; EventStoreDB checks the rest.
 */
export async function serverExpectation(
  client: EventStoreDBClient,
  streamName: string,
  expected: ExpectedRevision,
): Promise<AppendExpectedRevision> {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (await isDeleted(client, streamName)) throw new WrongExpectedRevisionError(streamName, expected, 'no_stream');
  return expected === 'stream_exists' ? STREAM_EXISTS : BigInt(expected);
}

export function toActualRevision(current: CurrentRevision): ActualRevision {
  return current === NO_STREAM ? 'no_stream' : Number(current);
}
