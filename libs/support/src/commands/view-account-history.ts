import { Inject, Injectable } from '@nestjs/common';
import { requireStaff, type Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { Actor, EventStore } from '@glint/eventstore';
import { readAccountFacts } from '@glint/identity';
import type { PersonalDataVault } from '@glint/personal-data';
import { readAccountHistory, type AccountRelation } from '@glint/projections';
import { EVENT_SOURCED_STREAMS, EVENT_STORE, PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { decideAccountView, HISTORY_PAGE_LIMIT, SUPPORT_DESK_ROLES } from '../account-view-decider';
import { supportAccessStreamName, type AccountViewFilters } from '../events';
import { readEventsAtPositions } from '../queries/events-at-positions';
import { openPersonalValues } from '../queries/opened-personal-values';

export interface AccountHistoryRequest {
  reason: string;
  types?: string[];
  /** ISO-8601; inclusive. */
  from?: string;
  /** ISO-8601; exclusive. */
  to?: string;
  before?: number;
  limit?: number;
}

/** One fact about the account, as support sees it: personal values opened, null where erased. */
export interface SupportHistoryEntry {
  position: number;
  eventId: string;
  type: string;
  streamName: string;
  occurredAt: Date;
  relation: AccountRelation;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  data: unknown;
}

export interface SupportHistoryPage {
  entries: SupportHistoryEntry[];
  nextBefore: number | null;
}

/**
 * Support reads an account's history: the look is recorded, with its reason, before anything is
 * shown. The page holds the log as it stood when the request came, without the look itself.
 */
@Injectable()
export class ViewAccountHistoryHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute(principal: Principal, subjectUserId: string, request: AccountHistoryRequest, context: CommandContext): Promise<SupportHistoryPage> {
    const staff = requireStaff(principal, SUPPORT_DESK_ROLES);
    const filters: AccountViewFilters = {
      types: request.types ?? [],
      from: request.from ?? null,
      to: request.to ?? null,
      before: request.before ?? null,
      limit: request.limit ?? HISTORY_PAGE_LIMIT.default,
    };
    const em = this.readModels.entityManager();
    const subject = await readAccountFacts(em, subjectUserId);
    const viewed = decideAccountView({ staffUserId: staff.userId, subjectUserId, subjectExists: subject !== null, view: 'history', reason: request.reason, filters, now: context.now });

    const asked = await this.store.headPosition();
    await this.readModels.catchUp('account_history', asked);
    await this.streams.append(supportAccessStreamName(staff.userId), viewed, context);

    const page = await readAccountHistory(em, subjectUserId, {
      before: Math.min(filters.before ?? Number.POSITIVE_INFINITY, asked + 1),
      limit: filters.limit,
      types: filters.types,
      occurredFrom: filters.from ? new Date(filters.from) : undefined,
      occurredBefore: filters.to ? new Date(filters.to) : undefined,
    });
    const events = await readEventsAtPositions(this.store, page.entries.map((entry) => entry.position));
    const data = await openPersonalValues(
      this.vault,
      page.entries.map((entry) => events.get(entry.position)?.data ?? null),
    );
    return {
      entries: page.entries.map((entry, index) => ({
        position: entry.position,
        eventId: entry.eventId,
        type: entry.eventType,
        streamName: entry.streamName,
        occurredAt: entry.occurredAt,
        relation: entry.relation,
        actor: entry.actor,
        correlationId: entry.correlationId,
        causationId: events.get(entry.position)?.metadata.causationId ?? null,
        data: data[index],
      })),
      nextBefore: page.nextBefore,
    };
  }
}
