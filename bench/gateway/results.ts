import type { LatencyFigures } from '@glint/testing/gateway';

export type PathName = 'glint' | 'bare';

/** One path (the gateway or the bare relay) at one viewer count, over the measured window. */
export interface PathResult {
  viewers: number;
  /** Packets the publisher sent in the window, times the viewers: what every viewer should have got. */
  expected: number;
  received: number;
  /** The share of the window's packets the worst-served viewer got. */
  worstViewerShare: number;
  latency: LatencyFigures;
  server: {
    cpuSeconds: number;
    wallSeconds: number;
    ingestPackets: number;
    /** Glint: packets lost between publisher and gateway; bare: sends that failed. */
    ingestProblems: number;
    rssBytes: number | null;
  };
  receivers: { processes: number; cpuSeconds: number };
  publisher: { cpuSeconds: number; latenessP99Ms: number };
}

export interface ViewerCountResult {
  viewers: number;
  glint: PathResult;
  bare: PathResult;
}

export const deliveredShare = (result: PathResult): number => (result.expected > 0 ? result.received / result.expected : 0);

/** Forwarded packets (the window's packets times the viewers they were sent to) per CPU-second of the forwarding process. */
export const packetsPerCpuSecond = (result: PathResult): number => (result.server.cpuSeconds > 0 ? result.expected / result.server.cpuSeconds : 0);

export const cpuPercent = (result: PathResult): number => (result.server.wallSeconds > 0 ? (100 * result.server.cpuSeconds) / result.server.wallSeconds : 0);
