import { CommandBus } from '@nestjs/cqrs';
import type { INestApplication } from '@nestjs/common';
import type { Client } from 'pg';
import { SESSION_TOKEN_RESOLVER, actorOf, type PrincipalResolver, type UserPrincipal } from '@glint/access';
import { UpdateChannelInfoCommand } from '@glint/channels';
import { SendChatMessageCommand } from '@glint/chat';
import { commandContext } from '@glint/event-sourcing';
import type { EventStore, RecordedEvent } from '@glint/eventstore';
import type { Projection, ProjectionEngine } from '@glint/projection-engine';
import { LatencyRecorder, type Percentiles } from '../stats';
import { Progress } from '../progress';
import { seedChannel } from '../api/seed';

export interface LiveResult {
  commands: number;
  failed: number;
  firstFailure: string | null;
  seconds: number;
  eventsPerSecond: number;
  visible: Record<string, Percentiles>;
}

function handles(projection: Projection, type: string): boolean {
  return projection.allEvents !== undefined || Object.hasOwn(projection.handlers, type);
}

/** Commands sent and not yet answered, at most: past it the platform is not keeping up with the rate. */
const MAX_IN_FLIGHT = 200;

export interface Actors {
  owner: UserPrincipal;
  username: string;
  chatters: UserPrincipal[];
}

/** The bench channel and its chatters, signed up through the platform's HTTP API as people do. */
export async function seedActors(app: INestApplication, baseUrl: string, chatters: number): Promise<Actors> {
  const seeded = await seedChannel(baseUrl, chatters, () => undefined);
  const resolver = app.get<PrincipalResolver>(SESSION_TOKEN_RESOLVER, { strict: false });
  const principal = async (token: string) => {
    const resolved = await resolver.resolve(token);
    if (resolved?.kind !== 'user') throw new Error('A bench session token did not resolve to its user.');
    return resolved;
  };
  return { owner: await principal(seeded.ownerToken), username: seeded.username, chatters: await Promise.all(seeded.viewerTokens.map(principal)) };
}

export function changeTitle(commands: CommandBus, actors: Actors, title: string): Promise<unknown> {
  return commands.execute(new UpdateChannelInfoCommand(actors.owner, actors.username, { title }, commandContext(actorOf(actors.owner))));
}

/**
 * `ratePerSecond` commands a second for `seconds` through the platform's command bus: chat messages
 * from the chatters and, one in fifty, a title change by the owner. Meanwhile a subscription of its
 * own sees each event appended, and for every projection of its type times how long after the
 * append (its recorded time) the projection's position passed it.
 */
