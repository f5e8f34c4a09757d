import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import { ApiPageResponse, PageQueryDto, type Page } from '@glint/api';
import type { CommandContext } from '@glint/event-sourcing';
import { DeleteAppCommand } from '../commands/delete-app';
import { RegisterAppCommand } from '../commands/register-app';
import { RotateAppSecretCommand } from '../commands/rotate-app-secret';
import { ListMyAppsQuery } from '../queries/list-my-apps';
import { AppResponse, toAppResponse } from './app.response';
import { RegisteredAppResponse, RotatedSecretResponse, toRegisteredAppResponse } from './registered-app.response';
import { AppIdParams, RegisterAppDto } from './register-app.dto';

@ApiTags('developer apps')
@ApiBearerAuth()
@Controller('api/apps')
export class AppsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register an app: its client id and secret (shown once) for client-credentials tokens' })
  @ApiCreatedResponse({ type: RegisteredAppResponse })
  async register(@Body() body: RegisterAppDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<RegisteredAppResponse> {
    return toRegisteredAppResponse(await this.commands.execute(new RegisterAppCommand(principal, body, context)));
  }

  @Get()
  @ApiOperation({ summary: 'The apps I registered, oldest first, without their secrets' })
  @ApiPageResponse(AppResponse)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<Page<AppResponse>> {
    const { items, nextCursor } = await this.queries.execute(new ListMyAppsQuery(principal, query));
    return { items: items.map(toAppResponse), nextCursor };
  }

  @Post(':appId/secret')
  @ApiOperation({ summary: 'Replace the app’s secret (owner only); the old one gets no new token' })
  @ApiCreatedResponse({ type: RotatedSecretResponse })
  rotate(@Param() params: AppIdParams, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<RotatedSecretResponse> {
    return this.commands.execute(new RotateAppSecretCommand(principal, params.appId, context));
  }

  @Delete(':appId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete the app (owner only); its tokens stop working at once' })
  @ApiNoContentResponse()
  remove(@Param() params: AppIdParams, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.commands.execute(new DeleteAppCommand(principal, params.appId, context));
  }
}
