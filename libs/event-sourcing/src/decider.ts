/** A fact as a context decides it: a past-tense type and its data. Metadata is added when it is appended. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/**
 * One entity's rules, pure: `decide` answers a command with the events it causes (or throws a
 * domain error to refuse it), `evolve` folds an event into the state. No I/O, no clock, no ids:
 * everything comes in through the command.
 */
export interface Decider<State, Command, Event extends DomainEvent> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
}

/** The state after `events`, from the decider's initial state. */
export function foldEvents<State, Event extends DomainEvent>(decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>, events: readonly Event[]): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}

/** For the `default` branch of a switch over a closed union: a missing case fails to compile. */
export function unreachable(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
