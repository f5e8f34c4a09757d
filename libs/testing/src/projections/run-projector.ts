import { PostgresEventStore } from '@glint/eventstore';
import { createProjectionEngine, jsonStderrLogger } from '@glint/projection-engine';
import { accountHistory } from '@glint/projections/account-history';
import { eventTally } from './event-tally';
import { slowedProjection } from './slowed-projection';

/**
 * A projector process for the kill-and-resume test: runs account_history and event_tally, each
 * slowed per event, prints "started" once running, and stops cleanly on SIGTERM.
 */
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is not set: the kill-and-resume test passes its test database.');
const delayMs = Number(process.env.GLINT_TEST_DELAY_PER_EVENT_MS ?? '0');
const store = new PostgresEventStore({ connectionString: databaseUrl });
const engine = createProjectionEngine({
  store,
  databaseUrl,
  projections: [slowedProjection(accountHistory, delayMs), slowedProjection(eventTally, delayMs)],
  batchSize: Number(process.env.GLINT_TEST_BATCH_SIZE ?? '50'),
  lockRetryMs: 100,
  errorRetryMs: 200,
  logger: jsonStderrLogger,
});

process.once('SIGTERM', () => {
  void engine
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});

void engine.start().then(() => process.stdout.write('started\n'));
