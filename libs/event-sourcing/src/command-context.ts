import { randomUUID } from 'node:crypto';
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

export interface CommandContextOptions {
  /** The request's or job's correlation id; a fresh one when there is none. */
  correlationId?: string;
  causationId?: string | null;
  /** When the command is decided; now unless a past moment is replayed (tests, imports). */
  now?: Date;
}

/**
 * The one way a command context is made, whoever acts: an HTTP request, a socket frame, the
 * gateway, a worker or the CLI.
 */
export function commandContext(actor: Actor, options: CommandContextOptions = {}): CommandContext {
  return { actor, correlationId: options.correlationId ?? randomUUID(), causationId: options.causationId ?? null, now: options.now ?? new Date() };
}

/** Glint acting on its own; `id` names the part that acts (`cli`, `gateway-lost-sweeper`). */
export function systemActor(id?: string): Actor {
  return { type: 'system', ...(id ? { id } : {}) };
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
