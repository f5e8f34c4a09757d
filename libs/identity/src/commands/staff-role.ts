import { Inject, Injectable } from '@nestjs/common';
import { requireStaff, type Principal } from '@glint/access';
import { NotFoundError } from '@glint/domain-errors';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { userDecider } from '../decider';
import { usernameStreamName, userStreamName } from '../events';
import { usernameDecider } from '../username-decider';

/** An admin makes someone staff, or changes which staff role they hold. */
@Injectable()
export class GrantStaffRoleHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute(principal: Principal, userId: string, role: string, context: CommandContext): Promise<void> {
    const admin = requireStaff(principal, ['admin']);
    const handled = await this.streams.handle(userStreamName(userId), userDecider, { type: 'GrantStaffRole', role, grantedBy: admin.userId }, context);
    // The new role counts from the holder's very next request.
    if (handled.lastPosition !== null) await this.readModels.catchUp('accounts', handled.lastPosition);
  }
}

@Injectable()
export class RevokeStaffRoleHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute(principal: Principal, userId: string, context: CommandContext): Promise<void> {
    const admin = requireStaff(principal, ['admin']);
    const handled = await this.streams.handle(userStreamName(userId), userDecider, { type: 'RevokeStaffRole', revokedBy: admin.userId }, context);
    if (handled.lastPosition !== null) await this.readModels.catchUp('accounts', handled.lastPosition);
  }
}

/**
 * The platform itself grants a staff role, with no admin to ask: how the first admin comes to be
 * (from the CLI, which runs only where the database is reachable). Returns the user's id and the
 * position of what was recorded (null when they held the role already).
 */
export async function grantStaffRoleByPlatform(
  streams: EventSourcedStreams,
  username: string,
  role: string,
  context: CommandContext,
): Promise<{ userId: string; position: number | null }> {
  const { claimedBy: userId } = (await streams.load(usernameStreamName(username), usernameDecider)).state;
  if (userId === null) throw new NotFoundError('user_not_found', `There is no user named "${username}".`);
  const handled = await streams.handle(userStreamName(userId), userDecider, { type: 'GrantStaffRole', role, grantedBy: null }, context);
  return { userId, position: handled.lastPosition };
}
