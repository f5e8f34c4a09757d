import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@glint/event-sourcing';
import type { StreamEndReason, ViewerSample } from '../events';
import { StreamRecorder } from '../stream-recorder';

/**
 * A live stream ends, at the context's time: its gateway saw the publisher go (or is stopping), or
 * the worker found its gateway lost. `finalViewers` is the gateway's last count, when the gateway
 * is the one ending it. The answer is false when the stream had already ended: whoever notices
 * second records nothing.
 */
export class EndStreamCommand extends Command<boolean> {
  constructor(
    readonly streamId: string,
    readonly reason: StreamEndReason,
    readonly context: CommandContext,
    readonly finalViewers?: ViewerSample,
  ) {
    super();
  }
}

@CommandHandler(EndStreamCommand)
export class EndStreamHandler implements ICommandHandler<EndStreamCommand> {
  constructor(private readonly recorder: StreamRecorder) {}

  execute({ streamId, reason, context, finalViewers }: EndStreamCommand): Promise<boolean> {
    return this.recorder.end(streamId, { reason, at: context.now, ...(finalViewers ? { finalViewers } : {}), endedBy: null }, context);
  }
}
