import { Inject, Injectable } from '@nestjs/common';
import { requireScopeForApps, type Principal } from '@glint/access';
import type { PersonalDataVault } from '@glint/personal-data';
import { PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { existingChannel, type ChannelView } from '@glint/channels';
import { readRecentChat, RECENT_CHAT_MESSAGES, type ChatMessageView } from './recent-chat';

export interface RecentChat {
  channel: ChannelView;
  messages: ChatMessageView[];
}

/** A channel's recent chat, as anyone watching sees it; app tokens need the `public` scope. */
@Injectable()
export class RecentChatQuery {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute(principal: Principal, channelUsername: string, options: { limit?: number; now: Date }): Promise<RecentChat> {
    requireScopeForApps(principal, 'public');
    const em = this.readModels.entityManager();
    const channel = await existingChannel(em, channelUsername);
    const messages = await readRecentChat(em, this.vault, channel, { limit: options.limit ?? RECENT_CHAT_MESSAGES, now: options.now });
    return { channel, messages };
  }
}
