import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@glint/event-sourcing';
import type { MediaDescription } from '../events';
import { StreamRecorder, type StreamHandle } from '../stream-recorder';

/**
 * The gateway holding a channel's publisher saw its first media: the channel's next broadcast
 * starts, with a snapshot of the channel's info. Refused `already_live` while another gateway that
 * still beats holds the channel. The answer is the handle the stream's samples go after.
 */
export class StartStreamCommand extends Command<StreamHandle> {
  constructor(
    readonly channelId: string,
    readonly gatewayId: string,
    readonly media: MediaDescription,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(StartStreamCommand)
export class StartStreamHandler implements ICommandHandler<StartStreamCommand> {
  constructor(private readonly recorder: StreamRecorder) {}

  execute({ channelId, gatewayId, media, context }: StartStreamCommand): Promise<StreamHandle> {
    return this.recorder.start({ channelId, gatewayId, media }, context);
  }
}
