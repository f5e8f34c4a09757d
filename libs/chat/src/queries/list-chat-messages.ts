import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireScopeForApps, type Principal } from '@glint/access';
import { pageSize, positionCursor, toPage, type Page, type PageRequest } from '@glint/api';
import { existingChannel } from '@glint/channels';
import type { PersonalDataVault } from '@glint/personal-data';
import { PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { readShownChatMessages, type ChatMessageView } from './chat-messages';

/**
 * A channel's chat history, as anyone watching sees it; app tokens need the `public` scope. The
 * first page holds the newest messages, each next page older ones; a page reads oldest first, as a
 * chat window does.
 */
export class ListChatMessagesQuery extends Query<Page<ChatMessageView>> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly page: PageRequest,
    readonly now: Date,
  ) {
    super();
  }
}

@QueryHandler(ListChatMessagesQuery)
export class ListChatMessagesHandler implements IQueryHandler<ListChatMessagesQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ principal, username, page, now }: ListChatMessagesQuery): Promise<Page<ChatMessageView>> {
    requireScopeForApps(principal, 'public');
    const limit = pageSize(page);
    const before = positionCursor.decode(page.cursor);
    const em = this.readModels.entityManager();
    const channel = await existingChannel(em, username);
    // One extra message tells whether an older page exists, without a count.
    const newestFirst = await readShownChatMessages(em, this.vault, channel, { before, limit: limit + 1, now });
    const { items, nextCursor } = toPage(newestFirst, limit, (shown) => positionCursor.encode(shown.position), (shown) => shown.message);
    return { items: items.reverse(), nextCursor };
  }
}
