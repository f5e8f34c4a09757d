import type { ActualRevision, ExpectedRevision } from './types';

/** The one family of errors the event store raises; `code` is stable, `message` is for people. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'wrong_expected_revision';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`Stream "${streamName}" was expected at ${describe(expected)} but is at ${describe(actual)}; nothing was appended.`);
  }
}

export class EmptyAppendError extends EventStoreError {
  readonly code = 'empty_append';
  constructor(readonly streamName: string) {
    super(`An append to "${streamName}" must hold at least one event.`);
  }
}

export class InvalidStreamNameError extends EventStoreError {
  readonly code = 'invalid_stream_name';
  constructor(readonly streamName: unknown, reason: string) {
    super(`Stream name is invalid: ${reason}.`);
  }
}

export class InvalidEventError extends EventStoreError {
  readonly code = 'invalid_event';
  constructor(
    readonly streamName: string,
    readonly index: number,
    readonly field: string,
    reason: string,
  ) {
    super(`Event ${index} of the append to "${streamName}": ${field} ${reason}.`);
  }
}

export class InvalidArgumentError extends EventStoreError {
  readonly code = 'invalid_argument';
  constructor(readonly argument: string, reason: string) {
    super(`${argument} ${reason}.`);
  }
}

/** Some, but not all, event ids of an append are already stored: a retry that changed its events. */
export class PartialDuplicateError extends EventStoreError {
  readonly code = 'partial_duplicate';
  constructor(readonly streamName: string, readonly storedIds: string[]) {
    super(`The append to "${streamName}" repeats already stored event ids (${storedIds.join(', ')}) together with new ones; nothing was appended.`);
  }
}


export class StoreClosedError extends EventStoreError {
  readonly code = 'store_closed';
  constructor() {
    super('The event store is closed.');
  }
}

function describe(revision: ExpectedRevision | ActualRevision): string {
  return typeof revision === 'number' ? `revision ${revision}` : revision;
}
