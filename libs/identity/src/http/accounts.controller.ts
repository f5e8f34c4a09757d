import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import type { CommandContext } from '@glint/event-sourcing';
import { Throttled } from '@glint/throttles';
import { ConfirmEmailCommand } from '../commands/confirm-email';
import { RegisterUserCommand } from '../commands/register-user';
import { RequestEmailConfirmationCommand } from '../commands/request-email-confirmation';
import { RequestPasswordResetCommand } from '../commands/request-password-reset';
import { ResetPasswordCommand } from '../commands/reset-password';
import { EmailConfirmationDto, PasswordResetDto, PasswordResetRequestDto, RegisterDto } from './account.dto';
import { ConfirmationMailResponse, EmailConfirmedResponse } from './email-confirmation.response';
import { PASSWORD_RESET_REQUESTED, PasswordResetRequestedResponse } from './password-reset.response';
import { RegisteredUserResponse, toRegisteredUserResponse } from './registered-user.response';

@ApiTags('accounts')
@Controller('api/accounts')
export class AccountsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Throttled('registration')
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

  @Post('password-reset')
  @Throttled('passwordReset')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Forgot my password: a reset link goes to the address if an account uses it; the answer is the same either way' })
  @ApiAcceptedResponse({ type: PasswordResetRequestedResponse })
  async requestPasswordReset(@Body() body: PasswordResetRequestDto, @RequestCommandContext() context: CommandContext): Promise<PasswordResetRequestedResponse> {
    await this.commands.execute(new RequestPasswordResetCommand(body.email, context));
    return PASSWORD_RESET_REQUESTED;
  }

  @Post('password-reset/confirm')
  @Throttled('passwordReset')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Set a new password with the token from the reset link: it works once, within the hour, and every session of the account ends' })
  @ApiNoContentResponse()
  resetPassword(@Body() body: PasswordResetDto, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.commands.execute(new ResetPasswordCommand(body.token, body.newPassword, context));
  }
}
