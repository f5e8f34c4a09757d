import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireStaff, type Principal } from '@glint/access';
import { existingChannel } from '@glint/channels';
import { NotFoundError } from '@glint/domain-errors';
import type { CommandContext } from '@glint/event-sourcing';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { StreamRecorder } from '../stream-recorder';

/**
 * Staff end a channel's live stream. The gateway holding it closes the publisher and its viewers
 * when it sees the StreamEnded; the staff audit log records the event by its staff actor.
 */
export class ShutDownStreamCommand extends Command<{ streamId: string }> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ShutDownStreamCommand)
export class ShutDownStreamHandler implements ICommandHandler<ShutDownStreamCommand> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly recorder: StreamRecorder,
  ) {}

  async execute({ principal, username, reason, context }: ShutDownStreamCommand): Promise<{ streamId: string }> {
    const staff = requireStaff(principal, ['admin', 'support']);
    const channel = await existingChannel(this.readModels.entityManager(), username);
    const latest = await this.recorder.latest(channel.channelId);
    // Ended by someone else meanwhile (the publisher, the worker) is the same answer as never live.
    const ended = latest?.state.status === 'live' && (await this.recorder.end(latest.streamId, { reason: 'staff_shutdown', at: context.now, endedBy: staff.userId, note: reason }, context));
    if (!ended) throw new NotFoundError('not_live', `The channel "${channel.username}" is not live.`);
    return { streamId: latest.streamId };
  }
}
