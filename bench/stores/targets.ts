import type { StoreName } from '../stats';

/** One event to a stream nobody has written to: workload (a). */
export interface NewStreamTarget {
  readonly store: StoreName;
  appendToNewStream(streamName: string, sequence: number): Promise<void>;
  close(): Promise<void>;
}

export type ExpectingResult = { ok: true; next: number } | { ok: false; conflict: unknown };

/**
 * Appends that state the exact revision the caller last saw: workload (b). Revisions are the
 * store's own numbering (Glint counts from 0, Emmett's stream version from 1); the workload only
 * passes back what the store returned.
 */
export interface ExpectedRevisionTarget {
  readonly store: StoreName;
  /** Writes the stream's first event; returns the revision the next append must expect. */
  createStream(streamName: string): Promise<number>;
  appendExpecting(streamName: string, sequence: number, expected: number): Promise<ExpectingResult>;
  /** The revision to expect next after a conflict (read from the error or from the store). */
  revisionAfterConflict(streamName: string, known: number, conflict: unknown): Promise<number>;
  close(): Promise<void>;
}
