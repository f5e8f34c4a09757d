import { IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { CHAT_MESSAGE_MAX_CHARACTERS } from '../message-text';

export class ChannelFrame {
  /** The channel's username. */
  @IsString()
  @Length(1, 64)
  channel!: string;
}

export class SendFrame extends ChannelFrame {
  @IsString()
  @MaxLength(4 * CHAT_MESSAGE_MAX_CHARACTERS)
  text!: string;
}

export class DeleteFrame extends ChannelFrame {
  @IsUUID()
  messageId!: string;
}
