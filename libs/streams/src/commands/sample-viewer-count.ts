import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@glint/event-sourcing';
import type { ViewerSample } from '../events';
import { StreamRecorder, type StreamHandle } from '../stream-recorder';

/**
 * Who watches the stream now, and so far, recorded at the context's time after the handle the
 * writer holds; the answer is the handle the next sample goes after, `ended` when someone else
 * ended the stream meanwhile.
 */
export class SampleViewerCountCommand extends Command<StreamHandle> {
  constructor(
    readonly handle: StreamHandle,
    readonly sample: ViewerSample,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(SampleViewerCountCommand)
export class SampleViewerCountHandler implements ICommandHandler<SampleViewerCountCommand> {
  constructor(private readonly recorder: StreamRecorder) {}

  execute({ handle, sample, context }: SampleViewerCountCommand): Promise<StreamHandle> {
    return this.recorder.sample(handle, { type: 'SampleViewerCount', sample, at: context.now }, context);
  }
}
