import type { Client } from 'pg';
import type { EventStore, RecordedEvent } from '@glint/eventstore';
import type { ProjectionEngine, ProjectionEngineLogger, ProjectionLogEntry } from '@glint/projection-engine';
import {
  ACCOUNT_HISTORY_ROWS_SQL,
  appendPlanned,
  expectedAccountHistory,
  planAccountEvents,
  toAccountHistoryRows,
  type AccountHistoryRow,
  type PlannedEvent,
} from './account-events';
import { seededRandom } from '../seeded-random';
import { until } from '../waiting';

export interface RecordingLogger extends ProjectionEngineLogger {
  entries: ProjectionLogEntry[];
  errors: ProjectionLogEntry[];
}

/** Keeps what the engine logs, so a test can assert on it and on the absence of errors. */
export function recordingLogger(): RecordingLogger {
  const entries: ProjectionLogEntry[] = [];
  const errors: ProjectionLogEntry[] = [];
  return {
    entries,
    errors,
    log: (entry) => entries.push(entry),
    error: (entry) => {
      entries.push(entry);
      errors.push(entry);
    },
  };
}

/** Until every projection of the engine holds the whole log; thousands of events may take a loaded machine a while. */
export async function waitForCaughtUp(engine: ProjectionEngine, timeoutMs = 30_000): Promise<void> {
  await until('the projections to catch up', async () => (await engine.lag()).every((lag) => lag.eventsBehind === 0), { timeoutMs });
}

export async function readWholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ fromPosition: events.length > 0 ? events[events.length - 1].position : 0, maxCount: 1000 });
    if (page.length === 0) return events;
    events.push(...page);
  }
}

export async function accountHistoryRows(sql: Client): Promise<AccountHistoryRow[]> {
  return toAccountHistoryRows((await sql.query(ACCOUNT_HISTORY_ROWS_SQL)).rows);
}

/**
 * Account events planned from a seed and appended as a test goes, with the account_history rows
 * they must produce: the oracle the engine's tests compare the read model against.
 */
export class AccountScenario {
  readonly planned: PlannedEvent[] = [];
  readonly random: () => number;

  constructor(
    private readonly users: string[],
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  /** Plans `count` more events and records them as planned, without appending them. */
  plan(count: number): PlannedEvent[] {
    const batch = planAccountEvents(count, this.users, this.random, this.planned.length);
    this.planned.push(...batch);
    return batch;
  }

  /** Plans and appends `count` more events; returns the position of the last. */
  append(store: EventStore, count: number): Promise<number> {
    return appendPlanned(store, this.plan(count));
  }

  /** The rows account_history must hold for everything appended, in the log's order. */
  async expectedRows(store: EventStore, log?: RecordedEvent[]): Promise<AccountHistoryRow[]> {
    return expectedAccountHistory(this.planned, log ?? (await readWholeLog(store)));
  }
}
