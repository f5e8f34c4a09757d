import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import type { CommandContext } from '@glint/event-sourcing';
import { ViewAccountHistoryHandler } from '../commands/view-account-history';
import { ViewAccountStateHandler } from '../commands/view-account-state';
import { AccountHistoryQueryDto, AccountParams, AccountStateQueryDto } from './account-history.dto';
import { AccountStateResponse, HistoryPageResponse, toHistoryPageResponse } from './support-responses';

@ApiTags('support')
@ApiBearerAuth()
@Controller('api/support/accounts')
export class AccountViewsController {
  constructor(
    private readonly viewHistory: ViewAccountHistoryHandler,
    private readonly viewState: ViewAccountStateHandler,
  ) {}

  @Get(':userId/history')
  @ApiOperation({ summary: 'Every event about an account, newest first (support and admins; the look is recorded with its reason)' })
  @ApiOkResponse({ type: HistoryPageResponse })
  async history(
    @Param() params: AccountParams,
    @Query() query: AccountHistoryQueryDto,
    @CurrentPrincipal() principal: Principal,
    @RequestCommandContext() context: CommandContext,
  ): Promise<HistoryPageResponse> {
    return toHistoryPageResponse(params.userId, await this.viewHistory.execute(principal, params.userId, query, context));
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
    return this.viewState.execute(principal, params.userId, query, context);
  }
}
