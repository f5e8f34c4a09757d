import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Job, JobsOptions, Queue, Worker } from 'bullmq';
import type { RecordedEvent } from '@glint/eventstore';
import type { StreamStarted } from '@glint/streams';
import { NotifyFollowersCommand, type GoLiveOutcome } from './commands/notify-followers';

export const GO_LIVE_QUEUE = 'go-live-notifications';
export const NOTIFY_FOLLOWERS = 'notify-followers';

export interface NotifyFollowersJob {
  streamId: string;
}

/**
 * One job per stream, whatever replays its `StreamStarted`: BullMQ adds nothing under an id it
 * still holds. (BullMQ refuses `:` in a job id, hence the dash.)
 */
export const goLiveJobId = (streamId: string): string => `go-live-${streamId}`;

const HOUR_S = 3600;
export const GO_LIVE_JOB_OPTIONS: JobsOptions = {
  // 1, 2, 4, 8 s between tries: a mail service or Redis hiccup is over by then, or it is an outage.
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  // Kept for a day, so a replayed start within the day finds its job's id taken.
  removeOnComplete: { age: 24 * HOUR_S },
  removeOnFail: { age: 7 * 24 * HOUR_S },
};

/** The jobs a batch of the log asks for: one per stream that started. */
export function notifyFollowersJobs(events: readonly RecordedEvent[]) {
  return events
    .filter((event): event is RecordedEvent<'StreamStarted', StreamStarted['data']> => event.type === 'StreamStarted')
    .map((event) => ({ name: NOTIFY_FOLLOWERS, data: { streamId: event.data.streamId } satisfies NotifyFollowersJob, opts: { jobId: goLiveJobId(event.data.streamId) } }));
}

/** Adds the go-live jobs a batch of the log asks for. */
@Injectable()
export class GoLiveJobs {
  private readonly logger = new Logger('GoLiveJobs');

  constructor(@InjectQueue(GO_LIVE_QUEUE) readonly queue: Queue<NotifyFollowersJob, GoLiveOutcome>) {
    // The queue reports Redis trouble as 'error' events, which would crash the process unheard.
    queue.on('error', (error) => this.logger.error({ event: 'GoLive.Queue.Failed', reason: error.message }));
  }

  async enqueue(events: readonly RecordedEvent[]): Promise<void> {
    const jobs = notifyFollowersJobs(events);
    if (jobs.length > 0) await this.queue.addBulk(jobs);
  }
}

/** This process's worker on the go-live queue: each job is sent as a `NotifyFollowersCommand`. */
@Processor(GO_LIVE_QUEUE, { concurrency: 4 })
export class GoLiveWorker extends WorkerHost<Worker<NotifyFollowersJob, GoLiveOutcome>> {
  private readonly logger = new Logger('GoLiveWorker');

  constructor(private readonly commands: CommandBus) {
    super();
  }

  process(job: Job<NotifyFollowersJob, GoLiveOutcome>): Promise<GoLiveOutcome> {
    return this.commands.execute(new NotifyFollowersCommand(job.data.streamId, new Date()));
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<NotifyFollowersJob> | undefined, error: Error): void {
    this.logger.error({ event: 'GoLive.Job.Failed', jobId: job?.id, attempt: job?.attemptsMade, reason: error.message });
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.error({ event: 'GoLive.Worker.Failed', reason: error.message });
  }
}
