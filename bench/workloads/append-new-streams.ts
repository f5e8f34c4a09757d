import type { BenchConfig } from '../config';
import { Progress } from '../progress';
import { now, runCallers, startTiming } from '../runner';
import { LatencyRecorder, phaseResult, type PhaseResult } from '../stats';
import type { NewStreamTarget } from '../stores/targets';

/** (a) Appends of one event each, every one to a stream nobody wrote before, from 16 callers. */
export async function appendNewStreams(target: NewStreamTarget, config: BenchConfig): Promise<PhaseResult> {
  const { concurrency, warmupAppends, newStreamAppends: total } = config;
  await runCallers(warmupAppends, concurrency, (index) => target.appendToNewStream(`warmup-${index}`, index));

  const latency = new LatencyRecorder(total);
  const progress = new Progress(`(a) append_new_streams ${target.store}`, total);
  const stopTiming = startTiming(config.serverPid);
  try {
    await runCallers(total, concurrency, async (index) => {
      const began = now();
      await target.appendToNewStream(`channel-${index}`, index);
      latency.record(now() - began);
      progress.increment();
    });
  } finally {
    progress.stop();
  }
  const timing = stopTiming();
  return phaseResult('append_new_streams', target.store, total, timing, latency.summary('append of 1 event'));
}
