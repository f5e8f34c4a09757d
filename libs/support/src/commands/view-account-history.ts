import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireStaffOrOperator, type OperatorPrincipal, type Principal } from '@glint/access';
import { DEFAULT_PAGE_SIZE, positionCursor, type Page, type PageRequest } from '@glint/api';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { Actor, EventStore } from '@glint/eventstore';
import { readAccountFacts } from '@glint/identity';
import type { PersonalDataVault } from '@glint/personal-data';
import { readAccountHistory, type AccountRelation } from '@glint/projections/account-history';
import { EVENT_SOURCED_STREAMS, EVENT_STORE, PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { decideAccountView, SUPPORT_DESK_ROLES } from '../account-view-decider';
import { supportAccessStreamName, type AccountViewFilters } from '../events';
import { readEventsAtPositions } from '../queries/events-at-positions';
import { openPersonalValues } from '../queries/opened-personal-values';

export interface AccountHistoryRequest extends PageRequest {
  reason: string;
  types?: string[];
  /** ISO-8601; inclusive. */
  from?: string;
  /** ISO-8601; exclusive. */
  to?: string;
}

/** One fact about the account, as support sees it: its declared personal values opened, null where erased, `{ unreadable: true }` where damaged. */
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

/**
 * Support reads an account's history: the look is recorded, with its reason, before anything is
 * shown. The page holds the log as it stood when the request came, without the look itself.
 */
export class ViewAccountHistoryCommand extends Command<Page<SupportHistoryEntry>> {
  constructor(
    /** Support staff through the API, or an operator through the CLI. */
    readonly principal: Principal | OperatorPrincipal,
    readonly subjectUserId: string,
    readonly request: AccountHistoryRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ViewAccountHistoryCommand)
export class ViewAccountHistoryHandler implements ICommandHandler<ViewAccountHistoryCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ principal, subjectUserId, request, context }: ViewAccountHistoryCommand): Promise<Page<SupportHistoryEntry>> {
    const { staffUserId } = requireStaffOrOperator(principal, SUPPORT_DESK_ROLES);
    const filters: AccountViewFilters = {
      types: request.types ?? [],
      from: request.from ?? null,
      to: request.to ?? null,
      before: positionCursor.decode(request.cursor),
      limit: request.limit ?? DEFAULT_PAGE_SIZE,
    };
    const em = this.readModels.entityManager();
    const subject = await readAccountFacts(em, subjectUserId);
    const viewed = decideAccountView({ staffUserId, subjectUserId, subjectExists: subject !== null, view: 'history', reason: request.reason, filters, now: context.now });

    const asked = await this.store.headPosition();
    await this.readModels.waitFor('all', asked);
    await this.streams.append(supportAccessStreamName(staffUserId), viewed, context);

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
      page.entries.map((entry) => ({ type: entry.eventType, data: events.get(entry.position)?.data ?? null })),
    );
    return {
      items: page.entries.map((entry, index) => ({
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
      nextCursor: page.nextBefore === null ? null : positionCursor.encode(page.nextBefore),
    };
  }
}
