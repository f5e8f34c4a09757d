import { setTimeout } from 'node:timers/promises';
import { WrongExpectedRevisionError, type EventStore, type ExpectedRevision, type RecordedEvent } from '@glint/eventstore';
import { ConflictError } from '@glint/domain-errors';
import { toNewEvents, type CommandContext } from './command-context';
import type { Decider, DomainEvent } from './decider';

export interface LoadedState<State> {
  state: State;
  /** The revision of the stream's last event read, or `no_stream`: the expectation of the next append. */
  revision: ExpectedRevision;
  /** The events the state was folded from, oldest first. */
  events: RecordedEvent[];
}

export interface HandledCommand<State> {
  state: State;
  /** What was appended; empty when the command changed nothing (an idempotent repeat). */
  appended: RecordedEvent[];
  /** Global position of the last appended event, or null when nothing was appended. */
  lastPosition: number | null;
}

export interface HandleOptions {
  /** Load–decide–append attempts before a conflicting writer wins and the command is refused (409). */
  maxAttempts?: number;
}

const DEFAULT_ATTEMPTS = 6;
const RETRY_BASE_DELAY_MS = 5;

/**
 * The one load–decide–append loop every context uses. A concurrent writer to the same stream makes
 * the append fail its expected revision; the whole loop then runs again on the fresh state, so a
 * decision is always made on the state it is appended after.
 */
export class EventSourcedStreams {
  constructor(private readonly store: EventStore) {}

  /** The entity's state from its stream; with `asOf`, only from events that happened by then. */
  async load<State, Event extends DomainEvent>(
    streamName: string,
    decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
    options: { asOf?: Date } = {},
  ): Promise<LoadedState<State>> {
    const recorded = await this.store.readStream(streamName);
    const asOf = options.asOf?.getTime();
    const events = asOf === undefined ? recorded : recorded.filter((event) => Date.parse(event.metadata.occurredAt) <= asOf);
    let state = decider.initialState;
    for (const event of events) state = decider.evolve(state, event as unknown as Event);
    const last = recorded[recorded.length - 1];
    return { state, revision: last ? last.streamRevision : 'no_stream', events };
  }

  async handle<State, Command, Event extends DomainEvent>(
    streamName: string,
    decider: Decider<State, Command, Event>,
    command: Command,
    context: CommandContext,
    options: HandleOptions = {},
  ): Promise<HandledCommand<State>> {
    const attempts = options.maxAttempts ?? DEFAULT_ATTEMPTS;
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await this.load(streamName, decider);
      const decided = decider.decide(command, state);
      if (decided.length === 0) return { state, appended: [], lastPosition: null };
      const next = decided.reduce((current, event) => decider.evolve(current, event), state);
      try {
        const appended = await this.append(streamName, decided, context, revision);
        return { state: next, appended, lastPosition: appended[appended.length - 1].position };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= attempts) {
          throw new ConflictError('concurrent_change', `${streamName} kept changing while this request was decided (${attempts} attempts); try again.`);
        }
        // Writers that collided would collide again if they all retried at once: each waits a random, growing while.
        await setTimeout(Math.random() * RETRY_BASE_DELAY_MS * 2 ** (attempt - 1));
      }
    }
  }

  /** Appends decided events as they are, with the expectation given: for streams with no decider of their own. */
  async append(streamName: string, events: readonly DomainEvent[], context: CommandContext, expectedRevision: ExpectedRevision = 'any'): Promise<RecordedEvent[]> {
    const newEvents = toNewEvents(events, context);
    const result = await this.store.append(streamName, newEvents, { expectedRevision });
    const firstRevision = result.nextExpectedRevision - newEvents.length + 1;
    const recordedAt = new Date();
    return newEvents.map((event, index) => ({
      ...event,
      schemaVersion: event.schemaVersion ?? 1,
      streamName,
      streamRevision: firstRevision + index,
      position: result.firstPosition + index,
      recordedAt,
    }));
  }
}
