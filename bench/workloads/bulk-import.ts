import type { BenchConfig } from '../config';
import { newEvent } from '../events';
import { Progress } from '../progress';
import { now, runCallers, startTiming } from '../runner';
import { LatencyRecorder, phaseResult, type PhaseResult } from '../stats';
import type { AppendRequest, EventStore } from '@glint/eventstore';

/**
 * (d) The path a migration from another platform takes: batches of 1,000 events (100 new streams
 * × 10 events) through appendMany, a couple of batches in flight. Each batch is built just before
 * it is sent, so at most `importInFlight` batches live in memory.
 */
export async function bulkImport(store: EventStore, config: BenchConfig): Promise<PhaseResult> {
  const batchSize = config.importStreamsPerBatch * config.importEventsPerStream;
  const batches = config.importEvents / batchSize;
  const importBatch = async (prefix: string, batch: number): Promise<void> => {
    const requests: AppendRequest[] = [];
    for (let stream = 0; stream < config.importStreamsPerBatch; stream++) {
      const streamName = `${prefix}-${batch}-${stream}`;
      const events = Array.from({ length: config.importEventsPerStream }, (_, sequence) => newEvent(streamName, sequence));
      requests.push({ streamName, events, expectedRevision: 'no_stream' });
    }
    const results = await store.appendMany(requests);
    const failed = results.find((result): result is Error => result instanceof Error);
    if (failed) throw new Error(`Import batch ${batch} failed: ${failed.message}`);
  };

  await runCallers(config.warmupImportBatches, config.importInFlight, (batch) => importBatch('warmup-import', batch));

  const latency = new LatencyRecorder(batches);
  const progress = new Progress('(d) bulk_import glint', config.importEvents);
  const stopTiming = startTiming(config.serverPid);
  try {
    await runCallers(batches, config.importInFlight, async (batch) => {
      const began = now();
      await importBatch('import', batch);
      latency.record(now() - began);
      progress.increment(batchSize);
    });
  } finally {
    progress.stop();
  }
  const timing = stopTiming();
  return phaseResult('bulk_import', 'glint', config.importEvents, timing, latency.summary(`appendMany of ${batchSize.toLocaleString('en-US')} events`), {
    batches_in_flight: config.importInFlight,
  });
}
