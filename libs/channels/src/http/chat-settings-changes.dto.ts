import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString } from 'class-validator';
import { CHAT_RULES_MAX_LENGTH, MINIMUM_ACCOUNT_AGE_MAX_HOURS } from '../chat-settings';
import { WhenGiven } from './when-given';

/** The rules the channel's chat enforces. */
export class ChatSettingsChangesDto {
  @ApiPropertyOptional({ description: `Markdown, at most ${CHAT_RULES_MAX_LENGTH} characters.`, maxLength: CHAT_RULES_MAX_LENGTH, example: '# Be kind' })
  @WhenGiven()
  @IsString()
  chatRules?: string;

  @ApiPropertyOptional({ description: 'Refuse chat messages that contain links.' })
  @WhenGiven()
  @IsBoolean()
  blockLinks?: boolean;

  @ApiPropertyOptional({ description: 'Only accounts with a confirmed e-mail address may chat.' })
  @WhenGiven()
  @IsBoolean()
  requireConfirmedEmail?: boolean;

  @ApiPropertyOptional({ description: 'How old an account must be to chat, in whole hours.', minimum: 0, maximum: MINIMUM_ACCOUNT_AGE_MAX_HOURS })
  @WhenGiven()
  @IsInt()
  minimumAccountAgeHours?: number;

  @ApiPropertyOptional({ description: 'Chatters who join see only the latest messages.' })
  @WhenGiven()
  @IsBoolean()
  showRecentChatOnly?: boolean;
}
