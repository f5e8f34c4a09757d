import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Children } from '../api/children';
import type { GatewayBenchConfig } from './config';
import { latencyFigures } from '@glint/testing/gateway';
import type { ReceivedWindow } from './delivery-counter';
import type { GatewayWindow } from './gateway-process';
import { Link } from './link';
import type { PublisherResult, PublisherRun, PublisherTarget } from './publisher-process';
import type { ConnectReceivers } from './receivers-process';
import type { RelayWindow } from './bare-relay-process';
import type { PathName, PathResult } from './results';
import { measuredFrames, packetsInWindow } from './stream-shape';
import { countCpu } from '../api/process-cpu';

const GATEWAY = join(__dirname, 'gateway-process.ts');
const BARE_RELAY = join(__dirname, 'bare-relay-process.ts');
const PUBLISHER = join(__dirname, 'publisher-process.ts');
const RECEIVERS = join(__dirname, 'receivers-process.ts');
/** Half a second of frames after the window: its last packets meet the same load as its first. */
const COOL_DOWN_FRAMES = 15;
/** After the last frame, receivers are read once their count has not moved for this long. */
const SETTLED_AFTER_MS = 300;
const SETTLE_DEADLINE_MS = 5_000;

const log = (line: string) => process.stderr.write(`${line}\n`);

interface Started {
  child: ChildProcess;
  link: Link;
}

/** A benchmark script in a process of its own with an IPC channel; resolves once it says it is ready. */
async function start(children: Children, script: string, name: string, cpuProfileDir: string | null = null): Promise<Started> {
  const profiling = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  // stdout goes to stderr with the progress: the report's stdout carries only the report.
  const child = children.spawn(process.execPath, [...profiling, ...process.execArgv, script], { stdio: ['ignore', 2, 2, 'ipc'] });
  const link = new Link(child, name);
  await new Promise<void>((resolve, reject) => {
    link.handle('ready', () => resolve());
    child.once('exit', (code, signal) => {
      const reason = `exited with ${signal ?? `code ${code}`}`;
      link.abandon(reason);
      reject(new Error(`${name} ${reason}`));
    });
  });
  return { child, link };
}

/** `viewers` split as evenly as can be over the fewest processes of at most `perProcess` each. */
function split(viewers: number, perProcess: number): number[] {
  const processes = Math.ceil(viewers / perProcess);
  return Array.from({ length: processes }, (_, index) => Math.floor(((index + 1) * viewers) / processes) - Math.floor((index * viewers) / processes));
}

