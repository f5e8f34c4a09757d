import { EmptyAppendError, InvalidArgumentError, InvalidEventError, InvalidStreamNameError } from './errors';
import type { AppendRequest, ExpectedRevision, NewEvent } from './types';

export const MAX_STREAM_NAME_LENGTH = 255;
/** Event types already found well-formed: a platform has a few hundred, written millions of times. */
const checkedTypes = new Set<string>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertStreamName(streamName: unknown): asserts streamName is string {
  if (typeof streamName !== 'string') throw new InvalidStreamNameError(streamName, 'it must be a string');
  if (streamName.length === 0) throw new InvalidStreamNameError(streamName, 'it is empty');
  if (streamName.length > MAX_STREAM_NAME_LENGTH) {
    throw new InvalidStreamNameError(streamName, `it is ${streamName.length} characters long, the limit is ${MAX_STREAM_NAME_LENGTH}`);
  }
  if (streamName.startsWith('$')) throw new InvalidStreamNameError(streamName, 'names starting with "$" are reserved for the store');
  const problem = textProblem(streamName);
  if (problem) throw new InvalidStreamNameError(streamName, `it ${problem}`);
}

export function assertExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new InvalidArgumentError('expectedRevision', `must be "any", "no_stream", "stream_exists" or a revision ≥ 0, not ${shown(expected)}`);
}

export function assertNonNegativeInteger(name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(name, `must be an integer ≥ 0, not ${shown(value)}`);
  }
}

export function assertPositiveInteger(name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError(name, `must be an integer ≥ 1, not ${shown(value)}`);
  }
}

/** Free-form stream settings must be a plain JSON object, stored and read back exactly. */
export function assertStreamSettings(custom: unknown): asserts custom is Record<string, unknown> {
  if (custom === null || typeof custom !== 'object' || Array.isArray(custom)) {
    throw new InvalidArgumentError('Stream metadata', 'must be a plain object');
  }
  const problem = jsonProblem(custom, 'metadata');
  if (problem) throw new InvalidArgumentError(`Stream ${problem.path}`, problem.reason);
}

/** Checks a whole append before anything touches the database: a refused append stores nothing. */
export function assertAppendRequest(request: AppendRequest): void {
  assertStreamName(request.streamName);
  assertExpectedRevision(request.expectedRevision ?? 'any');
  const { streamName, events } = request;
  if (!Array.isArray(events) || events.length === 0) throw new EmptyAppendError(streamName);
  events.forEach((event, index) => assertNewEvent(streamName, index, event));
  if (events.length > 1) {
    const ids = new Set<string>();
    events.forEach((event, index) => {
      const id = event.id.toLowerCase();
      if (ids.has(id)) throw new InvalidEventError(streamName, index, 'id', `repeats ${event.id}, already used by another event of this append`);
      ids.add(id);
    });
  }
}

function assertNewEvent(streamName: string, index: number, event: NewEvent): void {
  if (event === null || typeof event !== 'object') throw new InvalidEventError(streamName, index, 'event', 'must be an object');
  if (typeof event.type !== 'string' || event.type.trim() === '') throw new InvalidEventError(streamName, index, 'type', 'is missing');
  if (event.type.length > 255) throw new InvalidEventError(streamName, index, 'type', 'is longer than 255 characters');
  if (!checkedTypes.has(event.type)) {
    const typeProblem = textProblem(event.type);
    if (typeProblem) throw new InvalidEventError(streamName, index, 'type', typeProblem);
    if (checkedTypes.size < 10_000) checkedTypes.add(event.type);
  }
  if (typeof event.id !== 'string' || !UUID.test(event.id)) throw new InvalidEventError(streamName, index, 'id', 'must be a UUID');
  // Bounded to PostgreSQL's integer: a value it refuses would fail every append sharing the batch.
  if (event.schemaVersion !== undefined && (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1 || event.schemaVersion > 2_147_483_647)) {
    throw new InvalidEventError(streamName, index, 'schemaVersion', 'must be an integer from 1 to 2147483647');
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
export function jsonProblem(value: unknown, path: string, ancestors: object[] = []): { path: string; reason: string } | null {
  switch (typeof value) {
    case 'string': {
      // Stored JSON is copied into read-model text columns: a NUL there would stop a projection for good.
      const problem = textProblem(value);
      return problem ? { path, reason: problem } : null;
    }
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(value) ? null : { path, reason: `is ${value}, which JSON cannot hold` };
    case 'object': {
      if (value === null) return null;
      if (ancestors.includes(value)) return { path, reason: 'refers to itself (a circular structure is not JSON)' };
      ancestors.push(value);
      try {
        if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) {
            const problem = jsonProblem(value[i], `${path}[${i}]`, ancestors);
            if (problem) return problem;
          }
          return null;
        }
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) {
          return { path, reason: `is a ${(value as object).constructor?.name ?? 'non-plain object'}, not plain JSON` };
        }
        for (const key in value) {
          const child = (value as Record<string, unknown>)[key];
          if (child === undefined) return { path: `${path}.${key}`, reason: 'is undefined, which JSON cannot hold' };
          if (typeof child === 'boolean') continue;
          if (typeof child === 'string') {
            const problem = textProblem(child);
            if (problem) return { path: `${path}.${key}`, reason: problem };
            continue;
          }
          const problem = jsonProblem(child, `${path}.${key}`, ancestors);
          if (problem) return problem;
        }
        return null;
      } finally {
        ancestors.pop();
      }
    }
    default:
      return { path, reason: `is a ${typeof value}, which JSON cannot hold` };
  }
}

/** Why a string cannot be stored and read back as given, or null: PostgreSQL text holds no NUL, and a lone surrogate is not Unicode. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (!(text as unknown as { isWellFormed(): boolean }).isWellFormed()) return 'contains an unpaired UTF-16 surrogate, which is not valid Unicode';
  return null;
}

/** A value as a person should see it in an error message, whatever its type. */
function shown(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
