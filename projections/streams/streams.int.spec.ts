import type { ProjectionEngine, ProjectionLogEntry } from '@glint/projection-engine';
import { listLiveStreams } from './live-listing';
import { engineFor, record, tableRows } from '@glint/testing/projections';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { streams } from './projection';
import { readBroadcastChannel, readChannelBroadcasts, readPastBroadcasts } from './queries';

const ANA = 'a0000000-0000-4000-8000-000000000001';
const BEN = 'b0000000-0000-4000-8000-000000000002';
const info = { title: 'Speedrun night', category: 'gaming', subcategory: 'Celeste', tags: ['speedrun', 'retro'], language: 'en', mature: false };
const media = { video: 'H264', audio: 'opus' };

const started = (channelId: string, username: string, sequence: number, startedAt: string) => ({
  type: 'StreamStarted',
  data: { streamId: `${channelId}-${sequence}`, channelId, channelUsername: username, sequence, gatewayId: 'gw-1', startedAt, ...info, media },
  occurredAt: startedAt,
});
const viewers = (channelId: string, sequence: number, current: number, peak: number) => ({
  type: 'ViewerCountSampled',
  data: { streamId: `${channelId}-${sequence}`, channelId, current, peak, average: 2.5, totalViews: 12, sampledAt: '2026-12-02T20:05:00.000Z' },
});
const ended = (channelId: string, sequence: number) => ({
  type: 'StreamEnded',
  data: {
    streamId: `${channelId}-${sequence}`,
    channelId,
    gatewayId: 'gw-1',
    reason: 'publisher_left',
    endedAt: '2026-12-02T21:00:00.000Z',
    durationSeconds: 3600,
    peakViewers: 9,
    averageViewers: 2.5,
    totalViews: 12,
    endedBy: null,
  },
});

describe('streams', () => {
  let opened: TestStore;
  let engine: ProjectionEngine;
  let errors: ProjectionLogEntry[];
  let head: number;

  beforeAll(async () => {
    opened = await openTestStore();
    ({ engine, errors } = engineFor(opened, [streams]));
    await opened.sql.query(`INSERT INTO gateway_heartbeats (gateway_id, base_url, started_at, beat_at) VALUES ('gw-1', 'http://127.0.0.1:1', now(), now())`);
    // Ana's first broadcast ended; her second is live and changed its title and tags; Ben is live, then deletes his account.
    await record(opened.store, `stream-${ANA}-1`, started(ANA, 'ana', 1, '2026-12-02T20:00:00.000Z'), viewers(ANA, 1, 4, 9), ended(ANA, 1));
    await record(
      opened.store,
      `stream-${ANA}-2`,
      started(ANA, 'ana', 2, '2026-12-02T22:00:00.000Z'),
      { type: 'StreamMetadataChanged', data: { streamId: `${ANA}-2`, channelId: ANA, changes: { title: 'Any% attempts', tags: ['speedrun'] } } },
      viewers(ANA, 2, 3, 5),
      viewers(ANA, 2, 2, 5),
    );
    await record(opened.store, `stream-${BEN}-1`, started(BEN, 'ben', 1, '2026-12-02T22:30:00.000Z'));
    head = await record(opened.store, `user-${BEN}`, { type: 'AccountDeleted', data: { userId: BEN, username: 'ben' } });
    await engine.catchUp('streams', head);
  });
  afterAll(async () => {
    await engine?.stop();
    await closeTestStore(opened ?? {});
  });

  it('keeps each channel’s broadcast count and current stream', async () => {
    expect(await tableRows(opened.sql, 'channel_broadcasts', 'channel_id')).toEqual([
      { channel_id: ANA, last_sequence: 2, live_stream_id: `${ANA}-2` },
      { channel_id: BEN, last_sequence: 1, live_stream_id: null },
    ]);
  });

  it('lists the live stream with its changed metadata and current viewers, and no deleted account’s', async () => {
    expect(await listLiveStreams(engine.entityManager(), { sort: 'viewers', limit: 10 })).toEqual({
      items: [
        {
          streamId: `${ANA}-2`,
          channelId: ANA,
          username: 'ana',
          title: 'Any% attempts',
          category: 'gaming',
          subcategory: 'Celeste',
          tags: ['speedrun'],
          language: 'en',
          mature: false,
          viewers: 2,
          peakViewers: 5,
          startedAt: new Date('2026-12-02T22:00:00.000Z'),
        },
      ],
      nextCursor: null,
    });
  });

  it('fills each broadcast’s history, totals once ended', async () => {
    expect((await opened.sql.query('SELECT stream_id, sequence, title, ended_at, end_reason, duration_seconds, peak_viewers, average_viewers, total_views FROM stream_history ORDER BY stream_id')).rows).toEqual([
      {
        stream_id: `${ANA}-1`,
        sequence: 1,
        title: 'Speedrun night',
        ended_at: new Date('2026-12-02T21:00:00.000Z'),
        end_reason: 'publisher_left',
        duration_seconds: 3600,
        peak_viewers: 9,
        average_viewers: 2.5,
        total_views: 12,
      },
      { stream_id: `${ANA}-2`, sequence: 2, title: 'Any% attempts', ended_at: null, end_reason: null, duration_seconds: null, peak_viewers: 0, average_viewers: 0, total_views: 0 },
      { stream_id: `${BEN}-1`, sequence: 1, title: 'Speedrun night', ended_at: null, end_reason: null, duration_seconds: null, peak_viewers: 0, average_viewers: 0, total_views: 0 },
    ]);
  });

  it('reads a channel’s broadcast on air and its ended ones, newest first, with the checkpoint they hold', async () => {
    const em = engine.entityManager();
    const first = {
      streamId: `${ANA}-1`,
      sequence: 1,
      title: 'Speedrun night',
      category: 'gaming',
      startedAt: new Date('2026-12-02T20:00:00.000Z'),
      endedAt: new Date('2026-12-02T21:00:00.000Z'),
      durationSeconds: 3600,
      peakViewers: 9,
      averageViewers: 2.5,
      endReason: 'publisher_left',
    };
    expect(await readChannelBroadcasts(em, ANA, 5)).toEqual({
      live: { streamId: `${ANA}-2`, title: 'Any% attempts', category: 'gaming', startedAt: new Date('2026-12-02T22:00:00.000Z'), viewers: 2 },
      recent: [first],
      checkpoint: head,
    });
    // Ben's broadcast never ended, and his deleted account left the air.
    expect(await readChannelBroadcasts(em, BEN, 5)).toEqual({ live: null, recent: [], checkpoint: head });
    expect(await readPastBroadcasts(em, ANA, { limit: 5 })).toEqual([first]);
    expect(await readPastBroadcasts(em, ANA, { limit: 5, beforeSequence: 1 })).toEqual([]);
    expect(await Promise.all([readBroadcastChannel(em, `${ANA}-2`), readBroadcastChannel(em, `${ANA}-3`)])).toEqual([ANA, null]);
  });

  it('rebuilds the same rows from the log', async () => {
    const tables = async () => [
      await tableRows(opened.sql, 'channel_broadcasts', 'channel_id'),
      await tableRows(opened.sql, 'live_streams', 'stream_id'),
      await tableRows(opened.sql, 'stream_history', 'stream_id'),
    ];
    const before = await tables();
    await engine.rebuild(['streams']);
    expect(await tables()).toEqual(before);
    expect(errors).toEqual([]);
  });
});
