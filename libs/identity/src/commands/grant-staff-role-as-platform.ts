import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@glint/domain-errors';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS } from '@glint/runtime';
import { usernameStreamName, userStreamName } from '../events';
import { userDecider } from '../user-decider';
import { usernameDecider } from '../username-decider';

export interface PlatformStaffGrant {
  userId: string;
  /** Where the grant was recorded; null when the user held the role already. */
  position: number | null;
}

/**
 * The platform itself grants a staff role, with no admin to ask: how the first admin comes to be
 * (from the CLI, which runs only where the database is reachable). The context carries a system
 * actor. The user is named by username, as an operator types it.
 */
export class GrantStaffRoleAsPlatformCommand extends Command<PlatformStaffGrant> {
  constructor(
    readonly username: string,
    readonly role: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Needs only the log, so the CLI runs it without read models; a caller beside them that needs the
 * role to count at once catches `accounts` up to the position returned.
 */
@CommandHandler(GrantStaffRoleAsPlatformCommand)
export class GrantStaffRoleAsPlatformHandler implements ICommandHandler<GrantStaffRoleAsPlatformCommand> {
  constructor(@Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams) {}

  async execute({ username, role, context }: GrantStaffRoleAsPlatformCommand): Promise<PlatformStaffGrant> {
    const { claimedBy: userId } = (await this.streams.load(usernameStreamName(username), usernameDecider)).state;
    if (userId === null) throw new NotFoundError('user_not_found', `There is no user named "${username}".`);
    const handled = await this.streams.handle(userStreamName(userId), userDecider, { type: 'GrantStaffRole', role, grantedBy: null }, context);
    return { userId, position: handled.lastPosition };
  }
}
