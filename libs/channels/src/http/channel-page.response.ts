import { ApiProperty } from '@nestjs/swagger';
import { CATEGORIES } from '../categories';
import { LANGUAGES } from '../languages';
import type { ChannelView } from '../queries/channel-view';

export class ChatSettingsResponse {
  @ApiProperty() blockLinks!: boolean;
  @ApiProperty() requireConfirmedEmail!: boolean;
  @ApiProperty() minimumAccountAgeHours!: number;
  @ApiProperty() showRecentChatOnly!: boolean;
}

/** The public channel page. Live status, streams and subscribers are filled in as those contexts arrive. */
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
  @ApiProperty({ type: Object, nullable: true, description: 'The stream on air; null while offline.' }) currentStream!: null;
  @ApiProperty() followerCount!: number;
  @ApiProperty() subscriberCount!: number;
  @ApiProperty({ type: [Object] }) recentStreams!: never[];
  @ApiProperty({ description: 'Markdown.' }) chatRules!: string;
  @ApiProperty({ type: ChatSettingsResponse }) chatSettings!: ChatSettingsResponse;
}

export function toChannelPageResponse(channel: ChannelView): ChannelPageResponse {
  return {
    channelId: channel.channelId,
    username: channel.username,
    title: channel.title,
    category: channel.category,
    subcategory: channel.subcategory,
    tags: channel.tags,
    language: channel.language,
    mature: channel.mature,
    live: false,
    currentStream: null,
    followerCount: channel.followerCount,
    subscriberCount: 0,
    recentStreams: [],
    chatRules: channel.chatRules,
    chatSettings: channel.chatSettings,
  };
}
