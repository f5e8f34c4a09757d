/** Who caused an event: a person acting in a role, or one of the platform's own actors. */
export type Actor =
  | { type: 'user'; userId: string; role: string }
  | { type: 'system' | 'stripe' | 'gateway'; id?: string };

/** Metadata every stored event carries. */
export interface EventMetadata {
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  /** ISO-8601 time at which the fact happened (not when it was stored). */
  occurredAt: string;
  [key: string]: unknown;
}

/** An event about to be appended. `id` is also the idempotency key of the append. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  /** Defaults to the newest version the upcaster registry knows for the type, else 1. */
  schemaVersion?: number;
}

/** An event as read back from the store. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  schemaVersion: number;
  streamName: string;
  /** 0 for the first event of a stream. */
  streamRevision: number;
  /** Position in the global log; 1 for the first event ever stored. */
  position: number;
  recordedAt: Date;
}

/**
 * A recorded event of the domain event `E` (its `type` and `data`): what a projection or a reactor
 * handling `E` receives. Declared here once; nothing redeclares it.
 */
export type Recorded<E extends { type: string; data: unknown }> = RecordedEvent<E['type'], E['data']>;

/**
 * What the caller believes about the stream before appending:
 * `any` (no check), `no_stream`, `stream_exists`, or the exact revision of its last event.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** What a stream actually is when an expectation fails: its last revision, or `no_stream`. */
export type ActualRevision = 'no_stream' | number;

export interface AppendRequest {
  streamName: string;
  events: NewEvent[];
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  streamName: string;
  /** Revision of the stream's last event after the append: pass it as the next expected revision. */
  nextExpectedRevision: number;
  /** Global position of the first and last appended event. */
  firstPosition: number;
  lastPosition: number;
  /** True when every event id was already stored: nothing new was written. */
  duplicate: boolean;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: Direction;
  /** Inclusive. Defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. 0 reads from the beginning. */
  fromPosition?: number;
  /** Defaults to 1,000; one call returns at most 100,000 events, so read a long log in pages. */
  maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint: the position of the last event the subscriber has handled (0 for none). */
  fromPosition?: number;
  /** Largest batch handed to the subscriber at once: 1,000 by default, 100,000 at most. */
  batchSize?: number;
}

/**
 * A catch-up subscription: iterate it to receive batches of events in global order.
 * It catches up from the checkpoint, then follows live. It reads ahead by at most one batch, so a
 * slow consumer holds the subscription back instead of growing a buffer (back-pressure).
 */
export interface EventSubscription extends AsyncIterable<RecordedEvent[]> {
  /** Ends the iteration; pending reads are abandoned. */
  stop(): Promise<void>;
}

export interface StreamMetadata {
  /** Set by a soft delete: the stream reads as absent until something is appended again. */
  deleted: boolean;
  /** Events below this revision are hidden from stream reads (a reset stream). */
  truncateBefore: number | null;
  /** Free-form settings kept with the stream. */
  custom: Record<string, unknown>;
}

/** How far writers or readers are being held back by open transactions. */
export interface StoreHealth {
  headPosition: number;
  /** Seconds the oldest open transaction of the store's database has been running (0 if none). */
  oldestOpenTransactionSeconds: number;
  /** Seconds an append has been waiting for the log's write lock (0 if none waits). */
  appendBlockedSeconds: number;
}

/** The Glint event store port: one interface, a PostgreSQL and an EventStoreDB adapter. */
export interface EventStore {
  append(streamName: string, events: NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
  /**
   * Appends to several streams at once. Each request succeeds or fails on its own: a failed
   * expectation in one never fails another. Results are in request order.
   */
  appendMany(requests: AppendRequest[]): Promise<Array<AppendResult | Error>>;
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription;
  /** Position of the newest stored event (0 when the log is empty). */
  headPosition(): Promise<number>;
  getStreamMetadata(streamName: string): Promise<StreamMetadata>;
  setStreamMetadata(streamName: string, custom: Record<string, unknown>): Promise<void>;
  /** Hides the stream from reads; appending again brings it back with revisions that continue. */
  softDeleteStream(streamName: string): Promise<void>;
  /** Hides the stream's events below `revision` from stream reads. */
  truncateStreamBefore(streamName: string, revision: number): Promise<void>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
