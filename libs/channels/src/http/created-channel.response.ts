import { ApiProperty } from '@nestjs/swagger';
import type { ChannelView } from '@glint/projections/channel-page';
import { ChannelPageResponse, NOT_YET_BROADCAST, toChannelPageResponse } from './channel-page.response';

export class CreatedChannelResponse {
  @ApiProperty({ type: ChannelPageResponse }) channel!: ChannelPageResponse;
  @ApiProperty({ description: 'Shown this once: keep it secret, it lets an encoder broadcast as the channel.' }) streamKey!: string;
}

export function toCreatedChannelResponse(created: { channel: ChannelView; streamKey: string }): CreatedChannelResponse {
  return { channel: toChannelPageResponse({ channel: created.channel, broadcasts: NOT_YET_BROADCAST }), streamKey: created.streamKey };
}
