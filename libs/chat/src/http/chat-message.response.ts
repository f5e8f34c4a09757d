import { ApiProperty } from '@nestjs/swagger';
import type { ChatMessageView } from '../queries/chat-messages';

export class ChatMessageResponse {
  @ApiProperty({ format: 'uuid' })
  messageId!: string;

  @ApiProperty()
  senderId!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The sender’s username; null once their account is deleted.' })
  sender!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Null once the sender’s account is deleted: show it as removed.' })
  text!: string | null;

  @ApiProperty({ format: 'date-time' })
  sentAt!: string;
}

export function toChatMessageResponse(message: ChatMessageView): ChatMessageResponse {
  return { messageId: message.messageId, senderId: message.senderId, sender: message.sender, text: message.text, sentAt: message.sentAt };
}
