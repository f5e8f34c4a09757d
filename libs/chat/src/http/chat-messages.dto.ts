import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { CHAT_MESSAGE_MAX_CHARACTERS } from '../message-text';

// Whole input strings are bounded here; the chat's own text rules (trimmed, 1–500 characters, no
// control characters) are the decider's, so HTTP and WebSocket senders get the same refusals.
const TEXT_INPUT_MAX_LENGTH = 4 * CHAT_MESSAGE_MAX_CHARACTERS;

export class ChannelChatParams {
  @ApiProperty({ example: 'some_streamer' })
  @IsString()
  @Length(1, 64)
  username!: string;
}

export class ChatMessageParams extends ChannelChatParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  messageId!: string;
}

export class SendChatMessageDto {
  @ApiProperty({ description: `1–${CHAT_MESSAGE_MAX_CHARACTERS} characters once trimmed, no control characters.`, example: 'hello chat' })
  @IsString()
  @MaxLength(TEXT_INPUT_MAX_LENGTH)
  text!: string;
}
