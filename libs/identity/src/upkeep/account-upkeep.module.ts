import { BullModule } from '@nestjs/bullmq';
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ProjectionEngine } from '@glint/projection-engine';
import { PROJECTION_ENGINE } from '@glint/runtime';
import { ACCOUNT_UPKEEP_JOB_OPTIONS, ACCOUNT_UPKEEP_QUEUE, AccountUpkeepJobs, AccountUpkeepWorker } from './account-upkeep-jobs';
import { accountUpkeepReactor } from './account-upkeep-reactor';

/**
 * The account upkeep: its reactor follows the log in one process at a time, every process runs a
 * worker on its queue. Run by the platform beside `IdentityModule`; the CLI does without.
 */
@Module({
  imports: [BullModule.registerQueue({ name: ACCOUNT_UPKEEP_QUEUE, defaultJobOptions: ACCOUNT_UPKEEP_JOB_OPTIONS })],
  providers: [AccountUpkeepJobs, AccountUpkeepWorker],
})
export class AccountUpkeepModule implements OnModuleInit {
  constructor(
    @Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine,
    private readonly jobs: AccountUpkeepJobs,
    private readonly commands: CommandBus,
  ) {}

  // Before the engine starts, at application bootstrap; it stops first at shutdown, the queue and the worker after.
  onModuleInit(): void {
    this.engine.addReactor(accountUpkeepReactor(this.jobs, this.commands));
  }
}
