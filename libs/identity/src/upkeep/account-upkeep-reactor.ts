import type { CommandBus } from '@nestjs/cqrs';
import { commandContext, systemActor } from '@glint/event-sourcing';
import type { RecordedEvent } from '@glint/eventstore';
import type { LogReactor } from '@glint/projection-engine';
import { FinishAccountDeletionCommand } from '../commands/finish-account-deletion';
import type { AccountUpkeepJobs } from './account-upkeep-jobs';

/**
 * Finishes what a process that died between two steps left undone, fed by the projection engine's
 * reader (one instance active across all processes; its checkpoint is a row of
 * `reactor_checkpoints`):
 * - each username or address claim gets a delayed job that gives its registration up if none was
 *   recorded by then (`AbandonRegistrationCommand`);
 * - each `AccountDeleted` has its address released and its key destroyed here and now, before the
 *   checkpoint passes it (`FinishAccountDeletionCommand`, a no-op where the deletion got that far).
 * A batch handed over again after a crash repeats nothing: the jobs are keyed by their claim's
 * event, and finishing a deletion twice changes nothing.
 */
export function accountUpkeepReactor(jobs: AccountUpkeepJobs, commands: CommandBus): LogReactor {
  return {
    name: 'account_upkeep',
    lockName: 'glint.reactor.account_upkeep',
    checkpointTable: 'reactor_checkpoints',
    eventTypes: ['UsernameClaimed', 'EmailAddressClaimed', 'AccountDeleted'],
    react: async (events: readonly RecordedEvent[]) => {
      await jobs.enqueue(events);
      for (const event of events) {
        if (event.type !== 'AccountDeleted') continue;
        const context = commandContext(systemActor('account-upkeep'), { causationId: event.id });
        await commands.execute(new FinishAccountDeletionCommand((event.data as { userId: string }).userId, context));
      }
      return true;
    },
  };
}
