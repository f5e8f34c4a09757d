import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import type { CommandContext } from '@glint/event-sourcing';
import { ConfirmEmailHandler } from '../commands/confirm-email';
import { RegisterUserHandler } from '../commands/register-user';
import { RequestEmailConfirmationHandler } from '../commands/request-email-confirmation';
import { EmailConfirmationDto, RegisterDto } from './account.dto';
import { ConfirmationMailResponse, EmailConfirmedResponse, RegisteredUserResponse, toRegisteredUserResponse } from './responses';

@ApiTags('accounts')
@Controller('api/accounts')
export class AccountsController {
  constructor(
    private readonly registerUser: RegisterUserHandler,
    private readonly confirmEmail: ConfirmEmailHandler,
    private readonly requestEmailConfirmation: RequestEmailConfirmationHandler,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register: a confirmation mail goes to the address given; sign in with POST /api/sessions' })
  @ApiCreatedResponse({ type: RegisteredUserResponse })
  async register(@Body() body: RegisterDto, @RequestCommandContext() context: CommandContext): Promise<RegisteredUserResponse> {
    return toRegisteredUserResponse(await this.registerUser.execute(body, context));
  }

  @Post('email-confirmation')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Confirm the e-mail address with the token from the confirmation link; confirming again changes nothing' })
  @ApiOkResponse({ type: EmailConfirmedResponse })
  async confirm(@Body() body: EmailConfirmationDto, @RequestCommandContext() context: CommandContext): Promise<EmailConfirmedResponse> {
    const { userId } = await this.confirmEmail.execute(body.token, context);
    return { userId, emailConfirmed: true };
  }

  @Post('email-confirmation/resend')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Send me a new confirmation mail (at most one a minute)' })
  @ApiAcceptedResponse({ type: ConfirmationMailResponse })
  async resend(@CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<ConfirmationMailResponse> {
    const { expiresAt } = await this.requestEmailConfirmation.execute(principal, context);
    return { linkExpiresAt: expiresAt.toISOString() };
  }
}
