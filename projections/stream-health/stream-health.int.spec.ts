import type { ProjectionEngine, ProjectionLogEntry } from '@glint/projection-engine';
import { engineFor, record, tableRows } from '@glint/testing/projections';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { streamHealth } from './projection';
import { readStreamHealth } from './queries';

const ANA = 'a0000000-0000-4000-8000-000000000001';
const BEN = 'b0000000-0000-4000-8000-000000000002';
const media = { video: 'H264', audio: 'opus' };

const started = (channelId: string, sequence: number) => ({
  type: 'StreamStarted',
  data: { streamId: `${channelId}-${sequence}`, channelId, channelUsername: 'x', sequence, gatewayId: 'gw-1', startedAt: '2026-12-02T20:00:00.000Z', title: 'Hi', category: 'gaming', subcategory: null, tags: [], language: 'en', mature: false, media },
});
const health = (channelId: string, sequence: number, sampledAt: string, bitrateKbps: number, packetsLost: number) => ({
  type: 'StreamHealthSampled',
  data: {
    streamId: `${channelId}-${sequence}`,
    channelId,
    sampledAt,
    periodSeconds: 5,
    bitrateKbps,
    packets: 900,
    packetsLost,
    nacks: packetsLost,
    keyframeRequests: 1,
    width: 1280,
    height: 720,
    videoCodec: 'H264',
    audioCodec: 'opus',
  },
});
const viewers = (channelId: string, sequence: number, current: number) => ({
  type: 'ViewerCountSampled',
  data: { streamId: `${channelId}-${sequence}`, channelId, current, peak: current, average: current, totalViews: current, sampledAt: '2026-12-02T20:00:07.000Z' },
});
const ended = (channelId: string, sequence: number) => ({
  type: 'StreamEnded',
  data: { streamId: `${channelId}-${sequence}`, channelId, gatewayId: 'gw-1', reason: 'publisher_left', endedAt: '2026-12-02T21:00:00.000Z', durationSeconds: 3600, peakViewers: 7, averageViewers: 5, totalViews: 9, endedBy: null },
});

describe('stream_health', () => {
  let opened: TestStore;
  let engine: ProjectionEngine;
  let errors: ProjectionLogEntry[];

  beforeAll(async () => {
    opened = await openTestStore();
    ({ engine, errors } = engineFor(opened, [streamHealth]));
    // Ana's first broadcast: a sample before anyone was counted, viewers, two more samples, the end.
    await record(
      opened.store,
      `stream-${ANA}-1`,
      started(ANA, 1),
      health(ANA, 1, '2026-12-02T20:00:05.000Z', 2500, 0),
      viewers(ANA, 1, 4),
      health(ANA, 1, '2026-12-02T20:00:10.000Z', 2400, 3),
      viewers(ANA, 1, 7),
      health(ANA, 1, '2026-12-02T20:00:15.000Z', 1800, 12),
      ended(ANA, 1),
    );
    // Ben's broadcast is on air, one viewer count behind its single sample's batch.
    const head = await record(opened.store, `stream-${BEN}-1`, started(BEN, 1), viewers(BEN, 1, 2), health(BEN, 1, '2026-12-02T20:00:05.000Z', 6000, 1));
    await engine.catchUp('stream_health', head);
  });
  afterAll(async () => {
    await engine?.stop();
    await closeTestStore(opened ?? {});
  });

  it('keeps every sample of a broadcast in the order taken, with the viewers counted before it', async () => {
    const samples = await readStreamHealth(engine.entityManager(), `${ANA}-1`, { limit: 10 });
    expect(samples.map(({ sampledAt, bitrateKbps, packetsLost, viewers: watching }) => ({ sampledAt: sampledAt.toISOString(), bitrateKbps, packetsLost, viewers: watching }))).toEqual([
      { sampledAt: '2026-12-02T20:00:05.000Z', bitrateKbps: 2500, packetsLost: 0, viewers: null },
      { sampledAt: '2026-12-02T20:00:10.000Z', bitrateKbps: 2400, packetsLost: 3, viewers: 4 },
      { sampledAt: '2026-12-02T20:00:15.000Z', bitrateKbps: 1800, packetsLost: 12, viewers: 7 },
    ]);
    expect(samples[0]).toMatchObject({ periodSeconds: 5, packets: 900, nacks: 0, keyframeRequests: 1, width: 1280, height: 720, videoCodec: 'H264', audioCodec: 'opus' });
    expect(samples[1].position).toBeGreaterThan(samples[0].position);
  });

  it('pages after a sample’s position, and keeps broadcasts apart', async () => {
    const em = engine.entityManager();
    const [first] = await readStreamHealth(em, `${ANA}-1`, { limit: 1 });
    expect((await readStreamHealth(em, `${ANA}-1`, { limit: 5, afterPosition: first.position })).map((sample) => sample.bitrateKbps)).toEqual([2400, 1800]);
    expect((await readStreamHealth(em, `${BEN}-1`, { limit: 5 })).map((sample) => [sample.bitrateKbps, sample.viewers])).toEqual([[6000, 2]]);
    expect(await readStreamHealth(em, `${BEN}-2`, { limit: 5 })).toEqual([]);
  });

  it('keeps the latest viewer count only while a broadcast is on air', async () => {
    expect(await tableRows(opened.sql, 'stream_health_viewers', 'stream_id')).toEqual([{ stream_id: `${BEN}-1`, viewers: 2 }]);
  });

  it('rebuilds the same rows from the log', async () => {
    const tables = async () => [await tableRows(opened.sql, 'stream_health_samples', 'stream_id, position'), await tableRows(opened.sql, 'stream_health_viewers', 'stream_id')];
    const before = await tables();
    expect(before[0]).toHaveLength(4);
    await engine.rebuild(['stream_health']);
    expect(await tables()).toEqual(before);
    expect(errors).toEqual([]);
  });
});
