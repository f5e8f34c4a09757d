import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DevelopmentMailbox, type MailboxEntry } from '../development-mailbox';

/** The development mailbox, newest first: what `npm run cli -- mail list` prints. */
export class ListDevelopmentMailQuery extends Query<MailboxEntry[]> {
  constructor(readonly limit: number) {
    super();
  }
}

@QueryHandler(ListDevelopmentMailQuery)
export class ListDevelopmentMailHandler implements IQueryHandler<ListDevelopmentMailQuery> {
  constructor(private readonly mailbox: DevelopmentMailbox) {}

  execute({ limit }: ListDevelopmentMailQuery): Promise<MailboxEntry[]> {
    return this.mailbox.newest(limit);
  }
}
