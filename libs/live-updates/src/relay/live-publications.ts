import type { RecordedEvent } from '@glint/eventstore';
import type { InjectedFactory } from '../injected-factory';
import type { Publication } from '../topics';

/** The frames a batch of the log sends live, each with its topic, in the log's order. */
export type PublicationsOf = (events: readonly RecordedEvent[]) => Publication[] | Promise<Publication[]>;

/**
 * One context's part of what the relay publishes: a pure function of the batch, or one Nest builds
 * from what it looks up (the vault, a read model).
 */
export type LivePublications = PublicationsOf | InjectedFactory<PublicationsOf>;
