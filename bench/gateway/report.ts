import { loadLine, machineJson, type MachineFacts } from '../run-facts';
import { formatInt, formatMs, renderTable, round } from '../stats';
import { RECEIVER_NICENESS, TARGETS, type GatewayBenchConfig } from './config';
import { cpuPercent, deliveredShare, packetsPerCpuSecond, type PathResult, type ViewerCountResult } from './results';
import { BITS_PER_SECOND, FRAMES_PER_SECOND, KEYFRAME_EVERY_FRAMES, PACKET_BYTES } from './stream-shape';

export type GatewayRunFacts = MachineFacts;

/** p99 latency past which a forwarder is taken to have fallen behind the publisher. */
const FELL_BEHIND_MS = 1_000;

const percentText = (share: number) => `${(100 * share).toFixed(share >= 0.9995 && share < 1 ? 3 : 2)}%`;
/**
 * Packets per CPU-second of a forwarder that kept up; null for one a second or more behind: it did
 * not forward the window's packets within the window, so its CPU-seconds and the packets counted
 * belong to different moments and the figure means nothing.
 */
const keptUpPacketsPerCpuSecond = (result: PathResult): number | null => (result.latency.p99Ms < FELL_BEHIND_MS ? packetsPerCpuSecond(result) : null);
const perCpuText = (result: PathResult): string => {
  const figure = keptUpPacketsPerCpuSecond(result);
  return figure === null ? 'fell behind' : formatInt(figure);
};
const ratio = (glint: PathResult, bare: PathResult): number | null => {
  const glintPerCpu = keptUpPacketsPerCpuSecond(glint);
  const barePerCpu = keptUpPacketsPerCpuSecond(bare);
  return glintPerCpu !== null && barePerCpu !== null && barePerCpu > 0 ? glintPerCpu / barePerCpu : null;
};

interface Check {
  key: string;
  label: string;
  shown: string;
  target: string;
  met: boolean | null;
}


function checks(results: ViewerCountResult[]): Check[] {
  const atTarget = results.find((result) => result.viewers === TARGETS.viewers);
  const glint = atTarget?.glint;
  return [
    {
      key: `delivered_${TARGETS.viewers}`,
      label: `delivered at ${TARGETS.viewers} viewers`,
      shown: glint ? percentText(deliveredShare(glint)) : 'n/a',
      target: `>= ${percentText(TARGETS.delivered)}`,
      met: glint ? deliveredShare(glint) >= TARGETS.delivered : null,
    },
    {
      key: `p99_ms_${TARGETS.viewers}`,
      label: `p99 latency at ${TARGETS.viewers} viewers`,
      shown: glint ? `${formatMs(glint.latency.p99Ms)} ms` : 'n/a',
      target: `< ${TARGETS.p99Ms} ms`,
      met: glint ? glint.latency.p99Ms < TARGETS.p99Ms : null,
    },
    {
      key: `pkts_per_cpu_s_${TARGETS.viewers}`,
      label: `packets per gateway CPU-s at ${TARGETS.viewers}`,
      shown: glint ? perCpuText(glint) : 'n/a',
      target: `>= ${formatInt(TARGETS.packetsPerCpuSecond)}`,
      met: glint && keptUpPacketsPerCpuSecond(glint) !== null ? packetsPerCpuSecond(glint) >= TARGETS.packetsPerCpuSecond : null,
    },
  ];
}

function summaryRow(result: ViewerCountResult): string[] {
  const { glint, bare } = result;
  const times = ratio(glint, bare);
  return [
    String(result.viewers),
    percentText(deliveredShare(glint)),
    formatMs(glint.latency.p50Ms),
    formatMs(glint.latency.p99Ms),
    `${cpuPercent(glint).toFixed(0)}%`,
    perCpuText(glint),
    perCpuText(bare),
    times === null ? 'n/a' : `${times.toFixed(2)}x`,
  ];
}

function detailRow(path: string, result: PathResult): string[] {
  const wall = result.server.wallSeconds;
  const notes = [
    `${formatInt(result.received)} of ${formatInt(result.expected)} packets`,
    `worst viewer ${percentText(result.worstViewerShare)}`,
    path === 'glint' ? `${formatInt(result.server.ingestProblems)} lost on the way in` : `${formatInt(result.server.ingestProblems)} failed sends`,
    `publisher lateness p99 ${formatMs(result.publisher.latenessP99Ms)} ms`,
  ];
  if (result.server.rssBytes !== null) notes.push(`RSS ${Math.round(result.server.rssBytes / 2 ** 20)} MiB`);
  return [
    String(result.viewers),
    path,
    percentText(deliveredShare(result)),
    formatMs(result.latency.p50Ms),
    formatMs(result.latency.p99Ms),
    formatMs(result.latency.maxMs),
    `${cpuPercent(result).toFixed(0)}%`,
    perCpuText(result),
    `${((100 * result.receivers.cpuSeconds) / wall).toFixed(0)}% in ${result.receivers.processes}`,
    `${((100 * result.publisher.cpuSeconds) / wall).toFixed(0)}%`,
    notes.join('; '),
  ];
}

