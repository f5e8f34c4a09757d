import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { PersonalDataVault } from '@glint/personal-data';
import { PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { readShownChatMessages, type ChatHistoryChannel, type ChatMessageView } from './chat-messages';

/** How many messages a join shows. */
export const RECENT_CHAT_MESSAGES = 50;

/** The newest messages of a chat a viewer joins, oldest first: what the chat window opens with. */
export class RecentChatQuery extends Query<ChatMessageView[]> {
  constructor(
    readonly channel: ChatHistoryChannel,
    readonly now: Date,
  ) {
    super();
  }
}

@QueryHandler(RecentChatQuery)
export class RecentChatHandler implements IQueryHandler<RecentChatQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ channel, now }: RecentChatQuery): Promise<ChatMessageView[]> {
    const newestFirst = await readShownChatMessages(this.readModels.entityManager(), this.vault, channel, { before: null, limit: RECENT_CHAT_MESSAGES, now });
    return newestFirst.map((shown) => shown.message).reverse();
  }
}
