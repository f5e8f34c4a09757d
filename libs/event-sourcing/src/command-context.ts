import { newEventId, type Actor, type EventMetadata, type NewEvent } from '@glint/eventstore';
import type { DomainEvent } from './decider';

/** Who asks, under which correlation, at what time: what every command carries besides its data. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  /** The id of the event or request that caused this command, when there is one. */
  causationId?: string | null;
  now: Date;
}

/** The system acting on its own (a worker, the CLI), with a fresh correlation id. */
export function systemContext(now: Date, correlationId: string, id?: string): CommandContext {
  return { actor: { type: 'system', ...(id ? { id } : {}) }, correlationId, causationId: null, now };
}

/** Decided events with the metadata every stored event carries; each gets a fresh id. */
export function toNewEvents(events: readonly DomainEvent[], context: CommandContext): NewEvent[] {
  const metadata: EventMetadata = {
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
    actor: context.actor,
    occurredAt: context.now.toISOString(),
  };
  return events.map((event) => ({ id: newEventId(), type: event.type, data: event.data, metadata }));
}