/** The human-readable report: a summary row per viewer count, both paths in detail, then the targets. */
export function renderGatewayReport(results: ViewerCountResult[], config: GatewayBenchConfig, facts: GatewayRunFacts): string {
  const summary = renderTable(
    ['viewers', 'delivered', 'p50 ms', 'p99 ms', 'gateway cpu', 'pkts/cpu-s', 'bare pkts/cpu-s', 'glint/bare'],
    results.map(summaryRow),
    [true, true, true, true, true, true, true, true],
  );
  const details = renderTable(
    ['viewers', 'path', 'delivered', 'p50 ms', 'p99 ms', 'max ms', 'forwarder cpu', 'pkts/cpu-s', 'receivers cpu', 'publisher cpu', 'notes'],
    results.flatMap((result) => [detailRow('glint', result.glint), detailRow('bare', result.bare)]),
    [true, false, true, true, true, true, true, true, true, true, false],
  );
  const lines = [
    '',
    'Glint gateway benchmark: one publisher fanned out to WebRTC viewers on loopback, beside a bare Node UDP relay in the same run',
    `  ${facts.cores} cores, Node ${facts.node}; forwarder, publisher and receivers share these cores (CPU % is of one core); the receivers,`,
    `  which stand in for viewers on other machines, run at niceness ${RECEIVER_NICENESS} on both paths, so they yield the cores to the forwarder`,
    loadLine(facts),
    `  ${BITS_PER_SECOND / 1e6} Mbit/s of synthetic H.264 RTP: ${PACKET_BYTES}-byte packets, ${FRAMES_PER_SECOND} frames/s sent a frame at a time, a key frame every ${KEYFRAME_EVERY_FRAMES / FRAMES_PER_SECOND} s; ` +
      `${config.seconds} s measured after a ${config.warmupSeconds} s warm-up, per viewer count and path`,
    '  glint: the gateway\'s Broadcast class in a process of its own, offers over IPC instead of WHIP/WHEP: the same forwarding path',
    '         the HTTP gateway runs (SRTP in, key-frame gating and per-viewer rewriting, SRTP out, a UDP write per viewer)',
    '  bare:  a Node dgram socket sending each packet unchanged to a connected socket per receiver (plain UDP, no SRTP)',
    '  latency: from the publisher\'s send to the receiver\'s callback, across processes; pkts/cpu-s: packets x viewers over the forwarder\'s CPU-s',
    '  latency in seconds means a process fell behind and its queue grew (node-datachannel queues without bound): read the receivers\'',
    '  CPU beside the forwarder\'s; pkts/cpu-s holds only where the forwarder keeps up',
    '',
    summary,
    '',
    details,
    '',
    'Targets (all figures from this run)',
    ...checks(results).map((check) => `  ${check.label.padEnd(38)} ${check.shown.padStart(10)}   target ${check.target.padEnd(9)} ${check.met === null ? 'not measured (the gateway fell behind)' : check.met ? 'MET' : 'MISSED'}`),
    '',
    `Total run time: ${facts.seconds.toFixed(1)} s`,
  ];
  return lines.join('\n');
}

const nullableRound = (figure: number | null): number | null => (figure === null ? null : Math.round(figure));

function pathFigures(result: PathResult) {
  return {
    delivered: round(deliveredShare(result), 5),
    worst_viewer: round(result.worstViewerShare, 5),
    expected: result.expected,
    received: result.received,
    p50_ms: round(result.latency.p50Ms, 2),
    p99_ms: round(result.latency.p99Ms, 2),
    max_ms: round(result.latency.maxMs, 2),
    cpu_s: round(result.server.cpuSeconds, 3),
    cpu_percent: round(cpuPercent(result), 1),
    pkts_per_cpu_s: nullableRound(keptUpPacketsPerCpuSecond(result)),
    receivers_cpu_s: round(result.receivers.cpuSeconds, 3),
    receiver_processes: result.receivers.processes,
    publisher_cpu_s: round(result.publisher.cpuSeconds, 3),
    publisher_lateness_p99_ms: round(result.publisher.latenessP99Ms, 2),
    ingest_packets: result.server.ingestPackets,
    ingest_problems: result.server.ingestProblems,
    ...(result.server.rssBytes === null ? {} : { rss_mib: Math.round(result.server.rssBytes / 2 ** 20) }),
  };
}

/** The one-line JSON summary: every figure and ratio the report prints. */
export function gatewaySummaryJson(results: ViewerCountResult[], config: GatewayBenchConfig, facts: GatewayRunFacts): string {
  const viewers = Object.fromEntries(
    results.map((result) => {
      const glint = pathFigures(result.glint);
      const bare = pathFigures(result.bare);
      const times = ratio(result.glint, result.bare);
      return [
        String(result.viewers),
        {
          delivered: glint.delivered,
          p50_ms: glint.p50_ms,
          p99_ms: glint.p99_ms,
          cpu_percent: glint.cpu_percent,
          pkts_per_cpu_s: glint.pkts_per_cpu_s,
          bare_pkts_per_cpu_s: bare.pkts_per_cpu_s,
          glint_over_bare: times === null ? null : round(times, 3),
          glint,
          bare,
        },
      ];
    }),
  );
  const summary = {
    viewers,
    target_met: Object.fromEntries(checks(results).map((check) => [check.key, check.met])),
    run: {
      quick: config.quick,
      seconds: config.seconds,
      warmup_seconds: config.warmupSeconds,
      viewers_per_process: config.viewersPerProcess,
      bits_per_second: BITS_PER_SECOND,
      packet_bytes: PACKET_BYTES,
      frames_per_second: FRAMES_PER_SECOND,
      ...machineJson(facts),
    },
  };
  return JSON.stringify(summary);
}
