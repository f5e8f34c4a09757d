import { IntersectionType } from '@nestjs/swagger';
import { ChannelInfoChangesDto } from './channel-info-changes.dto';
import { ChatSettingsChangesDto } from './chat-settings-changes.dto';

/** A new channel's settings; whatever is left out takes its default (the title "Live Stream!"). */
export class CreateChannelDto extends IntersectionType(ChannelInfoChangesDto, ChatSettingsChangesDto) {}
