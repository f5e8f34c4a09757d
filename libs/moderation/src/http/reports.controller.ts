import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import type { CommandContext } from '@glint/event-sourcing';
import { Throttled } from '@glint/throttles';
import { ReportUserCommand } from '../commands/report-user';
import { ReportUserDto } from './report.dto';
import { ReportFiledResponse } from './report.response';

@ApiTags('moderation')
@ApiBearerAuth()
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Throttled('reports')
  @ApiOperation({ summary: 'Report a user to platform staff: where it happened, why, and notes only staff read' })
  @ApiCreatedResponse({ type: ReportFiledResponse })
  @ApiBadRequestResponse({ description: '`invalid_input` naming the field, or `cannot_report_self`' })
  @ApiUnauthorizedResponse({ description: '`sign_in_required`' })
  @ApiNotFoundResponse({ description: '`user_not_found` or `channel_not_found`' })
  report(@Body() body: ReportUserDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<ReportFiledResponse> {
    return this.commands.execute(new ReportUserCommand(principal, body, context));
  }
}
