import { Controller, Get, Param, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import { ApiPageResponse } from '@glint/api';
import type { CommandContext } from '@glint/event-sourcing';
import { ViewAccountHistoryCommand } from '../commands/view-account-history';
import { ViewAccountStateCommand } from '../commands/view-account-state';
import { AccountHistoryQueryDto, AccountParams, AccountStateQueryDto } from './account-history.dto';
import { HistoryAccountResponse, HistoryEntryResponse, toHistoryPageResponse, type HistoryPageResponse } from './account-history.response';
import { AccountStateResponse } from './account-state.response';

@ApiTags('support')
@ApiBearerAuth()
@Controller('api/support/accounts')
export class AccountViewsController {
  constructor(private readonly commands: CommandBus) {}

  @Get(':userId/history')
  @ApiOperation({ summary: 'Every event about an account, newest first (support and admins; the look is recorded with its reason)' })
  @ApiPageResponse(HistoryEntryResponse, HistoryAccountResponse)
  async history(
    @Param() params: AccountParams,
    @Query() query: AccountHistoryQueryDto,
    @CurrentPrincipal() principal: Principal,
    @RequestCommandContext() context: CommandContext,
  ): Promise<HistoryPageResponse> {
    return toHistoryPageResponse(params.userId, await this.commands.execute(new ViewAccountHistoryCommand(principal, params.userId, query, context)));
  }

  @Get(':userId/state')
  @ApiOperation({ summary: 'The account as it stood at a moment, rebuilt from the log (support and admins; the look is recorded with its reason)' })
  @ApiOkResponse({ type: AccountStateResponse })
  async state(
    @Param() params: AccountParams,
    @Query() query: AccountStateQueryDto,
    @CurrentPrincipal() principal: Principal,
    @RequestCommandContext() context: CommandContext,
  ): Promise<AccountStateResponse> {
    return this.commands.execute(new ViewAccountStateCommand(principal, params.userId, query, context));
  }
}
