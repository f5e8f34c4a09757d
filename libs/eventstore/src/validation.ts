import { EmptyAppendError, InvalidArgumentError, InvalidEventError, InvalidStreamNameError } from './errors';
import type { AppendRequest, ExpectedRevision, NewEvent } from './types';

export const MAX_STREAM_NAME_LENGTH = 255;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertStreamName(streamName: unknown): asserts streamName is string {
  if (typeof streamName !== 'string') throw new InvalidStreamNameError(streamName, 'it must be a string');
  if (streamName.length === 0) throw new InvalidStreamNameError(streamName, 'it is empty');
  if (streamName.length > MAX_STREAM_NAME_LENGTH) {
    throw new InvalidStreamNameError(streamName, `it is ${streamName.length} characters long, the limit is ${MAX_STREAM_NAME_LENGTH}`);
  }
  if (streamName.startsWith('$')) throw new InvalidStreamNameError(streamName, 'names starting with "$" are reserved for the store');
  if (streamName.includes('\u0000')) throw new InvalidStreamNameError(streamName, 'it contains a NUL character');
}

export function assertExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new InvalidArgumentError('expectedRevision', `must be "any", "no_stream", "stream_exists" or a revision ≥ 0, not ${JSON.stringify(expected)}`);
}

export function assertNonNegativeInteger(name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(name, `must be an integer ≥ 0, not ${String(value)}`);
  }
}

export function assertPositiveInteger(name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError(name, `must be an integer ≥ 1, not ${String(value)}`);
  }
}

/** Checks a whole append before anything touches the database: a refused append stores nothing. */
export function assertAppendRequest(request: AppendRequest): void {
  assertStreamName(request.streamName);
  assertExpectedRevision(request.expectedRevision ?? 'any');
  const { streamName, events } = request;
  if (!Array.isArray(events) || events.length === 0) throw new EmptyAppendError(streamName);
  const ids = new Set<string>();
  events.forEach((event, index) => {
    assertNewEvent(streamName, index, event);
    const id = event.id.toLowerCase();
    if (ids.has(id)) throw new InvalidEventError(streamName, index, 'id', `repeats ${event.id}, already used by another event of this append`);
    ids.add(id);
  });
}

function assertNewEvent(streamName: string, index: number, event: NewEvent): void {
  if (event === null || typeof event !== 'object') throw new InvalidEventError(streamName, index, 'event', 'must be an object');
  if (typeof event.type !== 'string' || event.type.trim() === '') throw new InvalidEventError(streamName, index, 'type', 'is missing');
  if (event.type.length > 255) throw new InvalidEventError(streamName, index, 'type', 'is longer than 255 characters');
  if (typeof event.id !== 'string' || !UUID.test(event.id)) throw new InvalidEventError(streamName, index, 'id', 'must be a UUID');
  if (event.schemaVersion !== undefined && (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1)) {
    throw new InvalidEventError(streamName, index, 'schemaVersion', 'must be an integer ≥ 1');
  }
  if (event.data === undefined) throw new InvalidEventError(streamName, index, 'data', 'is missing');
  const dataProblem = jsonProblem(event.data, 'data');
  if (dataProblem) throw new InvalidEventError(streamName, index, dataProblem.path, dataProblem.reason);
  assertMetadata(streamName, index, event.metadata);
}

function assertMetadata(streamName: string, index: number, metadata: NewEvent['metadata']): void {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new InvalidEventError(streamName, index, 'metadata', 'must be an object');
  }
  if (typeof metadata.correlationId !== 'string' || metadata.correlationId === '') {
    throw new InvalidEventError(streamName, index, 'metadata.correlationId', 'is missing');
  }
  if (metadata.causationId !== null && typeof metadata.causationId !== 'string') {
    throw new InvalidEventError(streamName, index, 'metadata.causationId', 'must be a string or null');
  }
  const actor = metadata.actor as unknown;
  if (actor === null || typeof actor !== 'object' || typeof (actor as { type?: unknown }).type !== 'string') {
    throw new InvalidEventError(streamName, index, 'metadata.actor', 'must name who acted');
  }
  if (typeof metadata.occurredAt !== 'string' || Number.isNaN(Date.parse(metadata.occurredAt))) {
    throw new InvalidEventError(streamName, index, 'metadata.occurredAt', 'must be an ISO-8601 time');
  }
  const problem = jsonProblem(metadata, 'metadata');
  if (problem) throw new InvalidEventError(streamName, index, problem.path, problem.reason);
}

/**
 * Finds the first part of a value that JSON would not round-trip: what is stored must read back
 * exactly as it was given, so a Date, a Map, NaN or a function is refused instead of silently changed.
 */
export function jsonProblem(value: unknown, path: string, seen: Set<object> = new Set()): { path: string; reason: string } | null {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(value) ? null : { path, reason: `is ${value}, which JSON cannot hold` };
    case 'object': {
      if (value === null) return null;
      if (seen.has(value)) return { path, reason: 'refers to itself (a circular structure is not JSON)' };
      if (Array.isArray(value)) {
        seen.add(value);
        for (let i = 0; i < value.length; i++) {
          const problem = jsonProblem(value[i], `${path}[${i}]`, seen);
          if (problem) return problem;
        }
        seen.delete(value);
        return null;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        return { path, reason: `is a ${(value as object).constructor?.name ?? 'non-plain object'}, not plain JSON` };
      }
      seen.add(value);
      for (const [key, child] of Object.entries(value)) {
        if (child === undefined) return { path: `${path}.${key}`, reason: 'is undefined, which JSON cannot hold' };
        const problem = jsonProblem(child, `${path}.${key}`, seen);
        if (problem) return problem;
      }
      seen.delete(value);
      return null;
    }
    default:
      return { path, reason: `is a ${typeof value}, which JSON cannot hold` };
  }
}