/** One path at one viewer count, on fresh processes stopped before this returns. */
export async function measurePath(children: Children, config: GatewayBenchConfig, path: PathName, viewers: number): Promise<PathResult> {
  const started: Started[] = [];
  const startChild = async (script: string, name: string, cpuProfileDir: string | null = null) => {
    const child = await start(children, script, name, cpuProfileDir);
    started.push(child);
    return child;
  };
  try {
    const server = path === 'glint' ? await startChild(GATEWAY, 'the gateway', config.cpuProfileDir) : await startChild(BARE_RELAY, 'the bare relay');
    const publisher = await startChild(PUBLISHER, 'the publisher');
    const groups = split(viewers, config.viewersPerProcess);
    const receivers: Started[] = [];
    for (let index = 0; index < groups.length; index++) receivers.push(await startChild(RECEIVERS, `receivers ${index + 1}`));

    const window = measuredFrames(config.warmupSeconds, config.seconds);
    const target: PublisherTarget = path === 'glint' ? { mode: 'webrtc' } : { mode: 'udp', port: await server.link.call<number>('port') };
    publisher.link.handle('publish', (body: { offer: string }) => server.link.call<string>('publish', body));
    for (const receiver of receivers) receiver.link.handle('watch', (body: { offer: string }) => server.link.call<string>('watch', body));
    log(`  ${path}, ${viewers} viewers: connecting the publisher and ${viewers} ${path === 'glint' ? 'WebRTC viewers' : 'UDP receivers'} in ${groups.length} process(es)…`);
    await publisher.link.call('connect', target);
    const connections = await Promise.all(
      receivers.map((receiver, index) => receiver.link.call<{ ports: number[] }>('connect', { mode: path === 'glint' ? 'webrtc' : 'udp', count: groups[index], window } satisfies ConnectReceivers)),
    );
    if (path === 'bare') await server.link.call('targets', { ports: connections.flatMap((connection) => connection.ports) });

    // CPU is read from /proc by this process at the publisher's window edges: a forwarder whose event
    // loop is behind would answer a message late, and measure a window other than the publisher's.
    const measuring = [server, ...receivers];
    let windowCpu: { stop: Array<() => number | null>; startedAt: number } | null = null;
    let cpuSeconds: Array<number | null> | null = null;
    let wallSeconds = 0;
    let serverCounters: Promise<ServerCounters> | null = null;
    let serverWindowStart: Promise<unknown> = Promise.resolve();
    publisher.link.handle('window-start', () => {
      windowCpu = { stop: measuring.map((child) => cpuOf(child.child.pid!)), startedAt: performance.now() };
      serverWindowStart = server.link.call('window-start');
      // Awaited after the run, which reports a failure; until then it must not count as unhandled.
      serverWindowStart.catch(() => undefined);
    });
    publisher.link.handle('window-end', () => {
      if (!windowCpu) throw new Error('the measured window ended before it started');
      cpuSeconds = windowCpu.stop.map((stop) => stop());
      wallSeconds = (performance.now() - windowCpu.startedAt) / 1000;
      serverCounters = server.link.call<ServerCounters>('window-end');
      serverCounters.catch(() => undefined);
    });
    log(`  ${path}, ${viewers} viewers: sending ${config.warmupSeconds} s of warm-up, then ${config.seconds} s measured…`);
    const sent = await publisher.link.call<PublisherResult>('run', { window, coolDownFrames: COOL_DOWN_FRAMES } satisfies PublisherRun);
    if (!cpuSeconds || !serverCounters) throw new Error('the publisher never ended the measured window');
    const [serverCpu, ...receiversCpu] = cpuSeconds as Array<number | null>;
    await serverWindowStart;
    const counters = await (serverCounters as Promise<ServerCounters>);
    await settled(receivers);
    const received = await Promise.all(receivers.map((receiver) => receiver.link.call<ReceivedWindow>('result')));
    if (sent.packetsInWindow !== packetsInWindow(window)) throw new Error(`the publisher sent ${sent.packetsInWindow} packets in the window, not ${packetsInWindow(window)}`);
    return pathResult(path, viewers, sent, { serverCpu, receiversCpu, wallSeconds }, counters, received);
  } finally {
    for (const child of started.reverse()) await children.stop(child.child);
  }
}

async function settled(receivers: Started[]): Promise<void> {
  const deadline = Date.now() + SETTLE_DEADLINE_MS;
  let last = -1;
  let unchangedSince = Date.now();
  while (Date.now() < deadline) {
    const counts = await Promise.all(receivers.map((receiver) => receiver.link.call<number>('received')));
    const total = counts.reduce((sum, count) => sum + count, 0);
    if (total !== last) {
      last = total;
      unchangedSince = Date.now();
    } else if (Date.now() - unchangedSince >= SETTLED_AFTER_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type ServerCounters = GatewayWindow | RelayWindow;

/** CPU seconds of a process (all its threads) from now until the returned function is called; null without /proc. */
function cpuOf(pid: number): () => number | null {
  const stop = countCpu(pid, undefined);
  return () => stop().server;
}

interface WindowCpu {
  serverCpu: number | null;
  receiversCpu: Array<number | null>;
  wallSeconds: number;
}

function pathResult(path: PathName, viewers: number, sent: PublisherResult, cpu: WindowCpu, counters: ServerCounters, received: ReceivedWindow[]): PathResult {
  const gateway = path === 'glint' ? (counters as GatewayWindow) : null;
  const relay = path === 'bare' ? (counters as RelayWindow) : null;
  if (cpu.serverCpu === null || cpu.receiversCpu.includes(null)) throw new Error('no CPU figures: the benchmark reads them from /proc (Linux)');
  return {
    viewers,
    expected: sent.packetsInWindow * viewers,
    received: received.reduce((sum, part) => sum + part.received, 0),
    worstViewerShare: Math.min(...received.map((part) => part.fewestByOneReceiver)) / sent.packetsInWindow,
    latency: latencyFigures(received.map((part) => part.histogram)),
    server: {
      cpuSeconds: cpu.serverCpu,
      wallSeconds: cpu.wallSeconds,
      ingestPackets: gateway?.ingestPackets ?? relay?.ingestPackets ?? 0,
      ingestProblems: gateway?.ingestLost ?? relay?.sendErrors ?? 0,
      rssBytes: gateway?.rssBytes ?? null,
    },
    receivers: { processes: cpu.receiversCpu.length, cpuSeconds: cpu.receiversCpu.reduce((sum: number, seconds) => sum + (seconds ?? 0), 0) },
    publisher: { cpuSeconds: sent.usage.cpuSeconds, latenessP99Ms: sent.lateness.p99Ms },
  };
}
