import { Body, Controller, Delete, HttpCode, HttpStatus, Ip, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import type { CommandContext } from '@glint/event-sourcing';
import { LogInCommand } from '../commands/log-in';
import { LogOutCommand } from '../commands/log-out';
import { LogInDto } from './session.dto';
import { SessionResponse, toSessionResponse } from './session.response';

@ApiTags('sessions')
@Controller('api/sessions')
export class SessionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Sign in: a session token valid for 30 days (with totpCode when two-factor sign-in is enabled)' })
  @ApiTooManyRequestsResponse({ description: '`rate_limited`: too many failed sign-ins to the account or from the address; Retry-After says when to try again' })
  @ApiCreatedResponse({ type: SessionResponse })
  async start(@Body() body: LogInDto, @RequestCommandContext() context: CommandContext, @Ip() clientAddress: string): Promise<SessionResponse> {
    return toSessionResponse(await this.commands.execute(new LogInCommand(body, context, clientAddress)));
  }

  @Delete('current')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: the session token stops working at once' })
  @ApiNoContentResponse()
  end(@CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.commands.execute(new LogOutCommand(principal, context));
  }
}
