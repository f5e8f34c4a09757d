import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@glint/event-sourcing';
import type { HealthSample } from '../events';
import { StreamRecorder, type StreamHandle } from '../stream-recorder';

/**
 * What the publisher sent over one sampling period, recorded at the context's time. It goes after
 * the handle the writer holds, so a long stream is never read again for a sample; the answer is the
 * handle the next sample goes after, `ended` when someone else ended the stream meanwhile.
 */
export class SampleStreamHealthCommand extends Command<StreamHandle> {
  constructor(
    readonly handle: StreamHandle,
    readonly sample: HealthSample,
    readonly periodSeconds: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(SampleStreamHealthCommand)
export class SampleStreamHealthHandler implements ICommandHandler<SampleStreamHealthCommand> {
  constructor(private readonly recorder: StreamRecorder) {}

  execute({ handle, sample, periodSeconds, context }: SampleStreamHealthCommand): Promise<StreamHandle> {
    return this.recorder.sample(handle, { type: 'SampleStreamHealth', sample, periodSeconds, at: context.now }, context);
  }
}
