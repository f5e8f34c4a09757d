/**
 * The live phases of `npm run bench:projections`: the platform as `npm start` builds it, in this
 * process, on the benchmark's database. Settings as JSON in argv; the outcome goes to the parent.
 */
import { Client } from 'pg';
import type { EventStore } from '@glint/eventstore';
import type { ProjectionEngine } from '@glint/projection-engine';
import { EVENT_STORE, PROJECTION_ENGINE } from '@glint/runtime';
import { startPlatform } from '@glint/platform-app';
import { freePort } from '@glint/database';
import { runLivePhase, seedActors, statementsPerTitleChange, type LiveOutcome, type LiveSettings } from './live';

const CHATTERS = 20;

async function run(settings: LiveSettings): Promise<LiveOutcome> {
  const port = await freePort();
  const outOfReach = Object.fromEntries(['SIGN_IN_PER_ACCOUNT', 'SIGN_IN_PER_ADDRESS', 'REGISTRATION', 'FOLLOWS', 'CHAT_MESSAGES', 'SOCKET_CONNECTIONS'].map((name) => [`THROTTLE_${name}`, '1000000/1m']));
  const { app } = await startPlatform({
    PORT: String(port),
    DATABASE_URL: settings.databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    LOG_LEVEL: 'error',
    GATEWAY_UDP_PORT: String(await freePort()),
    GATEWAY_UDP_BIND: '127.0.0.1',
    THROTTLE_NAMESPACE: `bench-projections-${process.pid}`,
    ...outOfReach,
  });
  const admin = new Client({ connectionString: settings.databaseUrl });
  await admin.connect();
  try {
    const engine = app.get<ProjectionEngine>(PROJECTION_ENGINE, { strict: false });
    const store = app.get<EventStore>(EVENT_STORE, { strict: false });
    process.stderr.write('  signing up the bench channel and its chatters…\n');
    const actors = await seedActors(app, `http://127.0.0.1:${port}`, CHATTERS);
    const live = await runLivePhase(app, engine, store, actors, settings.rate, settings.seconds);
    process.stderr.write(`  counting statements over ${settings.titleChanges} title changes…\n`);
    const statements = await statementsPerTitleChange(app, engine, store, actors, admin, settings.database, settings.titleChanges);
    return { live, statements };
  } finally {
    await admin.end();
    await app.close();
  }
}

run(JSON.parse(process.argv[2]) as LiveSettings).then(
  (result) => process.send!({ ok: true, result }, () => process.exit(0)),
  (error: unknown) => process.send!({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
);