export async function runLivePhase(app: INestApplication, engine: ProjectionEngine, store: EventStore, actors: Actors, ratePerSecond: number, seconds: number): Promise<LiveResult> {
  const commands = app.get(CommandBus);
  const watched = engine.projections;
  const latency = new Map(watched.map((projection) => [projection.name, new LatencyRecorder(ratePerSecond * seconds)]));
  const queues = new Map<string, RecordedEvent[]>(watched.map((projection) => [projection.name, []]));
  const wakers = new Map<string, () => void>();
  let running = true;

  const subscription = store.subscribeToAll({ fromPosition: await store.headPosition(), batchSize: 1_000 });
  const reading = (async () => {
    for await (const batch of subscription) {
      for (const projection of watched) {
        const relevant = batch.filter((event) => handles(projection, event.type));
        if (relevant.length === 0) continue;
        queues.get(projection.name)!.push(...relevant);
        wakers.get(projection.name)?.();
      }
    }
  })();
  const timers = watched.map(async (projection) => {
    const queue = queues.get(projection.name)!;
    const recorder = latency.get(projection.name)!;
    while (running || queue.length > 0) {
      if (queue.length === 0) {
        await new Promise<void>((wake) => {
          wakers.set(projection.name, wake);
          setTimeout(wake, 100);
        });
        continue;
      }
      const upto = queue[queue.length - 1].position;
      await engine.catchUp(projection.name, upto);
      const at = Date.now();
      let done = 0;
      while (done < queue.length && queue[done].position <= upto) recorder.record(at - queue[done++].recordedAt.getTime());
      queue.splice(0, done);
    }
  });

  let sent = 0;
  let slots = 0;
  let failed = 0;
  let firstFailure: string | null = null;
  const inFlight = new Set<Promise<unknown>>();
  const total = ratePerSecond * seconds;
  const progress = new Progress('live: commands through the bus', total, 'commands');
  const started = performance.now();
  try {
    while (performance.now() - started < seconds * 1000) {
      // Paced by the clock: a command late behind its slot goes at once, so the rate holds on
      // average; with MAX_IN_FLIGHT unanswered the slot is lost, and the rate reached is reported.
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * ratePerSecond));
      for (; slots < due; slots++) {
        if (inFlight.size >= MAX_IN_FLIGHT) continue;
        const index = sent++;
        const command =
          index % 50 === 0
            ? changeTitle(commands, actors, `Live title ${index}`)
            : (() => {
                const chatter = actors.chatters[index % actors.chatters.length];
                return commands.execute(new SendChatMessageCommand(chatter, actors.username, `message ${index} from the bench`, commandContext(actorOf(chatter)), { readBack: false }));
              })();
        const tracked = command.then(
          () => progress.increment(),
          (error: unknown) => {
            failed++;
            firstFailure ??= error instanceof Error ? error.message : String(error);
          },
        );
        inFlight.add(tracked);
        void tracked.finally(() => inFlight.delete(tracked));
      }
      await new Promise((tick) => setTimeout(tick, 5));
    }
    await Promise.all(inFlight);
  } finally {
    progress.stop();
  }
  const elapsed = (performance.now() - started) / 1000;
  // Everything appended is waited for by the timers before they stop.
  await engine.waitFor('all', await store.headPosition());
  await new Promise((settle) => setTimeout(settle, 500));
  running = false;
  for (const wake of wakers.values()) wake();
  await Promise.all(timers);
  await subscription.stop();
  await reading;
  const visible = Object.fromEntries([...latency].map(([name, recorder]) => [name, recorder.percentiles()] as const).filter(([, percentiles]) => percentiles.count > 0));
  return { commands: sent, failed, firstFailure, seconds: elapsed, eventsPerSecond: (sent - failed) / elapsed, visible };
}

/** Statements the database ran per title change, everything running (projections, reactors, relay). */
export async function statementsPerTitleChange(app: INestApplication, engine: ProjectionEngine, store: EventStore, actors: Actors, admin: Client, database: string, changes: number): Promise<{ perChange: number; top: Array<{ calls: number; query: string }> }> {
  const commands = app.get(CommandBus);
  await engine.waitFor('all', await store.headPosition());
  await new Promise((settle) => setTimeout(settle, 1_000));
  await admin.query('SELECT pg_stat_statements_reset()');
  for (let index = 0; index < changes; index++) await changeTitle(commands, actors, `Counted title ${index}`);
  await engine.waitFor('all', await store.headPosition());
  await new Promise((settle) => setTimeout(settle, 1_000));
  const { rows } = await admin.query<{ calls: string; query: string }>(
    `SELECT s.calls, s.query FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = $1 AND s.toplevel AND s.query NOT ILIKE '%pg_stat_statements%'
      ORDER BY s.calls DESC`,
    [database],
  );
  const total = rows.reduce((sum, row) => sum + Number(row.calls), 0);
  return { perChange: total / changes, top: rows.slice(0, 25).map((row) => ({ calls: Number(row.calls), query: row.query.replace(/\s+/g, ' ').slice(0, 160) })) };
}

export interface LiveSettings {
  databaseUrl: string;
  database: string;
  rate: number;
  seconds: number;
  titleChanges: number;
}

export interface LiveOutcome {
  live: LiveResult;
  statements: { perChange: number; top: Array<{ calls: number; query: string }> };
}
