import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import { ApiPageResponse, PageQueryDto, type Page } from '@glint/api';
import type { CommandContext } from '@glint/event-sourcing';
import { DeleteChatMessageCommand } from '../commands/delete-chat-message';
import { SendChatMessageCommand } from '../commands/send-chat-message';
import { ListChatMessagesQuery } from '../queries/list-chat-messages';
import { ChannelChatParams, ChatMessageParams, SendChatMessageDto } from './chat-messages.dto';
import { ChatMessageResponse, toChatMessageResponse } from './chat-message.response';

@ApiTags('chat')
@ApiBearerAuth()
@Controller('api/channels/:username/chat/messages')
export class ChatController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The channel’s chat without deleted messages: the newest first page, older ones after; each page oldest first (anyone; apps need the public scope)' })
  @ApiPageResponse(ChatMessageResponse)
  async list(@Param() params: ChannelChatParams, @Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<Page<ChatMessageResponse>> {
    const { items, nextCursor } = await this.queries.execute(new ListChatMessagesQuery(principal, params.username, query, new Date()));
    return { items: items.map(toChatMessageResponse), nextCursor };
  }

  @Post()
  @ApiOperation({ summary: 'Send a message to the channel’s chat, under the same rules and rate limit as the chat WebSocket (signed-in users)' })
  @ApiCreatedResponse({ type: ChatMessageResponse })
  async send(@Param() params: ChannelChatParams, @Body() body: SendChatMessageDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<ChatMessageResponse> {
    return toChatMessageResponse(await this.commands.execute(new SendChatMessageCommand(principal, params.username, body.text, context, { readBack: true })));
  }

  @Delete(':messageId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a chat message (the channel’s owner, its moderators allowed to, admin and support staff); deleting twice is fine' })
  @ApiNoContentResponse()
  async remove(@Param() params: ChatMessageParams, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    await this.commands.execute(new DeleteChatMessageCommand(principal, params.username, params.messageId, context));
  }
}
