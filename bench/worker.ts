/**
 * One timed phase in a process of its own, started by bench/eventstore.ts. Each store gets a fresh
 * process: the peer's driver changes pg's global type parsers (int8 → BigInt) when it loads, which
 * must not leak into Glint's connections, and no phase inherits another's heap or JIT state.
 */
import { loadConfig } from './config';
import type { PhaseResult, StoreName, WorkloadName } from './stats';

export interface PhaseTask {
  workload: WorkloadName;
  store: StoreName;
  connectionString: string;
  serverPid?: number;
}

export type WorkerMessage = { ok: true; result: PhaseResult } | { ok: false; error: string };

async function runPhase(task: PhaseTask): Promise<PhaseResult> {
  const config = { ...loadConfig(), serverPid: task.serverPid };
  const { workload, store, connectionString } = task;
  if (store === 'glint') {
    const { GlintTarget } = await import('./stores/glint');
    const glint = new GlintTarget(connectionString);
    try {
      switch (workload) {
        case 'append_new_streams':
          return await (await import('./workloads/append-new-streams')).appendNewStreams(glint, config);
        case 'append_hot_streams':
          return await (await import('./workloads/append-hot-streams')).appendHotStreams(glint, config);
        case 'bulk_import':
          return await (await import('./workloads/bulk-import')).bulkImport(glint.eventStore, config);
        case 'read_all':
          return await (await import('./workloads/read-all')).readAll(glint.eventStore, config);
        case 'catch_up':
          return await (await import('./workloads/read-all')).catchUp(glint.eventStore, config);
      }
    } finally {
      await glint.close();
    }
  }
  if (store === 'emmett') {
    const { EmmettTarget } = await import('./stores/emmett');
    const emmett = new EmmettTarget(connectionString, config.concurrency);
    try {
      if (workload === 'append_new_streams') return await (await import('./workloads/append-new-streams')).appendNewStreams(emmett, config);
      if (workload === 'append_hot_streams') return await (await import('./workloads/append-hot-streams')).appendHotStreams(emmett, config);
    } finally {
      await emmett.close();
    }
  }
  if (store === 'bare_insert' && workload === 'append_new_streams') {
    const { BareInsertTarget } = await import('./stores/bare-insert');
    const bare = new BareInsertTarget(connectionString, config.concurrency);
    try {
      await bare.createTable();
      return await (await import('./workloads/append-new-streams')).appendNewStreams(bare, config);
    } finally {
      await bare.close();
    }
  }
  throw new Error(`No ${workload} workload for ${store}`);
}

function reply(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      process.stdout.write(`${JSON.stringify(message)}\n`);
      resolve();
      return;
    }
    process.send(message, () => resolve());
  });
}

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? '{}') as PhaseTask;
  let message: WorkerMessage;
  try {
    message = { ok: true, result: await runPhase(task) };
  } catch (error) {
    message = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  await reply(message);
  process.exit(message.ok ? 0 : 1);
}

void main();
