import { BullModule } from '@nestjs/bullmq';
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { ProjectionEngine } from '@glint/projection-engine';
import { PROJECTION_ENGINE } from '@glint/runtime';
import { NotifyFollowersHandler } from './commands/notify-followers';
import { GO_LIVE_JOB_OPTIONS, GO_LIVE_QUEUE, GoLiveJobs, GoLiveWorker } from './go-live-jobs';
import { goLiveReactor } from './go-live-reactor';

/**
 * Go-live notifications. One reactor across all processes, fed by the projection engine's reader,
 * turns each `StreamStarted` into a `notify-followers` job; every process runs a worker on the
 * queue, which sends each job as a `NotifyFollowersCommand`.
 */
@Module({
  imports: [BullModule.registerQueue({ name: GO_LIVE_QUEUE, defaultJobOptions: GO_LIVE_JOB_OPTIONS })],
  providers: [NotifyFollowersHandler, GoLiveJobs, GoLiveWorker],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    @Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine,
    private readonly jobs: GoLiveJobs,
  ) {}

  // Before the engine starts, at application bootstrap. The engine stops first of the shutdown; the
  // queue and the worker close after, at application shutdown, within their grace (see JobsModule).
  onModuleInit(): void {
    this.engine.addReactor(goLiveReactor(this.jobs));
  }
}
