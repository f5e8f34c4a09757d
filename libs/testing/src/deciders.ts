import { foldEvents, type Decider, type DomainEvent } from '@glint/event-sourcing';

/**
 * A decider table's row, run: the events `when` decides after the `given` history. A refusal throws
 * as the decider throws it (see `refusalOf`).
 *
 *   it.each([...])('%s', (_, given, when, then) => expect(decide(followDecider, given, when)).toEqual(then));
 */
export function decide<State, Command, Event extends DomainEvent>(decider: Decider<State, Command, Event>, given: readonly Event[], when: Command): Event[] {
  return decider.decide(when, foldEvents(decider, given));
}
