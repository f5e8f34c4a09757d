import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@glint/access';
import { ApiPageResponse, PageQueryDto, type Page } from '@glint/api';
import { ListAppsOfUserQuery } from '../queries/list-apps-of-user';
import { StaffAppResponse, toStaffAppResponse } from './staff-app.response';
import { AppOwnerParams } from './register-app.dto';

@ApiTags('developer apps')
@ApiBearerAuth()
@Controller('api/staff/users/:userId/apps')
export class StaffAppsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'A user’s apps, oldest first, each marked suspended while its owner is banned or once deleted (support, admin)' })
  @ApiPageResponse(StaffAppResponse)
  async list(@Param() params: AppOwnerParams, @CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<Page<StaffAppResponse>> {
    const { page, suspension } = await this.queries.execute(new ListAppsOfUserQuery(principal, params.userId, query));
    return { items: page.items.map((row) => toStaffAppResponse(row, suspension)), nextCursor: page.nextCursor };
  }
}
