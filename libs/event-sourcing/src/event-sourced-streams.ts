import type { EventStore, ExpectedRevision, RecordedEvent } from '@glint/eventstore';
import { toNewEvents, type CommandContext } from './command-context';
import type { Decider, DomainEvent } from './decider';
import { retryingLostRaces } from './lost-race-retries';

export interface LoadedState<State> {
  state: State;
  /** The revision of the stream's last event read, or `no_stream`: the expectation of the next append. */
  revision: ExpectedRevision;
  /** The events the state was folded from, oldest first. */
  events: RecordedEvent[];
}

export interface HandledCommand<State> {
  state: State;
  /** The stream's revision after the command: the expectation of the next append. */
  revision: ExpectedRevision;
  /** What was appended; empty when the command changed nothing (an idempotent repeat). */
  appended: RecordedEvent[];
  /** Global position of the last appended event, or null when nothing was appended. */
  lastPosition: number | null;
}

/** A stream's state as its writer already holds it, so the first attempt need not read it again. */
export interface KnownState<State> {
  state: State;
  revision: ExpectedRevision;
}

export interface AppendOptions {
  /**
   * Resolve only once every read model that handles one of the appended event types shows the
   * append: for a command whose caller reads its own write next. No read model is named: the
   * types say which.
   */
  readYourWrites?: boolean;
}

export interface HandleOptions<State = unknown> extends AppendOptions {
  /** Load–decide–append attempts before a concurrent writer wins and the command is refused (409). */
  maxAttempts?: number;
  /** Decide the first attempt on this state (a long stream's writer keeps it); a lost race reloads. */
  from?: KnownState<State>;
}

/** What waits for the read models (the projection engine): see `AppendOptions.readYourWrites`. */
export interface ReadYourWrites {
  waitFor(eventTypes: readonly string[], position: number): Promise<void>;
}

/**
 * The load–decide–append loop every context uses. A concurrent writer to the same stream makes
 * the append fail its expected revision; the whole loop then runs again on the fresh state (see
 * `retryingLostRaces`), so a decision is always made on the state it is appended after.
 */
export class EventSourcedStreams {
  constructor(
    private readonly store: EventStore,
    /** Where the process has read models; without it, asking to read one's writes is refused. */
    private readonly readModels?: ReadYourWrites,
  ) {}

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
    options: HandleOptions<State> = {},
  ): Promise<HandledCommand<State>> {
    this.assertReadModels(options);
    const handled = await retryingLostRaces({ what: streamName, maxAttempts: options.maxAttempts }, async (attempt): Promise<HandledCommand<State>> => {
      const { state, revision } = attempt === 1 && options.from ? options.from : await this.load(streamName, decider);
      const decided = decider.decide(command, state);
      if (decided.length === 0) return { state, revision, appended: [], lastPosition: null };
      const appended = await this.append(streamName, decided, context, revision);
      const next = decided.reduce((current, event) => decider.evolve(current, event), state);
      return { state: next, revision: appended[appended.length - 1].streamRevision, appended, lastPosition: appended[appended.length - 1].position };
    });
    // Outside the retries: the events are appended, whatever the read models make of them.
    if (options.readYourWrites) await this.shown(handled.appended);
    return handled;
  }

  /** Appends decided events as they are, with the expectation given: for streams with no decider of their own. */
  async append(
    streamName: string,
    events: readonly DomainEvent[],
    context: CommandContext,
    expectedRevision: ExpectedRevision = 'any',
    options: AppendOptions = {},
  ): Promise<RecordedEvent[]> {
    this.assertReadModels(options);
    const newEvents = toNewEvents(events, context);
    const result = await this.store.append(streamName, newEvents, { expectedRevision });
    const firstRevision = result.nextExpectedRevision - newEvents.length + 1;
    const recordedAt = new Date();
    const appended = newEvents.map((event, index) => ({
      ...event,
      schemaVersion: event.schemaVersion ?? 1,
      streamName,
      streamRevision: firstRevision + index,
      position: result.firstPosition + index,
      recordedAt,
    }));
    if (options.readYourWrites) await this.shown(appended);
    return appended;
  }

  private assertReadModels(options: AppendOptions): void {
    if (options.readYourWrites && !this.readModels) throw new Error('This process keeps no read models: nothing can wait for them to show a write.');
  }

  /** Waits for the read models of the appended events' types to pass the last of them. */
  private async shown(appended: readonly RecordedEvent[]): Promise<void> {
    if (appended.length === 0) return;
    await this.readModels!.waitFor([...new Set(appended.map((event) => event.type))], appended[appended.length - 1].position);
  }
}
