import type { RecordedEvent } from '@glint/eventstore';
import type { LogReactor } from '@glint/projection-engine';
import type { GoLiveJobs } from './go-live-jobs';

/**
 * Turns each `StreamStarted` into a `notify-followers` job, fed by the projection engine's reader.
 * One instance is active across all platform processes (the engine's lock); its checkpoint is a row
 * of `reactor_checkpoints`. A crash between queueing and storing the checkpoint queues those jobs
 * again, which adds nothing: a job's id is derived from its stream.
 */
export function goLiveReactor(jobs: GoLiveJobs): LogReactor {
  return {
    name: 'go_live_notifications',
    lockName: 'glint.reactor.go_live_notifications',
    checkpointTable: 'reactor_checkpoints',
    eventTypes: ['StreamStarted'],
    react: async (events: readonly RecordedEvent[]) => {
      await jobs.enqueue(events);
      return true;
    },
  };
}
