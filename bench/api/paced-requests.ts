import { Agent, request as httpRequest } from 'node:http';
import { LatencyRecorder, type Percentiles } from '../stats';

/**
 * Requests sent on a fixed schedule (an open loop): request i leaves at start + i/rate whether or
 * not earlier ones were answered, so a slow server meets the same arrivals a busy site brings, and
 * its stalls show in the latencies instead of quietly lowering the rate. autocannon's own
 * `overallRate` hands each connection its share at the start of every second, which measures
 * bursts rather than a steady 1,000 requests/s.
 */
export interface PacedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface PacedResult {
  /** Answered requests, whatever their status. */
  responses: number;
  errors: number;
  non2xx: number;
  /** What the first answer outside 2xx said: status and the start of its body. */
  firstNon2xx: string | null;
  /** From the first send to the last answer. */
  seconds: number;
  /** From handing the request to the client to the end of the answer, queueing for a socket included. */
  latency: Percentiles;
  /** How late requests left against their schedule: near zero when the generator kept the rate. */
  sendLag: Percentiles;
}

export interface PacedOptions {
  origin: URL;
  rate: number;
  seconds: number;
  request(index: number): PacedRequest;
  /** Called as request `index` leaves, with its `performance.now()`. */
  onSend?(index: number, sentAt: number): void;
  /** Called as request `index` finishes, with its status; null when it failed without an answer. */
  onResponse?(index: number, status: number | null): void;
}

/** Connections the generator may open when answers lag: beyond it requests wait for a socket, and that wait counts. */
const MAX_SOCKETS = 256;
const REQUEST_TIMEOUT_MS = 10_000;

export function sendPaced(options: PacedOptions): Promise<PacedResult> {
  const { origin, rate, seconds } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  const total = Math.max(1, Math.round(rate * seconds));
  const latency = new LatencyRecorder();
  const sendLag = new LatencyRecorder();
  let sent = 0;
  let finished = 0;
  let errors = 0;
  let non2xx = 0;
  let firstNon2xx: string | null = null;
  let lastAnswerAt = 0;
  const start = performance.now();
  const due = (index: number) => start + (index * 1000) / rate;

  return new Promise((resolve) => {
    const finish = (index: number, status: number | null) => {
      finished++;
      lastAnswerAt = performance.now();
      options.onResponse?.(index, status);
      if (finished < total) return;
      agent.destroy();
      resolve({ responses: total - errors, errors, non2xx, firstNon2xx, seconds: (lastAnswerAt - start) / 1000, latency: latency.percentiles(), sendLag: sendLag.percentiles() });
    };

    const send = (index: number) => {
      const { method, path, headers, body } = options.request(index);
      const sentAt = performance.now();
      sendLag.record(sentAt - due(index));
      options.onSend?.(index, sentAt);
      // A reset socket can fail a request after its answer began: each request finishes once.
      let answered = false;
      const answer = (status: number | null) => {
        if (answered) return;
        answered = true;
        if (status === null) errors++;
        else latency.record(performance.now() - sentAt);
        finish(index, status);
      };
      const outgoing = httpRequest({ agent, host: origin.hostname, port: origin.port, method, path, headers, timeout: REQUEST_TIMEOUT_MS }, (response) => {
        const status = response.statusCode ?? 0;
        if (status < 200 || status > 299) {
          non2xx++;
          if (firstNon2xx === null) {
            firstNon2xx = `${status}`;
            response.once('data', (chunk: Buffer) => (firstNon2xx = `${status} ${chunk.toString().slice(0, 300)}`));
          }
        }
        response.resume();
        response.on('end', () => answer(status));
        response.on('error', () => answer(null));
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')));
      outgoing.on('error', () => answer(null));
      outgoing.end(body);
    };

    const tick = () => {
      const now = performance.now();
      while (sent < total && due(sent) <= now) send(sent++);
      if (sent < total) setTimeout(tick, Math.max(0, due(sent) - performance.now()));
    };
    tick();
  });
}
