import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import type { CommandContext } from '@glint/event-sourcing';
import { ChangePasswordCommand } from '../commands/change-password';
import { DeleteAccountCommand } from '../commands/delete-account';
import { StartTwoFactorSetupCommand } from '../commands/start-two-factor-setup';
import { SwitchTwoFactorCommand } from '../commands/switch-two-factor';
import { GetMyAccountQuery } from '../queries/get-my-account';
import { ChangePasswordDto, DeleteAccountDto } from './account.dto';
import { MyAccountResponse, toMyAccountResponse } from './my-account.response';
import { TwoFactorCodeDto } from './two-factor.dto';
import { TwoFactorSetupResponse } from './two-factor-setup.response';

@ApiTags('my account')
@ApiBearerAuth()
@Controller('api/users/me')
export class MeController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My account, with my e-mail address' })
  @ApiOkResponse({ type: MyAccountResponse })
  async me(@CurrentPrincipal() principal: Principal): Promise<MyAccountResponse> {
    return toMyAccountResponse(await this.queries.execute(new GetMyAccountQuery(principal)));
  }

  @Put('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Change my password: my other sessions end, this one stays' })
  @ApiNoContentResponse()
  password(@Body() body: ChangePasswordDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.commands.execute(new ChangePasswordCommand(principal, body, context));
  }

  @Post('two-factor')
  @ApiOperation({ summary: 'Start two-factor setup: a secret for my authenticator app, active once a code is confirmed' })
  @ApiCreatedResponse({ type: TwoFactorSetupResponse })
  twoFactorSetup(@CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<TwoFactorSetupResponse> {
    return this.commands.execute(new StartTwoFactorSetupCommand(principal, context));
  }

  @Post('two-factor/confirmation')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Turn two-factor sign-in on with a code from the new secret' })
  @ApiNoContentResponse()
  twoFactorConfirmation(@Body() body: TwoFactorCodeDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.commands.execute(new SwitchTwoFactorCommand(principal, 'on', body.code, context));
  }

  @Delete('two-factor')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Turn two-factor sign-in off, with a current code' })
  @ApiNoContentResponse()
  twoFactorOff(@Body() body: TwoFactorCodeDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.commands.execute(new SwitchTwoFactorCommand(principal, 'off', body.code, context));
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete my account for good, with my password and, when two-factor sign-in is on, a current code: my personal data becomes unreadable everywhere, my address is free again, my username stays taken',
  })
  @ApiNoContentResponse()
  remove(@Body() body: DeleteAccountDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.commands.execute(new DeleteAccountCommand(principal, body.password, body.code ?? null, context));
  }
}
