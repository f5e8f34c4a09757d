import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString } from 'class-validator';
import { CHAT_RULES_MAX_LENGTH, MINIMUM_ACCOUNT_AGE_MAX_HOURS } from '../chat-settings';
import { OptionalNotNull } from './optional-not-null-field';

/** The rules the channel's chat enforces. */
export class ChatSettingsChangesDto {
  @ApiPropertyOptional({ description: `Markdown, at most ${CHAT_RULES_MAX_LENGTH} characters.`, maxLength: CHAT_RULES_MAX_LENGTH, example: '# Be kind' })
  @OptionalNotNull()
  @IsString()
  chatRules?: string;

  @ApiPropertyOptional({ description: 'Refuse chat messages that contain links.' })
  @OptionalNotNull()
  @IsBoolean()
  blockLinks?: boolean;

  @ApiPropertyOptional({ description: 'Only accounts with a confirmed e-mail address may chat.' })
  @OptionalNotNull()
  @IsBoolean()
  requireConfirmedEmail?: boolean;

  @ApiPropertyOptional({ description: 'How old an account must be to chat, in whole hours.', minimum: 0, maximum: MINIMUM_ACCOUNT_AGE_MAX_HOURS })
  @OptionalNotNull()
  @IsInt()
  minimumAccountAgeHours?: number;

  @ApiPropertyOptional({ description: 'Chatters who join see only the latest messages.' })
  @OptionalNotNull()
  @IsBoolean()
  showRecentChatOnly?: boolean;
}
