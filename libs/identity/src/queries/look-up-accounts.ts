import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@glint/eventstore';
import { EVENT_STORE, READ_MODELS, type ReadModels } from '@glint/runtime';
import { findAccountByUsername, readAccountFacts, type AccountFacts } from '@glint/projections/accounts';

/**
 * Accounts by username (in any case) or by id, as they stand in the log now, for Glint's own tools:
 * the CLI may run while no platform keeps the read model up to date, so the read model is brought up
 * to the log's head first. Not a route: what a request may learn of an account is its public profile.
 */
export class LookUpAccountsQuery extends Query<AccountFacts[]> {
  constructor(readonly by: { usernames?: readonly string[]; userIds?: readonly string[] }) {
    super();
  }
}

@QueryHandler(LookUpAccountsQuery)
export class LookUpAccountsHandler implements IQueryHandler<LookUpAccountsQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ by }: LookUpAccountsQuery): Promise<AccountFacts[]> {
    await this.readModels.waitFor('all', await this.store.headPosition());
    const em = this.readModels.entityManager();
    const found = await Promise.all([...(by.usernames ?? []).map((username) => findAccountByUsername(em, username)), ...[...new Set(by.userIds ?? [])].map((userId) => readAccountFacts(em, userId))]);
    return found.filter((account): account is AccountFacts => account !== null);
  }
}
