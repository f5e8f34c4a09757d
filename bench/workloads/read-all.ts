import type { BenchConfig } from '../config';
import { Progress } from '../progress';
import { now, startTiming } from '../runner';
import { LatencyRecorder, phaseResult, type PhaseResult } from '../stats';
import type { EventStore, RecordedEvent } from '@glint/eventstore';

/** Touches every event the way a projection would (type and data), so nothing is left lazily unread. */
function consume(events: RecordedEvent[]): number {
  let viewers = 0;
  for (const event of events) {
    if (event.type.length > 0) viewers += (event.data as { viewers?: number }).viewers ?? 0;
  }
  return viewers;
}

/** (c) Reads the whole log from position 0 to the head in pages of `readPageSize` events. */
export async function readAll(store: EventStore, config: BenchConfig): Promise<PhaseResult> {
  const head = await store.headPosition();
  consume(await store.readAll({ fromPosition: 0, maxCount: Math.min(config.readPageSize, 1_000) }));

  const latency = new LatencyRecorder(Math.ceil(head / config.readPageSize) + 16);
  const progress = new Progress('(c) read_all glint', head);
  let events = 0;
  let position = 0;
  const stopTiming = startTiming(config.serverPid);
  try {
    while (position < head) {
      const began = now();
      const page = await store.readAll({ fromPosition: position, maxCount: config.readPageSize });
      latency.record(now() - began);
      if (page.length === 0) break;
      consume(page);
      events += page.length;
      position = page[page.length - 1].position;
      progress.increment(page.length);
    }
  } finally {
    progress.stop();
  }
  const timing = stopTiming();
  return phaseResult('read_all', 'glint', events, timing, latency.summary(`readAll page of ${config.readPageSize.toLocaleString('en-US')}`), {
    head_position: head,
  });
}

/**
 * (c) A subscription from checkpoint 0 catching up over the same log; it stops once it has handed
 * over the event at the head position taken before it started.
 */
export async function catchUp(store: EventStore, config: BenchConfig): Promise<PhaseResult> {
  const head = await store.headPosition();
  const warmup = store.subscribeToAll({ fromPosition: 0, batchSize: Math.min(config.subscriptionBatchSize, 1_000) });
  for await (const batch of warmup) {
    consume(batch);
    break;
  }
  await warmup.stop();

  const latency = new LatencyRecorder(Math.ceil(head / config.subscriptionBatchSize) + 16);
  const progress = new Progress('(c) catch_up glint', head);
  let events = 0;
  const stopTiming = startTiming(config.serverPid);
  const subscription = store.subscribeToAll({ fromPosition: 0, batchSize: config.subscriptionBatchSize });
  try {
    let waitingSince = now();
    for await (const batch of subscription) {
      latency.record(now() - waitingSince);
      if (batch.length > 0) {
        consume(batch);
        events += batch.length;
        progress.increment(batch.length);
        if (batch[batch.length - 1].position >= head) break;
      }
      waitingSince = now();
    }
  } finally {
    progress.stop();
    await subscription.stop();
  }
  const timing = stopTiming();
  return phaseResult('catch_up', 'glint', events, timing, latency.summary(`wait for a batch of ${config.subscriptionBatchSize.toLocaleString('en-US')}`), {
    head_position: head,
  });
}
