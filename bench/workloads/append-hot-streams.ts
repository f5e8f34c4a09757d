import type { BenchConfig } from '../config';
import { seededRandom } from '../events';
import { Progress } from '../progress';
import { now, runCallers, startTiming } from '../runner';
import { LatencyRecorder, phaseResult, type PhaseResult } from '../stats';
import type { ExpectedRevisionTarget } from '../stores/targets';

interface HotRun {
  attempts: number;
  conflicts: number;
}

/**
 * (b) Appends with the exact expected revision over a few hot streams (chat rooms of popular
 * channels). Each caller remembers the revision it last saw of each stream; on a conflict it learns
 * the actual revision and retries the same append. Every store gets the same stream picks.
 */
export async function appendHotStreams(target: ExpectedRevisionTarget, config: BenchConfig): Promise<PhaseResult> {
  const { concurrency, hotStreams, hotStreamAppends: total } = config;

  const warmupStreams = await createStreams(target, 'warmup-room', hotStreams);
  await runHot(target, warmupStreams, config.warmupAppends, concurrency, 7);

  const streams = await createStreams(target, 'room', hotStreams);
  const attemptLatency = new LatencyRecorder(total * 2);
  const operationLatency = new LatencyRecorder(total);
  const progress = new Progress(`(b) append_hot_streams ${target.store}`, total);
  const stopTiming = startTiming(config.serverPid);
  let run: HotRun;
  try {
    run = await runHot(target, streams, total, concurrency, 1, { attemptLatency, operationLatency, progress });
  } finally {
    progress.stop();
  }
  const timing = stopTiming();
  const operations = operationLatency.summary('operation');
  return phaseResult('append_hot_streams', target.store, total, timing, attemptLatency.summary('append attempt of 1 event'), {
    append_calls: run.attempts,
    conflicts_retried: run.conflicts,
    operation_p50_ms: operations.p50,
    operation_p99_ms: operations.p99,
  });
}

async function createStreams(target: ExpectedRevisionTarget, prefix: string, count: number): Promise<Map<string, number>> {
  const streams = new Map<string, number>();
  for (let index = 0; index < count; index++) {
    const name = `${prefix}-${index}`;
    streams.set(name, await target.createStream(name));
  }
  return streams;
}

async function runHot(
  target: ExpectedRevisionTarget,
  streams: Map<string, number>,
  total: number,
  concurrency: number,
  seed: number,
  measure?: { attemptLatency: LatencyRecorder; operationLatency: LatencyRecorder; progress: Progress },
): Promise<HotRun> {
  const names = [...streams.keys()];
  const callers = Array.from({ length: concurrency }, (_, caller) => ({ random: seededRandom(seed * 1000 + caller), known: new Map(streams) }));
  const run: HotRun = { attempts: 0, conflicts: 0 };
  await runCallers(total, concurrency, async (index, callerIndex) => {
    const caller = callers[callerIndex];
    const stream = names[Math.floor(caller.random() * names.length)];
    const operationStart = now();
    for (;;) {
      const expected = caller.known.get(stream) as number;
      const attemptStart = now();
      const result = await target.appendExpecting(stream, index, expected);
      measure?.attemptLatency.record(now() - attemptStart);
      run.attempts++;
      if (result.ok) {
        caller.known.set(stream, result.next);
        break;
      }
      run.conflicts++;
      caller.known.set(stream, await target.revisionAfterConflict(stream, expected, result.conflict));
    }
    measure?.operationLatency.record(now() - operationStart);
    measure?.progress.increment();
  });
  return run;
}
