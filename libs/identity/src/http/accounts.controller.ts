import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import type { CommandContext } from '@glint/event-sourcing';
import { ConfirmEmailCommand } from '../commands/confirm-email';
import { RegisterUserCommand } from '../commands/register-user';
import { RequestEmailConfirmationCommand } from '../commands/request-email-confirmation';
import { EmailConfirmationDto, RegisterDto } from './account.dto';
import { ConfirmationMailResponse, EmailConfirmedResponse } from './email-confirmation.response';
import { RegisteredUserResponse, toRegisteredUserResponse } from './registered-user.response';

@ApiTags('accounts')
@Controller('api/accounts')
export class AccountsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Register: a confirmation mail goes to the address given; sign in with POST /api/sessions' })
  @ApiCreatedResponse({ type: RegisteredUserResponse })
  async register(@Body() body: RegisterDto, @RequestCommandContext() context: CommandContext): Promise<RegisteredUserResponse> {
    return toRegisteredUserResponse(await this.commands.execute(new RegisterUserCommand(body, context)));
  }

  @Post('email-confirmation')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Confirm the e-mail address with the token from the confirmation link; confirming again changes nothing' })
  @ApiOkResponse({ type: EmailConfirmedResponse })
  async confirm(@Body() body: EmailConfirmationDto, @RequestCommandContext() context: CommandContext): Promise<EmailConfirmedResponse> {
    const { userId } = await this.commands.execute(new ConfirmEmailCommand(body.token, context));
    return { userId, emailConfirmed: true };
  }

  @Post('email-confirmation/resend')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Send me a new confirmation mail (at most one a minute)' })
  @ApiAcceptedResponse({ type: ConfirmationMailResponse })
  async resend(@CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<ConfirmationMailResponse> {
    const { expiresAt } = await this.commands.execute(new RequestEmailConfirmationCommand(principal, context));
    return { linkExpiresAt: expiresAt.toISOString() };
  }
}
