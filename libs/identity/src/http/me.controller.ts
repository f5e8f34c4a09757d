import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import type { CommandContext } from '@glint/event-sourcing';
import { ChangePasswordHandler } from '../commands/change-password';
import { DeleteAccountHandler } from '../commands/delete-account';
import { StartTwoFactorSetupHandler, TwoFactorSwitchHandler } from '../commands/two-factor';
import { MyAccountQuery } from '../queries/my-account';
import { ChangePasswordDto, DeleteAccountDto } from './account.dto';
import { MyAccountResponse, toMyAccountResponse, TwoFactorSetupResponse } from './responses';
import { TwoFactorCodeDto } from './two-factor.dto';

@ApiTags('my account')
@ApiBearerAuth()
@Controller('api/users/me')
export class MeController {
  constructor(
    private readonly myAccount: MyAccountQuery,
    private readonly changePassword: ChangePasswordHandler,
    private readonly startTwoFactorSetup: StartTwoFactorSetupHandler,
    private readonly twoFactorSwitch: TwoFactorSwitchHandler,
    private readonly deleteAccount: DeleteAccountHandler,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My account, with my e-mail address' })
  @ApiOkResponse({ type: MyAccountResponse })
  async me(@CurrentPrincipal() principal: Principal): Promise<MyAccountResponse> {
    return toMyAccountResponse(await this.myAccount.execute(principal));
  }

  @Put('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Change my password: my other sessions end, this one stays' })
  @ApiNoContentResponse()
  password(@Body() body: ChangePasswordDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.changePassword.execute(principal, body, context);
  }

  @Post('two-factor')
  @ApiOperation({ summary: 'Start two-factor setup: a secret for my authenticator app, active once a code is confirmed' })
  @ApiCreatedResponse({ type: TwoFactorSetupResponse })
  twoFactorSetup(@CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<TwoFactorSetupResponse> {
    return this.startTwoFactorSetup.execute(principal, context);
  }

  @Post('two-factor/confirmation')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Turn two-factor sign-in on with a code from the new secret' })
  @ApiNoContentResponse()
  twoFactorConfirmation(@Body() body: TwoFactorCodeDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.twoFactorSwitch.enable(principal, body.code, context);
  }

  @Delete('two-factor')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Turn two-factor sign-in off, with a current code' })
  @ApiNoContentResponse()
  twoFactorOff(@Body() body: TwoFactorCodeDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.twoFactorSwitch.disable(principal, body.code, context);
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete my account for good: my personal data becomes unreadable everywhere; my username stays taken' })
  @ApiNoContentResponse()
  remove(@Body() body: DeleteAccountDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.deleteAccount.execute(principal, body.password, context);
  }
}
