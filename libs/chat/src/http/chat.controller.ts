import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import type { CommandContext } from '@glint/event-sourcing';
import { DeleteChatMessageHandler } from '../commands/delete-chat-message';
import { SendChatMessageHandler } from '../commands/send-chat-message';
import { RecentChatQuery } from '../queries/recent-chat.query';
import { ChannelChatParams, ChatMessageParams, RecentChatQueryDto, SendChatMessageDto } from './chat-messages.dto';
import { ChatMessageResponse, RecentChatResponse, toChatMessageResponse } from './chat-responses';

@ApiTags('chat')
@ApiBearerAuth()
@Controller('api/channels/:username/chat/messages')
export class ChatController {
  constructor(
    private readonly sendMessage: SendChatMessageHandler,
    private readonly deleteMessage: DeleteChatMessageHandler,
    private readonly recentChat: RecentChatQuery,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The channel’s recent chat, oldest first, without deleted messages (anyone; apps need the public scope)' })
  @ApiOkResponse({ type: RecentChatResponse })
  async recent(@Param() params: ChannelChatParams, @Query() query: RecentChatQueryDto, @CurrentPrincipal() principal: Principal): Promise<RecentChatResponse> {
    const { channel, messages } = await this.recentChat.execute(principal, params.username, { limit: query.limit, now: new Date() });
    return { channel: channel.username, messages: messages.map(toChatMessageResponse) };
  }

  @Post()
  @ApiOperation({ summary: 'Send a message to the channel’s chat, under the same rules and rate limit as the chat WebSocket (signed-in users)' })
  @ApiCreatedResponse({ type: ChatMessageResponse })
  async send(@Param() params: ChannelChatParams, @Body() body: SendChatMessageDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<ChatMessageResponse> {
    return toChatMessageResponse(await this.sendMessage.execute(principal, params.username, body.text, context, { readBack: true }));
  }

  @Delete(':messageId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a chat message (the channel’s owner, its moderators allowed to, admin and support staff); deleting twice is fine' })
  @ApiNoContentResponse()
  async remove(@Param() params: ChatMessageParams, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    await this.deleteMessage.execute(principal, params.username, params.messageId, context);
  }
}
