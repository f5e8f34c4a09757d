import { ApiProperty } from '@nestjs/swagger';
import { CATEGORIES } from '../categories';
import { LANGUAGES } from '../languages';
import type { ChannelPageRead } from '../queries/get-channel-page';
import { PastBroadcastResponse, toPastBroadcastResponse } from './past-broadcast.response';

export class ChatSettingsResponse {
  @ApiProperty() blockLinks!: boolean;
  @ApiProperty() requireConfirmedEmail!: boolean;
  @ApiProperty() minimumAccountAgeHours!: number;
  @ApiProperty() showRecentChatOnly!: boolean;
}

/** The broadcast on air now. */
export class CurrentStreamResponse {
  @ApiProperty() streamId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CATEGORIES }) category!: string;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt!: string;
  @ApiProperty({ description: 'Viewers watching at the latest viewer-count sample; 0 before the first.' }) viewers!: number;
}

/** The public channel page. Nothing records subscriptions yet, so `subscriberCount` is 0 until that context arrives. */
export class ChannelPageResponse {
  @ApiProperty({ format: 'uuid', description: "The channel's id: its owner's user id." }) channelId!: string;
  @ApiProperty() username!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CATEGORIES }) category!: string;
  @ApiProperty({ type: String, nullable: true }) subcategory!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ enum: LANGUAGES }) language!: string;
  @ApiProperty() mature!: boolean;
  @ApiProperty() live!: boolean;
  @ApiProperty({ type: CurrentStreamResponse, nullable: true, description: 'The stream on air; null while offline.' }) currentStream!: CurrentStreamResponse | null;
  @ApiProperty() followerCount!: number;
  @ApiProperty() subscriberCount!: number;
  @ApiProperty({ type: [PastBroadcastResponse], description: 'The last broadcasts that ended, newest first (at most 5).' }) recentStreams!: PastBroadcastResponse[];
  @ApiProperty({ description: 'Markdown.' }) chatRules!: string;
  @ApiProperty({ type: ChatSettingsResponse }) chatSettings!: ChatSettingsResponse;
}

/** A channel just opened: nobody can broadcast on a channel before it exists. */
export const NOT_YET_BROADCAST: ChannelPageRead['broadcasts'] = { live: null, recent: [], checkpoint: 0 };

export function toChannelPageResponse({ channel, broadcasts }: Pick<ChannelPageRead, 'channel' | 'broadcasts'>): ChannelPageResponse {
  const { live } = broadcasts;
  return {
    channelId: channel.channelId,
    username: channel.username,
    title: channel.title,
    category: channel.category,
    subcategory: channel.subcategory,
    tags: channel.tags,
    language: channel.language,
    mature: channel.mature,
    live: live !== null,
    currentStream: live && { streamId: live.streamId, title: live.title, category: live.category, startedAt: live.startedAt.toISOString(), viewers: live.viewers },
    followerCount: channel.followerCount,
    subscriberCount: 0,
    recentStreams: broadcasts.recent.map(toPastBroadcastResponse),
    chatRules: channel.chatRules,
    chatSettings: channel.chatSettings,
  };
}
