import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import type { CommandContext } from '@glint/event-sourcing';
import { ResolveReportHandler } from '../commands/resolve-report';
import { ReportQueueQuery } from '../queries/report-queue';
import { StaffAuditTrailQuery } from '../queries/staff-audit-trail';
import { PageQueryDto, ReportQueueQueryDto } from './page-query.dto';
import { ReportIdParams, ReportResolutionDto } from './report.dto';
import { ReportQueueResponse, ReportResolutionResponse, toReportQueueResponse, toReportResolutionResponse } from './report-responses';
import { StaffAuditLogResponse, toStaffAuditLogResponse } from './staff-audit-responses';

@ApiTags('staff')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: '`sign_in_required`' })
@ApiForbiddenResponse({ description: '`staff_only`: platform staff admin or support' })
@Controller('api/staff')
export class StaffModerationController {
  constructor(
    private readonly reportQueue: ReportQueueQuery,
    private readonly resolveReport: ResolveReportHandler,
    private readonly auditTrail: StaffAuditTrailQuery,
  ) {}

  @Get('reports')
  @ApiOperation({ summary: 'User reports, newest first, with the reporters’ notes (admin, support)' })
  @ApiOkResponse({ type: ReportQueueResponse })
  async reports(@Query() query: ReportQueueQueryDto, @CurrentPrincipal() principal: Principal): Promise<ReportQueueResponse> {
    return toReportQueueResponse(await this.reportQueue.execute(principal, { status: query.status ?? 'open', before: query.before, limit: query.limit }));
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
    return toReportResolutionResponse(await this.resolveReport.execute(principal, params.reportId, body, context));
  }

  @Get('audit-log')
  @ApiOperation({ summary: 'Everything staff did, newest first (admin, support)' })
  @ApiOkResponse({ type: StaffAuditLogResponse })
  async auditLog(@Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<StaffAuditLogResponse> {
    return toStaffAuditLogResponse(await this.auditTrail.execute(principal, query));
  }
}
