import type { Client } from 'pg';
import type { EventStore, RecordedEvent } from '@glint/eventstore';
import type { ProjectionEngine, ProjectionEngineLogger, ProjectionLogEntry } from '../src';
import { ACCOUNT_HISTORY_ROWS_SQL, toAccountHistoryRows, type AccountHistoryRow } from './account-events';

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

export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function waitForCaughtUp(engine: ProjectionEngine, timeoutMs?: number): Promise<void> {
  await waitFor('the projections to catch up', async () => (await engine.lag()).every((lag) => lag.eventsBehind === 0), timeoutMs);
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
