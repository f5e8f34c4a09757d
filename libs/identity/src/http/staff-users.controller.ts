import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import type { CommandContext } from '@glint/event-sourcing';
import { GrantStaffRoleCommand } from '../commands/grant-staff-role';
import { RevokeStaffRoleCommand } from '../commands/revoke-staff-role';
import { SanctionUserCommand } from '../commands/sanction-user';
import { StaffReasonDto, StaffRoleDto, UserIdParams } from './staff.dto';

@ApiTags('staff: users')
@ApiBearerAuth()
@Controller('api/staff/users/:userId')
export class StaffUsersController {
  constructor(private readonly commands: CommandBus) {}

  @Post('global-ban')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Ban the user from all of Glint (support, admin): every session of theirs ends at once' })
  @ApiNoContentResponse()
  ban(@Param() params: UserIdParams, @Body() body: StaffReasonDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.commands.execute(new SanctionUserCommand(principal, params.userId, { type: 'BanGlobally', reason: body.reason }, context));
  }

  @Delete('global-ban')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Lift the user’s global ban (support, admin)' })
  @ApiNoContentResponse()
  unban(@Param() params: UserIdParams, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.commands.execute(new SanctionUserCommand(principal, params.userId, { type: 'UnbanGlobally' }, context));
  }

  @Post('streaming-suspension')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Suspend the user from streaming (support, admin)' })
  @ApiNoContentResponse()
  suspend(@Param() params: UserIdParams, @Body() body: StaffReasonDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.commands.execute(new SanctionUserCommand(principal, params.userId, { type: 'SuspendStreaming', reason: body.reason }, context));
  }

  @Delete('streaming-suspension')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Let the user stream again (support, admin)' })
  @ApiNoContentResponse()
  reinstate(@Param() params: UserIdParams, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.commands.execute(new SanctionUserCommand(principal, params.userId, { type: 'ReinstateStreaming' }, context));
  }

  @Put('staff-role')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Give the user a staff role, or change theirs (admin)' })
  @ApiNoContentResponse()
  grant(@Param() params: UserIdParams, @Body() body: StaffRoleDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.commands.execute(new GrantStaffRoleCommand(principal, params.userId, body.role, context));
  }

  @Delete('staff-role')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Take the user’s staff role away (admin)' })
  @ApiNoContentResponse()
  revoke(@Param() params: UserIdParams, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<void> {
    return this.commands.execute(new RevokeStaffRoleCommand(principal, params.userId, context));
  }
}
