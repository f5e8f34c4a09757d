import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@glint/event-sourcing';
import type { StreamInfo } from '../events';
import { StreamRecorder } from '../stream-recorder';

/**
 * A live stream takes its channel's new title, category, tags, language or maturity. Only what
 * differs from the stream's own is recorded: false when nothing did, or the stream has ended.
 */
export class ChangeStreamMetadataCommand extends Command<boolean> {
  constructor(
    readonly streamId: string,
    readonly changes: Partial<StreamInfo>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeStreamMetadataCommand)
export class ChangeStreamMetadataHandler implements ICommandHandler<ChangeStreamMetadataCommand> {
  constructor(private readonly recorder: StreamRecorder) {}

  execute({ streamId, changes, context }: ChangeStreamMetadataCommand): Promise<boolean> {
    return this.recorder.changeMetadata(streamId, changes, context);
  }
}
