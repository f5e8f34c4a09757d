import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Job, JobsOptions, Queue, Worker } from 'bullmq';
import { commandContext, systemActor } from '@glint/event-sourcing';
import type { RecordedEvent } from '@glint/eventstore';
import { PLATFORM_CONFIG, type PlatformConfig } from '@glint/runtime';
import { AbandonRegistrationCommand, type RegistrationClaim } from '../commands/abandon-registration';

export const ACCOUNT_UPKEEP_QUEUE = 'account-upkeep';
export const ABANDON_UNFINISHED_REGISTRATION = 'abandon-unfinished-registration';

export interface UnfinishedRegistrationJob {
  userId: string;
  claim: RegistrationClaim;
  /** The claim's event: the cause of whatever the job records. */
  claimEventId: string;
}

const HOUR_S = 3600;
export const ACCOUNT_UPKEEP_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  // Kept for a day, so a claim the reactor hands over again within the day finds its job's id taken.
  removeOnComplete: { age: 24 * HOUR_S },
  removeOnFail: { age: 7 * 24 * HOUR_S },
};

const CLAIM_KINDS: Record<string, RegistrationClaim['kind']> = { UsernameClaimed: 'username', EmailAddressClaimed: 'email_address' };

/**
 * One delayed job per claim a registration makes: when it runs, the registration has long
 * finished, or never will. (BullMQ refuses `:` in a job id, hence the dash.)
 */
export function unfinishedRegistrationJobs(events: readonly RecordedEvent[], delayMs: number) {
  return events.flatMap((event) => {
    const kind = CLAIM_KINDS[event.type];
    if (kind === undefined) return [];
    const data: UnfinishedRegistrationJob = { userId: (event.data as { userId: string }).userId, claim: { kind, stream: event.streamName }, claimEventId: event.id };
    return [{ name: ABANDON_UNFINISHED_REGISTRATION, data, opts: { jobId: `unfinished-registration-${event.id}`, delay: delayMs } }];
  });
}

@Injectable()
export class AccountUpkeepJobs {
  private readonly logger = new Logger('AccountUpkeepJobs');

  constructor(
    @InjectQueue(ACCOUNT_UPKEEP_QUEUE) readonly queue: Queue<UnfinishedRegistrationJob, boolean>,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    // The queue reports Redis trouble as 'error' events, which would crash the process unheard.
    queue.on('error', (error) => this.logger.error({ event: 'AccountUpkeep.Queue.Failed', reason: error.message }));
  }

  async enqueue(events: readonly RecordedEvent[]): Promise<void> {
    const jobs = unfinishedRegistrationJobs(events, this.config.unfinishedRegistrationAfterMs);
    if (jobs.length > 0) await this.queue.addBulk(jobs);
  }
}

/** This process's worker on the upkeep queue: each job is sent as an `AbandonRegistrationCommand`. */
@Processor(ACCOUNT_UPKEEP_QUEUE)
export class AccountUpkeepWorker extends WorkerHost<Worker<UnfinishedRegistrationJob, boolean>> {
  private readonly logger = new Logger('AccountUpkeepWorker');

  constructor(private readonly commands: CommandBus) {
    super();
  }

  process({ data }: Job<UnfinishedRegistrationJob, boolean>): Promise<boolean> {
    const context = commandContext(systemActor('account-upkeep'), { causationId: data.claimEventId });
    return this.commands.execute(new AbandonRegistrationCommand(data.userId, [data.claim], context));
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<UnfinishedRegistrationJob> | undefined, error: Error): void {
    this.logger.error({ event: 'AccountUpkeep.Job.Failed', jobId: job?.id, attempt: job?.attemptsMade, reason: error.name });
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.error({ event: 'AccountUpkeep.Worker.Failed', reason: error.message });
  }
}
