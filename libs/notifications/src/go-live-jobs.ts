import { Logger } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { Queue, Worker, type JobsOptions, type RedisOptions } from 'bullmq';
import type Redis from 'ioredis';
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
const JOB_OPTIONS: JobsOptions = {
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

/** How long a shutdown waits for BullMQ's close before dropping its connections. */
const CLOSE_GRACE_MS = 2_000;

/**
 * The go-live queue and this process's worker on it, which dispatches each job as a
 * `NotifyFollowersCommand`. One Redis may serve several Glint installations (staging beside
 * production, every test's platform): the jobs belong to the event log that asked for them, so the
 * queue's keys carry the name of the database that holds it. BullMQ gets connections of its own,
 * made like the shared one but waiting out a Redis outage (`maxRetriesPerRequest: null`), as its
 * blocking reads need.
 */
export class GoLiveJobs {
  private readonly logger = new Logger('GoLiveJobs');
  readonly queue: Queue<NotifyFollowersJob, GoLiveOutcome>;
  readonly worker: Worker<NotifyFollowersJob, GoLiveOutcome>;
  private running: Promise<void> | undefined;

  constructor(options: { redis: Redis; databaseName: string; commands: CommandBus; concurrency?: number }) {
    const { host, port, path, db, username, password, tls } = options.redis.options;
    const connection: RedisOptions = { host, port, path, db, username, password, tls, maxRetriesPerRequest: null };
    const prefix = `glint:${options.databaseName}`;
    this.queue = new Queue(GO_LIVE_QUEUE, { connection, prefix, defaultJobOptions: JOB_OPTIONS });
    this.worker = new Worker(GO_LIVE_QUEUE, (job) => options.commands.execute(new NotifyFollowersCommand(job.data.streamId, new Date())), { connection, prefix, autorun: false, concurrency: options.concurrency ?? 4 });
    // Both report Redis trouble as 'error' events, which would crash the process unheard.
    this.queue.on('error', (error) => this.logger.error({ event: 'GoLive.Queue.Failed', reason: error.message }));
    this.worker.on('error', (error) => this.logger.error({ event: 'GoLive.Worker.Failed', reason: error.message }));
    this.worker.on('failed', (job, error) => this.logger.error({ event: 'GoLive.Job.Failed', jobId: job?.id, attempt: job?.attemptsMade, reason: error.message }));
  }

  async enqueue(events: readonly RecordedEvent[]): Promise<void> {
    const jobs = notifyFollowersJobs(events);
    if (jobs.length > 0) await this.queue.addBulk(jobs);
  }

  start(): void {
    this.running ??= this.worker.run();
  }

  /**
   * Closes the worker without waiting for the jobs in hand, then the queue. A job cut off is retried
   * by another worker (every job is idempotent). After a Redis outage BullMQ's graceful close waited
   * on a connection that never answered again; a shutdown must not hang on it, so past a grace
   * period the connections are dropped.
   */
  async close(): Promise<void> {
    if (await finishesWithin(this.worker.close(true), CLOSE_GRACE_MS)) await finishesWithin(this.running ?? Promise.resolve(), CLOSE_GRACE_MS);
    else {
      this.logger.warn({ event: 'GoLive.Worker.ClosedByForce', reason: `the worker did not close within ${CLOSE_GRACE_MS} ms` });
      await this.worker.disconnect();
    }
    if (!(await finishesWithin(this.queue.close(), CLOSE_GRACE_MS))) await this.queue.disconnect();
  }
}

/** Whether `promise` settles within `ms`; a rejection counts as settled (the close is over either way). */
async function finishesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
