import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import { ApiPageResponse, PageQueryDto, type Page } from '@glint/api';
import type { CommandContext } from '@glint/event-sourcing';
import { ResolveReportCommand } from '../commands/resolve-report';
import { ListReportsQuery } from '../queries/list-reports';
import { ListStaffAuditLogQuery } from '../queries/list-staff-audit-log';
import { ReportIdParams, ReportQueueQueryDto, ReportResolutionDto } from './report.dto';
import { QueuedReportResponse, ReportResolutionResponse, toReportQueueResponse, toReportResolutionResponse } from './report.response';
import { StaffAuditEntryResponse, toStaffAuditLogResponse } from './staff-audit-log.response';

@ApiTags('staff')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: '`sign_in_required`' })
@ApiForbiddenResponse({ description: '`staff_only`: platform staff admin or support' })
@Controller('api/staff')
export class StaffModerationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('reports')
  @ApiOperation({ summary: 'User reports, newest first, with the reporters’ notes (admin, support)' })
  @ApiPageResponse(QueuedReportResponse)
  @ApiBadRequestResponse({ description: '`invalid_input` naming the field, or `invalid_cursor`' })
  async reports(@Query() query: ReportQueueQueryDto, @CurrentPrincipal() principal: Principal): Promise<Page<QueuedReportResponse>> {
    return toReportQueueResponse(await this.queries.execute(new ListReportsQuery(principal, { status: query.status ?? 'open', cursor: query.cursor, limit: query.limit })));
  }

  @Post('reports/:reportId/resolution')
  @ApiOperation({ summary: 'Resolve a report as actioned or dismissed, with a note (admin, support); once only' })
  @ApiCreatedResponse({ type: ReportResolutionResponse })
  @ApiBadRequestResponse({ description: '`invalid_input` naming the field' })
  @ApiNotFoundResponse({ description: '`report_not_found`' })
  @ApiConflictResponse({ description: '`report_already_resolved`' })
  async resolve(
    @Param() params: ReportIdParams,
    @Body() body: ReportResolutionDto,
    @CurrentPrincipal() principal: Principal,
    @RequestCommandContext() context: CommandContext,
  ): Promise<ReportResolutionResponse> {
    return toReportResolutionResponse(await this.commands.execute(new ResolveReportCommand(principal, params.reportId, body, context)));
  }

  @Get('audit-log')
  @ApiOperation({ summary: 'Everything staff did, newest first (admin, support)' })
  @ApiPageResponse(StaffAuditEntryResponse)
  @ApiBadRequestResponse({ description: '`invalid_input` naming the field, or `invalid_cursor`' })
  async auditLog(@Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<Page<StaffAuditEntryResponse>> {
    return toStaffAuditLogResponse(await this.queries.execute(new ListStaffAuditLogQuery(principal, query)));
  }
}
